// whosaid/score.hpp — scores predicted Documents against gold ones, exactly as
// ../shared/tools/score.py does, so `whosaid eval` and the Python scorer agree.
//
// Entities: exact (start, end, label) match of name mentions, as sets per
// document; precision, recall and F1 rounded to 4 decimals like score.py.
// Gold comes as whosaid/1 documents (`mentions`) or in the CoNLL form (an
// `entities` list of {start, end, label} next to `text`).
//
// The report is built to grow: quote scores will sit next to `entities` in
// EvalReport and in its JSON summary.
//
// Usage:
//   Result<std::vector<GoldDoc>> gold = readGold(fileBytes);
//   std::vector<Document> pred;  for (auto& g : *gold) pred.push_back(*annotate(g.doc.text, model));
//   EvalReport r;  r.entities = scoreEntities(*gold, pred, {Label::PER, Label::ORG});
//   puts(toJson(r).c_str());
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

// One gold document: text, id and whosaid/1 markup in `doc` (byte spans), plus
// the CoNLL-form spans from an `entities` list that has offsets.
struct GoldDoc {
    Document doc;
    std::vector<Mention> spanEntities;
};

// Reads gold JSON: one document, a JSON array of documents, or JSON Lines.
// Offsets are code points. Fails naming the document and field at fault.
[[nodiscard]] Result<std::vector<GoldDoc>> readGold(std::string_view json);

struct Prf {
    size_t tp = 0, pred = 0, gold = 0;
    double p = 0, r = 0, f1 = 0;  // rounded to 4 decimals, as score.py
};
Prf makePrf(size_t tp, size_t pred, size_t gold);

struct EntityScore {
    size_t docs = 0;
    Prf overall;
    std::vector<std::pair<Label, Prf>> perLabel;
    std::vector<std::string> errors;  // first five
    size_t nErrors = 0;
};

// Pairs gold[i] with pred[i] (pred.size() may be smaller: missing ones score
// nothing). A prediction whose text differs from the gold text is an error and
// scores as empty.
EntityScore scoreEntities(const std::vector<GoldDoc>& gold, const std::vector<Document>& pred,
                          const std::vector<Label>& labels);

// Quotes, as score.py's `quotes`: content spans trimmed of blanks, quotation
// marks, punctuation and a leading "that"; strict = same trimmed hull, lenient
// = any overlap, paired one to one by largest overlap (in code points). Source
// accuracy over lenient pairs whose gold has a source (the spans overlap);
// speaker accuracy where the gold speaker has mentions (a mention of the
// predicted speaker overlaps one of the gold speaker's).
struct QuoteKindScore {
    size_t gold = 0, found = 0, srcN = 0, srcOk = 0;
};
struct QuoteScore {
    size_t docs = 0, gold = 0, pred = 0;
    Prf strict, lenient;
    size_t srcN = 0, srcOk = 0, spkN = 0, spkOk = 0;
    QuoteKindScore byKind[3];  // indexed by QuoteKind
    std::vector<std::string> errors;
    size_t nErrors = 0;
};

// Gold quotes come from GoldDoc::doc.quotes, gold speakers from the mentions'
// entity ids (readGold keeps both).
QuoteScore scoreQuotes(const std::vector<GoldDoc>& gold, const std::vector<Document>& pred);

// Everything `whosaid eval` measured; more sections will follow.
struct EvalReport {
    bool hasEntities = false;
    EntityScore entities;
    bool hasQuotes = false;  // printed under "quotes" in the JSON summary
    QuoteScore quotes;
};

// One-line JSON summary. With only entities it has score.py's fields.
std::string toJson(const EvalReport& report);
// Human-readable table (several lines, ends with a newline).
std::string toText(const EvalReport& report);

} // namespace whosaid
