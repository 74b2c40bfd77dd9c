// Importers: HTML and Markdown to article text. A forgiving one-pass scanner,
// not a full HTML5 parser: enough for saved news pages, and linear on any input.
#include "whosaid/import.hpp"

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>

#include "whosaid/json.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return lowercase(s.substr(s.size() - suffix.size())) == suffix;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Case-insensitive search for an ASCII needle.
size_t ifind(std::string_view hay, std::string_view needle, size_t from = 0) {
    if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
    for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return i;
    }
    return std::string_view::npos;
}

// [SECTION] Character references

struct NamedRef { std::string_view name; char32_t cp; };
constexpr std::array<NamedRef, 40> kRefs = {{
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"bdquo", 0x201E},
    {"sbquo", 0x201A}, {"laquo", 0xAB}, {"raquo", 0xBB}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"shy", 0xAD}, {"copy", 0xA9},
    {"reg", 0xAE}, {"trade", 0x2122}, {"euro", 0x20AC}, {"pound", 0xA3}, {"deg", 0xB0},
    {"eacute", 0xE9}, {"egrave", 0xE8}, {"aacute", 0xE1}, {"agrave", 0xE0}, {"ouml", 0xF6},
    {"uuml", 0xFC}, {"auml", 0xE4}, {"ccedil", 0xE7}, {"ntilde", 0xF1}, {"oacute", 0xF3},
    {"iacute", 0xED}, {"szlig", 0xDF}, {"thinsp", 0x2009}, {"middot", 0xB7},
}};

