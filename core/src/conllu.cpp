// CoNLL-U in and out, and scoring a parse against a treebank (syntax.hpp).
#include <algorithm>
#include <charconv>
#include <string>

#include "whosaid/syntax.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace {

std::string_view nextField(std::string_view& line) {
    const size_t tab = line.find('\t');
    std::string_view f = line.substr(0, tab);
    line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    return f;
}

bool parseInt(std::string_view s, int64_t& out) {
    if (s.empty()) return false;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

TokenKind kindOf(std::string_view form) {
    bool letter = false, digit = false;
    for (size_t k = 0; k < form.size();) {
        int len = 1;
        const char32_t c = decodeAt(form, k, len);
        k += len;
        if (isLetter(c)) letter = true;
        else if (c >= '0' && c <= '9') digit = true;
    }
    if (letter) return TokenKind::Word;
    if (digit) return TokenKind::Number;
    return TokenKind::Punct;
}

// A field for a CoNLL-U line: tabs and line breaks would split the record.
std::string field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t k = 0; k < s.size();) {
        int len = 1;
        const char32_t c = decodeAt(s, k, len);
        if (c == '\t' || isLineBreak(c))
            out += ' ';
        else
            out.append(s.substr(k, len));
        k += len;
    }
    return out.empty() ? "_" : out;
}

} // namespace

Result<std::vector<ConlluSentence>> parseConllu(std::string_view text) {
    std::vector<ConlluSentence> out;
    ConlluSentence cur;
    std::vector<int64_t> heads;  // 1-based, as written
    size_t lineNo = 0, sentenceLine = 0;
    bool newPar = false;
    auto close = [&]() -> Result<bool> {
        if (cur.words.empty()) return true;
        const int64_t n = static_cast<int64_t>(cur.words.size());
        for (size_t k = 0; k < cur.words.size(); ++k) {
            if (heads[k] < 0 || heads[k] > n)
                return Error{"CoNLL-U: line " + std::to_string(sentenceLine + k) + ": head " + std::to_string(heads[k]) +
                             " is outside the sentence (" + std::to_string(n) + " words)"};
            cur.words[k].head = static_cast<int32_t>(heads[k] - 1);
        }
        cur.newParagraph = newPar;
        newPar = false;
        out.push_back(std::move(cur));
        cur = ConlluSentence();
        heads.clear();
        return true;
    };
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // forms and comments are decoded as UTF-8 later (a treebank from elsewhere may be Latin-1)
        if (!isValidUtf8(line)) return Error{"CoNLL-U: line " + std::to_string(lineNo) + ": not valid UTF-8"};
        if (line.empty()) {
            Result<bool> r = close();
            if (!r) return r.error();
            if (end == text.size()) break;
            continue;
        }
        if (line[0] == '#') {
            if (line.starts_with("# newpar") || line.starts_with("# newdoc")) newPar = true;
            continue;
        }
        if (std::count(line.begin(), line.end(), '\t') != 9)
            return Error{"CoNLL-U: line " + std::to_string(lineNo) + ": expected 10 tab-separated columns"};
        std::string_view rest = line;
        std::string_view col[10];
        for (std::string_view& c : col) c = nextField(rest);
        if (col[0].find_first_of("-.") != std::string_view::npos) continue;  // multiword token or empty node
        int64_t id = 0, head = 0;
        if (!parseInt(col[0], id) || id != static_cast<int64_t>(cur.words.size()) + 1)
            return Error{"CoNLL-U: line " + std::to_string(lineNo) + ": word id " + std::string(col[0]) +
                         " is not the next number"};
        if (cur.words.empty()) sentenceLine = lineNo;
        ConlluWord w;
        w.form = std::string(col[1]);
        if (!parseUpos(col[3], w.upos)) w.upos = Upos::None;
        if (!parseXpos(col[4], w.xpos)) w.xpos = Xpos::None;
        if (col[6] == "_") head = 0;
        else if (!parseInt(col[6], head))
            return Error{"CoNLL-U: line " + std::to_string(lineNo) + ": head \"" + std::string(col[6]) +
                         "\" is not a number"};
        heads.push_back(head);
        w.deprelText = std::string(col[7]);
        if (!parseDeprel(col[7], w.deprel)) w.deprel = Deprel::None;
        w.spaceAfter = col[9].find("SpaceAfter=No") == std::string_view::npos;
        cur.words.push_back(std::move(w));
        if (cur.words.size() > (1u << 20))
            return Error{"CoNLL-U: line " + std::to_string(lineNo) + ": a sentence of more than 1048576 words"};
    }
    Result<bool> r = close();
    if (!r) return r.error();
    return out;
}

