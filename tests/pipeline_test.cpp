#include <gtest/gtest.h>

#include "whosaid/annotate.hpp"

using namespace whosaid;

TEST(Pipeline, FindsMentionsAndQuotes) {
    auto doc = annotate("“We will rebuild the bridge,” Mayor Ana Lopes said on Friday.", Model::builtin());
    ASSERT_TRUE(doc) << doc.error().message;
    ASSERT_FALSE(doc->mentions.empty());
    ASSERT_EQ(doc->quotes.size(), 1u);
    const Quote& q = doc->quotes[0];
    EXPECT_EQ(doc->slice(q.content[0]), "“We will rebuild the bridge,”");
    EXPECT_EQ(doc->slice(q.cue), "said");
    EXPECT_EQ(doc->slice(q.source), "Mayor Ana Lopes");  // the source span keeps the title, as in the gold files
    ASSERT_GE(q.speaker, 0);
    EXPECT_EQ(doc->entities[q.speaker].name, "Ana Lopes");
    EXPECT_FALSE(q.why.empty());
}

TEST(Pipeline, UnbalancedQuoteStopsAtParagraphEnd) {
    auto doc = annotate("He said “this never closes.\n\nA new paragraph with Ana Lopes.", Model::builtin());
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->quotes.size(), 1u);
    EXPECT_EQ(doc->slice(doc->quotes[0].span), "“this never closes.");
}

TEST(Pipeline, RepairsBadInputAndSaysSo) {
    auto doc = annotate(std::string("Ana\xFF Lopes\r\nsaid\0 yes", 22), Model::builtin());
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->warnings.size(), 3u);
    for (const Token& t : doc->tokens) EXPECT_LE(t.span.end, doc->text.size());
}

TEST(Pipeline, RefusesTextOverTheLimit) {
    AnnotateOptions o;
    o.maxBytes = 10;
    auto doc = annotate("this text is longer than ten bytes", Model::builtin(), o);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().message, "text too large: 34 bytes, the limit is 10 bytes (0 MB)");
}

TEST(Pipeline, EmptyTextGivesEmptyDocument) {
    auto doc = annotate("", Model::builtin());
    ASSERT_TRUE(doc);
    EXPECT_TRUE(doc->tokens.empty());
    EXPECT_TRUE(doc->quotes.empty());
}

TEST(Pipeline, ManyUnbalancedQuotesStayLinear) {
    std::string s;
    for (int i = 0; i < 20000; ++i) s += "“a ";
    auto doc = annotate(s, Model::builtin());
    ASSERT_TRUE(doc);
    for (const Quote& q : doc->quotes) EXPECT_LE(q.span.end, doc->text.size());
}

// A LINE SEPARATOR, VT or FF inside a quotation breaks its line, not the
// quotation: one claim with its speaker, as with a space (issue 18: U+2028
// made two bogus claims).
TEST(Pipeline, LineSeparatorInsideAQuotationKeepsOneClaim) {
    const std::string spaced = "“We will build the bridge before winter,” the mayor said.";
    auto plain = annotate(spaced, Model::builtin());
    ASSERT_TRUE(plain);
    ASSERT_EQ(plain->quotes.size(), 1u);
    for (const char* sep : {"\xE2\x80\xA8", "\v", "\f"}) {
        std::string text = spaced;
        text.replace(text.find(" before"), 1, sep);
        auto doc = annotate(text, Model::builtin());
        ASSERT_TRUE(doc);
        ASSERT_EQ(doc->quotes.size(), 1u) << sep;
        const Quote& q = doc->quotes[0];
        ASSERT_EQ(q.content.size(), 1u);
        EXPECT_EQ(doc->slice(q.content[0]).substr(0, 5), "“We");
        EXPECT_EQ(q.content[0].end - q.content[0].begin, plain->quotes[0].content[0].end - plain->quotes[0].content[0].begin + std::string(sep).size() - 1);
        EXPECT_EQ(doc->slice(q.source), "the mayor");
        EXPECT_EQ(q.sourceKind, plain->quotes[0].sourceKind);
    }
}
