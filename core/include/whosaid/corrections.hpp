// whosaid/corrections.hpp — hand corrections on top of the tool's markup.
//
// A teacher or journalist fixes what the tool got wrong: a claim's speaker, a
// missing or spurious actor mention, an actor's name. Corrections are stored
// by span in Document::corrections, so they apply again after the same text
// is annotated anew, and they are written into every export.
//
// Usage:
//   doc.corrections.speakers.push_back({claim.content[0], mention.span});
//   applyCorrections(doc);        // idempotent
#pragma once

#include "whosaid/document.hpp"

namespace whosaid {

// Applies doc.corrections to doc's mentions, entities and quotes. Corrections
// whose spans no longer fit the text are ignored. Applying twice changes nothing.
void applyCorrections(Document& doc);

// Index of the mention with exactly this span, or of the one containing byte
// `span.begin` when none matches exactly; -1 if there is none.
int findMention(const Document& doc, Span span);

} // namespace whosaid
