// The whosaid/1 JSON form: code point offsets outside, byte offsets inside.
#include "whosaid/json.hpp"

#include "whosaid/syntax.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "edit_json.hpp"
#include "json_read.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

using nlohmann::json;

// [SECTION] Writing
//
// toJson streams: it appends to one std::string, reserved up front, instead of
// building an nlohmann tree and dumping it. A 16 MB text of nested quotation
// marks has millions of quotes, and the tree cost several times the output,
// which ran the WebAssembly CLI out of memory. The bytes are exactly what
// ordered_json::dump(indent, ' ', false, error_handler_t::replace) gave: the
// same layout, escaping, U+FFFD replacement and number format.

namespace {

// Appends `s` as the body of a JSON string the way nlohmann's dump_escaped()
// does with ensure_ascii off and error_handler_t::replace: the seven short
// escapes, \u00xx (lower-case hex) for the other control characters, UTF-8
// copied as is, and one U+FFFD for each invalid byte or each maximal invalid
// prefix of a sequence (so "\xE2\x80A" gives U+FFFD then 'A'). One thing more
// than nlohmann: U+0085, U+2028 and U+2029 become \u0085, \u2028 and \u2029
// (escapeLineSeparators()), so that the output is one line for line readers.
void appendEscaped(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    size_t run = 0;  // start of the bytes not yet copied that need no escaping
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = byte(i);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { ++i; continue; }
        out.append(s.data() + run, i - run);
        if (c < 0x80) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            }
            run = ++i;
            continue;
        }
        // The bytes allowed after the lead byte (Unicode Table 3-7: no overlongs,
        // no surrogates, nothing above U+10FFFF); 80..BF after the second.
        int need = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c == 0xE0) need = 2, lo = 0xA0;
        else if (c == 0xED) need = 2, hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF) need = 2;
        else if (c == 0xF0) need = 3, lo = 0x90;
        else if (c == 0xF4) need = 3, hi = 0x8F;
        else if (c >= 0xF1 && c <= 0xF3) need = 3;
        size_t k = 1;
        for (; need > 0 && k <= size_t(need) && i + k < s.size(); ++k) {
            if (byte(i + k) < lo || byte(i + k) > hi) break;
            lo = 0x80, hi = 0xBF;
        }
        if (need > 0 && k == size_t(need) + 1) {
            if (c == 0xC2 && byte(i + 1) == 0x85) out += "\\u0085";  // NEL, LS, PS: line breaks to line readers
            else if (c == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9))
                out += byte(i + 2) == 0xA8 ? "\\u2028" : "\\u2029";
            else out.append(s.data() + i, k);  // well-formed
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD; the byte that broke the sequence is read again
        }
        i += k;
        run = i;
    }
    out.append(s.data() + run, i - run);
}