Document documentFromConllu(const std::vector<ConlluSentence>& sentences) {
    Document doc;
    uint32_t paragraph = 0;
    for (const ConlluSentence& s : sentences) {
        if (!doc.text.empty()) doc.text += '\n';
        if (s.newParagraph && !doc.sentences.empty()) ++paragraph;
        Sentence sent;
        sent.firstToken = static_cast<uint32_t>(doc.tokens.size());
        sent.paragraph = paragraph;
        const uint32_t sentBegin = static_cast<uint32_t>(doc.text.size());
        bool space = false;
        for (size_t k = 0; k < s.words.size(); ++k) {
            if (space) doc.text += ' ';
            Token t;
            t.span.begin = static_cast<uint32_t>(doc.text.size());
            doc.text += sanitizeUtf8(s.words[k].form).text;
            t.span.end = static_cast<uint32_t>(doc.text.size());
            t.kind = kindOf(s.words[k].form);
            t.spaceBefore = space || k == 0;
            t.paragraphStart = k == 0 && (s.newParagraph || doc.sentences.empty());
            t.sentence = static_cast<uint32_t>(doc.sentences.size());
            doc.tokens.push_back(t);
            space = s.words[k].spaceAfter;
        }
        sent.endToken = static_cast<uint32_t>(doc.tokens.size());
        sent.span = {sentBegin, static_cast<uint32_t>(doc.text.size())};
        doc.sentences.push_back(sent);
    }
    return doc;
}

std::string toConllu(const Document& doc) {
    std::string out;
    out.reserve(doc.tokens.size() * 40);
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        if (s.endToken <= s.firstToken) continue;
        out += "# sent_id = " + std::to_string(si + 1) + "\n# text = " + field(doc.slice(s.span)) + "\n";
        for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
            const Token& t = doc.tokens[i];
            const bool parsed = t.deprel != 0;
            out += std::to_string(i - s.firstToken + 1);
            out += '\t';
            out += field(doc.slice(t.span));
            out += "\t_\t";
            out += uposName(static_cast<Upos>(t.upos));
            out += '\t';
            out += xposName(static_cast<Xpos>(t.xpos));
            out += '\t';
            out += morphFeats(t.morph);
            out += '\t';
            out += !parsed ? std::string("_") : t.head < 0 ? std::string("0") : std::to_string(t.head - s.firstToken + 1);
            out += '\t';
            out += deprelName(static_cast<Deprel>(t.deprel));
            out += "\t_\t";
            const bool spaceAfter = i + 1 < doc.tokens.size() ? doc.tokens[i + 1].spaceBefore
                                                              : t.span.end < doc.text.size();
            out += spaceAfter ? "_" : "SpaceAfter=No";
            out += '\n';
        }
        out += '\n';
    }
    return out;
}

SyntaxScore scoreSyntax(const Document& doc, const std::vector<ConlluSentence>& gold) {
    SyntaxScore sc;
    const size_t sentences = std::min(doc.sentences.size(), gold.size());
    for (size_t si = 0; si < sentences; ++si) {
        const Sentence& s = doc.sentences[si];
        const ConlluSentence& g = gold[si];
        ++sc.sentences;
        const size_t n = std::min<size_t>(s.endToken - s.firstToken, g.words.size());
        sc.words += g.words.size();
        for (size_t k = 0; k < n; ++k) {
            const Token& t = doc.tokens[s.firstToken + k];
            const ConlluWord& w = g.words[k];
            sc.upos += static_cast<Upos>(t.upos) == w.upos;
            sc.xpos += static_cast<Xpos>(t.xpos) == w.xpos;
            const int32_t head = t.head < 0 ? -1 : t.head - static_cast<int32_t>(s.firstToken);
            if (head != w.head) continue;
            ++sc.uas;
            const Deprel r = static_cast<Deprel>(t.deprel);
            const bool same = w.deprel != Deprel::None ? r == w.deprel : w.deprelText == deprelName(r);
            sc.las += same;
            sc.lasUniversal += same || (w.deprel != Deprel::None && universalDeprel(r) == universalDeprel(w.deprel));
        }
    }
    for (size_t si = sentences; si < gold.size(); ++si) sc.words += gold[si].words.size();
    return sc;
}

} // namespace whosaid
