// Private: the entity tagger (features, the compact model, decoding) shared by
// findEntities() at run time and trainNer() at training time, so that both
// compute exactly the same features.
//
// The tagger is an averaged structured perceptron over BILOU tags for PER, ORG,
// LOC and MISC, decoded per sentence with Viterbi and hard BILOU constraints.
// Features are hashed to 64 bits; the shipped model folds them to 32-bit keys
// in an open-addressing table pointing at int8 weight rows with a per-row scale.
//
// Document-level features come in two kinds: label-free ones computed before
// tagging (is this capitalized word also seen in lower case in the article?
// capitalized mid-sentence?), and a prediction history (how earlier sentences
// of the same article tagged the same word), updated sentence by sentence.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid::ner {

// [SECTION] Tags

// Tag 0 is O; then B, I, L, U for each of the four labels.
constexpr int kTags = 17;
constexpr int kEntityLabels = 4;  // PER ORG LOC MISC (Label values 0..3)
enum Part : int { PartB = 0, PartI = 1, PartL = 2, PartU = 3 };
constexpr int tagOf(Part p, int label) { return 1 + label * 4 + p; }
constexpr int tagLabel(int t) { return (t - 1) / 4; }
constexpr Part tagPart(int t) { return static_cast<Part>((t - 1) % 4); }
// `from` == -1 is the sentence start.
bool validTransition(int from, int to);
bool validEnd(int t);

// [SECTION] Hashing

