// whosaid/quote_train.hpp — trains the cue tagger that extends the cue
// lexicon (the model compiled in from assets/quotes.bin). Core does the
// work; the CLI (`whosaid train-quotes`) only reads the data and writes bytes.
//
// Usage:
//   Result<std::vector<GoldDoc>> gold = readGold(polnearTrainBytes);
//   QuoteTrainOptions o;  o.seed = 7;
//   std::string bytes = trainQuoteModel(*gold, Model::builtin(), o);  // write to assets/quotes.bin
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "whosaid/annotate.hpp"
#include "whosaid/score.hpp"

namespace whosaid {

struct QuoteTrainOptions {
    int epochs = 6;
    uint32_t seed = 7;
    uint32_t bits = 18;          // hashed weight table of 2^bits int16 weights
    // Tuned on polnear/dev by measuring `whosaid eval` (never trained on dev).
    float addThreshold = -4.f;   // a word outside the lexicon scoring above this is a cue
    float dropThreshold = -15.f; // a lexicon word scoring below this is not a cue there
};

// Annotates each gold document's text with `model` (tokens and names, the
// features' input), marks the words inside gold cue spans as positives and
// trains an averaged perceptron. Deterministic for a seed and document order.
// Returns the serialized model; `stats` (optional) gets a one-line summary.
std::string trainQuoteModel(const std::vector<GoldDoc>& gold, const Model& model, const QuoteTrainOptions& options,
                            std::string* stats = nullptr);

} // namespace whosaid