// Objects and arrays laid out like nlohmann's dump(): with indent < 0 all on one
// line with no spaces; with indent >= 0 one member a line, `indent` spaces a
// level and ": " after keys. Empty containers are `{}` and `[]` either way.
class Writer {
public:
    Writer(std::string& out, int indent) : m_out(out), m_indent(indent) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    // `k` is one of the schema's own keys: plain ASCII, nothing to escape.
    void key(std::string_view k) {
        element();
        m_out += '"';
        m_out += k;
        m_out += m_indent >= 0 ? "\": " : "\":";
        m_afterKey = true;
    }
    void string(std::string_view s) {
        element();
        m_out += '"';
        appendEscaped(m_out, s);
        m_out += '"';
    }
    void number(uint32_t n) {
        element();
        char buf[16];
        m_out.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
    }
    // The id of item `i`: "e1" for entity 0 with prefix 'e', "q1" for quote 0.
    void id(char prefix, size_t i) {
        element();
        char buf[24] = {'"', prefix};
        char* end = std::to_chars(buf + 2, buf + sizeof buf - 1, i + 1).ptr;
        *end++ = '"';
        m_out.append(buf, end);
    }
    // In nlohmann's own shortest round-trip format ("0.85", "1.0"; null for NaN
    // and infinities). Remembers the last one: confidences repeat, and each
    // dump() sets up a serializer. Compared by bits, as -0.0 prints "-0.0"
    // (memcpy: Emscripten 3.1.6's libc++ has no std::bit_cast).
    void number(double d) {
        element();
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        if (bits != m_lastDouble || m_lastDoubleText.empty()) {
            m_lastDouble = bits;
            m_lastDoubleText = json(d).dump();
        }
        m_out += m_lastDoubleText;
    }
    void null() {
        element();
        m_out += "null";
    }
    // A value written by nlohmann (the edits: few, and nested), laid out at this depth.
    void raw(const nlohmann::ordered_json& j) {
        element();
        std::string s = j.dump(m_indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        escapeLineSeparators(s);
        if (m_indent < 0) {
            m_out += s;
            return;
        }
        const std::string pad(m_empty.size() * size_t(m_indent), ' ');
        for (char c : s) {
            m_out += c;
            if (c == '\n') m_out += pad;
        }
    }

    // Shorthands for this schema.
    void field(std::string_view k, std::string_view s) { key(k); string(s); }
    void field(std::string_view k, uint32_t n) { key(k); number(n); }

private:
    // Before a key in an object or a value in an array: the comma and, when
    // pretty printing, the line break and indentation.
    void element() {
        if (m_afterKey) {  // the value of the key just written
            m_afterKey = false;
            return;
        }
        if (m_empty.empty()) return;  // the top-level value
        if (!m_empty.back()) m_out += ',';
        m_empty.back() = false;
        newline(m_empty.size());
    }
    void open(char c) {
        element();
        m_out += c;
        m_empty.push_back(true);
    }
    void close(char c) {
        const bool empty = m_empty.back();
        m_empty.pop_back();
        if (!empty) newline(m_empty.size());
        m_out += c;
    }
    void newline(size_t depth) {
        if (m_indent < 0) return;
        m_out += '\n';
        m_out.append(depth * size_t(m_indent), ' ');
    }

    std::string& m_out;
    int m_indent;
    std::vector<bool> m_empty;  // per open container: nothing written in it yet
    bool m_afterKey = false;
    uint64_t m_lastDouble = 0;
    std::string m_lastDoubleText;
};

// A little over the size of the output, so that the string is allocated once
// (growing it copies it and briefly holds it twice). Exact for the text, which
// dominates; per item, its keys and punctuation plus what varies, with every
// offset counted at full width. Pretty printing adds, for each member on a
// line of its own, "\n", the indentation and a space after the colon.
size_t estimateSize(const Document& doc, const JsonOptions& options, uint32_t codepoints) {
    const size_t digits = std::to_string(codepoints).size();
    const size_t pair = 3 + 2 * digits;
    const size_t indent = options.indent >= 0 ? size_t(options.indent) : 0;
    size_t n = 128 + doc.id.size() + doc.text.size();
    for (char c : doc.text)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ++n;  // one byte more each: \" \n (\u00xx is rare)
    size_t lines = 0, indents = 0;  // member lines, and indentation levels summed over them
    auto members = [&](size_t count, size_t depth) { lines += count, indents += count * depth; };
    members(12, 2);  // the top-level members and closing brackets

    for (const Entity& e : doc.entities) {
        n += 38 + digits + e.name.size();
        members(5, 3);  // lines and levels as if all at depth 3
    }
    for (const Mention& m : doc.mentions) {
        n += 51 + 2 * digits + (m.entity >= 0 ? 13 + digits : 0) + (options.mentionText ? 10 + m.span.size() : 0);
        members(8, 3);
    }
    for (const Quote& q : doc.quotes) {
        n += 160 + 3 * digits + q.content.size() * (pair + 1) + q.why.size();
        n += q.cue.empty() ? 4 : pair;
        n += q.source.empty() ? 4 : pair + (options.mentionText ? 17 + q.source.size() : 0);
        members(14, 3);
        members(4 * q.content.size(), 5);
        if (!q.cue.empty()) members(3, 4);
        if (!q.source.empty()) members(3, 4);
    }
    for (const Edit& e : doc.edits.done) n += 400 + 3 * (e.at.exact.size() + 64) + e.name.size();
    members(doc.edits.done.size() * 30, 5);
    for (const std::string& w : doc.warnings) n += 4 + w.size();
    if (options.syntax) {
        n += doc.tokens.size() * (110 + 3 * digits);
        members(9 * doc.tokens.size(), 3);
    }
    members(1 + doc.warnings.size(), 2);
    if (options.indent >= 0) n += 2 * lines + indent * indents;
    return n + 16;  // and room for the caller's final newline
}

} // namespace

