// Strict reading of parsed JSON for the importers (whosaid/1, edits, lessons,
// student work, Web Annotation): a member of the wrong type is an error that
// names its JSON path ("quotes[3].speaker: must be an entity id (a string) or
// null, not a number"), never a silent default, and nothing throws. A member
// that is absent keeps its default (other tools write fewer fields).
//
// Usage:
//   JsonReader r("whosaid/1");
//   const JsonPath root, quotes = root.key("quotes");
//   const nlohmann::json* list = nullptr;
//   if (!r.array(j, root, "quotes", list)) return Error{r.error()};
//   for (size_t i = 0; list && i < list->size(); ++i) { const JsonPath at = quotes.item(i); ... }
//
// Paths are built only when something fails: a JsonPath is a few pointers on
// the stack, so a document with a million mentions costs no strings.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"
#include "whosaid/text.hpp"

namespace whosaid::detail {

// "a string", "a number", "an object"...: for "must be X, not Y".
inline const char* jsonTypeName(const nlohmann::json& v) {
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "true or false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "something else";
    }
}

// Where a value is: a chain of member names and array indexes up to the root.
struct JsonPath {
    const JsonPath* parent = nullptr;
    const char* name = nullptr;  // a member's name; nullptr for an array item (or the root)
    size_t index = 0;
    bool isItem = false;
    std::string_view rootName;   // the root's own name, e.g. "document" inside a lesson (may be empty)

    JsonPath key(const char* k) const { return JsonPath{this, k, 0, false, {}}; }
    JsonPath item(size_t i) const { return JsonPath{this, nullptr, i, true, {}}; }

    // "quotes[3].speaker"; a member name that is not a plain word is written ["whosaid:text"].
    std::string str() const {
        std::string out = parent ? parent->str() : std::string(rootName);
        if (isItem) return out + "[" + std::to_string(index) + "]";
        if (!name) return out;
        bool plain = *name != 0;
        for (const char* c = name; *c; ++c)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_')) plain = false;
        if (!plain) return out + "[\"" + name + "\"]";
        return out.empty() ? std::string(name) : out + "." + name;
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string what) : m_what(std::move(what)) {}

    // The first failure, as "what: path: problem".
    const std::string& error() const { return m_error; }
    bool failed() const { return !m_error.empty(); }

    bool fail(const JsonPath& at, const std::string& problem) {
        if (m_error.empty()) {
            const std::string where = at.str();
            m_error = m_what + ": " + (where.empty() ? std::string() : where + ": ") + problem;
        }
        return false;
    }
    bool wrongType(const JsonPath& at, const nlohmann::json& v, const char* want) {
        return fail(at, std::string("must be ") + want + ", not " + jsonTypeName(v));
    }

    // The member `k` of object `o`, or nullptr when absent.
    static const nlohmann::json* find(const nlohmann::json& o, const char* k) {
        auto it = o.find(k);
        return it == o.end() ? nullptr : &*it;
    }

    // Optional members: absent leaves `out` as it is; present with the wrong type fails.
    bool string(const nlohmann::json& o, const JsonPath& at, const char* k, std::string& out) {
        const nlohmann::json* v = find(o, k);
        if (!v) return true;
        if (!v->is_string()) return wrongType(at.key(k), *v, "a string");
        out = v->get<std::string>();
        return true;
    }
    bool boolean(const nlohmann::json& o, const JsonPath& at, const char* k, bool& out) {
        const nlohmann::json* v = find(o, k);
        if (!v) return true;
        if (!v->is_boolean()) return wrongType(at.key(k), *v, "true or false");
        out = v->get<bool>();
        return true;
    }
    bool number(const nlohmann::json& o, const JsonPath& at, const char* k, double& out) {
        const nlohmann::json* v = find(o, k);
        if (!v) return true;
        if (!v->is_number()) return wrongType(at.key(k), *v, "a number");
        out = v->get<double>();
        return true;
    }
    // A non-negative integer (JSON has one number type: 3.0 counts, 3.5 does not).
    bool count(const nlohmann::json& v, const JsonPath& at, uint64_t& out) {
        if (v.is_number_unsigned()) { out = v.get<uint64_t>(); return true; }
        if (v.is_number_integer()) {
            if (v.get<int64_t>() < 0) return fail(at, "must be a non-negative integer, not " + std::to_string(v.get<int64_t>()));
            out = static_cast<uint64_t>(v.get<int64_t>());
            return true;
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (d >= 0 && d < 9.0e15 && static_cast<double>(static_cast<uint64_t>(d)) == d) {
                out = static_cast<uint64_t>(d);
                return true;
            }
            return fail(at, "must be a non-negative integer, not " + v.dump());
        }
        return wrongType(at, v, "a non-negative integer");
    }
    bool count(const nlohmann::json& o, const JsonPath& at, const char* k, uint64_t& out, bool& present) {
        const nlohmann::json* v = find(o, k);
        present = v != nullptr;
        return !v || count(*v, at.key(k), out);
    }
    // An array member: `out` is nullptr when absent.
    bool array(const nlohmann::json& o, const JsonPath& at, const char* k, const nlohmann::json*& out) {
        out = find(o, k);
        if (out && !out->is_array()) return wrongType(at.key(k), *out, "an array");
        return true;
    }
    bool object(const nlohmann::json& v, const JsonPath& at) { return v.is_object() || wrongType(at, v, "an object"); }

private:
    std::string m_what;
    std::string m_error;
};

// A whosaid/1 document from its parsed JSON (json.cpp), also when it sits
// inside another file: messages start with `what` ("lesson") and give paths
// from `rootName` ("document.quotes[2].cue").
Result<Document> documentFromJsonValue(const nlohmann::json& j, const std::string& what, std::string_view rootName);

// One edit (edits.cpp), its problems reported through `r` at `at` ("edits[3].at.start").
bool readEdit(const nlohmann::json& j, const OffsetIndex& idx, Edit& out, JsonReader& r, const JsonPath& at);

} // namespace whosaid::detail
