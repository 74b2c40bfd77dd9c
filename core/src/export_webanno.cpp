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
#include "json_read.hpp"
#include "whosaid/json.hpp"
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
        else if (!q.source.empty()) speakerName = std::string(doc.sourceWords(q));

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
    std::string out = j.dump(options.indent, ' ', false, ordered::error_handler_t::replace);
    escapeLineSeparators(out);
    return out;
}

// [SECTION] Import
//
// Strict like fromJson(): every member read has to have its type, and a
// problem names its JSON path ("Web Annotation: first.items[3]["whosaid:speaker"]: ...").

namespace {

using nlohmann::json;
using detail::JsonPath;
using detail::JsonReader;

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

struct WebAnnoReader {
    JsonReader r{"Web Annotation"};
    const OffsetIndex* idx = nullptr;

    // The TextPositionSelector of a target, as a byte span.
    bool targetSpan(const json& t, const JsonPath& at, Span& out) {
        if (!r.object(t, at)) return false;
        const json* sel = JsonReader::find(t, "selector");
        if (!sel) return r.fail(at, "has no \"selector\"");
        const JsonPath selAt = at.key("selector");
        const json* pos = nullptr;
        JsonPath posAt = selAt;
        std::string type;
        if (sel->is_array()) {
            for (size_t i = 0; i < sel->size(); ++i) {
                const json& x = (*sel)[i];
                type.clear();
                if (!r.object(x, selAt.item(i)) || !r.string(x, selAt.item(i), "type", type)) return false;
                if (type == "TextPositionSelector") pos = &x, posAt = selAt.item(i);
            }
        } else {
            if (!r.object(*sel, selAt) || !r.string(*sel, selAt, "type", type)) return false;
            if (type == "TextPositionSelector") pos = sel;
        }
        if (!pos) return r.fail(selAt, "has no TextPositionSelector");
        const JsonPath& p = sel->is_array() ? posAt : selAt;
        uint64_t b = 0, e = 0;
        const json* start = JsonReader::find(*pos, "start");
        const json* end = JsonReader::find(*pos, "end");
        if (!start || !end) return r.fail(p, std::string("needs \"") + (start ? "end" : "start") + "\"");
        if (!r.count(*start, p.key("start"), b) || !r.count(*end, p.key("end"), e)) return false;
        if (e > idx->codepointCount()) return r.fail(p.key("end"), std::to_string(e) + " is past the end of the text");
        if (b > e) return r.fail(p, "ends before it starts");
        out = {idx->codepointToByte(static_cast<uint32_t>(b)), idx->codepointToByte(static_cast<uint32_t>(e))};
        return true;
    }
    // "e3" → 2 when there are at least three entities; -1 when absent or null.
    bool entityRef(const json& a, const JsonPath& at, const char* key, size_t count, int32_t& out) {
        out = -1;
        const json* v = JsonReader::find(a, key);
        if (!v || v->is_null()) return true;
        if (!v->is_string()) return r.wrongType(at.key(key), *v, "an entity id (a string) or null");
        const std::string& s = v->get_ref<const std::string&>();
        size_t n = 0;
        bool digits = s.size() >= 2 && s[0] == 'e';
        for (size_t i = 1; digits && i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9' || n > 100000000) digits = false;
            else n = n * 10 + static_cast<size_t>(s[i] - '0');
        }
        if (!digits || n < 1 || n > count) return r.fail(at.key(key), "\"" + s + "\" is no entity's id");
        out = static_cast<int32_t>(n - 1);
        return true;
    }
    bool editRef(const json& a, const JsonPath& at, const char* key, int32_t& out) {
        uint64_t n = 0;
        bool present = false;
        if (!r.count(a, at, key, n, present)) return false;
        if (present) out = n < (1u << 30) ? static_cast<int32_t>(n) : INT32_MAX;
        return true;
    }
    template <typename T, typename Parse>
    bool named(const json& o, const JsonPath& at, const char* key, const char* dflt, T& out, Parse parse, const char* what) {
        std::string v;
        if (!r.string(o, at, key, v)) return false;
        if (v.empty()) v = dflt;
        if (!parse(v, out)) return r.fail(at.key(key), "unknown " + std::string(what) + " \"" + v + "\"");
        return true;
    }
};

} // namespace

