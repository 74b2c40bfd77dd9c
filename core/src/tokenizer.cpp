// Tokens and sentences. One pass over the code points; no allocation per token
// beyond the vectors in the Document.
#include "whosaid/tokenizer.hpp"

#include <algorithm>
#include <array>

#include "whosaid/text.hpp"

namespace whosaid {

// [SECTION] Abbreviations

bool isAbbreviation(std::string_view w) {
    // Titles, month and state abbreviations, corporate suffixes, Latin forms.
    // Kept sorted for binary search.
    static constexpr std::array<std::string_view, 72> kAbbrev = {
        "Adm", "Ala", "Apr", "Ariz", "Ark", "Aug", "Ave", "Blvd", "Brig", "Bros", "Calif", "Capt", "Cmdr",
        "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb", "Fla", "Fr", "Ft",
        "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Ind", "Jan", "Jr", "Kan", "Ky", "La", "Lt", "Ltd", "Maj",
        "Mass", "Md", "Messrs", "Mich", "Minn", "Miss", "Mo", "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct",
        "Okla", "Ore", "Pa", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn",
        "Va", "vs",
    };
    if (std::binary_search(kAbbrev.begin(), kAbbrev.end(), w)) return true;
    static constexpr std::array<std::string_view, 8> kLower = {"a.m", "approx", "e.g", "etc", "i.e", "p.m", "vol", "vs"};
    if (std::find(kLower.begin(), kLower.end(), w) != kLower.end()) return true;
    // Dotted initialisms: U.S, U.N, U.K, D.C (letter, dot, letter...).
    if (w.size() >= 3 && w.size() % 2 == 1) {
        for (size_t i = 0; i < w.size(); ++i)
            if ((i % 2 == 0) != (w[i] != '.') || (i % 2 == 0 && !isLetter(static_cast<unsigned char>(w[i]))))
                return false;
        return true;
    }
    return false;
}

// [SECTION] Tokenizer

namespace {

struct Cursor {
    std::string_view s;
    size_t i = 0;
    char32_t peek(size_t at, int* len = nullptr) const {
        if (at >= s.size()) { if (len) *len = 0; return 0; }
        int l = 1;
        char32_t c = decodeAt(s, at, l);
        if (len) *len = l;
        return c;
    }
};

bool isWordChar(char32_t c) { return isLetter(c) || isDigit(c); }
bool isApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool isHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool isSentenceEnd(std::string_view t) {
    return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "?!" || t == "!?";
}

} // namespace

void tokenize(Document& doc) {
    const std::string_view s = doc.text;
    doc.tokens.clear();
    doc.sentences.clear();
    doc.tokens.reserve(s.size() / 5 + 4);
    Cursor cur{s};

    bool space = false, newline = false;
    uint32_t paragraph = 0;
    bool sawText = false;
    std::vector<uint32_t> tokenParagraph;

    auto push = [&](size_t b, size_t e, TokenKind k) {
        Token t;
        t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
        t.kind = k;
        t.spaceBefore = space || newline;
        t.paragraphStart = newline || !sawText;
        if (newline && sawText) ++paragraph;
        tokenParagraph.push_back(paragraph);
        doc.tokens.push_back(t);
        space = newline = false;
        sawText = true;
    };

    size_t i = 0;
    while (i < s.size()) {
        int len = 1;
        const char32_t c = cur.peek(i, &len);
        if (isSpace(c) || isLineBreak(c)) {
            // LF, CR, NEL, U+2029 and U+001C..U+001E end the paragraph; VT, FF and
            // U+2028 break the line inside it and separate tokens like a space.
            if (isParagraphBreak(c)) newline = true;
            else space = true;
            i += len;
            continue;
        }
        const size_t start = i;
        const bool prevIsWord = !doc.tokens.empty() && !space && !newline &&
                                doc.tokens.back().span.end == start &&
                                (doc.tokens.back().kind == TokenKind::Word || doc.tokens.back().kind == TokenKind::Number);

        // Numbers: digits with inner , or . followed by digits (1,500 3.5 2021-22 stays split at -).
        if (isDigit(c)) {
            size_t j = i + 1;
            bool onlyDigits = true;
            while (j < s.size()) {
                int l = 1;
                char32_t d = cur.peek(j, &l);
                if (isDigit(d)) { j += l; continue; }
                if ((d == ',' || d == '.') && isDigit(cur.peek(j + 1))) { j += 1; continue; }
                if (isLetter(d)) { onlyDigits = false; j += l; continue; }  // 18th, 3D, 2pm
                break;
            }
            push(start, j, onlyDigits ? TokenKind::Number : TokenKind::Word);
            i = j;
            continue;
        }

        if (isLetter(c)) {
            size_t j = i + len;
            while (j < s.size()) {
                int l = 1;
                const char32_t d = cur.peek(j, &l);
                if (isWordChar(d)) { j += l; continue; }
                int l2 = 0;
                const char32_t next = cur.peek(j + l, &l2);
                if (isHyphen(d) && isWordChar(next)) { j += l; continue; }
                if (d == '&' && isUpper(next) && isUpper(cur.peek(j - 1))) { j += l; continue; }  // AT&T
                if (isApostrophe(d) && isLetter(next)) {
                    // possessive 's and contraction n't split off, CoNLL style
                    int l3 = 0;
                    const char32_t after = cur.peek(j + l + l2, &l3);
                    const bool endsAfter = !isWordChar(after);
                    if ((next == 's' || next == 'S') && endsAfter) break;
                    if ((next == 't' || next == 'T') && endsAfter && j > start + 1 &&
                        (s[j - 1] == 'n' || s[j - 1] == 'N')) {
                        j -= 1;  // "n't"
                        break;
                    }
                    if ((next == 'l' && after == 'l') || (next == 'r' && after == 'e') ||
                        (next == 'v' && after == 'e') || ((next == 'd' || next == 'm') && endsAfter)) break;
                    j += l;  // O'Neill, rock'n'roll
                    continue;
                }
                if (d == '.') {
                    const std::string_view w = s.substr(start, j - start);
                    // initials ("J."), dotted initialisms ("U.S."), known abbreviations
                    if (isLetter(next) && w.size() <= 2 && isLetter(cur.peek(start)) &&
                        cur.peek(j + l + l2) == '.') { j += l; continue; }  // U.S. → keep going
                    const bool initial = countCodepoints(w) == 1 && isUpper(c);
                    if (initial || isAbbreviation(w) || w.find('.') != std::string_view::npos) j += 1;
                }
                break;
            }
            // n't and 's that were split off: emit the stem, the suffix is lexed next round.
            push(start, j, TokenKind::Word);
            i = j;
            if (j < s.size() && (s[j] == 'n' || s[j] == 'N') && j + 1 < s.size()) {
                int l = 1;
                const char32_t ap = cur.peek(j + 1, &l);
                if (isApostrophe(ap) && (cur.peek(j + 1 + l) | 0x20) == 't') {
                    push(j, j + 1 + l + 1, TokenKind::Word);
                    i = j + 1 + l + 1;
                }
            }
            continue;
        }

        if (isApostrophe(c) && prevIsWord) {
            // 's 're 'll 've 'd 'm right after a word
            int l2 = 0;
            const char32_t next = cur.peek(i + len, &l2);
            if (isLetter(next)) {
                size_t j = i + len;
                while (j < s.size() && isLetter(cur.peek(j))) {
                    int l = 1;
                    cur.peek(j, &l);
                    j += l;
                }
                if (j - (i + len) <= 2) {
                    push(start, j, TokenKind::Word);
                    i = j;
                    continue;
                }
            }
        }

        if (isOpeningQuote(c) || isClosingQuote(c) || isAmbiguousQuote(c)) {
            TokenKind k;
            if (isOpeningQuote(c)) k = TokenKind::QuoteOpen;
            else if (isClosingQuote(c)) k = (c == 0x2019 && !prevIsWord && !doc.tokens.empty() && (space || newline)) ? TokenKind::QuoteOpen : TokenKind::QuoteClose;
            else {
                // straight quotes: opening after space, start or an opening bracket
                const bool afterGap = doc.tokens.empty() || space || newline;
                const char32_t prev = start > 0 ? static_cast<unsigned char>(s[start - 1]) : U' ';
                k = (afterGap || prev == '(' || prev == '[' || prev == 0x2014) ? TokenKind::QuoteOpen : TokenKind::QuoteClose;
            }
            push(start, i + len, k);
            i += len;
            continue;
        }

        if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < s.size() && (s[j] == '.' || s[j] == '!' || s[j] == '?')) ++j;
            push(start, j, TokenKind::Punct);
            i = j;
            continue;
        }

