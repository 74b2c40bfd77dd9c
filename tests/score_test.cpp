// Entity scores as ../shared/tools/score.py computes them.
#include <gtest/gtest.h>

#include "whosaid/score.hpp"

using namespace whosaid;

namespace {
Document pred(std::string text, std::vector<std::tuple<uint32_t, uint32_t, Label>> ms) {
    Document d;
    d.text = std::move(text);
    for (auto [b, e, l] : ms) {
        Mention m;
        m.span = {b, e};
        m.label = l;
        d.mentions.push_back(m);
    }
    return d;
}
} // namespace

TEST(Score, ReadsConllAndWhosaidForms) {
    auto g = readGold(
        "{\"id\":\"a\",\"text\":\"Ana met Rui\",\"entities\":[{\"start\":0,\"end\":3,\"label\":\"PER\"},{\"start\":8,\"end\":11,\"label\":\"PER\"}]}\n"
        "{\"schema\":\"whosaid/1\",\"id\":\"b\",\"text\":\"\xC3\x89vora is far\",\"entities\":[{\"id\":\"x\",\"label\":\"LOC\",\"name\":\"\xC3\x89vora\"}],"
        "\"mentions\":[{\"start\":0,\"end\":5,\"label\":\"LOC\",\"entity\":\"x\",\"kind\":\"name\"}]}\n");
    ASSERT_TRUE(g) << g.error().message;
    ASSERT_EQ(g->size(), 2u);
    EXPECT_EQ((*g)[0].spanEntities.size(), 2u);
    ASSERT_EQ((*g)[1].doc.mentions.size(), 1u);
    EXPECT_EQ((*g)[1].doc.mentions[0].span.end, 6u);  // code points → bytes: É is two bytes
}

TEST(Score, ExactSpanAndLabel) {
    auto g = readGold("[{\"text\":\"Ana met Rui in Porto\",\"entities\":[{\"start\":0,\"end\":3,\"label\":\"PER\"},"
                      "{\"start\":8,\"end\":11,\"label\":\"PER\"},{\"start\":15,\"end\":20,\"label\":\"LOC\"}]}]");
    ASSERT_TRUE(g);
    // right, wrong label, wrong span, and a duplicate (sets: counted once)
    std::vector<Document> p = {pred("Ana met Rui in Porto", {{0, 3, Label::PER}, {0, 3, Label::PER}, {8, 11, Label::ORG},
                                                              {14, 20, Label::LOC}})};
    EntityScore s = scoreEntities(*g, p, {Label::PER, Label::ORG, Label::LOC, Label::MISC});
    EXPECT_EQ(s.overall.tp, 1u);
    EXPECT_EQ(s.overall.pred, 3u);
    EXPECT_EQ(s.overall.gold, 3u);
    EXPECT_DOUBLE_EQ(s.overall.p, 0.3333);
    EXPECT_DOUBLE_EQ(s.overall.f1, 0.3333);
    EXPECT_DOUBLE_EQ(s.perLabel[0].second.r, 0.5);
    EXPECT_DOUBLE_EQ(s.perLabel[3].second.f1, 0.0);  // no MISC at all
    EXPECT_EQ(toJson(EvalReport{true, s}).substr(0, 35), "{\"F1\":0.3333,\"P\":0.3333,\"R\":0.3333,");
}

TEST(Score, LabelsFilterAndTextMismatch) {
    auto g = readGold("{\"id\":\"d1\",\"text\":\"Ana\",\"entities\":[{\"start\":0,\"end\":3,\"label\":\"PER\"}]}");
    ASSERT_TRUE(g);
    EntityScore s = scoreEntities(*g, {pred("Ana", {{0, 3, Label::PER}})}, {Label::LOC});
    EXPECT_EQ(s.overall.gold, 0u);
    s = scoreEntities(*g, {pred("Bob", {{0, 3, Label::PER}})}, {Label::PER});
    EXPECT_EQ(s.nErrors, 1u);
    EXPECT_EQ(s.errors[0], "text differs for d1");
    EXPECT_EQ(s.overall.tp, 0u);
    s = scoreEntities(*g, {}, {Label::PER});
    EXPECT_EQ(s.errors[0], "missing prediction for d1");
}

TEST(Score, GoldErrors) {
    EXPECT_EQ(readGold("{\"id\":1}").error().message, "gold document 1: missing string field \"text\"");
    EXPECT_EQ(readGold("{\"text\":\"ab\",\"entities\":[{\"start\":0,\"end\":9,\"label\":\"PER\"}]}").error().message,
              "gold document 1: a entities item has bad start/end");
    EXPECT_EQ(readGold("{\"text\":\"a\"}\n{oops\n").error().message, "gold line 2: not valid JSON");
}
