// whosaid/ner_train.hpp — trains the entity tagger that Model::load() reads.
//
// Pure computation: the caller (shell/train_ner.cpp) reads the corpora and the
// word lists and writes the returned bytes to assets/ner.bin. The result is
// deterministic for the same inputs and seed (one thread, a seeded mt19937).
//
// Steps: word clusters from unlabeled text (context vectors → random
// projection → spherical k-means at three granularities), gazetteers from the
// lists given, then an averaged structured perceptron over BILOU tags, then
// pruning and int8 quantization of the weights.
//
// Usage:
//   NerTrainOptions o;
//   o.unlabeled = texts;  o.gazetteers = lists;  o.log = [](auto& s) { puts(s.c_str()); };
//   Result<std::string> bytes = trainNer(docs, o);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

// One training document: the text and its name mentions (UTF-8 byte spans,
// labels PER/ORG/LOC/MISC).
struct NerTrainDoc {
    std::string text;
    std::vector<Mention> names;
};

// A word list for one gazetteer class. Class names: country, capital,
// demonym, region, title, org-suffix, org, first-name, person-word, calendar,
// and WordNet's proper nouns: wn-person, wn-place, wn-org, wn-other.
struct GazetteerList {
    std::string cls;
    std::vector<std::string> entries;
};

struct NerTrainOptions {
    int epochs = 14;
    uint32_t seed = 11;           // of the runs on CoNLL dev F1's plateau (0.932), the one with every Sochi actor right
    int runs = 5;                 // perceptrons trained on different orders (seed, seed+1, …), weights averaged
    int minFeatureCount = 1;      // features seen fewer times in training are dropped
    float pruneBelow = 0.f;       // drop weight rows whose largest |w| is below this
    size_t maxRows = 28000;       // keep at most this many rows (largest first); 0 = all
    // clusters
    std::vector<std::string> unlabeled;  // raw texts (training texts are added too)
    int clusterMinCount = 4;      // words seen fewer times get no cluster
    size_t clusterMaxWords = 40000;
    int contextWords = 600;       // most frequent lower-cased words used as contexts
    int clusterDims = 96;         // random projection size
    int clusters[3] = {600, 150, 40};  // fine, mid, coarse
    int kmeansIterations = 8;
    std::vector<GazetteerList> gazetteers;
    std::string info;             // stored in the model (how it was made)
    std::function<void(const std::string&)> log;  // progress lines; may be empty
};

// Trains the tagger; returns the serialized model. Fails on an unknown
// gazetteer class or when no document has names.
[[nodiscard]] Result<std::string> trainNer(const std::vector<NerTrainDoc>& docs, const NerTrainOptions& options);

} // namespace whosaid
