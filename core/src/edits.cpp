// The edit log: anchors that find their words again, and the edits applied in
// order over a base markup.
#include "whosaid/edits.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "edit_json.hpp"
#include "json_read.hpp"
#include "pipeline.hpp"
#include "whosaid/json.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

// [SECTION] Anchors

namespace {

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

uint32_t backCodepoints(std::string_view t, uint32_t b, uint32_t n) {
    while (n > 0 && b > 0) {
        --b;
        while (b > 0 && isContinuation(t[b])) --b;
        --n;
    }
    return b;
}

uint32_t forwardCodepoints(std::string_view t, uint32_t e, uint32_t n) {
    const uint32_t size = static_cast<uint32_t>(t.size());
    while (n > 0 && e < size) {
        ++e;
        while (e < size && isContinuation(t[e])) ++e;
        --n;
    }
    return e;
}

// Bytes that agree at the end of `a` and `b`, and at their start.
size_t commonSuffix(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
    return n;
}
size_t commonPrefix(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// The text with white space runs made one space and typographic quotation
// marks and dashes made ASCII, with where each of its bytes came from: for
// finding words again in a text that was pasted from somewhere else.
struct Normalized {
    std::string text;
    std::vector<uint32_t> from, to;  // per byte of `text`: the original bytes [from, to)

    explicit Normalized(std::string_view s, bool keepMap = true) {
        text.reserve(s.size());
        if (keepMap) from.reserve(s.size()), to.reserve(s.size());
        size_t i = 0;
        while (i < s.size()) {
            int len = 1;
            const char32_t c = decodeAt(s, i, len);
            size_t end = i + static_cast<size_t>(len);
            char one = 0;
            if (isSpace(c)) {
                while (end < s.size()) {
                    int l2 = 1;
                    if (!isSpace(decodeAt(s, end, l2))) break;
                    end += static_cast<size_t>(l2);
                }
                one = ' ';
            } else if (c == U'\u201C' || c == U'\u201D' || c == U'\u201E' || c == U'\u00AB' || c == U'\u00BB') {
                one = '"';
            } else if (c == U'\u2018' || c == U'\u2019' || c == U'\u201A') {
                one = '\'';
            } else if (c == U'\u2013' || c == U'\u2014') {
                one = '-';
            }
            if (one) {
                push(one, i, end, keepMap);
            } else {
                for (size_t k = i; k < end; ++k) push(s[k], k, k + 1, keepMap);
            }
            i = end;
        }
    }
    void push(char c, size_t b, size_t e, bool keepMap) {
        text += c;
        if (keepMap) from.push_back(static_cast<uint32_t>(b)), to.push_back(static_cast<uint32_t>(e));
    }
};

constexpr size_t kMaxOccurrences = 20000;  // beyond this many, words are no anchor

struct Found {
    size_t at = std::string_view::npos;
    size_t score = 0;
    size_t count = 0;
    bool atHint = false;
};

// The occurrence of `exact` in `text` whose context fits best; `hint` is where
// it was (bytes of `text`, or npos).
Found bestOccurrence(std::string_view text, std::string_view exact, std::string_view prefix, std::string_view suffix,
                     size_t hint) {
    Found f;
    size_t bestDistance = SIZE_MAX;
    for (size_t at = text.find(exact); at != std::string_view::npos && f.count < kMaxOccurrences;
         at = text.find(exact, at + 1)) {
        ++f.count;
        const size_t before = std::min(at, prefix.size() + 8);
        const size_t score = commonSuffix(text.substr(at - before, before), prefix) +
                             commonPrefix(text.substr(at + exact.size(), suffix.size() + 8), suffix);
        const size_t distance = hint == std::string_view::npos ? 0 : (at > hint ? at - hint : hint - at);
        if (f.at == std::string_view::npos || score > f.score || (score == f.score && distance < bestDistance)) {
            f.at = at;
            f.score = score;
            f.atHint = at == hint;
            bestDistance = distance;
        }
    }
    return f;
}

// Whether the best occurrence is a place the words can be said to be at.
bool acceptable(const Found& f, std::string_view prefix, std::string_view suffix) {
    if (f.at == std::string_view::npos) return false;
    // A space or a letter of context in common is chance: ask for a few.
    const size_t enough = std::min<size_t>(6, prefix.size() + suffix.size());
    return f.count == 1 || f.atHint || f.score >= enough;
}

} // namespace

Anchor anchorAt(std::string_view text, Span span) {
    Anchor a;
    const uint32_t size = static_cast<uint32_t>(text.size());
    span.end = std::min(span.end, size);
    span.begin = std::min(span.begin, span.end);
    a.span = span;
    a.exact = std::string(text.substr(span.begin, span.end - span.begin));
    const uint32_t pb = backCodepoints(text, span.begin, kAnchorContext);
    const uint32_t se = forwardCodepoints(text, span.end, kAnchorContext);
    a.prefix = std::string(text.substr(pb, span.begin - pb));
    a.suffix = std::string(text.substr(span.end, se - span.end));
    return a;
}

std::optional<Span> placeAnchor(std::string_view text, const Anchor& a) {
    const uint32_t size = static_cast<uint32_t>(text.size());
    if (a.exact.empty()) {
        if (a.span.begin < a.span.end && a.span.end <= size) return a.span;
        return std::nullopt;
    }
    // Still where it was, in the same context: the common case.
    if (a.span.end <= size && a.span.begin <= a.span.end && text.substr(a.span.begin, a.span.end - a.span.begin) == a.exact &&
        commonSuffix(text.substr(0, a.span.begin), a.prefix) == a.prefix.size() &&
        commonPrefix(text.substr(a.span.end), a.suffix) == a.suffix.size())
        return a.span;
    const size_t hint = a.span.begin <= size ? a.span.begin : std::string_view::npos;
    Found f = bestOccurrence(text, a.exact, a.prefix, a.suffix, hint);
    if (acceptable(f, a.prefix, a.suffix))
        return Span{static_cast<uint32_t>(f.at), static_cast<uint32_t>(f.at + a.exact.size())};
    if (f.count > 0) return std::nullopt;  // there, but in no context that fits
    // The words may be there with other white space or quotation marks.
    const Normalized n(text);
    const Normalized exact(a.exact, false), prefix(a.prefix, false), suffix(a.suffix, false);
    if (exact.text.empty()) return std::nullopt;
    size_t nhint = std::string_view::npos;
    if (hint != std::string_view::npos) {
        auto it = std::lower_bound(n.from.begin(), n.from.end(), static_cast<uint32_t>(hint));
        nhint = static_cast<size_t>(it - n.from.begin());
    }
    f = bestOccurrence(n.text, exact.text, prefix.text, suffix.text, nhint);
    if (!acceptable(f, prefix.text, suffix.text)) return std::nullopt;
    return Span{n.from[f.at], n.to[f.at + exact.text.size() - 1]};
}

bool completeAnchor(std::string_view text, Anchor& a) {
    if (!a.exact.empty() && a.span.empty() && a.prefix.empty() && a.suffix.empty()) {
        // Words only (a caller's shorthand): their first occurrence.
        const size_t at = text.find(a.exact);
        if (at == std::string_view::npos) return false;
        a = anchorAt(text, {static_cast<uint32_t>(at), static_cast<uint32_t>(at + a.exact.size())});
        return true;
    }
    const std::optional<Span> s = placeAnchor(text, a);
    if (!s) return false;
    a = anchorAt(text, *s);
    return true;
}

namespace {

// The words of an anchor, shortened, in curly quotation marks.
std::string quoted(const Anchor& a, size_t max = 40) {
    std::string s = a.exact;
    for (char& c : s)
        if (c == '\n' || c == '\t') c = ' ';
    if (s.size() > max) {
        size_t cut = max;
        while (cut > 0 && isContinuation(s[cut])) --cut;
        s = s.substr(0, cut) + "\xE2\x80\xA6";
    }
    return "\xE2\x80\x9C" + s + "\xE2\x80\x9D";
}

bool needsAt(EditOp op) { return op != EditOp::AddClaim; }

// "a person", "an organization", "a place", "another kind of name", "an anonymous group"
std::string aLabel(Label l) {
    if (l == Label::MISC) return "another kind of name";
    return std::string(l == Label::ORG || l == Label::GRP ? "an " : "a ") + labelTitle(l);
}

} // namespace

bool completeEdit(std::string_view text, Edit& e) {
    e.unplaced.clear();
    auto fail = [&](std::string why) {
        e.unplaced = std::move(why);
        return false;
    };
    if (needsAt(e.op)) {
        if (e.at.empty()) return fail(std::string(editOpName(e.op)) + ": \"at\" is missing");
        if (!completeAnchor(text, e.at)) return fail("the words " + quoted(e.at) + " are not in the text");
    }
    if (e.op == EditOp::MergeActors) {
        if (e.other.empty()) return fail("actor.merge: \"other\" is missing");
        if (!completeAnchor(text, e.other)) return fail("the words " + quoted(e.other) + " are not in the text");
    }
    if (e.op == EditOp::ClaimSpeaker && !e.other.empty() && !completeAnchor(text, e.other))
        return fail("the words " + quoted(e.other) + " are not in the text");
    if (e.op == EditOp::AddClaim || e.op == EditOp::ClaimContent) {
        if (e.content.empty()) return fail(std::string(editOpName(e.op)) + ": \"content\" is missing");
        for (Anchor& c : e.content)
            if (c.empty() || !completeAnchor(text, c)) return fail("the words " + quoted(c) + " are not in the text");
    }
    if ((e.op == EditOp::AddClaim || e.op == EditOp::ClaimCue) && !e.cue.empty() && !completeAnchor(text, e.cue))
        return fail("the words " + quoted(e.cue) + " are not in the text");
    if ((e.op == EditOp::AddClaim || e.op == EditOp::ClaimSource) && !e.source.empty() && !completeAnchor(text, e.source))
        return fail("the words " + quoted(e.source) + " are not in the text");
    if (e.op == EditOp::RenameActor && e.name.empty()) return fail("actor.rename: the new name is empty");
    return true;
}

// [SECTION] Applying

void compactEntities(Document& doc) {
    std::vector<int32_t> remap(doc.entities.size(), -1);
    std::vector<char> used(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions)
        if (m.entity >= 0 && m.entity < static_cast<int32_t>(used.size())) used[m.entity] = 1;
    std::vector<Entity> kept;
    for (size_t e = 0; e < doc.entities.size(); ++e)
        if (used[e]) {
            remap[e] = static_cast<int32_t>(kept.size());
            kept.push_back(std::move(doc.entities[e]));
        }
    if (kept.size() == doc.entities.size()) {
        doc.entities = std::move(kept);
        return;
    }
    doc.entities = std::move(kept);
    for (Mention& m : doc.mentions)
        if (m.entity >= 0) m.entity = remap[m.entity];
    for (Quote& q : doc.quotes) {
        if (q.speaker < 0) continue;
        q.speaker = q.speaker < static_cast<int32_t>(remap.size()) ? remap[q.speaker] : -1;
        if (q.speaker < 0 && q.source.empty()) q.sourceKind = SourceKind::Unsourced;
    }
}

namespace {

uint32_t overlap(Span a, Span b) {
    const uint32_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
}

// The mention with exactly this span, else the one overlapping it most; -1.
int mentionAt(const Document& d, Span s) {
    int best = -1;
    uint32_t most = 0;
    for (size_t i = 0; i < d.mentions.size(); ++i) {
        if (d.mentions[i].span == s) return static_cast<int>(i);
        const uint32_t o = overlap(d.mentions[i].span, s);
        if (o > most) most = o, best = static_cast<int>(i);
    }
    return best;
}

// The claim with a content span exactly this one, else the one whose content overlaps it most; -1.
int claimAt(const Document& d, Span s) {
    int best = -1;
    uint32_t most = 0;
    for (size_t q = 0; q < d.quotes.size(); ++q) {
        uint32_t o = 0;
        for (Span c : d.quotes[q].content) {
            if (c == s) return static_cast<int>(q);
            o += overlap(c, s);
        }
        if (o > most) most = o, best = static_cast<int>(q);
    }
    return best;
}

SourceKind sourceKindFor(Label l) {
    switch (l) {
    case Label::PER: return SourceKind::Named;
    case Label::GRP: return SourceKind::Anonymous;
    default: return SourceKind::Organization;
    }
}

// An actor for new words: the one another mention with the same words and
// label belongs to, or one named so, else a new one.
int32_t entityFor(Document& doc, Span span, Label label, int skipMention = -1) {
    const std::string_view words = doc.slice(span);
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        if (static_cast<int>(i) != skipMention && m.entity >= 0 && m.label == label && doc.slice(m.span) == words)
            return m.entity;
    }
    for (size_t e = 0; e < doc.entities.size(); ++e)
        if (doc.entities[e].label == label && doc.entities[e].name == words) return static_cast<int32_t>(e);
    doc.entities.push_back({std::string(words), label});
    return static_cast<int32_t>(doc.entities.size() - 1);
}

void insertMention(Document& doc, const Mention& m) {
    doc.mentions.insert(std::upper_bound(doc.mentions.begin(), doc.mentions.end(), m,
                                         [](const Mention& x, const Mention& y) { return x.span.begin < y.span.begin; }),
                        m);
}

void tidyQuote(Quote& q) {
    std::sort(q.content.begin(), q.content.end(), [](Span a, Span b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
    q.span = {q.content.front().begin, q.content.back().end};
    for (Span c : q.content) q.span.end = std::max(q.span.end, c.end);
}

void sortQuotes(Document& doc) {
    std::stable_sort(doc.quotes.begin(), doc.quotes.end(), [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
}

bool contentOverlaps(const Quote& q, Span s) {
    return std::any_of(q.content.begin(), q.content.end(), [&](Span c) { return c.overlaps(s); });
}

// The claim's source is now the mention at `span` (or the bare words when no mention is there).
void setSource(Document& doc, Quote& q, Span span) {
    const int m = mentionAt(doc, span);
    if (m >= 0 && doc.mentions[m].span.overlaps(span)) {
        const Mention& men = doc.mentions[m];
        q.source = men.span;
        q.speaker = men.entity;
        q.sourceKind = sourceKindFor(men.label);
    } else {
        q.source = span;
        q.speaker = -1;
        q.sourceKind = SourceKind::Named;
    }
}

// Applies one edit whose anchors are placed; returns why it could not be applied, or "".
std::string applyOne(Document& doc, Edit& e, int32_t index, Span at) {
    const auto noMention = [&] { return "there is no actor mention at " + quoted(e.at) + " any more"; };
    const auto noClaim = [&] { return "there is no claim at " + quoted(e.at) + " any more"; };
    switch (e.op) {
    case EditOp::AddMention: {
        for (Mention& m : doc.mentions)
            if (m.span == at) {
                if (m.label != e.label) m.entity = entityFor(doc, at, e.label);
                m.label = e.label;
                m.kind = e.mentionKind;
                m.edit = index;
                return {};
            }
        std::erase_if(doc.mentions, [&](const Mention& m) { return m.span.overlaps(at); });
        Mention m;
        m.span = at;
        m.label = e.label;
        m.kind = e.mentionKind;
        m.entity = entityFor(doc, at, e.label);
        m.edit = index;
        insertMention(doc, m);
        for (Quote& q : doc.quotes)
            if (!q.source.empty() && q.source.overlaps(at)) {
                q.source = at;
                q.speaker = m.entity;
                q.sourceKind = sourceKindFor(m.label);
            }
        return {};
    }
    case EditOp::RemoveMention: {
        const int i = mentionAt(doc, at);
        if (i < 0) return noMention();
        const Span gone = doc.mentions[i].span;
        doc.mentions.erase(doc.mentions.begin() + i);
        for (Quote& q : doc.quotes)
            if (!q.source.empty() && q.source.overlaps(gone)) {
                q.source = {};
                q.speaker = -1;
                q.sourceKind = SourceKind::Unsourced;
                q.why = "its source was removed by hand";
                q.edit = index;
            }
        return {};
    }
    case EditOp::RetypeMention: {
        const int i = mentionAt(doc, at);
        if (i < 0) return noMention();
        Mention& m = doc.mentions[i];
        const int32_t old = m.entity;
        bool alone = true;
        for (size_t k = 0; k < doc.mentions.size(); ++k)
            if (static_cast<int>(k) != i && old >= 0 && doc.mentions[k].entity == old && doc.mentions[k].label == m.label) alone = false;
        m.label = e.label;
        m.edit = index;
        if (old >= 0 && alone) {
            doc.entities[old].label = e.label;
            doc.entities[old].edit = index;
        } else {
            doc.mentions[i].entity = entityFor(doc, doc.mentions[i].span, e.label, i);
        }
        const Mention& now = doc.mentions[i];
        for (Quote& q : doc.quotes)
            if ((!q.source.empty() && q.source.overlaps(now.span)) || (alone && old >= 0 && q.speaker == old)) {
                q.sourceKind = sourceKindFor(e.label);
                if (q.source.overlaps(now.span)) q.speaker = now.entity;
            }
        return {};
    }
    case EditOp::MergeActors: {
        const int a = mentionAt(doc, at);
        const std::optional<Span> os = placeAnchor(doc.text, e.other);
        const int b = os ? mentionAt(doc, *os) : -1;
        if (a < 0) return noMention();
        if (b < 0) return "there is no actor mention at " + quoted(e.other) + " any more";
        if (doc.mentions[a].entity < 0) doc.mentions[a].entity = entityFor(doc, doc.mentions[a].span, doc.mentions[a].label, a);
        const int32_t keep = doc.mentions[a].entity, gone = doc.mentions[b].entity;
        doc.entities[keep].edit = index;
        if (gone == keep) return {};
        if (gone < 0) {
            doc.mentions[b].entity = keep;
            doc.mentions[b].edit = index;
            for (Quote& q : doc.quotes)
                if (q.source.overlaps(doc.mentions[b].span)) q.speaker = keep;
            return {};
        }
        for (Mention& m : doc.mentions)
            if (m.entity == gone) m.entity = keep, m.edit = index;
        for (Quote& q : doc.quotes)
            if (q.speaker == gone) q.speaker = keep;
        return {};
    }
    case EditOp::SplitActor: {
        const int i = mentionAt(doc, at);
        if (i < 0) return noMention();
        Mention& m = doc.mentions[i];
        doc.entities.push_back({e.name.empty() ? std::string(doc.slice(m.span)) : e.name, m.label, index});
        m.entity = static_cast<int32_t>(doc.entities.size() - 1);
        m.edit = index;
        for (Quote& q : doc.quotes)
            if (!q.source.empty() && q.source.overlaps(m.span)) q.speaker = m.entity;
        return {};
    }
    case EditOp::RenameActor: {
        const int i = mentionAt(doc, at);
        if (i < 0) return noMention();
        if (doc.mentions[i].entity < 0) doc.mentions[i].entity = entityFor(doc, doc.mentions[i].span, doc.mentions[i].label, i);
        Entity& ent = doc.entities[doc.mentions[i].entity];
        ent.name = e.name;
        ent.edit = index;
        return {};
    }
    case EditOp::AddClaim: {
        Quote q;
        for (const Anchor& c : e.content) q.content.push_back(c.span);
        tidyQuote(q);
        std::erase_if(doc.quotes, [&](const Quote& x) {
            return std::any_of(q.content.begin(), q.content.end(), [&](Span c) { return contentOverlaps(x, c); });
        });
        q.kind = e.quoteKind;
        q.cue = e.cue.empty() ? Span{} : e.cue.span;
        if (!e.source.empty()) setSource(doc, q, e.source.span);
        q.why = "added by hand";
        q.confidence = 1.f;
        q.edit = index;
        doc.quotes.push_back(std::move(q));
        sortQuotes(doc);
        return {};
    }
    case EditOp::RemoveClaim: {
        const int q = claimAt(doc, at);
        if (q < 0) return noClaim();
        doc.quotes.erase(doc.quotes.begin() + q);
        return {};
    }
    case EditOp::NotAClaim:
        std::erase_if(doc.quotes, [&](const Quote& q) { return contentOverlaps(q, at); });
        return {};
    default: break;
    }
    // The edits of one claim.
    const int qi = claimAt(doc, at);
    if (qi < 0) return noClaim();
    Quote& q = doc.quotes[qi];
    q.edit = index;
    switch (e.op) {
    case EditOp::ClaimKind: q.kind = e.quoteKind; break;
    case EditOp::ClaimContent: {
        q.content.clear();
        for (const Anchor& c : e.content) q.content.push_back(c.span);
        tidyQuote(q);
        const Quote moved = q;
        doc.quotes.erase(doc.quotes.begin() + qi);
        std::erase_if(doc.quotes, [&](const Quote& x) {
            return std::any_of(moved.content.begin(), moved.content.end(), [&](Span c) { return contentOverlaps(x, c); });
        });
        doc.quotes.push_back(moved);
        sortQuotes(doc);
        break;
    }
    case EditOp::ClaimCue: q.cue = e.cue.empty() ? Span{} : e.cue.span; break;
    case EditOp::ClaimSource:
        if (e.source.empty()) {
            q.source = {};
            q.speaker = -1;
            q.sourceKind = SourceKind::Unsourced;
        } else {
            setSource(doc, q, e.source.span);
        }
        q.why = "corrected by hand";
        q.confidence = 1.f;
        break;
    case EditOp::ClaimSpeaker:
        if (e.other.empty()) {
            q.speaker = -1;
        } else {
            const int m = mentionAt(doc, e.other.span);
            if (m < 0) return "there is no actor mention at " + quoted(e.other) + " any more";
            Quote& again = doc.quotes[qi];  // entityFor may not move quotes, but keep the reference honest
            if (doc.mentions[m].entity < 0) doc.mentions[m].entity = entityFor(doc, doc.mentions[m].span, doc.mentions[m].label, m);
            again.speaker = doc.mentions[m].entity;
            again.sourceKind = sourceKindFor(doc.entities[again.speaker].label);
        }
        doc.quotes[qi].why = "corrected by hand";
        doc.quotes[qi].confidence = 1.f;
        break;
    default: break;
    }
    return {};
}

} // namespace

size_t applyEdits(Document& doc) {
    size_t unplaced = 0;
    const std::string_view text = doc.text;
    for (size_t i = 0; i < doc.edits.done.size(); ++i) {
        Edit& e = doc.edits.done[i];
        e.unplaced.clear();
        // Place every anchor first: an edit applies whole or not at all.
        auto place = [&](Anchor& a) {
            const std::optional<Span> s = placeAnchor(text, a);
            if (!s) {
                e.unplaced = "the words " + quoted(a) + " are no longer in the text";
                return false;
            }
            a = anchorAt(text, *s);  // the anchor follows its words into this text
            return true;
        };
        bool ok = true;
        if (needsAt(e.op)) ok = !e.at.empty() && place(e.at);
        if (ok && !e.other.empty()) ok = place(e.other);
        if (ok && !e.cue.empty()) ok = place(e.cue);
        if (ok && !e.source.empty()) ok = place(e.source);
        for (Anchor& c : e.content) ok = ok && place(c);
        if (ok && (e.op == EditOp::AddClaim || e.op == EditOp::ClaimContent) && e.content.empty()) {
            e.unplaced = "the claim has no words";
            ok = false;
        }
        if (ok && e.at.empty() && needsAt(e.op)) {
            e.unplaced = "the edit says nothing about where it is";
            ok = false;
        }
        if (ok) e.unplaced = applyOne(doc, e, static_cast<int32_t>(i), e.at.span);
        if (!e.unplaced.empty()) ++unplaced;
    }
    if (!doc.edits.done.empty()) compactEntities(doc);
    return unplaced;
}

Document replayEdits(const Document& base, const EditLog& log) {
    Document doc = base;
    doc.edits = log;
    applyEdits(doc);
    return doc;
}

void pushEdit(EditLog& log, Edit e) {
    log.done.push_back(std::move(e));
    log.undone.clear();
}

bool undoEdit(EditLog& log) {
    if (log.done.empty()) return false;
    log.undone.push_back(std::move(log.done.back()));
    log.done.pop_back();
    return true;
}

bool redoEdit(EditLog& log) {
    if (log.undone.empty()) return false;
    log.done.push_back(std::move(log.undone.back()));
    log.undone.pop_back();
    return true;
}

std::string describeEdit(const Edit& e) {
    const std::string at = quoted(e.at);
    switch (e.op) {
    case EditOp::AddMention: return "marked " + at + " as " + aLabel(e.label);
    case EditOp::RemoveMention: return "removed the mention " + at;
    case EditOp::RetypeMention: return at + " is now " + aLabel(e.label);
    case EditOp::MergeActors: return quoted(e.other) + " is the same actor as " + at;
    case EditOp::SplitActor: return at + " is an actor of its own";
    case EditOp::RenameActor: return "renamed the actor of " + at + " to " + "\xE2\x80\x9C" + e.name + "\xE2\x80\x9D";
    case EditOp::AddClaim: return "added the claim " + (e.content.empty() ? std::string() : quoted(e.content.front()));
    case EditOp::RemoveClaim: return "removed the claim " + at;
    case EditOp::NotAClaim: return at + " is not a claim";
    case EditOp::ClaimKind: return "the claim " + at + " is " + quoteKindName(e.quoteKind);
    case EditOp::ClaimContent: return "changed the words of the claim " + at;
    case EditOp::ClaimCue: return e.cue.empty() ? "removed the cue of " + at : "the cue of " + at + " is " + quoted(e.cue);
    case EditOp::ClaimSource: return e.source.empty() ? "removed the source of " + at : "the source of " + at + " is " + quoted(e.source);
    case EditOp::ClaimSpeaker: return e.other.empty() ? "the speaker of " + at + " is unknown" : "the speaker of " + at + " is " + quoted(e.other);
    }
    return editOpName(e.op);
}

// [SECTION] JSON of one edit

namespace detail {

using ordered = nlohmann::ordered_json;

namespace {

ordered anchorJson(const Anchor& a, const OffsetIndex& idx) {
    if (a.empty()) return nullptr;
    return {{"start", idx.byteToCodepoint(a.span.begin)}, {"end", idx.byteToCodepoint(a.span.end)},
            {"exact", a.exact}, {"prefix", a.prefix}, {"suffix", a.suffix}};
}

bool readAnchor(const nlohmann::json& j, const OffsetIndex& idx, Anchor& a, JsonReader& r, const JsonPath& at) {
    a = {};
    if (j.is_null()) return true;
    if (!j.is_object()) return r.wrongType(at, j, "an object (words and where they were) or null");
    if (!r.string(j, at, "exact", a.exact) || !r.string(j, at, "prefix", a.prefix) || !r.string(j, at, "suffix", a.suffix))
        return false;
    auto cp = [&](const char* k, uint32_t& out) {
        uint64_t v = 0;
        bool present = false;
        if (!r.count(j, at, k, v, present)) return false;
        // Past the end of this text is no error: the edit may be from a longer version of it.
        if (present) out = idx.codepointToByte(static_cast<uint32_t>(std::min<uint64_t>(v, idx.codepointCount())));
        return true;
    };
    if (!cp("start", a.span.begin) || !cp("end", a.span.end)) return false;
    if (a.span.end < a.span.begin) a.span.end = a.span.begin;
    if (a.empty()) return r.fail(at, "gives neither words nor offsets");
    return true;
}

bool usesKind(EditOp op) { return op == EditOp::AddMention || op == EditOp::AddClaim || op == EditOp::ClaimKind; }
bool usesLabel(EditOp op) { return op == EditOp::AddMention || op == EditOp::RetypeMention; }
bool usesName(EditOp op) { return op == EditOp::RenameActor || op == EditOp::SplitActor; }

} // namespace

ordered editJson(const Edit& e, const OffsetIndex& idx) {
    ordered j = ordered::object();
    j["op"] = editOpName(e.op);
    if (needsAt(e.op)) j["at"] = anchorJson(e.at, idx);
    if (e.op == EditOp::MergeActors) j["other"] = anchorJson(e.other, idx);
    if (e.op == EditOp::ClaimSpeaker) j["speaker"] = anchorJson(e.other, idx);
    if (e.op == EditOp::AddClaim || e.op == EditOp::ClaimContent) {
        ordered c = ordered::array();
        for (const Anchor& a : e.content) c.push_back(anchorJson(a, idx));
        j["content"] = std::move(c);
    }
    if (e.op == EditOp::ClaimCue || (e.op == EditOp::AddClaim && !e.cue.empty())) j["cue"] = anchorJson(e.cue, idx);
    if (e.op == EditOp::ClaimSource || (e.op == EditOp::AddClaim && !e.source.empty())) j["source"] = anchorJson(e.source, idx);
    if (usesLabel(e.op)) j["label"] = labelName(e.label);
    if (e.op == EditOp::AddMention) j["kind"] = mentionKindName(e.mentionKind);
    if (e.op == EditOp::AddClaim || e.op == EditOp::ClaimKind) j["kind"] = quoteKindName(e.quoteKind);
    if (usesName(e.op) && (!e.name.empty() || e.op == EditOp::RenameActor)) j["name"] = e.name;
    if (!e.author.empty()) j["by"] = e.author;
    if (!e.time.empty()) j["time"] = e.time;
    if (!e.unplaced.empty()) j["unplaced"] = e.unplaced;
    return j;
}

ordered editListJson(const std::vector<Edit>& edits, const OffsetIndex& idx) {
    ordered a = ordered::array();
    for (const Edit& e : edits) a.push_back(editJson(e, idx));
    return a;
}

bool readEdit(const nlohmann::json& j, const OffsetIndex& idx, Edit& e, JsonReader& r, const JsonPath& at) {
    e = {};
    if (!j.is_object()) return r.wrongType(at, j, "an object");
    std::string op;
    if (!r.string(j, at, "op", op)) return false;
    if (op.empty() && !j.contains("op")) return r.fail(at, "\"op\" is missing");
    if (!parseEditOp(op, e.op)) return r.fail(at.key("op"), "unknown op \"" + op + "\"");
    const char* otherKey = e.op == EditOp::ClaimSpeaker ? "speaker" : "other";
    auto anchor = [&](const char* k, Anchor& out) {
        const nlohmann::json* v = JsonReader::find(j, k);
        out = {};
        return !v || readAnchor(*v, idx, out, r, at.key(k));
    };
    if (!anchor("at", e.at) || !anchor("cue", e.cue) || !anchor("source", e.source) || !anchor(otherKey, e.other)) return false;
    const nlohmann::json* content = nullptr;
    if (!r.array(j, at, "content", content)) return false;
    const JsonPath contentAt = at.key("content");
    for (size_t i = 0; content && i < content->size(); ++i) {
        Anchor a;
        if (!readAnchor((*content)[i], idx, a, r, contentAt.item(i))) return false;
        e.content.push_back(std::move(a));
    }
    std::string label, kind;
    if (!r.string(j, at, "label", label) || !r.string(j, at, "kind", kind) || !r.string(j, at, "name", e.name) ||
        !r.string(j, at, "by", e.author) || !r.string(j, at, "time", e.time) || !r.string(j, at, "unplaced", e.unplaced))
        return false;
    if (usesLabel(e.op) && !parseLabel(label.empty() ? "PER" : label, e.label)) return r.fail(at.key("label"), "unknown label \"" + label + "\"");
    if (e.op == EditOp::AddMention) {
        e.mentionKind = e.label == Label::GRP ? MentionKind::Nominal : MentionKind::Name;
        if (!kind.empty() && !parseMentionKind(kind, e.mentionKind)) return r.fail(at.key("kind"), "unknown mention kind \"" + kind + "\"");
    }
    if ((e.op == EditOp::AddClaim || e.op == EditOp::ClaimKind) && !kind.empty() && !parseQuoteKind(kind, e.quoteKind))
        return r.fail(at.key("kind"), "unknown claim kind \"" + kind + "\"");
    (void)usesKind;
    return true;
}

bool readEdit(const nlohmann::json& j, const OffsetIndex& idx, Edit& e, std::string& error) {
    JsonReader r("edit");
    if (readEdit(j, idx, e, r, JsonPath{})) return true;
    error = r.error();
    return false;
}

bool migrateCorrections(const nlohmann::json& c, const OffsetIndex& idx, std::string_view text, std::vector<Edit>& out,
                        std::string& error) {
    if (!c.is_object()) return true;
    auto list = [&](const char* k) -> const nlohmann::json& {
        static const nlohmann::json kEmpty = nlohmann::json::array();
        auto it = c.find(k);
        return it != c.end() && it->is_array() ? *it : kEmpty;
    };
    const uint32_t count = idx.codepointCount();
    auto span = [&](const nlohmann::json& a, const nlohmann::json& b, Span& s) {
        if (!(a.is_number_unsigned() || a.is_number_integer()) || !(b.is_number_unsigned() || b.is_number_integer())) return false;
        const int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
        if (x < 0 || y < x || y > count) return false;
        s = {idx.codepointToByte(static_cast<uint32_t>(x)), idx.codepointToByte(static_cast<uint32_t>(y))};
        return true;
    };
    auto pair = [&](const nlohmann::json& p, Span& s) { return p.is_array() && p.size() == 2 && span(p[0], p[1], s); };
    auto bad = [&](const char* what) {
        error = std::string("whosaid/1: ") + what + " in \"corrections\" is not [start, end] within the text";
        return false;
    };
    for (const nlohmann::json& r : list("removed")) {
        Edit e;
        e.op = EditOp::RemoveMention;
        if (!pair(r, e.at.span)) return bad("a removed mention");
        e.at = anchorAt(text, e.at.span);
        out.push_back(std::move(e));
    }
    for (const nlohmann::json& a : list("added")) {
        Edit e;
        e.op = EditOp::AddMention;
        if (!a.is_object() || !span(a.value("start", nlohmann::json()), a.value("end", nlohmann::json()), e.at.span))
            return bad("an added mention");
        const std::string label = a.contains("label") && a["label"].is_string() ? a["label"].get<std::string>() : "PER";
        if (!parseLabel(label, e.label)) {
            error = "whosaid/1: added mention has an unknown label";
            return false;
        }
        e.mentionKind = e.label == Label::GRP ? MentionKind::Nominal : MentionKind::Name;
        e.at = anchorAt(text, e.at.span);
        out.push_back(std::move(e));
    }
    for (const nlohmann::json& r : list("renamed")) {
        Edit e;
        e.op = EditOp::RenameActor;
        if (!r.is_object() || !r.contains("mention") || !pair(r["mention"], e.at.span)) return bad("a renamed mention");
        e.at = anchorAt(text, e.at.span);
        e.name = r.contains("name") && r["name"].is_string() ? r["name"].get<std::string>() : std::string();
        if (!e.name.empty()) out.push_back(std::move(e));
    }
    for (const nlohmann::json& s : list("speakers")) {
        Edit e;
        e.op = EditOp::ClaimSource;
        if (!s.is_object() || !s.contains("claim") || !s.contains("source") || !pair(s["claim"], e.at.span) ||
            !pair(s["source"], e.source.span))
            return bad("a speaker correction");
        e.at = anchorAt(text, e.at.span);
        e.source = anchorAt(text, e.source.span);
        out.push_back(std::move(e));
    }
    return true;
}

} // namespace detail

std::string editToJson(const Edit& e, std::string_view text) {
    const OffsetIndex idx(text);
    return detail::editJson(e, idx).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<Edit> editFromJson(std::string_view json, std::string_view text) {
    if (std::string deep = jsonNestingProblem(json); !deep.empty()) return Error{"edit: the JSON is " + deep};
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (j.is_discarded()) return Error{"edit: not valid JSON"};
    const OffsetIndex idx(text);
    Edit e;
    std::string error;
    if (!detail::readEdit(j, idx, e, error)) return Error{error};
    return e;
}

QuoteKind guessQuoteKind(std::string_view text, Span span) {
    span.end = std::min<uint32_t>(span.end, static_cast<uint32_t>(text.size()));
    if (span.begin >= span.end) return QuoteKind::Indirect;
    int len = 1;
    const char32_t first = decodeAt(text, span.begin, len);
    if (isOpeningQuote(first) || isAmbiguousQuote(first)) return QuoteKind::Direct;
    size_t marks = 0;
    for (size_t i = span.begin; i < span.end; i += static_cast<size_t>(len)) {
        const char32_t c = decodeAt(text, i, len);
        marks += isOpeningQuote(c) || isClosingQuote(c) || c == '"';
    }
    return marks >= 2 ? QuoteKind::Mixed : QuoteKind::Indirect;
}

// [SECTION] Texts

namespace {
std::unordered_set<uint64_t> trigrams(std::string_view s) {
    std::unordered_set<uint64_t> out;
    uint64_t w[3] = {0, 0, 0};
    int n = 0;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i])) && static_cast<unsigned char>(s[i]) < 0x80) ++i;
        if (i >= s.size()) break;
        uint64_t h = 1469598103934665603ull;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || static_cast<unsigned char>(s[i]) >= 0x80)) {
            h = (h ^ static_cast<unsigned char>(s[i])) * 1099511628211ull;
            ++i;
        }
        w[0] = w[1], w[1] = w[2], w[2] = h;
        if (++n >= 3) out.insert(w[0] * 0x9E3779B97F4A7C15ull ^ (w[1] * 31 + w[2]));
    }
    if (n > 0 && n < 3) out.insert(w[2] ^ (w[1] << 1));
    return out;
}
} // namespace

double textSimilarity(std::string_view a, std::string_view b) {
    if (a == b) return 1.0;
    const auto x = trigrams(a), y = trigrams(b);
    if (x.empty() || y.empty()) return 0.0;
    size_t common = 0;
    for (uint64_t h : x.size() < y.size() ? x : y) common += (x.size() < y.size() ? y : x).count(h);
    return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

} // namespace whosaid
