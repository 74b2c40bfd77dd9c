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

// The deepest nesting of arrays and objects whosaid reads. Its own files nest
// a few levels (a lesson's edits about nine); walking, copying or writing a
// JSON tree recurses once a level, so 100,000 levels would overflow the stack
// natively and throw RangeError in the browser. Every reader checks first.
constexpr size_t kMaxJsonDepth = 128;

// The byte offset of the first '[' or '{' that opens level maxDepth + 1 of
// `json` (brackets inside strings do not count), or npos. Linear, no allocation;
// for any text, valid JSON or not.
size_t jsonNestingExceeded(std::string_view json, size_t maxDepth = kMaxJsonDepth);
// The same as words for a message ("nested more than 128 levels deep (at byte
// 4101); …"), or empty when the nesting is within the limit.
std::string jsonNestingProblem(std::string_view json, size_t maxDepth = kMaxJsonDepth);

// Replaces the line breaks JSON strings may hold raw, NEL (U+0085), LINE
// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), by \u escapes, so that
// a JSON text on one line stays one line for every line reader (JSON Lines,
// Python's splitlines(), old JavaScript). Only valid on JSON text (outside
// strings those characters cannot occur). toJson() does it already.
void escapeLineSeparators(std::string& json);

// Reads `whosaid/1` JSON back. Tokens and sentences are not read back (a
// "tokens" array is ignored); call tokenize() if you need them. Strict: a member of the wrong type
// ("speaker": 0) fails with its JSON path ("whosaid/1: quotes[0].speaker: must be an
// entity id (a string) or null, not an integer"); absent members keep their defaults,
// unknown ones are ignored. Nesting deeper than kMaxJsonDepth is refused unparsed.
[[nodiscard]] Result<Document> fromJson(std::string_view json);

} // namespace whosaid