void escapeLineSeparators(std::string& json) {
    size_t at = 0;
    auto next = [&](size_t from) {
        for (size_t i = from; i + 1 < json.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(json[i]);
            if (c == 0xC2 && static_cast<unsigned char>(json[i + 1]) == 0x85) return i;
            if (c == 0xE2 && i + 2 < json.size() && static_cast<unsigned char>(json[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(json[i + 2]) == 0xA8 || static_cast<unsigned char>(json[i + 2]) == 0xA9))
                return i;
        }
        return std::string::npos;
    };
    if ((at = next(0)) == std::string::npos) return;  // the common case: nothing to copy
    std::string out;
    out.reserve(json.size() + 16);
    size_t run = 0;
    for (; at != std::string::npos; at = next(run)) {
        out.append(json, run, at - run);
        const bool nel = static_cast<unsigned char>(json[at]) == 0xC2;
        out += nel ? "\\u0085" : static_cast<unsigned char>(json[at + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
        run = at + (nel ? 2 : 3);
    }
    out.append(json, run, std::string::npos);
    json = std::move(out);
}

std::string toJson(const Document& doc, const JsonOptions& options) {
    const OffsetIndex idx(doc.text);
    std::string out;
    out.reserve(estimateSize(doc, options, idx.codepointCount()));
    Writer w(out, options.indent);
    auto cp = [&](uint32_t b) { return idx.byteToCodepoint(b); };
    auto pair = [&](Span s) {
        w.beginArray();
        w.number(cp(s.begin));
        w.number(cp(s.end));
        w.endArray();
    };
    auto pairOrNull = [&](Span s) { s.empty() ? w.null() : pair(s); };

    // The keys and their order are the schema ("schema" first, like the gold
    // files): keep them as they are.
    w.beginObject();
    w.field("schema", "whosaid/1");
    if (!doc.id.empty()) w.field("id", doc.id);
    w.field("offsets", "codepoint");
    w.field("text", doc.text);

    w.key("entities");
    w.beginArray();
    for (size_t i = 0; i < doc.entities.size(); ++i) {
        w.beginObject();
        w.key("id");
        w.id('e', i);
        w.field("label", labelName(doc.entities[i].label));
        w.field("name", doc.entities[i].name);
        if (doc.entities[i].edit >= 0) w.field("edit", uint32_t(doc.entities[i].edit));
        w.endObject();
    }
    w.endArray();

    w.key("mentions");
    w.beginArray();
    for (const Mention& m : doc.mentions) {
        w.beginObject();
        w.field("start", cp(m.span.begin));
        w.field("end", cp(m.span.end));
        w.field("label", labelName(m.label));
        if (m.entity >= 0) {
            w.key("entity");
            w.id('e', size_t(m.entity));
        }
        w.field("kind", mentionKindName(m.kind));
        if (options.mentionText) w.field("text", doc.slice(m.span));
        if (m.edit >= 0) w.field("edit", uint32_t(m.edit));
        w.endObject();
    }
    w.endArray();

    w.key("quotes");
    w.beginArray();
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        w.beginObject();
        w.key("id");
        w.id('q', i);
        w.field("start", cp(q.span.begin));
        w.field("end", cp(q.span.end));
        w.field("kind", quoteKindName(q.kind));
        w.key("content_spans");
        w.beginArray();
        for (Span s : q.content) pair(s);
        w.endArray();
        w.key("cue");
        pairOrNull(q.cue);
        w.key("source");
        pairOrNull(q.source);
        if (options.mentionText && !q.source.empty()) w.field("source_text", doc.slice(q.source));
        w.key("speaker");
        if (q.speaker >= 0) w.id('e', size_t(q.speaker));
        else w.null();
        w.field("source_kind", sourceKindName(q.sourceKind));
        w.key("confidence");
        w.number(std::round(q.confidence * 100.f) / 100.0);
        w.field("why", q.why);
        if (q.edit >= 0) w.field("edit", uint32_t(q.edit));
        w.endObject();
    }
    w.endArray();

    if (options.syntax) {
        w.key("tokens");
        w.beginArray();
        for (const Token& t : doc.tokens) {
            w.beginObject();
            w.field("start", cp(t.span.begin));
            w.field("end", cp(t.span.end));
            w.field("sentence", t.sentence);
            w.field("upos", uposName(static_cast<Upos>(t.upos)));
            w.field("xpos", xposName(static_cast<Xpos>(t.xpos)));
            if (t.morph) w.field("feats", morphFeats(t.morph));
            w.key("head");
            if (t.head >= 0) w.number(static_cast<uint32_t>(t.head));
            else w.null();
            w.field("deprel", deprelName(static_cast<Deprel>(t.deprel)));
            w.endObject();
        }
        w.endArray();
    }

    // The hand edits, in the order made (edits.hpp); "edit_base" only when
    // they were made over something else than the tool's markup.
    const EditLog& log = doc.edits;
    if (log.base != EditBase::Tool) w.field("edit_base", editBaseName(log.base));
    if (!log.done.empty() || (options.history && !log.undone.empty())) {
        w.key("edits");
        w.raw(detail::editListJson(log.done, idx));
    }
    if (options.history && !log.undone.empty()) {
        w.key("undone");
        w.raw(detail::editListJson(log.undone, idx));
    }
    if (!doc.warnings.empty()) {
        w.key("warnings");
        w.beginArray();
        for (const std::string& s : doc.warnings) w.string(s);
        w.endArray();
    }
    w.endObject();
    return out;
}

// [SECTION] Reading

size_t jsonNestingExceeded(std::string_view text, size_t maxDepth) {
    size_t depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;  // the escaped character cannot end the string
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

std::string jsonNestingProblem(std::string_view text, size_t maxDepth) {
    const size_t at = jsonNestingExceeded(text, maxDepth);
    if (at == std::string_view::npos) return {};
    return "nested more than " + std::to_string(maxDepth) + " levels deep (at byte " + std::to_string(at) +
           "); whosaid's files nest a few levels";
}

namespace {

using detail::JsonPath;
using detail::JsonReader;

std::string codepoints(uint32_t n) { return std::to_string(n) + (n == 1 ? " code point" : " code points"); }

// Offsets and spans of one document's text, read strictly.
struct SpanReader {
    JsonReader& r;
    const OffsetIndex& idx;
    uint32_t cpCount;

    bool offset(const json& v, const JsonPath& at, uint32_t& out) {
        uint64_t n = 0;
        if (!r.count(v, at, n)) return false;
        if (n > cpCount) return r.fail(at, std::to_string(n) + " is past the end of the text (" + codepoints(cpCount) + ")");
        out = idx.codepointToByte(static_cast<uint32_t>(n));
        return true;
    }
    bool span(const json& a, const JsonPath& atA, const json& b, const JsonPath& atB, const JsonPath& at, Span& out) {
        if (!offset(a, atA, out.begin) || !offset(b, atB, out.end)) return false;
        if (out.end < out.begin) return r.fail(at, "ends before it starts");
        return true;
    }
    // The required "start" and "end" of object `o`.
    bool startEnd(const json& o, const JsonPath& at, Span& out) {
        const json* a = JsonReader::find(o, "start");
        const json* b = JsonReader::find(o, "end");
        if (!a || !b) return r.fail(at, std::string("needs \"") + (a ? "end" : "start") + "\"");
        return span(*a, at.key("start"), *b, at.key("end"), at, out);
    }
    // [start, end]; null gives the empty span when `nullable`.
    bool pair(const json& v, const JsonPath& at, Span& out, bool nullable) {
        if (v.is_null() && nullable) { out = {}; return true; }
        if (!v.is_array() || v.size() != 2)
            return v.is_array() ? r.fail(at, "must be [start, end], not " + std::to_string(v.size()) + " numbers")
                                : r.wrongType(at, v, nullable ? "[start, end] or null" : "[start, end]");
        return span(v[0], at.item(0), v[1], at.item(1), at, out);
    }
};

// An "edit" reference: a non-negative index into "edits" (checked against its length later).
bool editRef(JsonReader& r, const json& o, const JsonPath& at, int32_t& out) {
    uint64_t n = 0;
    bool present = false;
    if (!r.count(o, at, "edit", n, present)) return false;
    if (present) out = n < (1u << 30) ? static_cast<int32_t>(n) : INT32_MAX;
    return true;
}

// An entity reference ("entity", "speaker"): an id from "entities", or null.
bool entityRef(JsonReader& r, const json& o, const JsonPath& at, const char* key,
               const std::unordered_map<std::string, int32_t>& ids, int32_t& out) {
    out = -1;
    const json* v = JsonReader::find(o, key);
    if (!v || v->is_null()) return true;
    if (!v->is_string()) return r.wrongType(at.key(key), *v, "an entity id (a string) or null");
    auto it = ids.find(v->get_ref<const std::string&>());
    if (it == ids.end()) return r.fail(at.key(key), "\"" + v->get<std::string>() + "\" is no entity's id");
    out = it->second;
    return true;
}

// A member naming one of a fixed set ("label", "kind", ...): absent keeps `dflt`.
template <typename T, typename Parse>
bool named(JsonReader& r, const json& o, const JsonPath& at, const char* key, const char* dflt, T& out, Parse parse,
           const char* what) {
    std::string s = dflt;
    if (!r.string(o, at, key, s)) return false;
    if (!parse(s, out)) return r.fail(at.key(key), "unknown " + std::string(what) + " \"" + s + "\"");
    return true;
}

} // namespace

namespace detail {

Result<Document> documentFromJsonValue(const json& j, const std::string& what, std::string_view rootName) {
    JsonReader r(what);
    JsonPath root;
    root.rootName = rootName;
    const std::string where = what + ": " + (rootName.empty() ? std::string() : std::string(rootName) + ": ");
    if (!j.is_object()) return Error{where + (rootName.empty() ? "the document must be a JSON object" : "must be a JSON object")};
    if (const json* v = JsonReader::find(j, "schema"); !v || !v->is_string() || v->get_ref<const std::string&>() != "whosaid/1")
        return Error{where + "\"schema\" must be \"whosaid/1\""};
    std::string offsets = "codepoint";
    if (!r.string(j, root, "offsets", offsets)) return Error{r.error()};
    if (offsets != "codepoint") return Error{where + "only \"offsets\": \"codepoint\" is supported"};
    const json* text = JsonReader::find(j, "text");
    if (!text || !text->is_string()) return Error{where + "\"text\" must be a string"};

    Document doc;
    doc.text = text->get<std::string>();
    if (!isValidUtf8(doc.text)) return Error{where + "\"text\" is not valid UTF-8"};
    if (!r.string(j, root, "id", doc.id)) return Error{r.error()};
    const OffsetIndex idx(doc.text);
    SpanReader sr{r, idx, idx.codepointCount()};

    const json *entities = nullptr, *mentions = nullptr, *quotes = nullptr, *tokens = nullptr, *warnings = nullptr;
    if (!r.array(j, root, "entities", entities) || !r.array(j, root, "mentions", mentions) ||
        !r.array(j, root, "quotes", quotes) || !r.array(j, root, "tokens", tokens) || !r.array(j, root, "warnings", warnings))
        return Error{r.error()};

    std::unordered_map<std::string, int32_t> ids;
    const JsonPath entitiesAt = root.key("entities");
    for (size_t i = 0; entities && i < entities->size(); ++i) {
        const json& e = (*entities)[i];
        const JsonPath at = entitiesAt.item(i);
        if (!r.object(e, at)) return Error{r.error()};
        const json* id = JsonReader::find(e, "id");
        if (!id || !id->is_string()) {
            if (id) r.wrongType(at.key("id"), *id, "a string");
            else r.fail(at, "needs a string \"id\"");
            return Error{r.error()};
        }
        Entity ent;
        if (!r.string(e, at, "name", ent.name) || !named(r, e, at, "label", "MISC", ent.label, parseLabel, "label") ||
            !editRef(r, e, at, ent.edit))
            return Error{r.error()};
        if (!ids.emplace(id->get<std::string>(), static_cast<int32_t>(doc.entities.size())).second) {
            r.fail(at.key("id"), "\"" + id->get<std::string>() + "\" is the id of an earlier entity too");
            return Error{r.error()};
        }
        doc.entities.push_back(std::move(ent));
    }
    const JsonPath mentionsAt = root.key("mentions");
    for (size_t i = 0; mentions && i < mentions->size(); ++i) {
        const json& m = (*mentions)[i];
        const JsonPath at = mentionsAt.item(i);
        Mention men;
        std::string shown;
        if (!r.object(m, at) || !sr.startEnd(m, at, men.span) || !named(r, m, at, "label", "MISC", men.label, parseLabel, "label") ||
            !named(r, m, at, "kind", "name", men.kind, parseMentionKind, "mention kind") ||
            !entityRef(r, m, at, "entity", ids, men.entity) || !r.string(m, at, "text", shown) || !editRef(r, m, at, men.edit))
            return Error{r.error()};
        doc.mentions.push_back(men);
    }
    const JsonPath quotesAt = root.key("quotes");
    for (size_t i = 0; quotes && i < quotes->size(); ++i) {
        const json& q = (*quotes)[i];
        const JsonPath at = quotesAt.item(i);
        Quote quo;
        std::string ignored;
        const json* spans = nullptr;
        double confidence = 0;
        if (!r.object(q, at) || !r.string(q, at, "id", ignored) || !sr.startEnd(q, at, quo.span) ||
            !named(r, q, at, "kind", "direct", quo.kind, parseQuoteKind, "quote kind") || !r.array(q, at, "content_spans", spans))
            return Error{r.error()};
        const JsonPath spansAt = at.key("content_spans");
        for (size_t k = 0; spans && k < spans->size(); ++k) {
            Span sp;
            if (!sr.pair((*spans)[k], spansAt.item(k), sp, false)) return Error{r.error()};
            quo.content.push_back(sp);
        }
        if (quo.content.empty()) quo.content.push_back(quo.span);
        const json* cue = JsonReader::find(q, "cue");
        const json* source = JsonReader::find(q, "source");
        if ((cue && !sr.pair(*cue, at.key("cue"), quo.cue, true)) || (source && !sr.pair(*source, at.key("source"), quo.source, true)) ||
            !r.string(q, at, "source_text", ignored) || !entityRef(r, q, at, "speaker", ids, quo.speaker) ||
            !named(r, q, at, "source_kind", "unsourced", quo.sourceKind, parseSourceKind, "source_kind") ||
            !r.number(q, at, "confidence", confidence) || !r.string(q, at, "why", quo.why) || !editRef(r, q, at, quo.edit))
            return Error{r.error()};
        // clamped: the page draws it as a share, and other tools may write 0..100
        quo.confidence = static_cast<float>(std::clamp(confidence, 0.0, 1.0));
        doc.quotes.push_back(std::move(quo));
    }
    if (!named(r, j, root, "edit_base", "tool", doc.edits.base, parseEditBase, "\"edit_base\"")) return Error{r.error()};
    const json *edits = nullptr, *undone = nullptr;
    if (!r.array(j, root, "edits", edits) || !r.array(j, root, "undone", undone)) return Error{r.error()};
    if (edits || undone) {
        for (const char* key : {"edits", "undone"}) {
            const json* list = std::string_view(key) == "edits" ? edits : undone;
            const JsonPath listAt = root.key(key);
            for (size_t i = 0; list && i < list->size(); ++i) {
                Edit e;
                if (!detail::readEdit((*list)[i], idx, e, r, listAt.item(i))) return Error{r.error()};
                (list == edits ? doc.edits.done : doc.edits.undone).push_back(std::move(e));
            }
        }
    } else if (const json* c = JsonReader::find(j, "corrections")) {
        // Files from before the edit log: their corrections become the edits that do the same.
        // The old corrections were applied to the markup again on reading (they
        // were idempotent): so are these, and a mention the file already lacks
        // is no edit that failed.
        if (!r.object(*c, root.key("corrections"))) return Error{r.error()};
        std::string error;
        if (!detail::migrateCorrections(*c, idx, doc.text, doc.edits.done, error)) return Error{error};
        applyEdits(doc);
        for (Edit& e : doc.edits.done)
            if (e.op == EditOp::RemoveMention) e.unplaced.clear();
    }
    const size_t count = doc.edits.done.size();
    auto checkRef = [&](int32_t ref, const JsonPath& list, size_t i) {
        if (ref < 0 || static_cast<size_t>(ref) < count) return true;
        return r.fail(list.item(i).key("edit"), std::to_string(ref) + " is past the end of \"edits\" (" + std::to_string(count) + ")");
    };
    for (size_t i = 0; i < doc.entities.size(); ++i) if (!checkRef(doc.entities[i].edit, entitiesAt, i)) return Error{r.error()};
    for (size_t i = 0; i < doc.mentions.size(); ++i) if (!checkRef(doc.mentions[i].edit, mentionsAt, i)) return Error{r.error()};
    for (size_t i = 0; i < doc.quotes.size(); ++i) if (!checkRef(doc.quotes[i].edit, quotesAt, i)) return Error{r.error()};
    const JsonPath warningsAt = root.key("warnings");
    for (size_t i = 0; warnings && i < warnings->size(); ++i) {
        const json& w = (*warnings)[i];
        if (!w.is_string()) {
            r.wrongType(warningsAt.item(i), w, "a string");
            return Error{r.error()};
        }
        doc.warnings.push_back(w.get<std::string>());
    }
    return doc;
}

} // namespace detail

Result<Document> fromJson(std::string_view text) {
    if (std::string deep = jsonNestingProblem(text); !deep.empty()) return Error{"whosaid/1: the JSON is " + deep};
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Error{"whosaid/1: not valid JSON"};
    return detail::documentFromJsonValue(j, "whosaid/1", {});
}

} // namespace whosaid