        if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
            c == '}' || c == 0x2026 || isDash(c) || isHyphen(c) || c == '/') {
            // runs of hyphens ("--") as one dash
            size_t j = i + len;
            if (isHyphen(c)) while (j < s.size() && s[j] == '-') ++j;
            push(start, j, TokenKind::Punct);
            i = j;
            continue;
        }

        push(start, i + len, TokenKind::Symbol);
        i += len;
    }

    // Sentences: split after . ! ? (and closing quotes/brackets that follow) when
    // the next token starts a new thought, and at every line break.
    const size_t n = doc.tokens.size();
    uint32_t first = 0;
    auto endSentence = [&](uint32_t endTok) {
        if (endTok <= first) return;
        Sentence se;
        se.firstToken = first;
        se.endToken = endTok;
        se.span = {doc.tokens[first].span.begin, doc.tokens[endTok - 1].span.end};
        se.paragraph = tokenParagraph[first];
        const uint32_t idx = static_cast<uint32_t>(doc.sentences.size());
        for (uint32_t k = first; k < endTok; ++k) doc.tokens[k].sentence = idx;
        doc.sentences.push_back(se);
        first = endTok;
    };
    for (uint32_t t = 0; t < n; ++t) {
        if (t > first && doc.tokens[t].paragraphStart) endSentence(t);
        const std::string_view text = doc.slice(doc.tokens[t].span);
        if (doc.tokens[t].kind != TokenKind::Punct || !isSentenceEnd(text)) continue;
        uint32_t e = t + 1;
        while (e < n && !doc.tokens[e].paragraphStart &&
               (doc.tokens[e].kind == TokenKind::QuoteClose || doc.slice(doc.tokens[e].span) == ")"))
            ++e;
        if (e >= n || doc.tokens[e].paragraphStart) continue;  // the line break ends it
        const Token& next = doc.tokens[e];
        if (!next.spaceBefore) continue;
        int l = 1;
        const char32_t c0 = decodeAt(s, next.span.begin, l);
        if (isUpper(c0) || isDigit(c0) || next.kind == TokenKind::QuoteOpen || !isLetter(c0)) {
            endSentence(e);
            t = e - 1;
        }
    }
    endSentence(static_cast<uint32_t>(n));
}

} // namespace whosaid
