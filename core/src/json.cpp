// The whosaid/1 JSON form: code point offsets outside, byte offsets inside.
#include "whosaid/json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "whosaid/text.hpp"

namespace whosaid {

using nlohmann::json;
using ordered = nlohmann::ordered_json;  // output keeps "schema" first, like the gold files

// [SECTION] Writing

std::string toJson(const Document& doc, const JsonOptions& options) {
    const OffsetIndex idx(doc.text);
    auto cp = [&](uint32_t b) { return idx.byteToCodepoint(b); };
    auto pair = [&](Span s) { return ordered::array({cp(s.begin), cp(s.end)}); };

    ordered j = ordered::object();
    j["schema"] = "whosaid/1";
    if (!doc.id.empty()) j["id"] = doc.id;
    j["offsets"] = "codepoint";
    j["text"] = doc.text;

    ordered entities = ordered::array();
    for (size_t i = 0; i < doc.entities.size(); ++i)
        entities.push_back({{"id", "e" + std::to_string(i + 1)},
                            {"label", labelName(doc.entities[i].label)},
                            {"name", doc.entities[i].name}});
    j["entities"] = std::move(entities);

    ordered mentions = ordered::array();
    for (const Mention& m : doc.mentions) {
        ordered o = {{"start", cp(m.span.begin)}, {"end", cp(m.span.end)}, {"label", labelName(m.label)}};
        if (m.entity >= 0) o["entity"] = "e" + std::to_string(m.entity + 1);
        o["kind"] = mentionKindName(m.kind);
        if (options.mentionText) o["text"] = std::string(doc.slice(m.span));
        mentions.push_back(std::move(o));
    }
    j["mentions"] = std::move(mentions);

    ordered quotes = ordered::array();
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        ordered o = {{"id", "q" + std::to_string(i + 1)},
                  {"start", cp(q.span.begin)},
                  {"end", cp(q.span.end)},
                  {"kind", quoteKindName(q.kind)}};
        ordered spans = ordered::array();
        for (Span s : q.content) spans.push_back(pair(s));
        o["content_spans"] = std::move(spans);
        o["cue"] = q.cue.empty() ? ordered(nullptr) : pair(q.cue);
        o["source"] = q.source.empty() ? ordered(nullptr) : pair(q.source);
        if (options.mentionText && !q.source.empty()) o["source_text"] = std::string(doc.slice(q.source));
        o["speaker"] = q.speaker >= 0 ? ordered("e" + std::to_string(q.speaker + 1)) : ordered(nullptr);
        o["source_kind"] = sourceKindName(q.sourceKind);
        o["confidence"] = std::round(q.confidence * 100.f) / 100.0;
        o["why"] = q.why;
        quotes.push_back(std::move(o));
    }
    j["quotes"] = std::move(quotes);
    if (!doc.corrections.empty()) {
        const Corrections& c = doc.corrections;
        ordered o = ordered::object();
        ordered speakers = ordered::array(), added = ordered::array(), removed = ordered::array(), renamed = ordered::array();
        for (const auto& s : c.speakers) speakers.push_back({{"claim", pair(s.claim)}, {"source", pair(s.source)}});
        for (const auto& a : c.added)
            added.push_back({{"start", cp(a.span.begin)}, {"end", cp(a.span.end)}, {"label", labelName(a.label)}});
        for (Span r : c.removed) removed.push_back(pair(r));
        for (const auto& r : c.renamed) renamed.push_back({{"mention", pair(r.mention)}, {"name", r.name}});
        o["speakers"] = std::move(speakers);
        o["added"] = std::move(added);
        o["removed"] = std::move(removed);
        o["renamed"] = std::move(renamed);
        j["corrections"] = std::move(o);
    }
    if (!doc.warnings.empty()) j["warnings"] = doc.warnings;
    return j.dump(options.indent, ' ', false, ordered::error_handler_t::replace);
}

// [SECTION] Reading

namespace {

struct Reader {
    const OffsetIndex& idx;
    uint32_t cpCount;
    std::string error;

    bool fail(std::string msg) {
        if (error.empty()) error = std::move(msg);
        return false;
    }
    bool offset(const json& v, const char* what, uint32_t& out) {
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
            return fail(std::string("whosaid/1: ") + what + " must be a non-negative integer");
        const uint64_t n = v.get<uint64_t>();
        if (n > cpCount) return fail(std::string("whosaid/1: ") + what + " " + std::to_string(n) + " is past the end of the text");
        out = idx.codepointToByte(static_cast<uint32_t>(n));
        return true;
    }
    bool span(const json& a, const json& b, const char* what, Span& out) {
        if (!offset(a, what, out.begin) || !offset(b, what, out.end)) return false;
        if (out.end < out.begin) return fail(std::string("whosaid/1: ") + what + " ends before it starts");
        return true;
    }
    bool pairSpan(const json& v, const char* what, Span& out) {
        if (v.is_null()) { out = {}; return true; }
        if (!v.is_array() || v.size() != 2) return fail(std::string("whosaid/1: ") + what + " must be [start, end]");
        return span(v[0], v[1], what, out);
    }
};

// Field readers that never throw: a wrong type reads as the default.
std::string str(const json& o, const char* key, const char* dflt = "") {
    auto it = o.find(key);
    return (it != o.end() && it->is_string()) ? it->get<std::string>() : std::string(dflt);
}
const json& field(const json& o, const char* key) {
    static const json kNull;
    auto it = o.find(key);
    return it != o.end() ? *it : kNull;
}
const json& list(const json& o, const char* key) {
    static const json kEmpty = json::array();
    auto it = o.find(key);
    return (it != o.end() && it->is_array()) ? *it : kEmpty;
}

int entityIndex(const json& v, const std::vector<std::string>& ids) {
    if (!v.is_string()) return -1;
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == v.get<std::string>()) return static_cast<int>(i);
    return -2;
}

} // namespace

