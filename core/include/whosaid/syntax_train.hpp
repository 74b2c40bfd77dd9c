// whosaid/syntax_train.hpp — trains the part-of-speech tagger and the
// dependency parser that annotate() runs (assets/syntax.bin).
//
// Pure computation: the caller (shell/train_syntax.cpp) reads the treebanks
// and the unlabeled texts and writes the returned bytes. Deterministic: one
// thread, a seeded mt19937, sorted tables, so a rerun gives the same bytes.
//
// Steps: word clusters from the treebank's words and the unlabeled texts;
// the tagger (greedy averaged perceptron), its number of epochs chosen on dev;
// tags for the parser's training sentences by k-fold jackknifing, so that the
// parser learns on tags as good as it will see; the arc-eager parser and its
// arc labeler with a dynamic oracle and exploration, the epoch with the best
// dev LAS kept; pruning and int16 quantization. Dev is only measured, never
// trained on.
//
// Usage:
//   SyntaxTrainOptions o;  o.log = [](const std::string& s) { puts(s.c_str()); };
//   Result<std::string> bytes = trainSyntax(*parseConllu(train), *parseConllu(dev), o);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "whosaid/result.hpp"
#include "whosaid/syntax.hpp"

namespace whosaid {

struct SyntaxTrainOptions {
    int tagEpochs = 10;       // at most; the best epoch on dev is kept
    int parseEpochs = 12;     // at most; the best epoch on dev is kept
    int parseRuns = 1;        // parsers trained on other shuffles; the model is the mean of their weights
    uint32_t seed = 1;
    bool secondPass = false;  // tag twice: the second pass reads the first pass's tags to the right (see --two-pass)
    int jackknifeFolds = 5;   // the parser trains on tags from taggers that did not see the sentence
    float explore = 0.9f;     // after the first parser epoch, follow the model's own move this often
    // Features seen fewer times on the training data's gold path get no weight.
    uint32_t tagMinCount = 5, moveMinCount = 20, labelMinCount = 8;
    // Pruning: weights below this fraction of a table's largest are dropped.
    float tagPrune = 0.f, movePrune = 0.f, labelPrune = 0.f;
    std::vector<std::string> unlabeled;  // raw texts for the clusters (the treebank's words are added)
    size_t clusterWords = 40000;
    // WordNet's database (Debian's wordnet-base): the four index files and the
    // four exception lists, read for the tagger's word classes; all empty: none.
    struct WordNet {
        std::string indexNoun, indexVerb, indexAdj, indexAdv, nounExc, verbExc, adjExc, advExc;
        bool empty() const { return indexNoun.empty(); }
    } wordnet;
    std::string info;  // stored in the model (how it was made)
    std::function<void(const std::string&)> log;  // progress lines; may be empty
};

// Trains on `train`, measures each epoch on `dev`; returns the serialized
// model. Fails when train has no words with tags.
[[nodiscard]] Result<std::string> trainSyntax(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const SyntaxTrainOptions& options);

} // namespace whosaid
