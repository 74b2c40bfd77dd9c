// Bad input: whatever a classroom pastes, annotate() must not crash, must
// return a sound Document (tests/document_invariants.hpp: spans inside the
// text, on code point boundaries, sorted) and must refuse text over the limit
// with a clear message. The CLI side is in bad_input_cli_test.py.
#include <gtest/gtest.h>

#include <string>

#include "document_invariants.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"

using namespace whosaid;

namespace {

std::string repeat(std::string_view s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Annotates `text`, asserts the result is sound and survives JSON, returns it.
Document sound(std::string_view text) {
    Result<Document> doc = annotate(text, Model::builtin());
    EXPECT_TRUE(doc.ok()) << (doc ? "" : doc.error().message);
    if (!doc) return {};
    EXPECT_EQ(invariants::checkDocument(*doc), "");
    Result<Document> back = fromJson(toJson(*doc));
    EXPECT_TRUE(back.ok()) << (back ? "" : back.error().message);
    if (back) {
        EXPECT_EQ(back->text, doc->text);
        EXPECT_EQ(back->mentions.size(), doc->mentions.size());
        EXPECT_EQ(back->quotes.size(), doc->quotes.size());
    }
    return std::move(*doc);
}

bool hasWarning(const Document& doc, std::string_view part) {
    for (const std::string& w : doc.warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

} // namespace

// [SECTION] encoding: invalid UTF-8, NUL bytes, line ends

TEST(BadInput, InvalidUtf8IsRepairedWithAWarning) {
    // lone continuation, truncated 2/3/4-byte sequences, overlong, surrogate,
    // above U+10FFFF, bytes that never occur (C0, F5, FE, FF)
    for (std::string_view bad : {"\x80", "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xC0\x80", "\xED\xA0\x80",
                                 "\xF4\x90\x80\x80", "\xF5\x80", "\xFE\xFF", "\xE2\x80\x9C\xFF"}) {
        const std::string text = "Ana Lopes said \"" + std::string(bad) + " we will build it\".";
        Document doc = sound(text);
        EXPECT_TRUE(hasWarning(doc, "not valid UTF-8")) << ::testing::PrintToString(bad);
        EXPECT_NE(doc.text.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
    }
    // only invalid bytes
    Document doc = sound(repeat("\xFF\xFE\x80", 10000));
    EXPECT_TRUE(doc.mentions.empty());
}

TEST(BadInput, NulBytesAreRemoved) {
    const std::string text("Ana\0 Lopes said \"we\0 will\" build\0 it.\0", 39);
    Document doc = sound(text);
    EXPECT_EQ(doc.text.find('\0'), std::string::npos);
    EXPECT_TRUE(hasWarning(doc, "NUL"));
    sound(std::string(100000, '\0'));
}

TEST(BadInput, CrlfAndLoneCrBecomeLf) {
    Document crlf = sound("Ana Lopes said \"yes\".\r\n\r\nBen Okafor said \"no\".\r\n");
    EXPECT_EQ(crlf.text.find('\r'), std::string::npos);
    EXPECT_TRUE(hasWarning(crlf, "CR"));
    Document cr = sound("Ana Lopes said \"yes\".\r\rBen Okafor said \"no\".\r");
    EXPECT_EQ(cr.text.find('\r'), std::string::npos);
    sound(repeat("\r", 100000));
    sound(repeat("\r\n", 100000));
    sound(repeat("a\r", 100000));
}

// [SECTION] nothing to find

TEST(BadInput, EmptyAndWhitespaceOnly) {
    for (std::string_view t : {"", " ", "\n", "\n\n\n", " \t \n \t", "\xC2\xA0\xC2\xA0", "\xE2\x80\x8B\xE2\x80\x8B",
                               "\xE3\x80\x80", "\f\v"}) {
        Document doc = sound(t);
        EXPECT_TRUE(doc.mentions.empty());
        EXPECT_TRUE(doc.quotes.empty());
    }
    sound(repeat(" ", 1 << 20));
    sound(repeat("\n", 1 << 20));
}

TEST(BadInput, OnlyPunctuation) {
    sound(".,;:!?()[]{}-\xE2\x80\x94\xE2\x80\xA6/\\|@#$%^&*_+=~`<>");
    sound(repeat(".", 200000));
    sound(repeat("!?.", 100000));
    sound(repeat("- ", 100000));
    sound(repeat("\xE2\x80\x94", 100000));  // em dashes
    Document doc = sound(repeat("...,,,;;;:::!!!", 20000));
    EXPECT_TRUE(doc.mentions.empty());
}

// [SECTION] quotation marks: unbalanced, nested, alone

TEST(BadInput, HundredThousandQuotationMarks) {
    sound(repeat("\"", 100000));
    sound(repeat("\xE2\x80\x9C", 100000));                   // “ never closed
    sound(repeat("\xE2\x80\x9D", 100000));                   // ” never opened
    sound(repeat("'", 100000));
    sound(repeat("\xC2\xAB", 100000));                       // «
    sound(repeat("\xE2\x80\x9C\xE2\x80\x98", 50000));        // “‘“‘… nested ever deeper
    // deep but balanced; 10,000 levels, as deeper nesting is still quadratic in
    // quotes.cpp (clauseSubject, leftovers): see bench/linear.sh
    sound(repeat("\xE2\x80\x9C" "a ", 10000) + repeat("\xE2\x80\x9D", 10000));
    sound(repeat("\" said Ana Lopes. ", 20000));  // every mark unbalanced, a cue after each
    sound(repeat("Ana Lopes said \"yes ", 20000));  // quotes opened, never closed
}

// [SECTION] long runs

TEST(BadInput, FiveMegabyteLineWithoutSpaces) {
    sound(std::string(5u << 20, 'a'));
    sound(repeat("Abc", (5u << 20) / 3));
    sound(repeat("x.", (1u << 20) / 2));  // 0.5 M one-word sentences (bench/linear.sh goes to 16 MB)
}

TEST(BadInput, TextOverTheLimitIsRefused) {
    const std::string big(20u << 20, 'a');
    Result<Document> doc = annotate(big, Model::builtin());
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message, "text too large: 20971520 bytes, the limit is 16777216 bytes (16 MB)");
    // the limit is inclusive (a small one keeps this test fast)
    AnnotateOptions small;
    small.maxBytes = 1000;
    EXPECT_TRUE(annotate(std::string(1000, 'a'), Model::builtin(), small).ok());
    EXPECT_FALSE(annotate(std::string(1001, 'a'), Model::builtin(), small).ok());
    EXPECT_EQ(kDefaultMaxBytes, 16u << 20);
}

// [SECTION] scripts: right-to-left, CJK, emoji, combining marks

TEST(BadInput, RightToLeft) {
    Document ar = sound("\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF: \xC2\xAB\xD8\xB3\xD9\x86\xD8\xA8\xD9\x86\xD9\x8A "
                        "\xD8\xA7\xD9\x84\xD8\xAC\xD8\xB3\xD8\xB1\xC2\xBB.\n");  // Arabic, «…»
    Document he = sound("\xD7\x93\xD7\x95\xD7\x93 \xD7\x90\xD7\x9E\xD7\xA8: \"\xD7\xA0\xD7\x91\xD7\xA0\xD7\x94\".\n");  // Hebrew
    // bidi controls around an English attribution
    sound("\xE2\x80\xAE" "Ana Lopes said \"yes\"\xE2\x80\xAC \xE2\x80\x8F\xE2\x80\x8E \xE2\x81\xA6x\xE2\x81\xA9");
    sound(repeat("\xE2\x80\xAE\xE2\x80\x8F", 50000));
}

TEST(BadInput, CjkAndEmoji) {
    sound("\xE6\x9D\x8E\xE6\x98\x8E\xE8\xAF\xB4\xEF\xBC\x9A\xE3\x80\x8C\xE6\x88\x91\xE4\xBB\xAC\xE4\xBC\x9A"
          "\xE5\xBB\xBA\xE6\xA1\xA5\xE3\x80\x8D\xE3\x80\x82");                                 // 李明说：「我们会建桥」。
    sound("\xE7\x94\xB0\xE4\xB8\xAD\xE3\x81\x95\xE3\x82\x93\xE3\x81\xAF\xE3\x80\x8E\xE3\x81\xAF\xE3\x81\x84\xE3\x80\x8F"
          "\xE3\x81\xA8\xE8\xA8\x80\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82");                     // Japanese 『』
    sound("\xEA\xB9\x80 \xEC\x9E\xA5\xEA\xB4\x80\xEC\x9D\x80 \"\xEC\x98\x88\"\xEB\x9D\xBC\xEA\xB3\xA0 \xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4.");  // Korean
    // emoji: plain, skin tone, ZWJ family, flag, keycap, variation selector, inside a quote and a name
    Document e = sound("Ana Lopes \xF0\x9F\x98\x80 said \"we \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD will "
                       "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 build "
                       "\xF0\x9F\x87\xB5\xF0\x9F\x87\xB9 1\xEF\xB8\x8F\xE2\x83\xA3 it\xE2\x9D\xA4\xEF\xB8\x8F\".");
    sound(repeat("\xF0\x9F\x91\xA8\xE2\x80\x8D", 50000));                     // an endless ZWJ sequence
    sound(repeat("\xE4\xB8\xAD", 300000));                                     // 900 KB of one CJK character
    sound(repeat("e\xCC\x81\xCC\x81\xCC\x81", 50000));                         // stacked combining marks
    sound(repeat("\xEF\xBF\xBD", 100000));                                     // U+FFFD itself
}

// [SECTION] cue and name floods (shapes that could make attribution quadratic)

TEST(BadInput, FloodsOfCuesAndNames) {
    sound(repeat("said ", 30000));
    sound(repeat("according to ", 10000));
    sound(repeat("Ana ", 30000));
    sound(repeat("Ana Lopes said. ", 10000));
    sound(repeat("He said she said they said. ", 5000));
}

// [SECTION] whosaid/1 import (found by fuzz_json)

TEST(BadInput, ImportedConfidenceIsClampedToZeroOne) {
    const char* json = R"({"schema":"whosaid/1","text":"Ana said it.","quotes":[
        {"start":0,"end":3,"kind":"indirect","confidence":5.7},
        {"start":4,"end":8,"kind":"indirect","confidence":-2},
        {"start":9,"end":11,"kind":"indirect","confidence":1e308}]})";
    Result<Document> doc = fromJson(json);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    ASSERT_EQ(doc->quotes.size(), 3u);
    EXPECT_EQ(doc->quotes[0].confidence, 1.f);
    EXPECT_EQ(doc->quotes[1].confidence, 0.f);
    EXPECT_EQ(doc->quotes[2].confidence, 1.f);
    EXPECT_EQ(invariants::checkDocument(*doc, {.strict = false}), "");
}
