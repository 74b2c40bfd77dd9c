// UTF-8 decoding, sanitizing, offset conversion and character classes.
#include "whosaid/text.hpp"

#include <algorithm>

namespace whosaid {

// [SECTION] Decoding

namespace {

// Length of the well-formed sequence at s[i], or 0 when the bytes there are
// not valid UTF-8 (Unicode 15, Table 3-7: no overlongs, no surrogates).
int validSequenceLength(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    const size_t left = s.size() - i;
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return (left >= 2 && (b(i + 1) & 0xC0) == 0x80) ? 2 : 0;
    if (c < 0xF0) {
        if (left < 3) return 0;
        const unsigned char c1 = b(i + 1);
        if (c == 0xE0 && c1 < 0xA0) return 0;
        if (c == 0xED && c1 > 0x9F) return 0;
        return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80) ? 3 : 0;
    }
    if (c < 0xF5) {
        if (left < 4) return 0;
        const unsigned char c1 = b(i + 1);
        if (c == 0xF0 && c1 < 0x90) return 0;
        if (c == 0xF4 && c1 > 0x8F) return 0;
        return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80 && (b(i + 3) & 0xC0) == 0x80) ? 4 : 0;
    }
    return 0;
}

} // namespace

char32_t detail::decodeMultibyte(std::string_view s, size_t i, int& len) {
    const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
    const char32_t c = b(i);
    if (c < 0xE0) { len = 2; return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F); }
    if (c < 0xF0) { len = 3; return ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F); }
    len = 4;
    return ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
        return;
    }
    char b[4];
    int n;
    if (cp < 0x800) {
        b[0] = static_cast<char>(0xC0 | (cp >> 6));
        n = 1;
    } else if (cp < 0x10000) {
        b[0] = static_cast<char>(0xE0 | (cp >> 12));
        b[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        n = 2;
    } else {
        b[0] = static_cast<char>(0xF0 | (cp >> 18));
        b[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        b[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        n = 3;
    }
    b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    out.append(b, static_cast<size_t>(n));
}

bool isValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        const int n = validSequenceLength(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

SanitizedText sanitizeUtf8(std::string_view raw) {
    SanitizedText out;
    out.text.reserve(raw.size());
    // Clean text is copied run by run; only NUL, CR and bad bytes stop a run.
    size_t run = 0;
    for (size_t i = 0; i < raw.size();) {
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c < 0x80) {
            if (c != 0 && c != '\r') {
                ++i;
                continue;
            }
        } else if (const int n = validSequenceLength(raw, i); n > 0) {
            i += n;
            continue;
        }
        out.text.append(raw.data() + run, i - run);
        if (c == 0) {
            ++out.removedNuls;
        } else if (c == '\r') {
            ++out.crlfFixed;
            out.text += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            ++out.replacedBytes;
            out.text += "\xEF\xBF\xBD";
        }
        run = ++i;
    }
    out.text.append(raw.data() + run, raw.size() - run);
    return out;
}

uint32_t countCodepoints(std::string_view s) {
    uint32_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// [SECTION] OffsetIndex

OffsetIndex::OffsetIndex(std::string_view text) : m_text(text) {
    const size_t blocks = text.size() / kBlock + 1;
    m_cpAt.reserve(blocks);
    m_u16At.reserve(blocks);
    uint32_t cp = 0, u16 = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i % kBlock == 0) {
            m_cpAt.push_back(cp);
            m_u16At.push_back(u16);
        }
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {
            ++cp;
            u16 += c >= 0xF0 ? 2 : 1;  // four-byte sequences are surrogate pairs
        }
    }
    if (text.size() % kBlock == 0) {
        m_cpAt.push_back(cp);
        m_u16At.push_back(u16);
    }
    m_cpTotal = cp;
    m_u16Total = u16;
}

uint32_t OffsetIndex::byteToCodepoint(uint32_t byte) const {
    byte = std::min<uint32_t>(byte, static_cast<uint32_t>(m_text.size()));
    const uint32_t block = byte / kBlock;
    uint32_t cp = m_cpAt[block];
    for (uint32_t i = block * kBlock; i < byte; ++i)
        cp += (static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80;
    return cp;
}

uint32_t OffsetIndex::byteToUtf16(uint32_t byte) const {
    byte = std::min<uint32_t>(byte, static_cast<uint32_t>(m_text.size()));
    const uint32_t block = byte / kBlock;
    uint32_t u = m_u16At[block];
    for (uint32_t i = block * kBlock; i < byte; ++i) {
        const unsigned char c = static_cast<unsigned char>(m_text[i]);
        if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1;
    }
    return u;
}

namespace {
// Walks forward from the block holding `target` units (as counted by `at`)
// until `target` is reached; `width` gives the units of a lead byte.
template <class Width>
uint32_t unitsToByte(std::string_view text, const std::vector<uint32_t>& at, uint32_t block, uint32_t target,
                     Width width) {
    uint32_t units = at[block];
    uint32_t i = block * 64;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {
            const uint32_t w = width(c);
            if (units + w > target) break;
            units += w;
        }
        ++i;
        // skip continuation bytes so we land on a boundary
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}
} // namespace

uint32_t OffsetIndex::codepointToByte(uint32_t cp) const {
    if (cp >= m_cpTotal) return static_cast<uint32_t>(m_text.size());
    const auto it = std::upper_bound(m_cpAt.begin(), m_cpAt.end(), cp);
    uint32_t block = static_cast<uint32_t>(it - m_cpAt.begin()) - 1;
    // A block may start inside a multi-byte character; step back to a block whose
    // start count is strictly below the target so the walk starts on a boundary.
    while (block > 0 && (static_cast<unsigned char>(m_text[block * kBlock]) & 0xC0) == 0x80) --block;
    return unitsToByte(m_text, m_cpAt, block, cp, [](unsigned char) { return 1u; });
}

uint32_t OffsetIndex::utf16ToByte(uint32_t unit) const {
    if (unit >= m_u16Total) return static_cast<uint32_t>(m_text.size());
    const auto it = std::upper_bound(m_u16At.begin(), m_u16At.end(), unit);
    uint32_t block = static_cast<uint32_t>(it - m_u16At.begin()) - 1;
    while (block > 0 && (static_cast<unsigned char>(m_text[block * kBlock]) & 0xC0) == 0x80) --block;
    return unitsToByte(m_text, m_u16At, block, unit, [](unsigned char c) { return c >= 0xF0 ? 2u : 1u; });
}

// [SECTION] Character classes

bool detail::isLetterBeyondAscii(char32_t c) {
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0xC0 && c <= 0x24F) return true;   // Latin-1 letters, Latin Extended-A/B
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0x250 && c <= 0x2AF) return true;  // IPA
    if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387;  // Greek
    if (c >= 0x400 && c <= 0x52F) return true;  // Cyrillic
    if (c >= 0x531 && c <= 0x587) return true;  // Armenian
    if (c >= 0x5D0 && c <= 0x5EA) return true;  // Hebrew
    if (c >= 0x620 && c <= 0x64A) return true;  // Arabic
    if (c >= 0x671 && c <= 0x6D3) return true;
    if (c >= 0x900 && c <= 0xDFF) return true;  // Indic scripts (marks included)
    if (c >= 0xE00 && c <= 0xE7F) return true;  // Thai
    if (c >= 0x10A0 && c <= 0x10FF) return true; // Georgian
    if (c >= 0x1E00 && c <= 0x1FFF) return true; // Latin Extended Additional, Greek Extended
    if (c >= 0x3040 && c <= 0x30FF) return true; // Hiragana, Katakana
    if (c >= 0x3400 && c <= 0x9FFF) return true; // CJK ideographs
    if (c >= 0xAC00 && c <= 0xD7A3) return true; // Hangul
    if (c >= 0x300 && c <= 0x36F) return true;   // combining marks stay inside words
    return false;
}

