// whosaid/tokenizer.hpp — tokens, sentences and paragraphs of raw news text.
//
// Raw news has curly quotes, possessives (Turkey’s), dashes, abbreviations
// (Mr., U.S., Gov.) and initials. The tokenizer splits it the way CoNLL-2003
// is split, so that a tagger trained there sees the same units at run time:
// quotation marks, possessive ’s and n't are their own tokens; hyphenated words
// stay whole; a period after an abbreviation stays with it.
//
// Usage:
//   Document doc; doc.text = sanitizeUtf8(raw).text;
//   tokenize(doc);   // fills doc.tokens and doc.sentences
#pragma once

#include "whosaid/document.hpp"

namespace whosaid {

// Fills doc.tokens and doc.sentences from doc.text (valid UTF-8).
// Every paragraph break (LF, CR, NEL, U+2029, U+001C..U+001E) ends a sentence
// and starts a paragraph; VT, FF and U+2028 break the line inside a paragraph
// and separate tokens as a space does (isParagraphBreak() in text.hpp).
// No token holds a line break of any kind (isLineBreak()).
void tokenize(Document& doc);

// True for abbreviations that keep their period ("Mr", "Gov", "U.S", "Jan").
// `word` is the token text without the final period.
bool isAbbreviation(std::string_view word);

} // namespace whosaid
