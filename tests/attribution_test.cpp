// The attribution model on the dependency tree (core/src/attribution.hpp):
// its file, the tree it reads, and the claims it adds to the pipeline's, on
// sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "attribution.hpp"
#include "pipeline.hpp"
#include "annotated.hpp"
#include "whosaid/annotate.hpp"
#include "words.hpp"

using namespace whosaid;

namespace {

using test::run;

bool modelled() { return !Model::builtin().data().quotes.empty() && !Model::builtin().data().syntax.empty(); }

std::string content(const Document& d, const Quote& q) {
    std::string s;
    for (Span c : q.content) s += (s.empty() ? "" : " | ") + std::string(d.slice(c));
    return s;
}

const Quote* claimWithCue(const Document& d, std::string_view cue) {
    for (const Quote& q : d.quotes)
        if (!q.cue.empty() && d.slice(q.cue).find(cue) != std::string_view::npos) return &q;
    return nullptr;
}

} // namespace

// [SECTION] The model file

TEST(AttrModel, FileRoundTripAndBadBytes) {
    attr::AttrModel m;
    m.bits = 8;
    m.scale = 0.5f;
    m.weights.assign(256, 0);
    m.weights[7] = 123;
    m.cal[attr::Verify].threshold = 0.6f;
    m.claimCal[3] = {0.9f, -0.2f};
    const std::string bytes = attr::serialize(m);
    auto back = attr::deserialize(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->weights[7], 123);
    EXPECT_FLOAT_EQ(back->cal[attr::Verify].threshold, 0.6f);
    EXPECT_FLOAT_EQ(back->claimCal[3][1], -0.2f);
    EXPECT_EQ(attr::serialize(*back), bytes);

    EXPECT_FALSE(attr::deserialize(""));
    EXPECT_FALSE(attr::deserialize(bytes.substr(0, bytes.size() - 9)));
    std::string magic = bytes;
    magic[0] = 'X';
    EXPECT_NE(attr::deserialize(magic).error().message.find("magic"), std::string::npos);
    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 1;
    EXPECT_NE(attr::deserialize(flipped).error().message.find("checksum"), std::string::npos);
}

TEST(AttrModel, CalibrationIsIdentityUntilFitted) {
    attr::AttrModel m;
    EXPECT_NEAR(m.calibrated(0, 0.8f), 0.8f, 1e-4);
    // a kind that is right half the time whatever its raw confidence says
    std::vector<std::tuple<int, float, bool>> claims;
    for (int i = 0; i < 200; ++i) claims.emplace_back(2, 0.9f, i % 2 == 0);
    attr::fitClaimCalibration(m, claims);
    EXPECT_NEAR(m.calibrated(2, 0.9f), 0.5f, 0.05);
    EXPECT_NEAR(m.calibrated(0, 0.8f), 0.8f, 1e-4);  // too few claims of kind 0: left alone
}

// [SECTION] The tree view

TEST(AttrTree, ChildrenAndSubtreeHulls) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("The minister said that the new bridge would open in May.");
    const DocWords words(d);
    attr::Tree tr(d, words, &Model::builtin().data().syntax);
    uint32_t said = 0, open = 0;
    for (uint32_t t = 0; t < tr.n(); ++t) {
        if (d.slice(d.tokens[t].span) == "said") said = t;
        if (d.slice(d.tokens[t].span) == "open") open = t;
    }
    ASSERT_EQ(d.tokens[open].head, static_cast<int32_t>(said));
    EXPECT_EQ(d.slice(d.tokens[tr.left[open]].span), "that");
    EXPECT_EQ(d.slice(d.tokens[tr.right[open]].span), "May");
    EXPECT_EQ(tr.left[said], 0u);
    std::vector<std::pair<uint32_t, attr::SourceWay>> cands;
    attr::sourceCandidates(tr, said, cands);
    ASSERT_FALSE(cands.empty());
    EXPECT_EQ(d.slice(d.tokens[cands[0].first].span), "minister");
    EXPECT_EQ(cands[0].second, attr::SourceWay::Subject);
}

