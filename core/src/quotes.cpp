// First pass at quotes: quotation-mark pairs within a paragraph, attributed to
// the nearest name or pronoun next to a speech verb in the same sentence. The
// trained attribution replaces findQuotes().
#include <algorithm>
#include <array>

#include "pipeline.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace {

constexpr std::array<std::string_view, 14> kCues = {"said", "says", "say", "added", "told", "asked", "wrote",
                                                    "noted", "insisted", "warned", "stated", "tweeted", "explained", "according"};
constexpr std::array<std::string_view, 6> kPronouns = {"he", "she", "they", "He", "She", "They"};

bool isCue(std::string_view w) { return std::find(kCues.begin(), kCues.end(), w) != kCues.end(); }
bool isPronoun(std::string_view w) { return std::find(kPronouns.begin(), kPronouns.end(), w) != kPronouns.end(); }

// Index of the mention that covers byte `b`, or -1.
int mentionAt(const Document& doc, uint32_t b) {
    auto it = std::upper_bound(doc.mentions.begin(), doc.mentions.end(), b,
                               [](uint32_t x, const Mention& m) { return x < m.span.begin; });
    if (it == doc.mentions.begin()) return -1;
    --it;
    return it->span.contains(b) ? static_cast<int>(it - doc.mentions.begin()) : -1;
}

} // namespace

void findQuotes(Document& doc, const ModelData&) {
    doc.quotes.clear();
    const auto& tok = doc.tokens;
    const size_t n = tok.size();
    for (size_t i = 0; i < n; ++i) {
        if (tok[i].kind != TokenKind::QuoteOpen) continue;
        // single quotes are left to the real pass: too often apostrophes
        const std::string_view mark = doc.slice(tok[i].span);
        if (mark == "'" || mark == "\xE2\x80\x98" || mark == "\xE2\x80\x9A") continue;
        size_t j = i + 1;
        const uint32_t para = doc.sentences[tok[i].sentence].paragraph;
        while (j < n && doc.sentences[tok[j].sentence].paragraph == para && tok[j].kind != TokenKind::QuoteClose) {
            if (tok[j].kind == TokenKind::QuoteOpen && doc.slice(tok[j].span) == mark && mark != "'") break;
            ++j;
        }
        const bool closed = j < n && tok[j].kind == TokenKind::QuoteClose;
        const size_t last = closed ? j : j - 1;  // unbalanced: stop at the paragraph's end
        if (last <= i) continue;
        Quote q;
        q.span = {tok[i].span.begin, tok[last].span.end};
        q.content.push_back(q.span);
        q.kind = QuoteKind::Direct;

        // Look for a cue after the quote, then before it, in the same sentence(s).
        auto scan = [&](size_t from, size_t to, int step) -> bool {
            for (size_t k = from; k != to; k += step) {
                if (tok[k].kind == TokenKind::QuoteOpen || tok[k].kind == TokenKind::QuoteClose) return false;
                if (!isCue(doc.slice(tok[k].span))) continue;
                q.cue = tok[k].span;
                // the source: a mention or pronoun next to the cue
                for (size_t d : {k - 1, k + 1}) {
                    if (d >= n || tok[d].sentence != tok[k].sentence) continue;
                    const int m = mentionAt(doc, tok[d].span.begin);
                    if (m >= 0) {
                        q.source = doc.mentions[m].span;
                        q.speaker = doc.mentions[m].entity;
                        q.sourceKind = doc.mentions[m].label == Label::PER ? SourceKind::Named : SourceKind::Organization;
                        q.why = d < k ? "first-pass: name before the speech verb" : "first-pass: name after the speech verb";
                        q.confidence = 0.6f;
                        return true;
                    }
                    if (isPronoun(doc.slice(tok[d].span))) {
                        q.source = tok[d].span;
                        q.why = "first-pass: pronoun next to the speech verb";
                        q.confidence = 0.4f;
                        return true;
                    }
                }
                q.why = "first-pass: speech verb without a source";
                q.confidence = 0.3f;
                return true;
            }
            return false;
        };
        const size_t sentEnd = std::min(n, static_cast<size_t>(doc.sentences[tok[last].sentence].endToken));
        const size_t sentBegin = doc.sentences[tok[i].sentence].firstToken;
        if (!scan(last + 1, sentEnd, 1) && i > sentBegin) scan(i - 1, sentBegin - 1, -1);
        if (q.why.empty()) { q.why = "first-pass: quotation marks, no attribution found"; q.confidence = 0.2f; }
        doc.quotes.push_back(std::move(q));
        i = last;
    }
}

} // namespace whosaid
