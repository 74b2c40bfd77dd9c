// libFuzzer target: CoNLL-U reading (parseConllu) on arbitrary bytes, then
// what eval-syntax does with a treebank: build its document, tag and parse it
// with the shipped model, score it, write it back as CoNLL-U and read that
// again. Every sentence must come back a tree over the same words.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "whosaid/annotate.hpp"
#include "whosaid/syntax.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace whosaid;
    Result<std::vector<ConlluSentence>> gold = parseConllu(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!gold) return 0;
    Document doc = documentFromConllu(*gold);
    parseSyntax(doc, Model::builtin());
    const SyntaxScore s = scoreSyntax(doc, *gold);
    if (s.uas > s.words || s.las > s.uas || s.upos > s.words) {
        std::fprintf(stderr, "scores out of range\n");
        std::abort();
    }
    for (const Sentence& sent : doc.sentences)
        for (uint32_t i = sent.firstToken; i < sent.endToken; ++i) {
            const int32_t h = doc.tokens[i].head;
            if (h != -1 && (h < static_cast<int32_t>(sent.firstToken) || h >= static_cast<int32_t>(sent.endToken))) {
                std::fprintf(stderr, "a head outside its sentence\n");
                std::abort();
            }
        }
    Result<std::vector<ConlluSentence>> back = parseConllu(toConllu(doc));
    if (!back) {
        std::fprintf(stderr, "own CoNLL-U does not read back: %s\n", back.error().message.c_str());
        std::abort();
    }
    size_t words = 0, again = 0;
    for (const ConlluSentence& c : *gold) words += c.words.size();
    for (const ConlluSentence& c : *back) again += c.words.size();
    if (words != again) {
        std::fprintf(stderr, "%zu words read back as %zu\n", words, again);
        std::abort();
    }
    return 0;
}
