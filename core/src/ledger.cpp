// The source ledger: plain counting over Document::quotes.
#include "whosaid/ledger.hpp"

#include <algorithm>

#include "pipeline.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

WordCount countWords(const Document& doc, Span span) {
    WordCount wc;
    const std::string_view s = doc.text;
    bool inside = false, inWord = false;
    for (size_t i = span.begin; i < span.end && i < s.size();) {
        int len = 1;
        const char32_t c = decodeAt(s, i, len);
        i += len;
        if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB) {
            // curly and angled marks say which way they go; a straight one toggles
            if (c == '"') inside = !inside;
            else inside = c == 0x201C || c == 0x201E || c == 0x00AB;
            inWord = false;
            continue;
        }
        if (c == 0x2018 && !inWord) { inside = true; continue; }  // ‘ opens; ’ inside a word is an apostrophe
        const bool wordChar = isLetter(c) || isDigit(c) || ((c == '\'' || c == 0x2019 || c == '-') && inWord);
        if (wordChar && !inWord) {
            ++wc.words;
            if (inside) ++wc.quoted;
        }
        inWord = wordChar;
    }
    return wc;
}

std::vector<LedgerRow> buildLedger(const Document& doc) {
    std::vector<LedgerRow> rows;
    std::vector<int32_t> rowOf(doc.entities.size() + 1, -1);  // last slot: no speaker
    std::vector<size_t> firstSeen;
    for (size_t qi = 0; qi < doc.quotes.size(); ++qi) {
        const Quote& q = doc.quotes[qi];
        const bool known = q.speaker >= 0 && static_cast<size_t>(q.speaker) < doc.entities.size();
        const size_t slot = known ? static_cast<size_t>(q.speaker) : doc.entities.size();
        if (rowOf[slot] < 0) {
            rowOf[slot] = static_cast<int32_t>(rows.size());
            LedgerRow r;
            if (known) {
                r.entity = q.speaker;
                r.name = doc.entities[q.speaker].name;
                r.label = doc.entities[q.speaker].label;
            } else {
                r.name = "(no speaker found)";
            }
            rows.push_back(std::move(r));
            firstSeen.push_back(qi);
        }
        LedgerRow& r = rows[rowOf[slot]];
        ++r.claims;
        switch (q.kind) {
        case QuoteKind::Direct: ++r.direct; break;
        case QuoteKind::Mixed: ++r.mixed; break;
        case QuoteKind::Indirect: ++r.indirect; break;
        }
        switch (q.sourceKind) {
        case SourceKind::Named: ++r.named; break;
        case SourceKind::Organization: ++r.organization; break;
        case SourceKind::Anonymous: ++r.anonymous; break;
        case SourceKind::Unsourced: ++r.unsourced; break;
        }
        for (Span s : q.content) {
            const WordCount wc = countWords(doc, s);
            r.words += wc.words;
            r.quotedWords += q.kind == QuoteKind::Direct ? wc.words : q.kind == QuoteKind::Mixed ? wc.quoted : 0;
        }
    }
    std::vector<size_t> order(rows.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const LedgerRow &x = rows[a], &y = rows[b];
        if ((x.entity < 0) != (y.entity < 0)) return y.entity < 0;  // the unsourced row last
        if (x.claims != y.claims) return x.claims > y.claims;
        if (x.quotedWords != y.quotedWords) return x.quotedWords > y.quotedWords;
        return firstSeen[a] < firstSeen[b];
    });
    std::vector<LedgerRow> out;
    out.reserve(rows.size());
    for (size_t i : order) out.push_back(std::move(rows[i]));
    return out;
}

std::vector<uint8_t> creditedOnly(const Document& doc) {
    std::vector<uint8_t> out(doc.entities.size(), 0);
    std::vector<Span> credits;
    for (const auto& [b, e] : photoCreditTokens(doc)) credits.push_back({doc.tokens[b].span.begin, doc.tokens[e].span.end});
    if (credits.empty()) return out;
    std::vector<uint8_t> elsewhere(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions) {
        if (m.entity < 0 || static_cast<size_t>(m.entity) >= out.size()) continue;
        const bool inCredit = std::any_of(credits.begin(), credits.end(),
                                          [&](const Span& c) { return c.begin <= m.span.begin && m.span.end <= c.end; });
        (inCredit ? out : elsewhere)[static_cast<size_t>(m.entity)] = 1;
    }
    for (size_t e = 0; e < out.size(); ++e) out[e] &= static_cast<uint8_t>(!elsewhere[e]);
    return out;
}

} // namespace whosaid
