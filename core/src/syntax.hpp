// Private: the part-of-speech tagger and the dependency parser, shared by
// parseSyntax() at run time and trainSyntax() at training time, so that both
// compute exactly the same features.
//
// The tagger is a greedy left-to-right averaged perceptron over joint
// (UPOS, XPOS) classes, with word, affix, shape, cluster, neighbour and
// previous-tag features. A model may tag twice (train-syntax --two-pass): the
// second pass also reads the first pass's tags of the word and the two after
// it ("to" before a verb is a particle, "that" before a noun a determiner),
// which a left-to-right pass cannot see. The parser is a greedy arc-eager transition parser
// (Nivre 2003) trained with a dynamic oracle (Goldberg & Nivre 2012): an
// averaged perceptron scores the four moves over the feature templates of
// Zhang & Nivre (2011) plus word clusters, and a second perceptron labels each
// arc when it is made. Every sentence costs O(n): 2n moves at most.
//
// Features are hashed to 32-bit keys. The shipped model keeps, per table,
// only keys with weights, quantized to int8 with one scale per table: the
// tagger and labeler rows are sparse (a class and a weight per entry, most
// rows have a few), the move rows dense (four weights beside the key in one
// 8-byte slot). Scores are summed in integers, so every platform gives the
// same parse.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner.hpp"
#include "wordclass.hpp"
#include "whosaid/document.hpp"
#include "whosaid/result.hpp"
#include "whosaid/syntax.hpp"

