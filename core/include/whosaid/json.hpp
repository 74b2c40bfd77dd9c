// whosaid/json.hpp — the `whosaid/1` JSON form of a Document.
//
// Offsets in JSON are Unicode code points, end exclusive (as in Python, the
// gold files and W3C TextPositionSelector); inside core they are UTF-8 bytes.
// Entities get ids "e1", "e2"...; quotes "q1", "q2"...
//
// Usage:
//   std::string json = toJson(doc);                 // one line, no spaces
//   Result<Document> back = fromJson(json);          // same markup, no tokens
#pragma once

#include <string>
#include <string_view>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

struct JsonOptions {
    int indent = -1;          // -1: one line; >= 0: pretty-printed
    bool mentionText = true;  // include each span's text (easier to read and check)
    bool history = false;     // also the undone edits ("undone"), for the page's own storage
    // Include "tokens": every token's span, sentence, UPOS, XPOS, FEATS, head
    // (an index into "tokens", null for a sentence's root) and relation.
    // Off by default, so existing consumers keep their size.
    bool syntax = false;
};

// Serializes `doc` as `whosaid/1`.
std::string toJson(const Document& doc, const JsonOptions& options = {});

// Reads `whosaid/1` JSON back. Tokens and sentences are not read back (a
// "tokens" array is ignored); call tokenize() if you need them. Fails with a message naming the field.
[[nodiscard]] Result<Document> fromJson(std::string_view json);

} // namespace whosaid
