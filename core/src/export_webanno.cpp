// W3C Web Annotation (JSON-LD) export and import.
//
// One AnnotationCollection; its first (and only) AnnotationPage lists the
// annotations. Every annotation carries its own @context, so that it stands
// alone when taken out of the collection, and its provenance: the tool's
// markup has whosaid as creator and generator with the time it was made; an
// annotation a person made or changed has that person as creator and the
// time of the edit as "modified". Fields outside the W3C vocabulary live under
// the "whosaid:" prefix, declared in the context, so JSON-LD processors keep
// them; the collection also carries the text, the actors and the edit log, so
// that importing the export gives back the same document.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "edit_json.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace detail {
// The trained models compiled in (core/embed_model.cmake): their hashes say which made the markup.
extern const char kBuiltinModel[];
extern const size_t kBuiltinModelSize;
extern const char kBuiltinQuoteModel[];
extern const size_t kBuiltinQuoteModelSize;
} // namespace detail

namespace {

using ordered = nlohmann::ordered_json;

// "tagger 1a2b3c4d, cue tagger 5e6f7a8b": 32-bit FNV-1a of each model file.
std::string modelName() {
    auto hash = [](const char* p, size_t n) {
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
        char buf[12];
        std::snprintf(buf, sizeof buf, "%08x", h);
        return std::string(buf);
    };
    return "tagger " + hash(detail::kBuiltinModel, detail::kBuiltinModelSize) + ", cue tagger " +
           hash(detail::kBuiltinQuoteModel, detail::kBuiltinQuoteModelSize);
}

constexpr uint32_t kContextChars = 32;  // prefix/suffix length of TextQuoteSelector, in code points
constexpr const char* kVersion = "0.1.0";

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

ordered context() { return ordered::array({"http://www.w3.org/ns/anno.jsonld", {{"whosaid", "urn:whosaid:vocab:"}}}); }

ordered software() {
    return {{"id", "urn:whosaid:software:" + std::string(kVersion)}, {"type", "Software"}, {"name", std::string("whosaid ") + kVersion},
            {"nickname", "whosaid"}, {"whosaid:model", modelName()}};
}

ordered person(const std::string& name) {
    const std::string n = name.empty() ? std::string("teacher") : name;
    return {{"id", "urn:whosaid:person:" + iriEscape(n)}, {"type", "Person"}, {"name", n}, {"nickname", n}};
}

struct Writer {
    const Document& doc;
    const ExportOptions& options;
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
        ordered res = {{"id", source}, {"type", "Text"}, {"format", "text/plain"}};
        if (!options.language.empty()) res["language"] = options.language;
        return {{"type", "SpecificResource"}, {"source", std::move(res)}, {"selector", ordered::array({pos, quote})}};
    }

    ordered textual(const char* purpose, std::string value) const {
        // The bodies are the tool's own words and labels, in English.
        return {{"type", "TextualBody"}, {"purpose", purpose}, {"value", std::move(value)}, {"format", "text/plain"}, {"language", "en"}};
    }

    // @context, id, type, motivation and the provenance: the tool's, or the
    // person's whose edit last made or changed it.
    ordered annotation(std::string id, const char* motivation, int32_t edit) const {
        ordered a = ordered::object();
        a["@context"] = context();
        a["id"] = std::move(id);
        a["type"] = "Annotation";
        a["motivation"] = motivation;
        const Edit* e = edit >= 0 && static_cast<size_t>(edit) < doc.edits.done.size() ? &doc.edits.done[edit] : nullptr;
        if (e) {
            a["creator"] = person(e->author);
            if (!e->time.empty()) a["created"] = e->time, a["modified"] = e->time;
            else if (!options.created.empty()) a["created"] = options.created;
        } else {
            a["creator"] = software();
            if (!options.created.empty()) a["created"] = options.created;
        }
        a["generator"] = software();
        if (!options.created.empty()) a["generated"] = options.created;
        if (edit >= 0) a["whosaid:edit"] = edit;
        return a;
    }
};

} // namespace

