// whosaid train-quotes in core: annotate the gold documents, train the
// attribution model on them (attribution.cpp), set the thresholds.
#include "whosaid/quote_train.hpp"

#include "attribution.hpp"
#include "pipeline.hpp"

namespace whosaid {

std::string trainQuoteModel(const std::vector<GoldDoc>& gold, const Model& model, const QuoteTrainOptions& o,
                            std::string* stats) {
    AnnotateOptions ao;
    ao.quotes = false;
    std::vector<Document> docs;
    docs.reserve(gold.size());
    for (const GoldDoc& g : gold) {
        Result<Document> d = annotate(g.doc.text, model, ao);
        if (!d || d->text != g.doc.text) continue;  // sanitizing changed the text: gold offsets would not match
        d->quotes = g.doc.quotes;
        docs.push_back(std::move(*d));
    }
    attr::AttrTrainOptions t;
    t.syntax = &model.data().syntax;
    t.epochs = o.epochs;
    t.seed = o.seed;
    t.bits = o.bits;
    t.readFrom = o.thresholds[attr::Cue];
    for (int k = 0; k < attr::kTasks; ++k) t.thresholds[k] = o.thresholds[k];
    std::string summary;
    attr::AttrModel m = attr::trainAttribution(docs, t, &summary);
    for (int k = 0; k < attr::kTasks; ++k) m.cal[k].threshold = o.thresholds[k];
    // The confidences: found claims on the training documents, each kind's
    // confidence mapped to how often that kind is right (a claim is right when
    // its content meets a gold claim's).
    std::vector<std::tuple<int, float, bool>> claims;
    if (Result<Model> with = model.withQuotes(attr::serialize(m))) {
        std::vector<std::pair<int, float>> kinds;
        for (size_t i = 0; i < docs.size(); ++i) {
            Document d = docs[i];
            d.quotes.clear();
            kinds.clear();
            findQuotesUncalibrated(d, with->data(), kinds);
            for (size_t k = 0; k < d.quotes.size() && k < kinds.size(); ++k) {
                bool right = false;
                for (const Quote& g : docs[i].quotes)
                    for (Span a : d.quotes[k].content)
                        for (Span b : g.content) right |= a.overlaps(b);
                claims.emplace_back(kinds[k].first, kinds[k].second, right);
            }
        }
    }
    attr::fitClaimCalibration(m, claims);
    if (stats) *stats = std::to_string(docs.size()) + " documents: " + summary + "; " + std::to_string(claims.size()) +
                        " claims found on them for the calibration";
    return attr::serialize(m);
}

Result<std::string> retuneQuoteModel(std::string_view bytes, const std::array<float, 7>& thresholds) {
    Result<attr::AttrModel> m = attr::deserialize(bytes);
    if (!m) return m.error();
    for (int k = 0; k < attr::kTasks; ++k) m->cal[k].threshold = thresholds[k];
    return attr::serialize(*m);  // the calibration was fitted with the old thresholds: retrain to refit it
}

} // namespace whosaid
