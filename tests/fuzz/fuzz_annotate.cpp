// libFuzzer target: annotate() on arbitrary bytes. Beyond crashes and
// sanitizer reports, it aborts when the Document breaks an invariant
// (tests/document_invariants.hpp) or does not survive toJson → fromJson.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../document_invariants.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    whosaid::Result<whosaid::Document> doc = whosaid::annotate(text, whosaid::Model::builtin());
    if (!doc) return 0;  // only "text too large", which -max_len keeps us below
    const std::string why = whosaid::invariants::checkDocument(*doc);
    if (!why.empty()) {
        std::fprintf(stderr, "invariant broken: %s\n", why.c_str());
        std::abort();
    }
    whosaid::Result<whosaid::Document> back = whosaid::fromJson(whosaid::toJson(*doc));
    if (!back || back->mentions.size() != doc->mentions.size() || back->quotes.size() != doc->quotes.size()) {
        std::fprintf(stderr, "toJson -> fromJson failed: %s\n", back ? "counts differ" : back.error().message.c_str());
        std::abort();
    }
    return 0;
}