bool detail::isUpperBeyondAscii(char32_t c) {
    if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F) return (c % 2) == (c >= 0x139 && c <= 0x148 ? 1u : (c >= 0x179 ? 1u : 0u));
    if (c >= 0x391 && c <= 0x3AB) return true;
    if (c >= 0x400 && c <= 0x42F) return true;
    return false;
}

bool detail::isSpaceBeyondAscii(char32_t c) {
    switch (c) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

bool isOpeningQuote(char32_t c) { return c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x201E || c == 0x201A || c == 0x2039; }
bool isClosingQuote(char32_t c) { return c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A; }
bool isAmbiguousQuote(char32_t c) { return c == '"' || c == '\'' || c == 0x2033 || c == 0x201F; }
bool isDash(char32_t c) { return c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2012 || c == 0x2212; }

char32_t detail::toLowerBeyondAscii(char32_t c) {
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F && isUpper(c)) return c + 1;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

bool lowercaseSameLength(std::string_view s, char* out) {
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out[i++] = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
            continue;
        }
        int len = 1;
        const char32_t cp = decodeAt(s, i, len);
        const char32_t low = toLower(cp);
        if (low == cp) {  // punctuation, quotation marks, lowercase letters
            std::copy(s.begin() + i, s.begin() + i + len, out + i);
        } else {
            std::string enc;
            appendUtf8(enc, low);
            if (enc.size() != static_cast<size_t>(len)) return false;
            std::copy(enc.begin(), enc.end(), out + i);
        }
        i += static_cast<size_t>(len);
    }
    return true;
}

std::string lowercase(std::string_view s) {
    std::string out(s.size(), '\0');
    if (lowercaseSameLength(s, out.data())) return out;
    out.clear();
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
            ++i;
            continue;
        }
        int len = 1;
        appendUtf8(out, toLower(decodeAt(s, i, len)));
        i += len;
    }
    return out;
}

} // namespace whosaid
