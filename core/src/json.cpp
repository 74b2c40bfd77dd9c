// The whosaid/1 JSON form: code point offsets outside, byte offsets inside.
#include "whosaid/json.hpp"

#include "whosaid/syntax.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "edit_json.hpp"
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
// prefix of a sequence (so "\xE2\x80A" gives U+FFFD then 'A').
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
            out.append(s.data() + i, k);  // well-formed
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
        const std::string s = j.dump(m_indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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

// An "edit" reference: a non-negative index into "edits", -1 when absent or not one.
int32_t editIndex(const json& v) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) return -1;
    const uint64_t n = v.get<uint64_t>();
    return n < (1u << 30) ? static_cast<int32_t>(n) : INT32_MAX;
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
        ent.edit = editIndex(field(e, "edit"));
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
        men.edit = editIndex(field(m, "edit"));
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
        quo.edit = editIndex(field(q, "edit"));
        doc.quotes.push_back(std::move(quo));
    }
    const std::string base = str(j, "edit_base", "tool");
    if (!parseEditBase(base, doc.edits.base)) return Error{"whosaid/1: unknown \"edit_base\" \"" + base + "\""};
    std::string error;
    if (j.contains("edits") || j.contains("undone")) {
        for (const char* key : {"edits", "undone"})
            for (const json& x : list(j, key)) {
                Edit e;
                if (!detail::readEdit(x, idx, e, error)) return Error{"whosaid/1: " + error};
                (std::string_view(key) == "edits" ? doc.edits.done : doc.edits.undone).push_back(std::move(e));
            }
    } else if (field(j, "corrections").is_object()) {
        // Files from before the edit log: their corrections become the edits that do the same.
        // The old corrections were applied to the markup again on reading (they
        // were idempotent): so are these, and a mention the file already lacks
        // is no edit that failed.
        if (!detail::migrateCorrections(j["corrections"], idx, doc.text, doc.edits.done, error)) return Error{error};
        applyEdits(doc);
        for (Edit& e : doc.edits.done)
            if (e.op == EditOp::RemoveMention) e.unplaced.clear();
    }
    const size_t edits = doc.edits.done.size();
    auto checkRef = [&](int32_t ref) { return ref < 0 || static_cast<size_t>(ref) < edits; };
    for (const Entity& e : doc.entities) if (!checkRef(e.edit)) return Error{"whosaid/1: an entity's \"edit\" is past the end of \"edits\""};
    for (const Mention& m : doc.mentions) if (!checkRef(m.edit)) return Error{"whosaid/1: a mention's \"edit\" is past the end of \"edits\""};
    for (const Quote& q : doc.quotes) if (!checkRef(q.edit)) return Error{"whosaid/1: a quote's \"edit\" is past the end of \"edits\""};
    for (const json& w : list(j, "warnings"))
        if (w.is_string()) doc.warnings.push_back(w.get<std::string>());
    return doc;
}

} // namespace whosaid
