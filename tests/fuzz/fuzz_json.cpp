// libFuzzer target: whosaid/1 import (fromJson) on arbitrary bytes, then what
// the page and the CLI do with an imported document: tokenize, apply the hand
// edits, write it back out in every export format.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../document_invariants.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/json.hpp"
#include "whosaid/tokenizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace whosaid;
    Result<Document> doc = fromJson(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!doc) return 0;
    std::string why = invariants::checkDocument(*doc, {.strict = false});
    if (why.empty()) {
        tokenize(*doc);
        *doc = replayEdits(*doc, doc->edits);  // the edits once more, over their own result
        why = invariants::checkDocument(*doc, {.strict = false});
    }
    if (!why.empty()) {
        std::fprintf(stderr, "invariant broken: %s\n", why.c_str());
        std::abort();
    }
    Result<Document> back = fromJson(toJson(*doc));
    if (!back) {
        std::fprintf(stderr, "toJson -> fromJson failed: %s\n", back.error().message.c_str());
        std::abort();
    }
    for (ExportFormat f : {ExportFormat::Json, ExportFormat::WebAnnotation, ExportFormat::Brat, ExportFormat::Conll,
                           ExportFormat::Html})
        (void)exportDocument(*doc, f);
    return 0;
}
