// W3C Web Annotation (JSON-LD) export.
//
// One AnnotationCollection; its first (and only) AnnotationPage lists the
// annotations. Fields outside the W3C vocabulary live under the "whosaid:"
// prefix, declared in the context, so JSON-LD processors keep them.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "whosaid/export.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace {

using ordered = nlohmann::ordered_json;

constexpr uint32_t kContextChars = 32;  // prefix/suffix length of TextQuoteSelector, in code points

// Percent-encodes everything outside RFC 3986's unreserved set.
std::string iriEscape(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
            out += static_cast<char>(c);
        else { out += '%'; out += kHex[c >> 4]; out += kHex[c & 15]; }
    }
    return out;
}

struct Writer {
    const Document& doc;
    OffsetIndex idx;
    std::string source;

    std::string text(uint32_t b, uint32_t e) const { return std::string(doc.slice({b, e})); }

    ordered target(Span s) const {
        const uint32_t cb = idx.byteToCodepoint(s.begin), ce = idx.byteToCodepoint(s.end);
        const uint32_t pb = idx.codepointToByte(cb > kContextChars ? cb - kContextChars : 0);
        const uint32_t se = idx.codepointToByte(std::min(ce + kContextChars, idx.codepointCount()));
        ordered pos = {{"type", "TextPositionSelector"}, {"start", cb}, {"end", ce}};
        ordered quote = {{"type", "TextQuoteSelector"},
                         {"exact", text(s.begin, s.end)},
                         {"prefix", text(pb, s.begin)},
                         {"suffix", text(s.end, se)}};
        return {{"type", "SpecificResource"}, {"source", source}, {"selector", ordered::array({pos, quote})}};
    }
};

ordered textual(const char* purpose, std::string value) {
    return {{"type", "TextualBody"}, {"purpose", purpose}, {"value", std::move(value)}, {"format", "text/plain"}};
}

} // namespace

std::string toWebAnnotation(const Document& doc, const ExportOptions& options) {
    Writer w{doc, OffsetIndex(doc.text), options.sourceIri};
    if (w.source.empty()) w.source = doc.id.empty() ? "urn:whosaid:doc" : "urn:whosaid:doc:" + iriEscape(doc.id);
    const std::string coll = w.source + "/annotations";

    ordered items = ordered::array();
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        ordered body = ordered::array({textual("tagging", labelName(m.label))});
        if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size()))
            body.push_back(textual("identifying", doc.entities[m.entity].name));
        ordered a = {{"id", coll + "#m" + std::to_string(i + 1)},
                     {"type", "Annotation"},
                     {"motivation", m.kind == MentionKind::Name ? "identifying" : "tagging"},
                     {"body", std::move(body)},
                     {"target", w.target(m.span)},
                     {"whosaid:kind", mentionKindName(m.kind)}};
        if (m.entity >= 0) a["whosaid:entity"] = "e" + std::to_string(m.entity + 1);
        items.push_back(std::move(a));
    }

    ordered sources = ordered::array();
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        const std::string qid = coll + "#q" + std::to_string(i + 1);
        std::string speakerName;
        if (q.speaker >= 0 && q.speaker < static_cast<int>(doc.entities.size())) speakerName = doc.entities[q.speaker].name;
        else if (!q.source.empty()) speakerName = std::string(doc.slice(q.source));

        ordered body = ordered::array({textual("classifying", std::string(quoteKindName(q.kind)) + " quote")});
        std::string desc = "Source: " + (speakerName.empty() ? std::string("none found") : speakerName) + " (" +
                           sourceKindName(q.sourceKind) + ")";
        if (!q.cue.empty()) desc += "; cue: " + std::string(doc.slice(q.cue));
        if (!q.why.empty()) desc += "; why: " + q.why;
        body.push_back(textual("describing", desc));

        std::string sourceId;
        if (!q.source.empty()) {
            for (size_t k = 0; k < doc.mentions.size(); ++k)
                if (doc.mentions[k].span == q.source) { sourceId = coll + "#m" + std::to_string(k + 1); break; }
            if (sourceId.empty()) {
                // The source words are no actor mention: give them an annotation of their own.
                sourceId = coll + "#s" + std::to_string(i + 1);
                ordered s = {{"id", sourceId},
                             {"type", "Annotation"},
                             {"motivation", "identifying"},
                             {"body", ordered::array({textual("tagging", "source")})},
                             {"target", w.target(q.source)}};
                sources.push_back(std::move(s));
            }
            body.push_back({{"type", "SpecificResource"}, {"purpose", "linking"}, {"source", sourceId}});
        }
        ordered targets = ordered::array();
        for (Span s : q.content) targets.push_back(w.target(s));
        ordered a = {{"id", qid},
                     {"type", "Annotation"},
                     {"motivation", "classifying"},
                     {"body", std::move(body)},
                     {"target", targets.size() == 1 ? targets[0] : targets},
                     {"whosaid:kind", quoteKindName(q.kind)},
                     {"whosaid:sourceKind", sourceKindName(q.sourceKind)},
                     {"whosaid:confidence", std::round(q.confidence * 100.f) / 100.0},
                     {"whosaid:why", q.why}};
        if (!sourceId.empty()) a["whosaid:source"] = sourceId;
        if (q.speaker >= 0) a["whosaid:speaker"] = "e" + std::to_string(q.speaker + 1);
        if (!q.cue.empty()) a["whosaid:cue"] = w.target(q.cue);
        items.push_back(std::move(a));
    }
    for (ordered& s : sources) items.push_back(std::move(s));

    ordered j = ordered::object();
    j["@context"] = ordered::array({"http://www.w3.org/ns/anno.jsonld", {{"whosaid", "urn:whosaid:vocab:"}}});
    j["id"] = coll;
    j["type"] = "AnnotationCollection";
    j["label"] = "whosaid: actors and claims";
    j["total"] = items.size();
    j["generator"] = {{"id", "urn:whosaid:generator"}, {"type", "Software"}, {"name", "whosaid 0.1.0"}};
    j["first"] = {{"id", coll + "/page1"}, {"type", "AnnotationPage"}, {"startIndex", 0}, {"items", std::move(items)}};
    return j.dump(options.indent, ' ', false, ordered::error_handler_t::replace);
}

} // namespace whosaid
