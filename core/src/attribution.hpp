// Private: the learned attribution model on the dependency tree. For the
// claim finder (quotes.cpp) it answers four questions, each with a logistic
// regression over hashed features of the tree around a word:
//
//   cue      is this word the head of an attribution cue ("said", "according",
//            "statement", "believes", a colon)?
//   cueArm   does this dependent of a cue belong to the cue ("has said",
//            "said in a statement", "pointed out")?
//   content  does this dependent's subtree belong to what is attributed
//            (the complement clause, the object and its complement), or, for
//            a cue inside the clause it reports ("…, she said"), does the rest
//            of the governing clause?
//   source   is this word the head of the source ("the minister", "X" of
//            "according to X", "the senator's" of "the senator's statement"),
//            and which of its dependents belong to the source's words?
//   verify   is the whole reading (cue, content, source) an attribution? It
//            sees the parts together ("boarded a bus" has a cue-like verb and
//            an object, and is none), and its probability is the claim's
//            confidence. It is trained on readings of documents the other
//            questions' weights did not see (k-fold), as at run time.
//
// findQuotes() and trainAttribution() share the features, so training and run
// time compute exactly the same ones. Probabilities are calibrated on held-out
// folds of the training data by the trainer (a per-task scale and offset).
//
// The model file (assets/quotes.bin):
//   "WSAM" | u32 version | u32 bits | f32 scale | per task: f32 a, f32 b, f32 threshold |
//   i16 weights[1 << bits] | u32 FNV-1a checksum of all before
// little-endian; weight = q * scale, p = sigmoid(a * score + b).
#pragma once

#include <array>
#include <tuple>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"
#include "syntax.hpp"
#include "whosaid/syntax.hpp"

namespace whosaid {
class DocWords;  // words.hpp
}