// [SECTION] Claims the tree adds

TEST(AttrClaims, ToInfinitiveAndWhetherContents) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("The council promised to rebuild the bridge by June. Parents asked whether the school would reopen.");
    const Quote* promised = claimWithCue(d, "promised");
    ASSERT_NE(promised, nullptr);
    EXPECT_EQ(content(d, *promised), "to rebuild the bridge by June");
    EXPECT_EQ(d.slice(promised->source), "The council");
    const Quote* asked = claimWithCue(d, "asked");
    ASSERT_NE(asked, nullptr);
    EXPECT_EQ(content(d, *asked), "whether the school would reopen");
    EXPECT_EQ(d.slice(asked->source), "Parents");
}

TEST(AttrClaims, NeighbouringClaimsDoNotSwallowEachOther) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("The mayor said the repairs were late, adding that the money had run out.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(content(d, d.quotes[0]), "the repairs were late");
    EXPECT_EQ(content(d, d.quotes[1]), "that the money had run out");
    EXPECT_EQ(d.slice(d.quotes[1].cue), "adding");
}

TEST(AttrClaims, PlainActionsAreNotClaims) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("The minister boarded a train to the capital. She opened the new hospital on Friday. Her deputy "
                     "bought a fishing boat and planted an orchard.");
    EXPECT_TRUE(d.quotes.empty()) << content(d, d.quotes[0]);
}

// Every source is a noun phrase, a name or a pronoun, never a verb or an
// adverb, and every "why" is in plain words.
TEST(AttrClaims, SourcesAreNounPhrasesAndWhyIsPlain) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("Officials said on Monday that the border would stay closed. “We are ready,” the general told "
                     "reporters. According to the ministry, the talks failed. The report, which was published in May, "
                     "found that rents had doubled. Critics argue that the plan is too expensive, and its supporters "
                     "insist it will pay for itself.");
    ASSERT_GE(d.quotes.size(), 4u);
    for (const Quote& q : d.quotes) {
        EXPECT_FALSE(q.why.empty());
        for (const char* code : {"X said", "Q,", "S,", "tree:", "reported:", "trailing:", "PRONOUN"})
            EXPECT_EQ(q.why.find(code), std::string::npos) << q.why;
        EXPECT_GT(q.confidence, 0.f);
        EXPECT_LT(q.confidence, 1.f);
        if (q.source.empty()) continue;
        // the source's head word
        int32_t head = -1;
        for (size_t t = 0; t < d.tokens.size(); ++t) {
            if (!q.source.contains(d.tokens[t].span.begin)) continue;
            const int32_t h = d.tokens[t].head;
            if (h < 0 || !q.source.contains(d.tokens[h].span.begin)) { head = static_cast<int32_t>(t); break; }
        }
        ASSERT_GE(head, 0);
        const Upos u = static_cast<Upos>(d.tokens[head].upos);
        EXPECT_TRUE(u == Upos::NOUN || u == Upos::PROPN || u == Upos::PRON) << d.slice(q.source);
    }
    const Quote* according = claimWithCue(d, "According");
    ASSERT_NE(according, nullptr);
    EXPECT_EQ(d.slice(according->source), "the ministry");
    EXPECT_EQ(content(d, *according), "the talks failed");
}

// Confidence is never 100 %: the plainest quotation with its speaker named
// right after it still leaves room for a mistake.
TEST(AttrClaims, ConfidenceIsNeverCertain) {
    if (!modelled()) GTEST_SKIP();
    Document d = run("\u201CThe ferry will sail at dawn,\u201D Captain Mira Holm said. \u201CEvery seat is taken,\u201D she added.");
    ASSERT_GE(d.quotes.size(), 1u);
    for (const Quote& q : d.quotes) {
        EXPECT_LE(q.confidence, 0.99f);
        EXPECT_GE(q.confidence, 0.01f);
    }
}