Result<Document> fromJson(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Error{"whosaid/1: not valid JSON"};
    if (!j.is_object()) return Error{"whosaid/1: the document must be a JSON object"};
    if (str(j, "schema") != "whosaid/1")
        return Error{"whosaid/1: \"schema\" must be \"whosaid/1\""};
    if (j.contains("offsets") && str(j, "offsets") != "codepoint")
        return Error{"whosaid/1: only \"offsets\": \"codepoint\" is supported"};
    if (!j.contains("text") || !j["text"].is_string()) return Error{"whosaid/1: \"text\" must be a string"};

    Document doc;
    doc.text = j["text"].get<std::string>();
    if (!isValidUtf8(doc.text)) return Error{"whosaid/1: \"text\" is not valid UTF-8"};
    if (j.contains("id") && j["id"].is_string()) doc.id = j["id"].get<std::string>();
    const OffsetIndex idx(doc.text);
    Reader r{idx, idx.codepointCount(), {}};

    std::vector<std::string> ids;
    for (const json& e : list(j, "entities")) {
        if (!e.is_object() || !e.contains("id") || !e["id"].is_string())
            return Error{"whosaid/1: every entity needs a string \"id\""};
        Entity ent;
        ent.name = str(e, "name");
        if (!parseLabel(str(e, "label", "MISC"), ent.label))
            return Error{"whosaid/1: entity " + e["id"].get<std::string>() + " has an unknown label"};
        ids.push_back(e["id"].get<std::string>());
        doc.entities.push_back(std::move(ent));
    }
    for (const json& m : list(j, "mentions")) {
        if (!m.is_object()) return Error{"whosaid/1: every mention must be an object"};
        Mention men;
        if (!r.span(field(m, "start"), field(m, "end"), "mention offset", men.span))
            return Error{r.error};
        if (!parseLabel(str(m, "label", "MISC"), men.label))
            return Error{"whosaid/1: mention has an unknown label"};
        if (!parseMentionKind(str(m, "kind", "name"), men.kind))
            return Error{"whosaid/1: mention has an unknown kind"};
        men.entity = entityIndex(field(m, "entity"), ids);
        if (men.entity == -2) return Error{"whosaid/1: mention refers to an unknown entity"};
        doc.mentions.push_back(men);
    }
    for (const json& q : list(j, "quotes")) {
        if (!q.is_object()) return Error{"whosaid/1: every quote must be an object"};
        Quote quo;
        if (!r.span(field(q, "start"), field(q, "end"), "quote offset", quo.span))
            return Error{r.error};
        if (!parseQuoteKind(str(q, "kind", "direct"), quo.kind))
            return Error{"whosaid/1: quote has an unknown kind"};
        for (const json& s : list(q, "content_spans")) {
            Span sp;
            if (!r.pairSpan(s, "content span", sp)) return Error{r.error};
            quo.content.push_back(sp);
        }
        if (quo.content.empty()) quo.content.push_back(quo.span);
        if (!r.pairSpan(field(q, "cue"), "cue", quo.cue) ||
            !r.pairSpan(field(q, "source"), "source", quo.source))
            return Error{r.error};
        quo.speaker = entityIndex(field(q, "speaker"), ids);
        if (quo.speaker == -2) return Error{"whosaid/1: quote refers to an unknown speaker entity"};
        if (!parseSourceKind(str(q, "source_kind", "unsourced"), quo.sourceKind))
            return Error{"whosaid/1: quote has an unknown source_kind"};
        const json& c = field(q, "confidence");
        // clamped: the page draws it as a share, and other tools may write 0..100
        quo.confidence = c.is_number() ? static_cast<float>(std::clamp(c.get<double>(), 0.0, 1.0)) : 0.f;
        quo.why = str(q, "why");
        doc.quotes.push_back(std::move(quo));
    }
    const json& corr = field(j, "corrections");
    if (corr.is_object()) {
        Corrections& c = doc.corrections;
        for (const json& s : list(corr, "speakers")) {
            Corrections::Speaker sp;
            if (!s.is_object() || !r.pairSpan(field(s, "claim"), "correction claim", sp.claim) ||
                !r.pairSpan(field(s, "source"), "correction source", sp.source))
                return Error{r.error.empty() ? "whosaid/1: a speaker correction must be an object" : r.error};
            c.speakers.push_back(sp);
        }
        for (const json& a : list(corr, "added")) {
            Corrections::Added ad;
            if (!a.is_object() || !r.span(field(a, "start"), field(a, "end"), "added mention", ad.span))
                return Error{r.error.empty() ? "whosaid/1: an added mention must be an object" : r.error};
            if (!parseLabel(str(a, "label", "PER"), ad.label)) return Error{"whosaid/1: added mention has an unknown label"};
            c.added.push_back(ad);
        }
        for (const json& x : list(corr, "removed")) {
            Span sp;
            if (!r.pairSpan(x, "removed mention", sp)) return Error{r.error};
            c.removed.push_back(sp);
        }
        for (const json& x : list(corr, "renamed")) {
            Corrections::Rename rn;
            if (!x.is_object() || !r.pairSpan(field(x, "mention"), "renamed mention", rn.mention))
                return Error{r.error.empty() ? "whosaid/1: a rename must be an object" : r.error};
            rn.name = str(x, "name");
            c.renamed.push_back(rn);
        }
    }
    for (const json& w : list(j, "warnings"))
        if (w.is_string()) doc.warnings.push_back(w.get<std::string>());
    return doc;
}

} // namespace whosaid