namespace whosaid::syn {

using ner::FlatMap;

// [SECTION] Classes

constexpr int kTagClasses = 60;  // joint (UPOS, XPOS) classes: 99.9 % of the treebank's words
enum Move : uint8_t { Shift = 0, Reduce = 1, LeftArc = 2, RightArc = 3 };
constexpr int kMoves = 4;
constexpr int kLabelClasses = kDeprelCount;  // the labeler scores Deprel values directly
static_assert(kTagClasses <= 64 && kLabelClasses <= 64, "a dense row holds every class");

// [SECTION] Tables

// key → a row of per-class weights; weight = q * scale. Short rows (most
// of them) are sparse, a class and a weight per entry; rows with many
// entries (the frequent features, read for most words) are kept dense, 64
// int8 weights in one cache line, and added without branches.
constexpr int kRowWidth = 64;  // classes a dense row holds (tag classes and relations fit)
struct SparseTable {
    static constexpr uint32_t kDense = 0x80000000u;  // index value flag: a dense row number
    static constexpr uint32_t kDenseFrom = 12;       // rows with this many entries or more are dense
    FlatMap index;                  // key → offset << 8 | count into entries, or kDense | dense row
    std::vector<uint16_t> entries;  // class | int8 weight << 8
    std::vector<int16_t> dense;     // kRowWidth weights per dense row (int8 values, int16 so they add in one step)
    float scale = 0.f;
    bool empty() const { return index.empty(); }
    // Builds the index from (key, offset << 8 | count) items into `entries`,
    // moving long rows into `dense`.
    void build(const std::vector<std::pair<uint32_t, uint32_t>>& items);
    // Calls f(key, class, q) for every entry, keys ascending, classes ascending.
    template <class F>
    void forEach(F&& f) const;
    void add(uint32_t key, int16_t* scores) const {
        const uint32_t v = index.find(key);
        if (v != UINT32_MAX) addRow(v, scores);
    }
    void addRow(uint32_t v, int16_t* __restrict scores) const {
        if (v & kDense) {
            const int16_t* __restrict r = dense.data() + static_cast<size_t>(v & ~kDense) * kRowWidth;
            for (int k = 0; k < kRowWidth; ++k) scores[k] += r[k];
            return;
        }
        const uint16_t* e = entries.data() + (v >> 8);
        for (uint32_t k = 0, n = v & 0xFF; k < n; ++k) scores[e[k] & 0xFF] += static_cast<int8_t>(e[k] >> 8);
    }
    void prefetch(uint32_t key) const { index.prefetch(key); }
    // A lookup in three steps, so that the cache misses of many keys (and of
    // many sentences parsed side by side) overlap: ask for the index slots,
    // then find the rows (asking for their weights), then add them.
    void prefetchKeys(const uint32_t* keys, int n) const {
        for (int k = 0; k < n; ++k) index.prefetch(keys[k]);
    }
    void findRows(const uint32_t* keys, int n, uint32_t* rows) const {
        for (int k = 0; k < n; ++k) {
            rows[k] = index.find(keys[k]);
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
            if (rows[k] == UINT32_MAX) continue;
            if (rows[k] & kDense) {
                __builtin_prefetch(dense.data() + static_cast<size_t>(rows[k] & ~kDense) * kRowWidth);
                __builtin_prefetch(dense.data() + static_cast<size_t>(rows[k] & ~kDense) * kRowWidth + 32);
            }
            else __builtin_prefetch(entries.data() + (rows[k] >> 8));
#endif
        }
    }
    // scores: kRowWidth entries. Sums stay far inside int16: a word has at most
    // kMaxTagFeatures features of at most 127 each.
    void addRows(const uint32_t* rows, int n, int16_t* scores) const {
        for (int k = 0; k < n; ++k)
            if (rows[k] != UINT32_MAX) addRow(rows[k], scores);
    }
    static constexpr int kMaxGather = 64;
    void addAll(const uint32_t* keys, int n, int16_t* scores) const {
        uint32_t rows[kMaxGather];
        prefetchKeys(keys, n);
        findRows(keys, n, rows);
        addRows(rows, n, scores);
    }
};

template <class F>
void SparseTable::forEach(F&& f) const {
    std::vector<std::pair<uint32_t, uint32_t>> items;
    for (const FlatMap::Slot& e : index.slots)
        if (e.key) items.push_back({e.key, e.value});
    std::sort(items.begin(), items.end());
    for (const auto& [key, v] : items) {
        if (v & kDense) {
            const int16_t* r = dense.data() + static_cast<size_t>(v & ~kDense) * kRowWidth;
            for (int c = 0; c < kRowWidth; ++c)
                if (r[c]) f(key, c, static_cast<int8_t>(r[c]));
        } else {
            for (uint32_t j = 0; j < (v & 0xFF); ++j) {
                const uint16_t e = entries[(v >> 8) + j];
                f(key, e & 0xFF, static_cast<int8_t>(e >> 8));
            }
        }
    }
}

// key → four int8 move weights, beside the key in one slot; weight = q * scale.
struct MoveTable {
    struct Slot {
        uint32_t key = 0;  // 0: empty
        int8_t w[kMoves] = {};
    };
    std::vector<Slot> slots;
    uint32_t mask = 0;
    float scale = 0.f;
    bool empty() const { return slots.empty(); }
    void add(uint32_t key, int32_t* scores) const {
        if (slots.empty()) return;
        for (uint32_t s = key & mask;; s = (s + 1) & mask) {
            const Slot& e = slots[s];
            if (e.key == key) {
                for (int k = 0; k < kMoves; ++k) scores[k] += e.w[k];
                return;
            }
            if (e.key == 0) return;
        }
    }
    void prefetch(uint32_t key) const {
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
        if (!slots.empty()) __builtin_prefetch(&slots[key & mask]);
#else
        (void)key;
#endif
    }
};

// Word clusters learned from unlabeled text: three levels, fine → coarse.
struct ClusterTable {
    FlatMap words;  // word key (exact, then lower-cased) → fine cluster id
    std::vector<uint16_t> parent[2];
    bool empty() const { return words.empty(); }
};

struct SyntaxModel {
    std::vector<std::pair<Upos, Xpos>> classes;  // tag class → (UPOS, XPOS)
    SparseTable tagger;
    SparseTable tagger2;  // the second pass; empty: one pass
    MoveTable moves;
    SparseTable labels;
    ClusterTable clusters;
    WordClassTable wordClasses;  // WordNet's parts of speech per word; empty: none (wordclass.hpp)
    std::string info;  // how it was trained
    bool empty() const { return classes.empty(); }
};

constexpr uint32_t kMagic = 0x58545357;  // "WSTX" little endian
// 2: the second tagger pass; 3: flags (bit 0 two passes, bit 1 WordNet word
// classes) and the word-class table. A model without word classes is written
// as version 1 or 2, byte for byte as before; all three are read.
constexpr uint32_t kFormatVersion = 3;
std::string serialize(const SyntaxModel& m);
[[nodiscard]] Result<SyntaxModel> deserialize(std::string_view bytes);

// [SECTION] Words

// What the features see of one word: hashes of its forms and its clusters.
struct WordAtoms {
    ner::WordHashes h;
    uint16_t cluster[3] = {ner::kNoCluster, ner::kNoCluster, ner::kNoCluster};
    uint16_t wordClass = 0;  // 0: the model has no word classes; else 0x100 | WordClassTable bits
};
WordAtoms wordAtoms(std::string_view form, const ClusterTable& clusters, const WordClassTable* classes = nullptr);
// The atoms of the root position (also what comes before the first word).
const WordAtoms& rootAtoms();

// A sentence as the tagger and parser see it. Position 0 is the root, the
// words are 1..n. `words[i]` points at the atoms of word i (shared per type).
struct SentenceInput {
    std::vector<const WordAtoms*> words;  // [0] = the root's
    std::vector<uint8_t> tag;             // tag class per position; root: kTagClasses
    std::vector<uint8_t> first;           // the first pass's tags, read by the second pass
    std::vector<uint32_t> type;           // the document's word type per position, for TypeScores (may be empty)
    uint32_t n() const { return static_cast<uint32_t>(words.size() - 1); }
};

// The tagger's scores of each word type's own features (tagWordFeatures),
// filled as types are met; types past done.size() are scored directly. One
// per pass: the passes weigh the same features differently.
struct TypeScores {
    std::vector<int16_t> scores;  // kRowWidth per type
    std::vector<uint8_t> done;
};
constexpr size_t kMaxCachedTypes = 1 << 16;  // 16 MB of scores at most

// [SECTION] Tagger features

constexpr int kMaxTagFeatures = 48;
// Keys of word i's features (1-based) given the tags already chosen for
// 1..i-1 in `s.tag`; returns how many. They are the word's own features (the
// same wherever the word occurs, cached per word type at run time) followed
// by its context's.
int tagFeatures(const SentenceInput& s, uint32_t i, uint32_t* out);
constexpr int kMaxTagWordFeatures = 16;
int tagWordFeatures(const WordAtoms& w, uint32_t* out);
int tagContextFeatures(const SentenceInput& s, uint32_t i, uint32_t* out);
// The second pass's features of word i beyond tagFeatures: the first pass's
// tags of i, i+1 and i+2 (s.first), alone and with their neighbours.
int tagRightFeatures(const SentenceInput& s, uint32_t i, uint32_t* out);

// [SECTION] Parser state

constexpr int32_t kNone = -1;

// An arc-eager configuration over positions 0 (root) .. n.
struct Config {
    uint32_t n = 0;
    std::vector<int32_t> stack;  // bottom: the root (0)
    uint32_t b = 1;              // buffer front; n + 1 when empty
    std::vector<int32_t> head;   // kNone until attached
    std::vector<uint8_t> label;  // Deprel
    std::vector<int32_t> lc1, lc2, rc1, rc2;  // leftmost two and rightmost two children
    std::vector<uint8_t> nl, nr;              // left and right child counts
    std::vector<uint64_t> lset, rset;         // labels of the left and right children, as bits
    bool rootTaken = false;                   // the root has its one child
    // parseSentence()'s cache of role scores, per (word or none, role)
    std::vector<std::array<int32_t, 4>> roleScore;
    std::vector<uint8_t> roleDone;

