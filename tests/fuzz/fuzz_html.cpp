// libFuzzer target: the importers (HTML, Markdown, format detection) on
// arbitrary bytes. Their output must be valid UTF-8 when the input is, and
// never longer than a small multiple of the input (no blow-up).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "whosaid/import.hpp"
#include "whosaid/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace whosaid;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const bool valid = isValidUtf8(bytes);
    const std::string html = htmlToText(bytes);
    const std::string md = markdownToText(bytes);
    const std::string any = importText(bytes, size % 2 ? "page.html" : "");
    (void)detectFormat(bytes);
    // Character references expand (&ne; is 3 bytes of UTF-8 from 4 of input);
    // 4× plus paragraph breaks is a generous ceiling.
    for (const std::string* out : {&html, &md, &any}) {
        if (valid && !isValidUtf8(*out)) {
            std::fprintf(stderr, "importer made invalid UTF-8 from valid input\n");
            std::abort();
        }
        if (out->size() > 4 * size + 64) {
            std::fprintf(stderr, "importer output %zu bytes from %zu\n", out->size(), size);
            std::abort();
        }
    }
    return 0;
}
