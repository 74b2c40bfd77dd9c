// Hand corrections applied over the annotated document.
#include "whosaid/corrections.hpp"

#include <algorithm>

namespace whosaid {

int findMention(const Document& doc, Span span) {
    int containing = -1;
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Span m = doc.mentions[i].span;
        if (m == span) return static_cast<int>(i);
        if (containing < 0 && m.contains(span.begin)) containing = static_cast<int>(i);
    }
    return containing;
}

namespace {

SourceKind sourceKindFor(Label l) {
    switch (l) {
    case Label::PER: return SourceKind::Named;
    case Label::GRP: return SourceKind::Anonymous;
    default: return SourceKind::Organization;
    }
}

int32_t entityFor(Document& doc, Span span, Label label) {
    const std::string_view text = doc.slice(span);
    for (const Mention& m : doc.mentions)
        if (m.entity >= 0 && m.label == label && doc.slice(m.span) == text) return m.entity;
    for (size_t e = 0; e < doc.entities.size(); ++e)
        if (doc.entities[e].label == label && doc.entities[e].name == text) return static_cast<int32_t>(e);
    doc.entities.push_back({std::string(text), label});
    return static_cast<int32_t>(doc.entities.size() - 1);
}

} // namespace

void applyCorrections(Document& doc) {
    const Corrections& c = doc.corrections;
    const uint32_t size = static_cast<uint32_t>(doc.text.size());
    auto fits = [&](Span s) { return s.begin < s.end && s.end <= size; };

    for (Span r : c.removed) {
        std::erase_if(doc.mentions, [&](const Mention& m) { return m.span == r; });
    }
    for (const Corrections::Added& a : c.added) {
        if (!fits(a.span)) continue;
        const auto same = [&](const Mention& m) { return m.span == a.span; };
        if (std::any_of(doc.mentions.begin(), doc.mentions.end(), same)) continue;
        // a new mention replaces any it overlaps
        std::erase_if(doc.mentions, [&](const Mention& m) { return m.span.overlaps(a.span); });
        Mention m;
        m.span = a.span;
        m.label = a.label;
        m.kind = a.label == Label::GRP ? MentionKind::Nominal : MentionKind::Name;
        m.entity = entityFor(doc, a.span, a.label);
        doc.mentions.insert(std::upper_bound(doc.mentions.begin(), doc.mentions.end(), m,
                                             [](const Mention& x, const Mention& y) { return x.span.begin < y.span.begin; }),
                            m);
    }
    for (const Corrections::Rename& r : c.renamed) {
        const int m = findMention(doc, r.mention);
        if (m >= 0 && doc.mentions[m].entity >= 0 && !r.name.empty()) doc.entities[doc.mentions[m].entity].name = r.name;
    }
    for (const Corrections::Speaker& s : c.speakers) {
        if (!fits(s.source)) continue;
        for (Quote& q : doc.quotes) {
            if (q.content.empty() || !q.content.front().overlaps(s.claim)) continue;
            const int m = findMention(doc, s.source);
            q.source = m >= 0 ? doc.mentions[m].span : s.source;
            q.speaker = m >= 0 ? doc.mentions[m].entity : -1;
            q.sourceKind = m >= 0 ? sourceKindFor(doc.mentions[m].label) : SourceKind::Named;
            q.why = "corrected by hand";
            q.confidence = 1.f;
            break;
        }
    }
}

} // namespace whosaid
