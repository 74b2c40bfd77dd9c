#include <gtest/gtest.h>

#include "whosaid/document.hpp"

using namespace whosaid;

TEST(Document, NamesRoundTrip) {
    for (Label l : {Label::PER, Label::ORG, Label::LOC, Label::MISC, Label::GRP}) {
        Label back;
        ASSERT_TRUE(parseLabel(labelName(l), back));
        EXPECT_EQ(back, l);
    }
    QuoteKind q;
    EXPECT_TRUE(parseQuoteKind("mixed", q));
    EXPECT_EQ(q, QuoteKind::Mixed);
    SourceKind s;
    EXPECT_TRUE(parseSourceKind("anonymous", s));
    EXPECT_FALSE(parseSourceKind("secret", s));
    Label l;
    EXPECT_FALSE(parseLabel("per", l));
}

TEST(Document, SpanHelpers) {
    Span a{2, 5}, b{4, 9}, c{5, 6};
    EXPECT_TRUE(a.overlaps(b));
    EXPECT_FALSE(a.overlaps(c));
    EXPECT_TRUE(a.contains(4));
    EXPECT_FALSE(a.contains(5));
    EXPECT_EQ(a.size(), 3u);
}