Result<Document> documentFromWebAnnotation(std::string_view bytes) {
    const char* what = "Web Annotation: ";
    if (std::string deep = jsonNestingProblem(bytes); !deep.empty()) return Error{std::string(what) + "the JSON is " + deep};
    const json j = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{std::string(what) + "not valid JSON"};
    WebAnnoReader w;
    JsonReader& r = w.r;
    const JsonPath root;
    std::string type;
    if (!r.string(j, root, "type", type)) return Error{r.error()};
    if (type != "AnnotationCollection") return Error{std::string(what) + "not an AnnotationCollection"};
    const json* text = JsonReader::find(j, "whosaid:text");
    if (!text) return Error{std::string(what) + "the collection has no \"whosaid:text\" (only whosaid's own exports carry their text)"};
    if (!text->is_string()) {
        r.wrongType(root.key("whosaid:text"), *text, "a string");
        return Error{r.error()};
    }
    Document doc;
    doc.text = text->get<std::string>();
    if (!isValidUtf8(doc.text)) return Error{std::string(what) + "\"whosaid:text\" is not valid UTF-8"};
    if (!r.string(j, root, "whosaid:id", doc.id)) return Error{r.error()};
    const OffsetIndex idx(doc.text);
    w.idx = &idx;
    const json *entities = nullptr, *edits = nullptr, *warnings = nullptr;
    if (!r.array(j, root, "whosaid:entities", entities) || !r.array(j, root, "whosaid:edits", edits) ||
        !r.array(j, root, "whosaid:warnings", warnings))
        return Error{r.error()};
    const JsonPath entitiesAt = root.key("whosaid:entities");
    for (size_t i = 0; entities && i < entities->size(); ++i) {
        const json& e = (*entities)[i];
        const JsonPath at = entitiesAt.item(i);
        Entity ent;
        if (!r.object(e, at) || !r.string(e, at, "name", ent.name) || !w.named(e, at, "label", "", ent.label, parseLabel, "label") ||
            !w.editRef(e, at, "edit", ent.edit))
            return Error{r.error()};
        doc.entities.push_back(std::move(ent));
    }
    const json* items = nullptr;
    const JsonPath firstAt = root.key("first"), itemsAt = firstAt.key("items");
    if (const json* first = JsonReader::find(j, "first")) {
        if (!r.object(*first, firstAt) || !r.array(*first, firstAt, "items", items)) return Error{r.error()};
    }
    std::vector<std::pair<size_t, Mention>> mentions;
    std::vector<std::pair<size_t, Quote>> quotes;
    std::vector<std::pair<size_t, std::string>> quoteSources;
    std::vector<std::pair<std::string, Span>> spanOf;  // annotation id → its target span
    for (size_t i = 0; items && i < items->size(); ++i) {
        const json& a = (*items)[i];
        const JsonPath at = itemsAt.item(i);
        std::string id;
        if (!r.object(a, at) || !r.string(a, at, "id", id)) return Error{r.error()};
        const json* t = JsonReader::find(a, "target");
        if (!t) return Error{std::string(what) + "annotation " + id + " has no target"};
        const JsonPath targetAt = at.key("target");
        if (size_t n = itemNumber(id, 'm')) {
            Mention m;
            const json* body = nullptr;
            if (!w.targetSpan(*t, targetAt, m.span) || !r.array(a, at, "body", body)) return Error{r.error()};
            if (body && !body->empty()) {
                const JsonPath bodyAt = at.key("body").item(0);
                if (!r.object((*body)[0], bodyAt) || !w.named((*body)[0], bodyAt, "value", "", m.label, parseLabel, "label"))
                    return Error{r.error()};
            }
            if (!w.named(a, at, "whosaid:kind", "name", m.kind, parseMentionKind, "kind") ||
                !w.entityRef(a, at, "whosaid:entity", doc.entities.size(), m.entity) || !w.editRef(a, at, "whosaid:mentionEdit", m.edit))
                return Error{r.error()};
            spanOf.push_back({id, m.span});
            mentions.push_back({n, m});
        } else if (size_t qn = itemNumber(id, 'q')) {
            Quote q;
            if (t->is_array()) {
                for (size_t k = 0; k < t->size(); ++k) {
                    Span c;
                    if (!w.targetSpan((*t)[k], targetAt.item(k), c)) return Error{r.error()};
                    q.content.push_back(c);
                }
            } else {
                Span c;
                if (!w.targetSpan(*t, targetAt, c)) return Error{r.error()};
                q.content.push_back(c);
            }
            if (q.content.empty()) return Error{std::string(what) + "annotation " + id + " has no target"};
            q.span = {q.content.front().begin, q.content.front().end};
            for (Span c : q.content) q.span.begin = std::min(q.span.begin, c.begin), q.span.end = std::max(q.span.end, c.end);
            double confidence = 0;
            std::string source;
            if (!w.named(a, at, "whosaid:kind", "direct", q.kind, parseQuoteKind, "kind") ||
                !w.named(a, at, "whosaid:sourceKind", "unsourced", q.sourceKind, parseSourceKind, "source kind") ||
                !w.entityRef(a, at, "whosaid:speaker", doc.entities.size(), q.speaker) ||
                !r.number(a, at, "whosaid:confidence", confidence) || !r.string(a, at, "whosaid:why", q.why) ||
                !w.editRef(a, at, "whosaid:edit", q.edit) || !r.string(a, at, "whosaid:source", source))
                return Error{r.error()};
            if (const json* cue = JsonReader::find(a, "whosaid:cue"); cue && !w.targetSpan(*cue, at.key("whosaid:cue"), q.cue))
                return Error{r.error()};
            q.confidence = static_cast<float>(std::clamp(confidence, 0.0, 1.0));
            if (!source.empty()) quoteSources.push_back({quotes.size(), source});
            quotes.push_back({qn, std::move(q)});
        } else if (itemNumber(id, 's')) {
            Span s;
            if (!w.targetSpan(*t, targetAt, s)) return Error{r.error()};
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
    std::string base;
    if (!r.string(j, root, "whosaid:editBase", base)) return Error{r.error()};
    if (!base.empty() && !parseEditBase(base, doc.edits.base)) return Error{std::string(what) + "unknown \"whosaid:editBase\""};
    const JsonPath editsAt = root.key("whosaid:edits");
    for (size_t i = 0; edits && i < edits->size(); ++i) {
        Edit e;
        if (!detail::readEdit((*edits)[i], idx, e, r, editsAt.item(i))) return Error{r.error()};
        doc.edits.done.push_back(std::move(e));
    }
    const JsonPath warningsAt = root.key("whosaid:warnings");
    for (size_t i = 0; warnings && i < warnings->size(); ++i) {
        if (!(*warnings)[i].is_string()) {
            r.wrongType(warningsAt.item(i), (*warnings)[i], "a string");
            return Error{r.error()};
        }
        doc.warnings.push_back((*warnings)[i].get<std::string>());
    }
    const size_t n = doc.edits.done.size();
    auto bad = [&](int32_t ref) { return ref >= 0 && static_cast<size_t>(ref) >= n; };
    for (const Mention& m : doc.mentions) if (bad(m.edit)) return Error{std::string(what) + "\"whosaid:edit\" past the end of the edits"};
    for (const Quote& q : doc.quotes) if (bad(q.edit)) return Error{std::string(what) + "\"whosaid:edit\" past the end of the edits"};
    for (const Entity& e : doc.entities) if (bad(e.edit)) return Error{std::string(what) + "\"edit\" past the end of the edits"};
    return doc;
}

} // namespace whosaid