namespace whosaid::attr {

enum Task : uint8_t { Cue, CueArm, Content, ContentUp, SourceHead, SourceArm, Verify, kTasks };
constexpr uint32_t kFormatVersion = 3;
// How a claim was found, for the calibration of its confidence (quotes.cpp
// decides the kind): each kind has its own mapping, fitted on training data.
constexpr int kClaimKinds = 32;
constexpr int kMaxFeatures = 48;

// The tree as the features read it: per token its children (in order), the
// hull of its subtree, and flags set by the claim finder.
struct Tree {
    const Document& doc;
    const DocWords& words;
    std::vector<uint32_t> childStart, children;  // CSR: children of t are children[childStart[t] .. childStart[t + 1])
    std::vector<uint32_t> left, right;           // leftmost and rightmost token of t's subtree
    std::vector<uint8_t> inQuote;                // inside quotation marks
    std::vector<uint8_t> mention;                // 0 none, 1 + Label of a name mention covering the token
    std::vector<uint16_t> cluster[2];            // word clusters (fine, mid) of the syntax model; 0xFFFF: none
    // `syntax` gives the clusters; null: none (the cluster features are then constant).
    Tree(const Document& d, const DocWords& w, const syn::SyntaxModel* syntax);
    uint32_t n() const { return static_cast<uint32_t>(left.size()); }
    int32_t head(uint32_t t) const { return doc.tokens[t].head; }
    Deprel rel(uint32_t t) const { return static_cast<Deprel>(doc.tokens[t].deprel); }
    Upos upos(uint32_t t) const { return static_cast<Upos>(doc.tokens[t].upos); }
    template <class F>
    void eachChild(uint32_t t, F&& f) const {
        for (uint32_t k = childStart[t]; k < childStart[t + 1]; ++k) f(children[k]);
    }
    // The first child of t with relation r (universal part), or -1.
    int32_t child(uint32_t t, Deprel r) const;
};

struct AttrModel {
    uint32_t bits = 0;  // 0: empty
    float scale = 0.f;
    struct Calibration {
        float a = 1.f, b = 0.f;   // p = sigmoid(a * score + b)
        float threshold = 0.5f;   // the probability above which the answer is yes (tuned on dev)
    };
    std::array<Calibration, kTasks> cal{};
    // per claim kind: confidence = sigmoid(a * logit(raw) + b); {1, 0} leaves it as it is
    std::array<std::array<float, 2>, kClaimKinds> claimCal = [] {
        std::array<std::array<float, 2>, kClaimKinds> c{};
        for (auto& x : c) x = {1.f, 0.f};
        return c;
    }();
    std::vector<int16_t> weights;
    bool empty() const { return weights.empty(); }
    float raw(const uint32_t* keys, int n) const;
    float prob(Task t, const uint32_t* keys, int n) const;
    float calibrated(int kind, float raw) const;
};

// Fits claimCal from (kind, raw confidence, correct) triples of claims found
// on training documents: a logistic regression on logit(raw) per kind (kinds
// with fewer than 40 claims keep the identity).
void fitClaimCalibration(AttrModel& m, const std::vector<std::tuple<int, float, bool>>& claims);

std::string serialize(const AttrModel& m);
[[nodiscard]] Result<AttrModel> deserialize(std::string_view bytes);

// Feature keys (before folding to the table) of each task; return how many.
int cueFeatures(const Tree& tr, uint32_t h, uint32_t* out);
int cueArmFeatures(const Tree& tr, uint32_t h, uint32_t c, uint32_t* out);
int contentFeatures(const Tree& tr, uint32_t h, uint32_t c, uint32_t* out);
int contentUpFeatures(const Tree& tr, uint32_t h, uint32_t* out);  // the clause that governs cue h
// x: a candidate source head for cue h; how: how x relates to h (SourceWay)
enum class SourceWay : uint8_t { Subject, PassiveAgent, Possessor, AccordingTo, Inherited, Object, Other };
int sourceHeadFeatures(const Tree& tr, uint32_t h, uint32_t x, SourceWay how, uint32_t* out);
int sourceArmFeatures(const Tree& tr, uint32_t s, uint32_t c, uint32_t* out);

// Candidate source heads of cue h and how each relates to it.
void sourceCandidates(const Tree& tr, uint32_t h, std::vector<std::pair<uint32_t, SourceWay>>& out);

// Is token t a candidate cue head (a word, or a colon)?
bool cueCandidate(const Tree& tr, uint32_t t);

// [SECTION] Extraction

// One attribution read off the tree; token ranges are inclusive.
struct Reading {
    uint32_t cue = 0;                // the cue's head token
    uint32_t cueFirst = 0, cueLast = 0;
    uint32_t contentFirst = 0, contentLast = 0;
    int32_t sourceFirst = -1, sourceLast = -1, sourceHead = -1;
    // the last word of what names the speaker within the source: the head's
    // name or noun, or the name in apposition to a title ("the spokeswoman,
    // Ines Carvalho, ...")
    int32_t sourceCore = -1;
    SourceWay sourceWay = SourceWay::Other;
    bool governor = false;           // the content is the clause governing the cue ("…, she said")
    uint8_t contentRel = 0;          // Deprel of the first dependent taken as content (governor: the cue's own)
    uint8_t contentParts = 0;        // how many dependents make the content
    float pCue = 0.f, pSource = 0.f;
};
int verifyFeatures(const Tree& tr, const Reading& r, uint32_t* out);
// The verifier's probability for a reading.
float verify(const Tree& tr, const AttrModel& m, const Reading& r);

// Reads the attribution of cue head h: its cue words, content and source.
// False when it has no content. `blocked` tokens (taken by other claims,
// inside quotations) never join the content or the source.
bool read(const Tree& tr, const AttrModel& m, uint32_t h, const std::vector<uint8_t>& blocked, Reading& out);

// [SECTION] Training

struct AttrTrainOptions {
    const syn::SyntaxModel* syntax = nullptr;  // the clusters the features read (the pipeline's)
    int epochs = 6;
    int folds = 3;               // for the verifier's readings
    float readFrom = 0.05f;      // cue probability from which a word is read for the verifier
    std::array<float, kTasks> thresholds{0.5f, 0.5f, 0.5f, 0.5f, 0.3f, 0.5f, 0.5f};  // used when reading
    uint32_t seed = 7;
    uint32_t bits = 19;
    float l2 = 1e-6f;
    float rate = 0.2f;
};

// Documents annotated by the pipeline (tokens, syntax, names) whose `quotes`
// hold the gold attributions. Deterministic for a seed and document order.
// `stats` (optional) gets a summary line per task.
AttrModel trainAttribution(const std::vector<Document>& docs, const AttrTrainOptions& o, std::string* stats = nullptr);

} // namespace whosaid::attr
