// libFuzzer target: exports that read back (issue 18). A whosaid/1 document
// from arbitrary bytes is exported as W3C Web Annotation and as brat standoff
// and read back: the text must come back exactly, every record of the .ann
// must be one line for Python's splitlines() (brat's reader), and a second
// round must change nothing (export -> parse is a fixed point after one pass).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../document_invariants.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/json.hpp"
#include "whosaid/text.hpp"

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}

// Lines as Python's str.splitlines() counts them.
size_t pythonLines(const std::string& s) {
    size_t n = 0, start = 0;
    for (size_t i = 0; i < s.size();) {
        int len = 1;
        const char32_t c = whosaid::decodeAt(s, i, len);
        if (whosaid::isLineBreak(c)) {
            ++n;
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++len;
            start = i + len;
        }
        i += len;
    }
    return n + (start < s.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace whosaid;
    Result<Document> doc = fromJson(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!doc || !invariants::checkDocument(*doc, {.strict = false}).empty()) return 0;  // fuzz_json covers those

    // Web Annotation
    const std::string wa = toWebAnnotation(*doc);
    Result<Document> w1 = documentFromWebAnnotation(wa);
    if (!w1) broken("own Web Annotation does not read back", w1.error().message);
    if (w1->text != doc->text) broken("Web Annotation", "the text changed");
    if (w1->mentions.size() != doc->mentions.size()) broken("Web Annotation", "mentions lost");
    Result<Document> w2 = documentFromWebAnnotation(toWebAnnotation(*w1));
    if (!w2 || toJson(*w2) != toJson(*w1)) broken("Web Annotation", "a second round changed the document: " + toJson(*w1));

    // brat
    const BratFiles b = toBrat(*doc);
    if (b.txt != doc->text) broken("brat", "the .txt is not the text");
    size_t records = 0;
    for (char c : b.ann) records += c == '\n';
    if (pythonLines(b.ann) != records) broken("brat", "a record spans lines for splitlines(): " + b.ann);
    Result<Document> b1 = documentFromBrat(b.txt, b.ann);
    if (!b1) broken("own brat does not read back", b1.error().message + "\n" + b.ann);
    if (b1->text != doc->text) broken("brat", "the text changed");
    const BratFiles again = toBrat(*b1);
    Result<Document> b2 = documentFromBrat(again.txt, again.ann);
    if (!b2 || toJson(*b2) != toJson(*b1)) broken("brat", "a second round changed the document: " + again.ann);

    // JSON lines: one line for every reader
    if (pythonLines(toJson(*doc)) > 1) broken("json", "not one line");
    return 0;
}
