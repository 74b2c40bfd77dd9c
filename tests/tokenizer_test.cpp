#include <gtest/gtest.h>

#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

using namespace whosaid;

namespace {
std::vector<std::string> words(const std::string& text) {
    Document doc;
    doc.text = text;
    tokenize(doc);
    std::vector<std::string> out;
    for (const Token& t : doc.tokens) out.emplace_back(doc.slice(t.span));
    return out;
}
using V = std::vector<std::string>;
} // namespace

TEST(Tokenizer, SplitsCurlyQuotesAndPossessives) {
    EXPECT_EQ(words("“We will,” he said of Turkey’s plan."),
              (V{"“", "We", "will", ",", "”", "he", "said", "of", "Turkey", "’s", "plan", "."}));
    EXPECT_EQ(words("Russia's allies don't agree"), (V{"Russia", "'s", "allies", "do", "n't", "agree"}));
}

TEST(Tokenizer, KeepsAbbreviationsInitialsAndHyphens) {
    EXPECT_EQ(words("Mr. J. Smith of the U.S. met Gov. Brown in war-torn Syria."),
              (V{"Mr.", "J.", "Smith", "of", "the", "U.S.", "met", "Gov.", "Brown", "in", "war-torn", "Syria", "."}));
    EXPECT_EQ(words("O'Neill"), (V{"O'Neill"}));
}

TEST(Tokenizer, NumbersAndDashes) {
    EXPECT_EQ(words("It cost 1,500.50 euros — a 3.5% rise"),
              (V{"It", "cost", "1,500.50", "euros", "—", "a", "3.5", "%", "rise"}));
}

TEST(Tokenizer, QuoteKinds) {
    Document doc;
    doc.text = "He said \"no\" and 'yes' and «oui».";
    tokenize(doc);
    std::vector<TokenKind> kinds;
    for (const Token& t : doc.tokens)
        if (t.kind == TokenKind::QuoteOpen || t.kind == TokenKind::QuoteClose) kinds.push_back(t.kind);
    EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::QuoteOpen, TokenKind::QuoteClose, TokenKind::QuoteOpen,
                                             TokenKind::QuoteClose, TokenKind::QuoteOpen, TokenKind::QuoteClose}));
}

TEST(Tokenizer, SentencesAndParagraphs) {
    Document doc;
    doc.text = "Mr. Lee spoke. “Go,” he said. Then he left!\nA headline\n\nNext paragraph starts here.";
    tokenize(doc);
    ASSERT_EQ(doc.sentences.size(), 5u);
    EXPECT_EQ(doc.slice(doc.sentences[0].span), "Mr. Lee spoke.");
    EXPECT_EQ(doc.slice(doc.sentences[1].span), "“Go,” he said.");
    EXPECT_EQ(doc.slice(doc.sentences[2].span), "Then he left!");
    EXPECT_EQ(doc.slice(doc.sentences[3].span), "A headline");
    EXPECT_EQ(doc.sentences[4].paragraph, 2u);
    EXPECT_TRUE(doc.tokens[doc.sentences[4].firstToken].paragraphStart);
}

TEST(Tokenizer, HandlesEmptyAndWhitespace) {
    EXPECT_TRUE(words("").empty());
    EXPECT_TRUE(words(" \n\t\xC2\xA0 ").empty());
}

TEST(Tokenizer, RightToLeftAndCjkStayIntact) {
    const auto w = words("قال الوزير 北京 said");
    ASSERT_EQ(w.size(), 4u);
    EXPECT_EQ(w[0], "قال");
    EXPECT_EQ(w[2], "北京");
}

TEST(Tokenizer, Abbreviations) {
    EXPECT_TRUE(isAbbreviation("Gov"));
    EXPECT_TRUE(isAbbreviation("U.S"));
    EXPECT_TRUE(isAbbreviation("U.N"));
    EXPECT_FALSE(isAbbreviation("Putin"));
    EXPECT_FALSE(isAbbreviation("US"));
}

// Upper-case contractions once looped forever (the n't split left an empty stem).
TEST(Tokenizer, SplitsUpperCaseContractions) {
    EXPECT_EQ(words("DOCTORS DON’T AGREE"), (V{"DOCTORS", "DO", "N’T", "AGREE"}));
    EXPECT_EQ(words("WON'T"), (V{"WO", "N'T"}));
}

// [SECTION] Line breaks beyond LF (issue 18)

TEST(Tokenizer, ParagraphSeparatorsEndTheParagraph) {
    // NEL, PARAGRAPH SEPARATOR, CR alone (imported JSON keeps it) and the
    // information separators U+001C..U+001E are paragraph breaks, like LF.
    for (const char* sep : {"\xC2\x85", "\xE2\x80\xA9", "\r", "\x1C", "\x1D", "\x1E"}) {
        Document doc;
        doc.text = std::string("Ana spoke") + sep + "Ben left";
        tokenize(doc);
        ASSERT_EQ(doc.tokens.size(), 4u) << sep;
        EXPECT_TRUE(doc.tokens[2].paragraphStart) << sep;
        ASSERT_EQ(doc.sentences.size(), 2u) << sep;
        EXPECT_EQ(doc.sentences[1].paragraph, 1u) << sep;
    }
}

TEST(Tokenizer, LineSeparatorsBreakTheLineInsideAParagraph) {
    // LINE SEPARATOR, VT (Word's Shift+Enter) and FF separate tokens like a space.
    for (const char* sep : {"\xE2\x80\xA8", "\v", "\f"}) {
        Document doc;
        doc.text = std::string("Ana spoke") + sep + "slowly";
        tokenize(doc);
        ASSERT_EQ(doc.tokens.size(), 3u) << sep;
        EXPECT_FALSE(doc.tokens[2].paragraphStart);
        EXPECT_TRUE(doc.tokens[2].spaceBefore);
        EXPECT_EQ(doc.sentences.size(), 1u);
    }
}

TEST(Tokenizer, NoTokenHoldsALineBreak) {
    Document doc;
    doc.text = "a\x1C" "b\x1D" "c\x1E" "d\xC2\x85" "e\xE2\x80\xA8" "f\xE2\x80\xA9" "g\vh\fi\rj\nk";
    tokenize(doc);
    EXPECT_EQ(doc.tokens.size(), 11u);
    for (const Token& t : doc.tokens)
        for (size_t i = t.span.begin; i < t.span.end;) {
            int len = 1;
            EXPECT_FALSE(isLineBreak(decodeAt(doc.text, i, len))) << doc.slice(t.span);
            i += len;
        }
}
