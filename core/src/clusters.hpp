// Private: word clusters from unlabeled text, for the trainers of the entity
// tagger and of the syntax model. Words are represented by the words around
// them (the most frequent lower-cased forms to the left and right, PPMI
// weighted), projected to a few dimensions with random ±1 vectors, and grouped
// by spherical k-means at three granularities (fine → mid → coarse).
// Deterministic for the same sentences, in the same order, and seed.
//
// Usage:
//   ClusterCorpus corpus;
//   corpus.addText(article);                  // tokenized like annotate() does
//   corpus.addSentence({"The", "cat", "sat"}); // or pre-tokenized words
//   LearnedClusters c = corpus.learn(options, log);
//   // c.words: (key of the exact form | of the lower-cased form) → fine cluster
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ner.hpp"

namespace whosaid {

struct ClusterOptions {
    int minCount = 4;           // words seen fewer times get no cluster
    size_t maxWords = 40000;
    int contextWords = 600;     // most frequent lower-cased words used as contexts
    int dims = 96;              // random projection size
    int clusters[3] = {600, 150, 40};  // fine, mid, coarse
    int kmeansIterations = 8;
    uint32_t seed = 1;
};

struct LearnedClusters {
    // foldKey(mix(kSeedClusterExact, hashes.word)) and
    // foldKey(mix(kSeedClusterLower, hashes.lower)) → fine cluster id
    std::vector<std::pair<uint32_t, uint32_t>> words;
    std::vector<uint16_t> parent[2];  // fine → mid, mid → coarse
};

class ClusterCorpus {
public:
    // Tokenizes text as annotate() does; each of its sentences is added.
    void addText(std::string_view text);
    void addSentence(const std::vector<std::string_view>& forms);
    size_t tokens() const { return m_seq.size(); }
    // `log` gets printf-style progress (may be empty).
    LearnedClusters learn(const ClusterOptions& o, const std::function<void(const std::string&)>& log) const;

private:
    std::unordered_map<std::string, int> m_wordId, m_lowerId;
    std::vector<std::string> m_words, m_lowers;
    std::vector<int> m_wordLower;  // word id → lower id
    std::vector<uint32_t> m_wordCount, m_lowerCount;
    std::vector<int> m_seq;  // word ids, -1 between sentences
};

} // namespace whosaid