constexpr uint64_t mix(uint64_t a, uint64_t b) {
    uint64_t z = a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
// The 32-bit key a feature gets in the shipped table (never 0: 0 marks empty slots).
constexpr uint32_t foldKey(uint64_t h) {
    const uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
    return k ? k : 1u;
}

// Normalized forms of one token, hashed. Curly quotes, primes and dashes are
// mapped to their ASCII forms so that CoNLL's "'s" and news "’s" look alike.
struct WordHashes {
    uint64_t word = 0;    // normalized form
    uint64_t lower = 0;   // lower-cased, digits → 0
    uint64_t shape = 0;   // Xxxx / dd-dd, runs capped at 3
    uint64_t shortShape = 0;  // Xx, d-d: runs collapsed
    uint64_t prefix[4] = {};  // lower-cased, 1..4 code points (0 when shorter)
    uint64_t suffix[4] = {};
    uint64_t afterHyphen = 0;  // lower-cased part after the last hyphen, 0 if none
    uint16_t flags = 0;
};
enum TokFlag : uint16_t {
    FInitCap = 1, FAllCaps = 2, FHasDigit = 4, FLower = 8, FPunct = 16, FHasUpper = 32, FHasLetter = 64,
};
// Hashes of a token's text (valid UTF-8). Tokens longer than 48 code points are
// cut for the affixes and the shape.
WordHashes hashWord(std::string_view token);
// The lower-cased normalized form as a string (used by the trainer's clusters).
std::string normalizeLower(std::string_view token);
std::string normalizeWord(std::string_view token);

// [SECTION] Compact tables

// An open-addressing map from nonzero 32-bit keys to 32-bit values.
struct FlatMap {
    // Key and value side by side: a lookup that hits costs one cache line, not two.
    struct Slot {
        uint32_t key = 0, value = 0;  // key 0 marks an empty slot
    };
    std::vector<Slot> slots;
    uint32_t mask = 0;
    void build(const std::vector<std::pair<uint32_t, uint32_t>>& items);
    bool empty() const { return slots.empty(); }
    // Returns the value or `missing`.
    uint32_t find(uint32_t key, uint32_t missing = UINT32_MAX) const {
        if (slots.empty()) return missing;
        for (uint32_t s = key & mask;; s = (s + 1) & mask) {
            const Slot& e = slots[s];
            if (e.key == key) return e.value;
            if (e.key == 0) return missing;
        }
    }
    // Starts loading the slot `key` probes first (a no-op where unsupported).
    void prefetch(uint32_t key) const {
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
        if (!slots.empty()) __builtin_prefetch(&slots[key & mask]);
#else
        (void)key;
#endif
    }
    size_t size() const;
};

// Gazetteer classes; a word or word sequence can be in several.
enum GazClass : int {
    GazCountry, GazCapital, GazDemonym, GazRegion, GazTitle, GazOrgSuffix, GazOrg, GazFirstName,
    GazPersonWord, GazCalendar,
    // WordNet's proper nouns by lexicographer file: people; places and natural
    // objects; groups and organizations; any other instance (a work, an event)
    GazWnPerson, GazWnPlace, GazWnOrg, GazWnOther, kGazClasses
};
constexpr int kGazMaxTokens = 6;

// Word clusters: three levels of granularity, fine → coarse.
constexpr int kClusterLevels = 3;
constexpr uint16_t kNoCluster = 0xFFFF;

// Seeds that keep the key spaces of the different tables apart.
constexpr uint64_t kSeedClusterExact = 0x11, kSeedClusterLower = 0x12, kSeedGaz = 0x13;

// [SECTION] The model

constexpr uint32_t kMagic = 0x524E5357;  // "WSNR" little endian
// Version 2 marks gazetteer prefixes (kGazContinues); version 1 files still load.
constexpr uint32_t kFormatVersion = 2;
constexpr uint32_t kOldestFormatVersion = 1;
// In a gazetteer value: some longer entry starts with this word sequence, so a
// match may go on (the low bits are GazClass bits, possibly none).
constexpr uint32_t kGazContinues = 1u << 31;

struct NerModel {
    // A feature's weights: kTags int8 values times `scale`. Scale and values
    // share one 32-byte row, so scoring a feature reads one cache line.
    struct alignas(32) Row {
        float scale = 0.f;
        int8_t w[kTags] = {};
    };
    FlatMap features;  // key → row
    std::vector<Row> rows;
    std::array<float, (kTags + 1) * kTags> transitions{};  // [from + 1][to]; from -1 = start
    FlatMap clusters;  // word key → fine cluster id
    std::vector<uint16_t> clusterParent[kClusterLevels - 1];  // fine → mid, mid → coarse
    FlatMap gazetteer;  // sequence key → class bit mask (| kGazContinues)
    bool gazPrefixes = false;  // kGazContinues is set (format 2): a match stops where no entry goes on
    std::string info;   // free text: how it was trained

    bool empty() const { return rows.empty(); }
    float transition(int from, int to) const { return transitions[(from + 1) * kTags + to]; }
};

// Serialization: magic, version, sections, checksum. load() copies out of `bytes`.
std::string serialize(const NerModel& m);
[[nodiscard]] Result<NerModel> deserialize(std::string_view bytes);

// [SECTION] Features

// One distinct token text of a document: its hashes and clusters, computed
// once however often the word occurs.
struct WordType {
    WordHashes h;
    uint16_t cluster[kClusterLevels] = {kNoCluster, kNoCluster, kNoCluster};
    uint32_t lowerId = 0;  // which of the document's distinct lower-cased forms it has
};

// Per-token information computed once per document. The hashes the
// neighbours' features read are copied here; the rest stay with the type.
struct TokenInfo {
    uint64_t lower = 0, shortShape = 0;  // WordHashes::lower, ::shortShape
    uint16_t flags = 0;                  // WordHashes::flags
    uint32_t type = 0;                   // index into DocFeatures::types
    uint32_t lowerId = 0;                // WordType::lowerId, for the per-document tables
    uint16_t cluster[kClusterLevels] = {kNoCluster, kNoCluster, kNoCluster};
    uint64_t gaz = 0;      // bit (class * 4 + part) for the longest match of each class: 40 bits
    uint8_t doc = 0;       // DocFlag bits
    bool candidate = false;  // may be inside a name; others are tagged O without scoring
    bool sentenceStart = false;
    bool headline = false;  // the sentence is in capitals (CoNLL headlines, titles)
};
enum DocFlag : uint8_t { DSeenLower = 1, DSeenCapMid = 2, DSeenInitial = 4 };

// Everything the features of one document need. Fill with prepare().
struct DocFeatures {
    std::vector<WordType> types;  // distinct token texts
    std::vector<TokenInfo> info;
    // prediction history: per token, the majority label (0 = O, 1+label) that
    // earlier sentences gave the same word, 0xFF when unseen.
    std::vector<uint8_t> history;
    // per lower-cased form (lowerId): counts of the labels predicted so far,
    // and whether any were (the form was seen capitalized in a tagged sentence)
    std::vector<std::array<uint16_t, 5>> histCounts;
    std::vector<uint8_t> histSeen;
    uint32_t lowerForms = 0;  // how many distinct lower-cased forms

    void clearHistory() {
        histCounts.assign(lowerForms, {});
        histSeen.assign(lowerForms, 0);
    }
};

// Fills df.info for doc (tokens and sentences set).
void prepare(const Document& doc, const NerModel& model, DocFeatures& df);

// Writes the feature hashes of token i into out (at most kMaxFeatures).
constexpr int kMaxFeatures = 128;
int features(const Document& doc, const DocFeatures& df, size_t i, uint64_t* out);
// The first features() writes, which depend on the token's text alone (the
// same for every occurrence of a word type); returns how many.
int wordFeatures(const WordHashes& h, uint64_t* out);
// The rest of features(): neighbours, clusters, gazetteer, document, history.
int contextFeatures(const Document& doc, const DocFeatures& df, size_t i, uint64_t* out);

// History: read before tagging a sentence, update after.
void readHistory(const Document& doc, DocFeatures& df, uint32_t sentence);
void updateHistory(const Document& doc, DocFeatures& df, uint32_t sentence, const uint8_t* tags);

// [SECTION] Decoding

// Best tag sequence for scores[n * kTags] under the BILOU constraints and the
// transition weights trans[(from + 1) * kTags + to]. `startFrom` is the tag
// before the sequence (-1 at a sentence start, 0 when an O token precedes);
// `followedByO` adds the transition into a following O token.
void viterbi(const float* scores, size_t n, const float* trans, int startFrom, bool followedByO, uint8_t* out);

// Tags every token of doc; tags.size() == doc.tokens.size().
void tagDocument(const Document& doc, const NerModel& m, std::vector<uint8_t>& tags);

// Turns BILOU tags into name mentions (fills doc.mentions).
void tagsToMentions(Document& doc, const std::vector<uint8_t>& tags);

} // namespace whosaid::ner
