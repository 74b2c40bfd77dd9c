// document_invariants.hpp — what every Document must satisfy, whatever the
// input: spans inside the text and on code point boundaries, mentions, quotes
// and tokens in order, indices that point at something. Shared by the
// bad-input suite (bad_input_test.cpp) and the fuzz targets (tests/fuzz/).
//
// Usage:
//   std::string why = checkDocument(doc, {.strict = true});
//   EXPECT_EQ(why, "");      // or: if (!why.empty()) abort();
#pragma once

#include <string>

#include "whosaid/document.hpp"
#include "whosaid/text.hpp"

namespace whosaid::invariants {

struct InvariantOptions {
    // What annotate() promises beyond sound offsets: tokens, mentions and
    // quotes sorted, no empty span, content inside its quote. fromJson() keeps
    // what the file says, so imported documents are checked with strict = false.
    bool strict = true;
};

// "" when `doc` is sound, else a sentence naming the first broken rule.
inline std::string checkDocument(const Document& doc, InvariantOptions opt = {}) {
    const std::string& t = doc.text;
    if (!isValidUtf8(t)) return "text is not valid UTF-8";
    auto boundary = [&](uint32_t b) { return b == t.size() || (b < t.size() && (static_cast<unsigned char>(t[b]) & 0xC0) != 0x80); };
    auto bad = [&](Span s, bool allowEmpty) {
        if (s.begin > s.end || s.end > t.size()) return true;
        if (!allowEmpty && opt.strict && s.begin == s.end) return true;
        return !boundary(s.begin) || !boundary(s.end);
    };
    auto at = [](const char* what, size_t i, Span s) {
        return std::string(what) + " " + std::to_string(i) + " [" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
    };
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
        const Token& k = doc.tokens[i];
        if (bad(k.span, false)) return at("token out of range, empty or inside a code point:", i, k.span);
        if (opt.strict && i && doc.tokens[i - 1].span.end > k.span.begin) return at("tokens overlap or out of order at", i, k.span);
        if (!doc.sentences.empty() && k.sentence >= doc.sentences.size()) return at("token sentence index out of range:", i, k.span);
    }
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        if (s.firstToken > s.endToken || s.endToken > doc.tokens.size()) return at("sentence token range broken:", i, s.span);
        if (bad(s.span, true)) return at("sentence out of range:", i, s.span);
    }
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        if (bad(m.span, false)) return at("mention out of range, empty or inside a code point:", i, m.span);
        if (m.entity < -1 || m.entity >= static_cast<int32_t>(doc.entities.size())) return at("mention entity index out of range:", i, m.span);
        if (opt.strict && i && doc.mentions[i - 1].span.begin > m.span.begin) return at("mentions not sorted at", i, m.span);
    }
    for (size_t i = 0; i < doc.entities.size(); ++i)
        if (!isValidUtf8(doc.entities[i].name)) return "entity " + std::to_string(i) + " name is not valid UTF-8";
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        if (bad(q.span, false)) return at("quote out of range, empty or inside a code point:", i, q.span);
        if (opt.strict && i && doc.quotes[i - 1].span.begin > q.span.begin) return at("quotes not sorted at", i, q.span);
        if (q.content.empty()) return at("quote without content:", i, q.span);
        for (Span c : q.content) {
            if (bad(c, false)) return at("quote content out of range, empty or inside a code point:", i, c);
            if (opt.strict && (c.begin < q.span.begin || c.end > q.span.end)) return at("quote content outside its hull:", i, c);
        }
        if (bad(q.cue, true)) return at("quote cue out of range:", i, q.cue);
        if (bad(q.source, true)) return at("quote source out of range:", i, q.source);
        if (q.speaker < -1 || q.speaker >= static_cast<int32_t>(doc.entities.size())) return at("quote speaker index out of range:", i, q.span);
        if (!(q.confidence >= 0.f && q.confidence <= 1.f)) return at("quote confidence outside 0..1:", i, q.span);
    }
    return "";
}

} // namespace whosaid::invariants
