// whosaid/ledger.hpp — the source ledger: who is quoted, how often, how.
//
// One row per speaker entity that has at least one claim, plus one row for
// claims without a resolved speaker. Counts split direct quotes from reported
// speech (mixed + indirect) and named from anonymous sourcing, so a reader can
// see at a glance whether an article leans on one voice or on unnamed ones.
//
// Usage:
//   Document doc = annotate(text, Model::builtin()).value();
//   for (const LedgerRow& r : buildLedger(doc))
//       printf("%s: %zu claims, %zu quoted words\n", r.name.c_str(), r.claims, r.quotedWords);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "whosaid/document.hpp"

namespace whosaid {

struct LedgerRow {
    int32_t entity = -1;          // index into Document::entities; -1 for the "unsourced" row
    std::string name;             // the entity's canonical name, or "(no speaker found)"
    Label label = Label::MISC;    // the entity's label (MISC for the unsourced row)
    size_t claims = 0;            // attributions with this speaker
    size_t direct = 0, mixed = 0, indirect = 0;  // by QuoteKind
    size_t named = 0, organization = 0, anonymous = 0, unsourced = 0;  // by SourceKind
    size_t words = 0;             // words in the attributed content
    size_t quotedWords = 0;       // of which inside quotation marks

    size_t reported() const { return mixed + indirect; }
};

// Rows sorted by claims (then quoted words, then first appearance), the
// unsourced row last and only when some claim has no speaker.
std::vector<LedgerRow> buildLedger(const Document& doc);

// Per entity: 1 when every mention of it stands in a photo credit
// ("[Agency/Jane Doe/Pool via Reuters]"): a photographer or an agency named
// there is no actor of the article, and the page lists them apart. Reads
// doc.tokens (none: no credits).
std::vector<uint8_t> creditedOnly(const Document& doc);

// Words in `span` of doc.text, and how many of them stand inside quotation
// marks (curly, straight, guillemets; an apostrophe is not a quotation mark).
struct WordCount {
    size_t words = 0, quoted = 0;
};
WordCount countWords(const Document& doc, Span span);

} // namespace whosaid
