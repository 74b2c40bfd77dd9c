// Private: the trained cue tagger. For every word token it scores "is this
// token (part of) an attribution cue?" — the long tail a lexicon misses
// ("blocked", "signed", "advocates", "endorsement") and the lexicon words
// that are not cues in context ("called it a day", "the attack").
//
// A binary averaged perceptron over hashed features (word, suffixes, shape,
// neighbours, the team's cue lexicon, name mentions around the token, a
// following "that"/quotation mark). findQuotes() and trainCueTagger() share
// cueFeatures(), so training and run time compute exactly the same features.
//
// The model file (assets/quotes.bin):
//   "WSQM" | u32 version | u32 bits | f32 addThreshold | f32 dropThreshold |
//   f32 scale | i16 weights[1 << bits] | u32 FNV-1a checksum of all before
// little-endian. Weights are quantized to int16 (weight = q * scale).
//
// Usage:
//   Result<QuoteModel> m = qm::deserialize(bytes);
//   const DocWords words(doc);
//   prepareCueInput(doc, words, isName, classes);
//   CueInput in{doc, words, isName, classes};
//   float s = m->score(in, i);   // > m->addThreshold: a cue
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {
class DocWords;  // words.hpp
}

namespace whosaid::qm {

constexpr uint32_t kFormatVersion = 1;
constexpr int kMaxFeatures = 40;

// What the features see of a document: its tokens, their lowercase forms and
// word hashes (DocWords), which tokens are inside a name mention, and per token
// a coarse class (filled once per document by prepareCueInput(), so scoring a
// token costs no string hashing of its neighbours).
struct CueInput {
    const Document& doc;
    const DocWords& words;
    const std::vector<uint8_t>& isName;
    const std::vector<uint8_t>& tokenClass;
};

// Fills `tokenClass` for CueInput from the tokens, their words and `isName`.
void prepareCueInput(const Document& doc, const DocWords& words, const std::vector<uint8_t>& isName,
                     std::vector<uint8_t>& tokenClass);

// Hashed feature ids (before folding to the table size) of token i; returns how many.
int cueFeatures(const CueInput& in, uint32_t i, uint32_t* out);

struct QuoteModel {
    uint32_t bits = 0;               // table size 1 << bits; 0 = empty model
    float addThreshold = 0.f;        // a word outside the lexicon scoring above this is a cue
    float dropThreshold = -1e9f;     // a lexicon word scoring below this is not a cue here
    std::vector<float> weights;

    bool empty() const { return weights.empty(); }
    // The raw score of token i (0 for an empty model).
    float score(const CueInput& in, uint32_t i) const;
};

// Serialized bytes as described above (weights quantized).
std::string serialize(const QuoteModel& m);
// Fails with a message naming the problem on short, foreign, wrong-version or corrupt bytes.
[[nodiscard]] Result<QuoteModel> deserialize(std::string_view bytes);

// [SECTION] Training

struct CueTrainOptions {
    int epochs = 6;
    uint32_t seed = 7;
    uint32_t bits = 18;
    float addThreshold = 0.f;
    float dropThreshold = -1e9f;
};

// Trains on annotated documents (tokens and name mentions from annotate())
// whose `quotes` hold the gold attributions: a word token is positive when it
// overlaps a gold cue span. Deterministic for a given seed and document order.
QuoteModel trainCueTagger(const std::vector<Document>& docs, const CueTrainOptions& options);

// Per token: 1 inside a name mention (the trainer's view of CueInput::isName).
void cueNameFlags(const Document& doc, std::vector<uint8_t>& isName);

} // namespace whosaid::qm
