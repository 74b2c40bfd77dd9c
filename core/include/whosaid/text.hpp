// whosaid/text.hpp — UTF-8 handling and offset conversion.
//
// Core works on UTF-8 byte offsets into a text that is valid UTF-8. Input from
// the outside world goes through sanitizeUtf8() first: every byte that is not
// part of a well-formed sequence becomes U+FFFD, so all later passes can decode
// without checks. Front ends convert byte offsets to code points (JSON, Python,
// W3C selectors) or UTF-16 units (JavaScript) with an OffsetIndex.
//
// Usage:
//   SanitizedText s = sanitizeUtf8(raw);          // s.text is valid UTF-8
//   OffsetIndex idx(s.text);
//   uint32_t cp = idx.byteToCodepoint(17);
//   uint32_t b  = idx.codepointToByte(cp);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

// The result of cleaning untrusted bytes into valid UTF-8.
struct SanitizedText {
    std::string text;            // valid UTF-8; invalid bytes replaced by U+FFFD
    uint32_t replacedBytes = 0;  // how many input bytes were invalid
    uint32_t removedNuls = 0;    // NUL bytes dropped (they end C strings in JS glue)
    uint32_t crlfFixed = 0;      // CRLF and lone CR turned into LF
};

// Returns `raw` as valid UTF-8 with LF line ends and without NUL bytes.
// Overlong forms, surrogates and code points above U+10FFFF count as invalid.
SanitizedText sanitizeUtf8(std::string_view raw);

// True when `s` is well-formed UTF-8 (no replacement needed).
bool isValidUtf8(std::string_view s);

namespace detail {
// The out-of-line halves of the inline functions below: everything past ASCII.
char32_t decodeMultibyte(std::string_view s, size_t i, int& len);
bool isLetterBeyondAscii(char32_t c);
bool isUpperBeyondAscii(char32_t c);
bool isSpaceBeyondAscii(char32_t c);
char32_t toLowerBeyondAscii(char32_t c);
} // namespace detail

// Decodes the code point starting at byte `i` of valid UTF-8 and sets `len`
// to its length in bytes. Precondition: `s` is valid UTF-8 and i < s.size().
// Inline with an ASCII fast path (no LTO in the WebAssembly build).
inline char32_t decodeAt(std::string_view s, size_t i, int& len) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        len = 1;
        return c;
    }
    return detail::decodeMultibyte(s, i, len);
}

// Appends the UTF-8 encoding of `cp` to `out`.
void appendUtf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
uint32_t countCodepoints(std::string_view s);

// Calls f(line) for each line of text, without its '\n' (word lists, treebanks).
template <class F>
void forEachLine(std::string_view text, F&& f) {
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        f(text.substr(at, end - at));
        at = end + 1;
    }
}

// Maps byte offsets of one valid UTF-8 text to code points and UTF-16 units and
// back, in O(1) memory per 64 bytes and O(64) time per lookup.
class OffsetIndex {
public:
    explicit OffsetIndex(std::string_view text);

    uint32_t byteToCodepoint(uint32_t byte) const;
    uint32_t byteToUtf16(uint32_t byte) const;
    // Offsets inside a code point's encoding round down to its first byte.
    uint32_t codepointToByte(uint32_t cp) const;
    uint32_t utf16ToByte(uint32_t unit) const;

    uint32_t codepointCount() const { return m_cpTotal; }
    uint32_t utf16Count() const { return m_u16Total; }

private:
    static constexpr uint32_t kBlock = 64;
    std::string_view m_text;
    std::vector<uint32_t> m_cpAt;   // code points before block i
    std::vector<uint32_t> m_u16At;  // UTF-16 units before block i
    uint32_t m_cpTotal = 0, m_u16Total = 0;
};

// Character classes the tokenizer and the taggers share (inline for ASCII).
// Latin, Greek, Cyrillic, other alphabets; not CJK punctuation.
inline bool isLetter(char32_t c) { return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : detail::isLetterBeyondAscii(c); }
inline bool isUpper(char32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : detail::isUpperBeyondAscii(c); }
inline bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }  // ASCII digits only
// Unicode white space, NBSP and zero-width characters included.
inline bool isSpace(char32_t c) {
    return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : detail::isSpaceBeyondAscii(c);
}
// Line breaks as line readers see them (Python's str.splitlines(), which brat's
// reader uses; JavaScript's line terminators; Unicode's mandatory breaks): LF,
// VT, FF, CR, U+001C..U+001E, NEL (U+0085), LINE SEPARATOR (U+2028) and
// PARAGRAPH SEPARATOR (U+2029). Line-oriented exports keep them out of fields.
inline bool isLineBreak(char32_t c) {
    return (c >= '\n' && c <= '\r') || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
}
// The line breaks that end a paragraph for the tokenizer, as LF does: Unicode's
// paragraph separators (bidi class B: LF, CR, U+001C..U+001E, NEL, U+2029).
// The others (VT, FF, U+2028: Word's Shift+Enter, a page break, a <br> kept as
// LINE SEPARATOR) break the line inside a paragraph, so a quotation, a sentence
// or a name goes on across them.
inline bool isParagraphBreak(char32_t c) {
    return c == '\n' || c == '\r' || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2029;
}
bool isOpeningQuote(char32_t c); // “ ‘ « „ ‚ ‹
bool isClosingQuote(char32_t c); // ” ’ » ›
bool isAmbiguousQuote(char32_t c); // " ' (and the prime-like ″)
bool isDash(char32_t c);         // – — ― ‒ (not the hyphen)
// Simple case folding for Latin-1, Latin Extended-A, Greek, Cyrillic.
inline char32_t toLower(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : detail::toLowerBeyondAscii(c); }

// Lowercases valid UTF-8 with toLower().
std::string lowercase(std::string_view s);

// Writes lowercase(s) to out[0, s.size()) and returns true, or returns false
// (out partly written) when the lowercase form would differ in length.
// toLower() keeps every code point's UTF-8 length today, so false is a guard.
bool lowercaseSameLength(std::string_view s, char* out);

} // namespace whosaid
