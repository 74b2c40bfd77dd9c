// whosaid/quote_train.hpp — trains the attribution model that finds reported
// speech on the dependency tree (the model compiled in from assets/quotes.bin,
// core/src/attribution.hpp). Core does the work; the CLI (`whosaid
// train-quotes`) only reads the data and writes bytes.
//
// Usage:
//   Result<std::vector<GoldDoc>> gold = readGold(polnearTrainBytes);
//   QuoteTrainOptions o;  o.seed = 7;
//   std::string bytes = trainQuoteModel(*gold, Model::builtin(), o);  // write to assets/quotes.bin
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "whosaid/annotate.hpp"
#include "whosaid/result.hpp"
#include "whosaid/score.hpp"

namespace whosaid {

struct QuoteTrainOptions {
    int epochs = 6;
    uint32_t seed = 7;
    uint32_t bits = 18;  // hashed weight table of 2^bits int16 weights
    // Decision thresholds (probabilities) of the seven questions the model
    // answers: cue (a word is read from this on), cue word, content,
    // governing clause, source head, source word, and the verifier's (a
    // reading is a claim above it). Tuned on polnear/dev by measuring
    // `whosaid eval` (never trained on dev).
    std::array<float, 7> thresholds = {0.05f, 0.5f, 0.5f, 0.5f, 0.2f, 0.5f, 0.30f};
};

// Annotates each gold document's text with `model` (tokens, syntax and names,
// the features' input), reads the gold attributions off the tree and trains
// the model's logistic regressions. Deterministic for a seed and document
// order. Returns the serialized model; `stats` (optional) gets a summary.
std::string trainQuoteModel(const std::vector<GoldDoc>& gold, const Model& model, const QuoteTrainOptions& options,
                            std::string* stats = nullptr);

// The model in `bytes` with other decision thresholds (see QuoteTrainOptions).
[[nodiscard]] Result<std::string> retuneQuoteModel(std::string_view bytes, const std::array<float, 7>& thresholds);

} // namespace whosaid