// Decodes the reference at s[i] == '&'; appends it and returns the bytes read,
// or 0 when it is not a reference (then '&' is literal).
size_t decodeRef(std::string_view s, size_t i, std::string& out) {
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return 0;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    if (body.size() >= 2 && body[0] == '#') {
        uint32_t cp = 0;
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (char c : digits) {
            int d = c >= '0' && c <= '9' ? c - '0' : hex && (lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10 : -1;
            if (d < 0) return 0;
            cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
            if (cp > 0x10FFFF) return 0;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        appendUtf8(out, cp);
        return semi - i + 1;
    }
    for (const NamedRef& r : kRefs)
        if (r.name == body) {
            if (r.cp != 0xAD) appendUtf8(out, r.cp == 0xA0 ? U' ' : r.cp);
            return semi - i + 1;
        }
    return 0;
}

// [SECTION] HTML

// Where the comment that opens at html[i] ("<!--") ends, as the HTML standard's
// tokenizer has it: "<!-->" and "<!--->" are whole (empty) comments, a comment
// ends at "-->" or at "--!>", and one left open runs to the end of the input.
size_t commentEnd(std::string_view html, size_t i) {
    size_t k = i + 4;
    if (html.compare(k, 1, ">") == 0) return k + 1;   // <!-->
    if (html.compare(k, 2, "->") == 0) return k + 2;  // <!--->
    for (; k < html.size(); ++k) {
        if (html[k] != '-') continue;
        if (html.compare(k, 3, "-->") == 0) return k + 3;
        if (html.compare(k, 4, "--!>") == 0) return k + 4;
    }
    return html.size();
}

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct TextSink {
    std::string out;
    bool space = false;
    void text(char32_t c) {
        if (isSpace(c)) { space = true; return; }
        if (space && !out.empty() && out.back() != '\n') out += ' ';
        space = false;
        appendUtf8(out, c);
    }
    void raw(std::string_view s) {
        if (space && !out.empty() && out.back() != '\n') out += ' ';
        space = false;
        out += s;
    }
    void lineBreak() { while (!out.empty() && out.back() == ' ') out.pop_back(); if (!out.empty() && out.back() != '\n') out += '\n'; space = false; }
    void paragraph() {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (out.empty()) return;
        if (out.back() != '\n') out += '\n';
        if (out.size() < 2 || out[out.size() - 2] != '\n') out += '\n';
        space = false;
    }
};

} // namespace

std::string htmlToText(std::string_view html) {
    // Narrow to the article when the page marks one.
    for (std::string_view tag : {"article", "main"}) {
        const size_t a = ifind(html, std::string("<") + std::string(tag));
        const size_t b = ifind(html, std::string("</") + std::string(tag) + ">");
        size_t last = b;
        while (last != std::string_view::npos) {
            const size_t next = ifind(html, std::string("</") + std::string(tag) + ">", last + 1);
            if (next == std::string_view::npos) break;
            last = next;
        }
        if (a != std::string_view::npos && last != std::string_view::npos && last > a) {
            html = html.substr(a, last - a);
            break;
        }
    }

    TextSink sink;
    const size_t n = html.size();
    size_t i = 0;
    while (i < n) {
        const char c = html[i];
        if (c == '&') {
            std::string ref;
            const size_t used = decodeRef(html, i, ref);
            if (used) { sink.raw(ref); i += used; continue; }
            sink.text('&');
            ++i;
            continue;
        }
        if (c != '<') {
            int len;
            const unsigned char u = static_cast<unsigned char>(c);
            if (u < 0x80) { sink.text(static_cast<char32_t>(u)); ++i; continue; }
            // multi-byte characters (or invalid bytes) pass through; annotate() repairs the latter
            size_t j = i + 1;
            while (j < n && (static_cast<unsigned char>(html[j]) & 0xC0) == 0x80 && j - i < 4) ++j;
            len = static_cast<int>(j - i);
            sink.raw(html.substr(i, len));
            i += len;
            continue;
        }
        // Comments, doctype, processing instructions, CDATA.
        if (html.compare(i, 4, "<!--") == 0) {
            i = commentEnd(html, i);
            continue;
        }
        if (i + 1 < n && (html[i + 1] == '!' || html[i + 1] == '?')) {
            const size_t e = html.find('>', i);
            i = e == std::string_view::npos ? n : e + 1;
            continue;
        }
        // A tag: name, then attributes up to '>' (quotes respected).
        size_t j = i + 1;
        const bool closing = j < n && html[j] == '/';
        if (closing) ++j;
        std::string name;
        while (j < n && ((html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z') || (html[j] >= '0' && html[j] <= '9')))
            name += lower(html[j++]);
        if (name.empty()) { sink.text('<'); ++i; continue; }  // a lone '<' in text
        char quote = 0;
        while (j < n && (quote || html[j] != '>')) {
            if (quote) { if (html[j] == quote) quote = 0; }
            else if (html[j] == '"' || html[j] == '\'') quote = html[j];
            ++j;
        }
        const size_t tagEnd = j < n ? j + 1 : n;
        const bool selfClosing = tagEnd >= 2 && html[tagEnd - 2] == '/';
        if (!closing && isOneOf(name, {"script", "style", "noscript", "template", "textarea", "title"})) {
            // raw text elements: skip to their end tag
            const size_t e = ifind(html, "</" + name, tagEnd);
            if (e == std::string_view::npos) { i = n; continue; }
            const size_t gt = html.find('>', e);
            i = gt == std::string_view::npos ? n : gt + 1;
            continue;
        }
        if (!closing && !selfClosing &&
            isOneOf(name, {"nav", "header", "footer", "aside", "form", "svg", "iframe", "object", "button", "select", "menu", "figure"})) {
            // skip the whole element, counting nested ones of the same name
            int depth = 1;
            size_t k = tagEnd;
            while (depth > 0 && k < n) {
                const size_t open = ifind(html, "<" + name, k), close = ifind(html, "</" + name, k);
                if (close == std::string_view::npos) { k = n; break; }
                if (open != std::string_view::npos && open < close) { ++depth; k = open + 1; }
                else { --depth; k = close + 1; }
            }
            const size_t gt = k < n ? html.find('>', k) : std::string_view::npos;
            i = gt == std::string_view::npos ? n : gt + 1;
            continue;
        }
        if (name == "br") sink.lineBreak();
        else if (isOneOf(name, {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section",
                                "article", "main", "pre", "table", "tr", "dl", "dt", "dd", "hr", "figcaption", "body", "address"}))
            sink.paragraph();
        else if (isOneOf(name, {"td", "th"})) sink.space = true;
        i = tagEnd;
    }
    std::string& out = sink.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// [SECTION] Markdown

std::string markdownToText(std::string_view md) {
    std::string out;
    out.reserve(md.size());
    bool inFence = false;
    size_t pos = 0;
    while (pos <= md.size()) {
        size_t eol = md.find('\n', pos);
        if (eol == std::string_view::npos) eol = md.size();
        std::string_view line = md.substr(pos, eol - pos);
        pos = eol + 1;
        size_t k = 0;
        while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
        std::string_view body = line.substr(k);
        if (body.substr(0, 3) == "```" || body.substr(0, 3) == "~~~") { inFence = !inFence; continue; }
        if (!inFence) {
            while (!body.empty() && (body[0] == '#' || body[0] == '>')) body.remove_prefix(1);
            while (!body.empty() && body[0] == ' ') body.remove_prefix(1);
            if (body.size() >= 2 && (body[0] == '-' || body[0] == '*' || body[0] == '+') && body[1] == ' ') body.remove_prefix(2);
            size_t digits = 0;  // ordered list item: "12. " or "3) "
            while (digits < body.size() && digits < 9 && body[digits] >= '0' && body[digits] <= '9') ++digits;
            if (digits && digits + 1 < body.size() && (body[digits] == '.' || body[digits] == ')') && body[digits + 1] == ' ')
                body.remove_prefix(digits + 2);
            while (!body.empty() && body[0] == ' ') body.remove_prefix(1);
            // rules and setext heading underlines ("---", "===="), reference link definitions ("[1]: http://…")
            if (body.size() >= 3 && body.find_first_not_of(body[0]) == std::string_view::npos &&
                (body[0] == '-' || body[0] == '*' || body[0] == '_' || body[0] == '='))
                continue;
            if (!body.empty() && body[0] == '[' && body.find("]: ") != std::string_view::npos && body.find("](") == std::string_view::npos)
                continue;
        }
        std::string clean;
        for (size_t i = 0; i < body.size(); ++i) {
            const char c = body[i];
            if (inFence) { clean += c; continue; }
            if (c == '\\' && i + 1 < body.size() && std::string_view("\\`*_{}[]()#+-.!<>|~").find(body[i + 1]) != std::string_view::npos) {
                clean += body[++i];  // a backslash escape: the character itself
                continue;
            }
            if (c == '<' && i + 1 < body.size() && (std::isalpha(static_cast<unsigned char>(body[i + 1])) || body[i + 1] == '/' || body[i + 1] == '!')) {
                const size_t gt = body.find('>', i);  // inline HTML tag or comment: dropped, its text kept
                if (gt != std::string_view::npos) { i = gt; continue; }
            }
            if (c == '!' && i + 1 < body.size() && body[i + 1] == '[') {  // image: drop
                const size_t close = body.find("](", i);
                const size_t end = close == std::string_view::npos ? std::string_view::npos : body.find(')', close);
                if (end != std::string_view::npos) { i = end; continue; }
            }
            if (c == '[') {  // link: keep the text
                const size_t close = body.find("](", i);
                const size_t end = close == std::string_view::npos ? std::string_view::npos : body.find(')', close);
                if (end != std::string_view::npos) { clean.append(body.substr(i + 1, close - i - 1)); i = end; continue; }
            }
            if (c == '*' || c == '`' || (c == '_' && (i == 0 || body[i - 1] == ' ' || i + 1 == body.size() || body[i + 1] == ' ' ||
                                                      body[i + 1] == '_' || body[i - 1] == '_')))
                continue;
            clean += c;
        }
        out += clean;
        if (pos <= md.size()) out += '\n';
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// [SECTION] Dispatch

InputFormat detectFormat(std::string_view bytes, std::string_view fileName) {
    if (endsWith(fileName, ".html") || endsWith(fileName, ".htm") || endsWith(fileName, ".xhtml")) return InputFormat::Html;
    if (endsWith(fileName, ".md") || endsWith(fileName, ".markdown")) return InputFormat::Markdown;
    if (endsWith(fileName, ".jsonld")) return InputFormat::WebAnnotation;
    if (endsWith(fileName, ".txt")) return InputFormat::Text;
    size_t k = 0;
    while (k < bytes.size() && isSpace(static_cast<unsigned char>(bytes[k]))) ++k;
    const std::string_view head = bytes.substr(k, 512);
    if (!head.empty() && head[0] == '{' && head.find("\"whosaid/1\"") != std::string_view::npos) return InputFormat::WhosaidJson;
    if (!head.empty() && head[0] == '{' && (head.find("\"AnnotationCollection\"") != std::string_view::npos ||
                                            head.find("anno.jsonld") != std::string_view::npos))
        return InputFormat::WebAnnotation;
    if (endsWith(fileName, ".json")) return InputFormat::WhosaidJson;
    if (ifind(head, "<!doctype html") == 0 || ifind(head, "<html") != std::string_view::npos ||
        (ifind(head, "<p>") != std::string_view::npos && ifind(head, "</p>") != std::string_view::npos))
        return InputFormat::Html;
    return InputFormat::Text;
}

std::string importText(std::string_view bytes, std::string_view fileName) {
    switch (detectFormat(bytes, fileName)) {
    case InputFormat::Html: return htmlToText(bytes);
    case InputFormat::Markdown: return markdownToText(bytes);
    case InputFormat::WhosaidJson: {
        Result<Document> doc = fromJson(bytes);
        return doc ? doc->text : std::string(bytes);
    }
    case InputFormat::WebAnnotation: {
        Result<Document> doc = documentFromWebAnnotation(bytes);
        return doc ? doc->text : std::string(bytes);
    }
    case InputFormat::Text: break;
    }
    return std::string(bytes);
}

} // namespace whosaid