std::string toWebAnnotation(const Document& doc, const ExportOptions& options) {
    Writer w{doc, options, OffsetIndex(doc.text), options.sourceIri};
    if (w.source.empty()) w.source = doc.id.empty() ? "urn:whosaid:doc" : "urn:whosaid:doc:" + iriEscape(doc.id);
    const std::string coll = w.source + "/annotations";

    ordered items = ordered::array();
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        ordered body = ordered::array({w.textual("tagging", labelName(m.label))});
        int32_t edit = m.edit;
        if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size())) {
            body.push_back(w.textual("identifying", doc.entities[m.entity].name));
            edit = std::max(edit, doc.entities[m.entity].edit);
        }
        ordered a = w.annotation(coll + "#m" + std::to_string(i + 1), m.kind == MentionKind::Name ? "identifying" : "tagging", edit);
        a["body"] = std::move(body);
        a["target"] = w.target(m.span);
        a["whosaid:kind"] = mentionKindName(m.kind);
        if (m.entity >= 0) a["whosaid:entity"] = "e" + std::to_string(m.entity + 1);
        if (m.edit >= 0) a["whosaid:mentionEdit"] = m.edit;  // "whosaid:edit" may be its actor's
        items.push_back(std::move(a));
    }

    ordered sources = ordered::array();
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        const std::string qid = coll + "#q" + std::to_string(i + 1);
        std::string speakerName;
        if (q.speaker >= 0 && q.speaker < static_cast<int>(doc.entities.size())) speakerName = doc.entities[q.speaker].name;
        else if (!q.source.empty()) speakerName = std::string(doc.slice(q.source));

        ordered body = ordered::array({w.textual("classifying", std::string(quoteKindName(q.kind)) + " quote")});
        std::string desc = "Source: " + (speakerName.empty() ? std::string("none found") : speakerName) + " (" +
                           sourceKindName(q.sourceKind) + ")";
        if (!q.cue.empty()) desc += "; cue: " + std::string(doc.slice(q.cue));
        if (!q.why.empty()) desc += "; why: " + q.why;
        body.push_back(w.textual("describing", desc));

        std::string sourceId;
        if (!q.source.empty()) {
            for (size_t k = 0; k < doc.mentions.size(); ++k)
                if (doc.mentions[k].span == q.source) { sourceId = coll + "#m" + std::to_string(k + 1); break; }
            if (sourceId.empty()) {
                // The source words are no actor mention: give them an annotation of their own.
                sourceId = coll + "#s" + std::to_string(i + 1);
                ordered s = w.annotation(sourceId, "identifying", q.edit);
                s["body"] = ordered::array({w.textual("tagging", "source")});
                s["target"] = w.target(q.source);
                sources.push_back(std::move(s));
            }
            body.push_back({{"type", "SpecificResource"}, {"purpose", "linking"}, {"source", sourceId}});
        }
        ordered targets = ordered::array();
        for (Span s : q.content) targets.push_back(w.target(s));
        ordered a = w.annotation(qid, "classifying", q.edit);
        a["body"] = std::move(body);
        a["target"] = targets.size() == 1 ? targets[0] : targets;
        a["whosaid:kind"] = quoteKindName(q.kind);
        a["whosaid:sourceKind"] = sourceKindName(q.sourceKind);
        a["whosaid:confidence"] = std::round(q.confidence * 100.f) / 100.0;
        a["whosaid:why"] = q.why;
        if (!sourceId.empty()) a["whosaid:source"] = sourceId;
        if (q.speaker >= 0) a["whosaid:speaker"] = "e" + std::to_string(q.speaker + 1);
        if (!q.cue.empty()) a["whosaid:cue"] = w.target(q.cue);
        items.push_back(std::move(a));
    }
    for (ordered& s : sources) items.push_back(std::move(s));

    ordered j = ordered::object();
    j["@context"] = context();
    j["id"] = coll;
    j["type"] = "AnnotationCollection";
    j["label"] = "whosaid: actors and claims";
    j["total"] = items.size();
    j["generator"] = software();
    if (!options.created.empty()) j["generated"] = options.created;
    // What a reader of this file needs to make the same document again.
    if (!doc.id.empty()) j["whosaid:id"] = doc.id;
    j["whosaid:text"] = doc.text;
    ordered entities = ordered::array();
    for (size_t i = 0; i < doc.entities.size(); ++i) {
        ordered e = {{"id", "e" + std::to_string(i + 1)}, {"label", labelName(doc.entities[i].label)}, {"name", doc.entities[i].name}};
        if (doc.entities[i].edit >= 0) e["edit"] = doc.entities[i].edit;
        entities.push_back(std::move(e));
    }
    j["whosaid:entities"] = std::move(entities);
    if (doc.edits.base != EditBase::Tool) j["whosaid:editBase"] = editBaseName(doc.edits.base);
    if (!doc.edits.done.empty()) j["whosaid:edits"] = detail::editListJson(doc.edits.done, w.idx);
    if (!doc.warnings.empty()) j["whosaid:warnings"] = doc.warnings;
    j["first"] = {{"id", coll + "/page1"}, {"type", "AnnotationPage"}, {"startIndex", 0}, {"items", std::move(items)}};
    return j.dump(options.indent, ' ', false, ordered::error_handler_t::replace);
}

// [SECTION] Import