    void reset(uint32_t words);
    bool bufferEmpty() const { return b > n; }
    int32_t s0() const { return stack.back(); }
    bool can(Move m) const;
    // Applies m; `rel` labels the arc of LeftArc/RightArc (RightArc from the root is Root).
    void apply(Move m, Deprel rel);
    void attach(int32_t h, int32_t d, Deprel rel);
};

// The parser's features are of two kinds. Role features depend on one word
// and the role it fills in the configuration (stack top, buffer front, the
// stack top's head...): they are summed once per word and role, and cached.
// Conjunction features combine several words, distances, valencies and
// labels, and are looked up at every move.
enum Role : uint8_t { RS0, RN0, RN1, RN2, RS0h, RS0l, RS0r, RN0l, RS0h2, RS0l2, RS0r2, RN0l2, RS1, kRoles };
constexpr int kMaxRoleFeatures = 4;
// The word filling each role in c (kNone when none does).
void rolePositions(const Config& c, int32_t* pos);
int roleFeatures(Role r, int32_t x, const SentenceInput& s, uint32_t* out);
int conjFeatures(const Config& c, const SentenceInput& s, const int32_t* pos, uint32_t* out);
// All of a configuration's features: every role's, then the conjunctions.
constexpr int kMaxMoveFeatures = 112;
int moveFeatures(const Config& c, const SentenceInput& s, uint32_t* out);

constexpr int kMaxLabelFeatures = 32;
// Features for labeling the arc h → d about to be made in configuration c.
int labelFeatures(const Config& c, const SentenceInput& s, int32_t h, int32_t d, uint32_t* out);

// [SECTION] Run time

// Tags and parses one sentence: fills s.tag (1..n), and c.head (0 for the
// root, else a position 1..n) and c.label. Scratch space lives in `c`.
// `cache`, when given, is two TypeScores, one per pass.
void tagSentence(const SyntaxModel& m, SentenceInput& s, TypeScores* cache = nullptr);
void parseSentence(const SyntaxModel& m, const SentenceInput& s, Config& c);
// The same for `count` sentences side by side (at most kBatch): each step
// asks for the table entries of every sentence before it reads any, so that
// the memory latency of one sentence hides behind the others'. The results
// are those of the one-sentence functions.
constexpr int kBatch = 4;
void tagBatch(const SyntaxModel& m, SentenceInput* s, int count, TypeScores* cache);
void parseBatch(const SyntaxModel& m, const SentenceInput* s, Config* c, int count);
// Chooses the move: the best-scoring valid one; when none is valid the
// buffer is empty and the stack holds words without a head (see finish()).
Move bestMove(const int32_t* scores, const Config& c, bool& any);
// Attaches what is left without a head once the buffer is empty: the first
// such word becomes the root if there is none, the others its dependents.
void finish(const SyntaxModel* m, const SentenceInput& s, Config& c);
Deprel bestLabel(const int16_t* scores, bool fromRoot);

// Tags and parses every sentence of doc (tokens and sentences set).
// Sentences longer than kMaxParseWords are parsed in pieces.
constexpr uint32_t kMaxParseWords = 200;
void parseDocument(Document& doc, const SyntaxModel& m);
// Builds a MoveTable from (key, weights) items.
void buildMoveTable(MoveTable& t, const std::vector<MoveTable::Slot>& items);

// Morphology from the word and its tag (pronouns by form, nouns by XPOS).
uint8_t morphOf(std::string_view lowerForm, Upos upos, Xpos xpos);

} // namespace whosaid::syn
