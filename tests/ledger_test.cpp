#include <gtest/gtest.h>

#include "whosaid/annotate.hpp"
#include "whosaid/ledger.hpp"

using namespace whosaid;

namespace {

// A hand-built document, so the ledger is tested apart from attribution.
Document sample() {
    Document d;
    d.text = "“One two three,” Ana said. Ana said four five. Officials said “six” seven. Nobody.";
    d.entities = {{"Ana Lopes", Label::PER}, {"officials", Label::GRP}};
    auto q = [&](std::string_view content, QuoteKind k, int32_t speaker, SourceKind sk) {
        const uint32_t b = static_cast<uint32_t>(d.text.find(content));
        Quote x;
        x.content = {{b, b + static_cast<uint32_t>(content.size())}};
        x.span = x.content[0];
        x.kind = k;
        x.speaker = speaker;
        x.sourceKind = sk;
        return x;
    };
    d.quotes = {q("“One two three,”", QuoteKind::Direct, 0, SourceKind::Named),
                q("four five", QuoteKind::Indirect, 0, SourceKind::Named),
                q("“six” seven", QuoteKind::Mixed, 1, SourceKind::Anonymous),
                q("Nobody", QuoteKind::Indirect, -1, SourceKind::Unsourced)};
    return d;
}

} // namespace

TEST(Ledger, CountsPerSpeaker) {
    const std::vector<LedgerRow> rows = buildLedger(sample());
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].name, "Ana Lopes");
    EXPECT_EQ(rows[0].entity, 0);
    EXPECT_EQ(rows[0].claims, 2u);
    EXPECT_EQ(rows[0].direct, 1u);
    EXPECT_EQ(rows[0].reported(), 1u);
    EXPECT_EQ(rows[0].named, 2u);
    EXPECT_EQ(rows[0].words, 5u);
    EXPECT_EQ(rows[0].quotedWords, 3u);

    EXPECT_EQ(rows[1].name, "officials");
    EXPECT_EQ(rows[1].anonymous, 1u);
    EXPECT_EQ(rows[1].mixed, 1u);
    EXPECT_EQ(rows[1].words, 2u);
    EXPECT_EQ(rows[1].quotedWords, 1u);  // only "six" is inside the marks
}

TEST(Ledger, UnsourcedRowComesLast) {
    const std::vector<LedgerRow> rows = buildLedger(sample());
    EXPECT_EQ(rows.back().entity, -1);
    EXPECT_EQ(rows.back().claims, 1u);
    EXPECT_EQ(rows.back().unsourced, 1u);
}

TEST(Ledger, EmptyDocumentHasNoRows) { EXPECT_TRUE(buildLedger(Document{}).empty()); }

TEST(Ledger, WordCountsSkipApostrophes) {
    Document d;
    d.text = "She said “it’s the leaders’ call” and left";
    const WordCount all = countWords(d, {0, static_cast<uint32_t>(d.text.size())});
    EXPECT_EQ(all.words, 8u);
    EXPECT_EQ(all.quoted, 4u);
}

TEST(Ledger, FromTheAnnotatedPipeline) {
    auto doc = annotate("“We will rebuild the bridge,” Marta Vieira said. Portuguese officials said the work "
                        "would take a year. “It will,” she added.",
                        Model::builtin());
    ASSERT_TRUE(doc);
    const std::vector<LedgerRow> rows = buildLedger(*doc);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0].name, "Marta Vieira");
    EXPECT_EQ(rows[0].claims, 2u);
    EXPECT_EQ(rows[0].direct, 2u);
    EXPECT_EQ(rows[0].quotedWords, 7u);
    size_t anonymous = 0;
    for (const LedgerRow& r : rows) anonymous += r.anonymous;
    EXPECT_EQ(anonymous, 1u);
}

// The photographer and the agency of a picture are named on the page but are
// no actors of the article; an agency the article also names stays one.
TEST(Ledger, NamedOnlyInAPhotoCredit) {
    Result<Document> d = annotate("Harbour master Ines Duarte said the quay would reopen in May. "
                                  "[Tidewater Press/Jonas Berg/Pool via Reuters]\n\n"
                                  "Reuters reported that the repairs cost more than planned.",
                                  Model::builtin());
    ASSERT_TRUE(d);
    const std::vector<uint8_t> credited = creditedOnly(*d);
    ASSERT_EQ(credited.size(), d->entities.size());
    auto flag = [&](std::string_view name) -> int {
        for (size_t e = 0; e < d->entities.size(); ++e)
            if (d->entities[e].name == name) return credited[e];
        return -1;
    };
    EXPECT_EQ(flag("Jonas Berg"), 1);
    EXPECT_EQ(flag("Tidewater Press"), 1);
    EXPECT_EQ(flag("Reuters"), 0);
    EXPECT_EQ(flag("Ines Duarte"), 0);
}