namespace {

using nlohmann::json;

std::string str(const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The TextPositionSelector of a target, as a byte span.
bool targetSpan(const json& t, const OffsetIndex& idx, Span& out) {
    if (!t.is_object() || !t.contains("selector")) return false;
    const json& sel = t["selector"];
    const json* pos = nullptr;
    if (sel.is_array()) {
        for (const json& s : sel)
            if (s.is_object() && str(s, "type") == "TextPositionSelector") pos = &s;
    } else if (sel.is_object() && str(sel, "type") == "TextPositionSelector") {
        pos = &sel;
    }
    if (!pos || !(*pos)["start"].is_number_unsigned() || !(*pos)["end"].is_number_unsigned()) return false;
    const uint64_t b = (*pos)["start"].get<uint64_t>(), e = (*pos)["end"].get<uint64_t>();
    if (b > e || e > idx.codepointCount()) return false;
    out = {idx.codepointToByte(static_cast<uint32_t>(b)), idx.codepointToByte(static_cast<uint32_t>(e))};
    return true;
}

// "…#m12" → 12, for the given letter; 0 when not such an id.
size_t itemNumber(const std::string& id, char letter) {
    const size_t hash = id.rfind('#');
    if (hash == std::string::npos || hash + 2 > id.size() || id[hash + 1] != letter) return 0;
    size_t n = 0;
    for (size_t i = hash + 2; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9' || n > 100000000) return 0;
        n = n * 10 + static_cast<size_t>(id[i] - '0');
    }
    return n;
}

int32_t entityRef(const json& a, const char* key, size_t count) {
    const std::string s = str(a, key);
    if (s.size() < 2 || s[0] != 'e') return -1;
    size_t n = 0;
    for (size_t i = 1; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9' || n > 100000000) return -2;
        n = n * 10 + static_cast<size_t>(s[i] - '0');
    }
    return n >= 1 && n <= count ? static_cast<int32_t>(n - 1) : -2;
}

int32_t editRef(const json& a, const char* key) {
    auto it = a.find(key);
    return it != a.end() && it->is_number_unsigned() && it->get<uint64_t>() < (1u << 30) ? static_cast<int32_t>(it->get<uint64_t>()) : -1;
}

} // namespace

Result<Document> documentFromWebAnnotation(std::string_view bytes) {
    const json j = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    const char* what = "Web Annotation: ";
    if (j.is_discarded() || !j.is_object()) return Error{std::string(what) + "not valid JSON"};
    if (str(j, "type") != "AnnotationCollection") return Error{std::string(what) + "not an AnnotationCollection"};
    if (!j.contains("whosaid:text") || !j["whosaid:text"].is_string())
        return Error{std::string(what) + "the collection has no \"whosaid:text\" (only whosaid's own exports carry their text)"};
    Document doc;
    doc.text = j["whosaid:text"].get<std::string>();
    if (!isValidUtf8(doc.text)) return Error{std::string(what) + "\"whosaid:text\" is not valid UTF-8"};
    doc.id = str(j, "whosaid:id");
    const OffsetIndex idx(doc.text);
    if (j.contains("whosaid:entities") && j["whosaid:entities"].is_array())
        for (const json& e : j["whosaid:entities"]) {
            if (!e.is_object()) return Error{std::string(what) + "every entity must be an object"};
            Entity ent;
            ent.name = str(e, "name");
            if (!parseLabel(str(e, "label"), ent.label)) return Error{std::string(what) + "an entity has an unknown label"};
            ent.edit = editRef(e, "edit");
            doc.entities.push_back(std::move(ent));
        }
    const json* items = nullptr;
    if (j.contains("first") && j["first"].is_object() && j["first"].contains("items") && j["first"]["items"].is_array())
        items = &j["first"]["items"];
    std::vector<std::pair<size_t, Mention>> mentions;
    std::vector<std::pair<size_t, Quote>> quotes;
    std::vector<std::pair<size_t, std::string>> quoteSources;
    std::vector<std::pair<std::string, Span>> spanOf;  // annotation id → its target span
    if (items)
        for (const json& a : *items) {
            if (!a.is_object()) return Error{std::string(what) + "every annotation must be an object"};
            const std::string id = str(a, "id");
            Span s;
            if (!a.contains("target")) return Error{std::string(what) + "annotation " + id + " has no target"};
            const json& t = a["target"];
            if (size_t n = itemNumber(id, 'm')) {
                Mention m;
                if (!targetSpan(t, idx, m.span)) return Error{std::string(what) + "annotation " + id + " has no usable TextPositionSelector"};
                if (a.contains("body") && a["body"].is_array() && !a["body"].empty() && !parseLabel(str(a["body"][0], "value"), m.label))
                    return Error{std::string(what) + "annotation " + id + " has an unknown label"};
                if (!parseMentionKind(str(a, "whosaid:kind").empty() ? "name" : str(a, "whosaid:kind"), m.kind))
                    return Error{std::string(what) + "annotation " + id + " has an unknown kind"};
                m.entity = entityRef(a, "whosaid:entity", doc.entities.size());
                if (m.entity == -2) return Error{std::string(what) + "annotation " + id + " refers to an unknown entity"};
                m.edit = editRef(a, "whosaid:mentionEdit");
                spanOf.push_back({id, m.span});
                mentions.push_back({n, m});
            } else if (size_t qn = itemNumber(id, 'q')) {
                Quote q;
                for (const json& x : t.is_array() ? t : json::array({t})) {
                    Span c;
                    if (!targetSpan(x, idx, c)) return Error{std::string(what) + "annotation " + id + " has no usable TextPositionSelector"};
                    q.content.push_back(c);
                }
                if (q.content.empty()) return Error{std::string(what) + "annotation " + id + " has no target"};
                q.span = {q.content.front().begin, q.content.front().end};
                for (Span c : q.content) q.span.begin = std::min(q.span.begin, c.begin), q.span.end = std::max(q.span.end, c.end);
                if (!parseQuoteKind(str(a, "whosaid:kind").empty() ? "direct" : str(a, "whosaid:kind"), q.kind) ||
                    !parseSourceKind(str(a, "whosaid:sourceKind").empty() ? "unsourced" : str(a, "whosaid:sourceKind"), q.sourceKind))
                    return Error{std::string(what) + "annotation " + id + " has an unknown kind"};
                if (a.contains("whosaid:cue") && !targetSpan(a["whosaid:cue"], idx, q.cue))
                    return Error{std::string(what) + "annotation " + id + " has a cue without a position"};
                q.speaker = entityRef(a, "whosaid:speaker", doc.entities.size());
                if (q.speaker == -2) return Error{std::string(what) + "annotation " + id + " refers to an unknown speaker"};
                const auto c = a.find("whosaid:confidence");
                q.confidence = c != a.end() && c->is_number() ? static_cast<float>(std::clamp(c->get<double>(), 0.0, 1.0)) : 0.f;
                q.why = str(a, "whosaid:why");
                q.edit = editRef(a, "whosaid:edit");
                if (!str(a, "whosaid:source").empty()) quoteSources.push_back({quotes.size(), str(a, "whosaid:source")});
                quotes.push_back({qn, std::move(q)});
            } else if (itemNumber(id, 's')) {
                if (!targetSpan(t, idx, s)) return Error{std::string(what) + "annotation " + id + " has no usable TextPositionSelector"};
                spanOf.push_back({id, s});
            }
        }
    for (const auto& qs : quoteSources) {
        const size_t qi = qs.first;
        const std::string& src = qs.second;
        auto it = std::find_if(spanOf.begin(), spanOf.end(), [&](const auto& p) { return p.first == src; });
        if (it == spanOf.end()) return Error{std::string(what) + "a claim's source " + src + " is no annotation of the collection"};
        quotes[qi].second.source = it->second;
    }
    std::stable_sort(mentions.begin(), mentions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::stable_sort(quotes.begin(), quotes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& m : mentions) doc.mentions.push_back(m.second);
    for (auto& q : quotes) doc.quotes.push_back(std::move(q.second));
    const std::string base = str(j, "whosaid:editBase");
    if (!base.empty() && !parseEditBase(base, doc.edits.base)) return Error{std::string(what) + "unknown \"whosaid:editBase\""};
    if (j.contains("whosaid:edits") && j["whosaid:edits"].is_array())
        for (const json& x : j["whosaid:edits"]) {
            Edit e;
            std::string error;
            if (!detail::readEdit(x, idx, e, error)) return Error{std::string(what) + error};
            doc.edits.done.push_back(std::move(e));
        }
    if (j.contains("whosaid:warnings") && j["whosaid:warnings"].is_array())
        for (const json& x : j["whosaid:warnings"])
            if (x.is_string()) doc.warnings.push_back(x.get<std::string>());
    const size_t n = doc.edits.done.size();
    auto bad = [&](int32_t r) { return r >= 0 && static_cast<size_t>(r) >= n; };
    for (const Mention& m : doc.mentions) if (bad(m.edit)) return Error{std::string(what) + "\"whosaid:edit\" past the end of the edits"};
    for (const Quote& q : doc.quotes) if (bad(q.edit)) return Error{std::string(what) + "\"whosaid:edit\" past the end of the edits"};
    for (const Entity& e : doc.entities) if (bad(e.edit)) return Error{std::string(what) + "\"edit\" past the end of the edits"};
    return doc;
}

} // namespace whosaid
