// The cue tagger (core/src/quote_model.hpp): its model file and a few cues
// the lexicon lacks, found through the built-in model.
#include <gtest/gtest.h>

#include "pipeline.hpp"
#include "quote_model.hpp"
#include "whosaid/annotate.hpp"

using namespace whosaid;

namespace {

qm::QuoteModel tinyModel() {
    qm::QuoteModel m;
    m.bits = 4;
    m.addThreshold = -1.5f;
    m.dropThreshold = -7.f;
    for (int k = 0; k < 16; ++k) m.weights.push_back(static_cast<float>(k - 8) * 0.25f);
    return m;
}

std::string cueOf(const Document& d, const Quote& q) { return d.text.substr(q.cue.begin, q.cue.end - q.cue.begin); }

} // namespace

// [SECTION] Model file
TEST(QuoteModel, RoundTrips) {
    const qm::QuoteModel m = tinyModel();
    Result<qm::QuoteModel> back = qm::deserialize(qm::serialize(m));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->bits, 4u);
    EXPECT_FLOAT_EQ(back->addThreshold, -1.5f);
    EXPECT_FLOAT_EQ(back->dropThreshold, -7.f);
    ASSERT_EQ(back->weights.size(), 16u);
    for (size_t k = 0; k < 16; ++k) EXPECT_NEAR(back->weights[k], m.weights[k], 1e-3f);
}

TEST(QuoteModel, RejectsBadBytes) {
    const std::string good = qm::serialize(tinyModel());
    // too short
    EXPECT_EQ(qm::deserialize("WSQM").error().message, "quote model: too short (4 bytes)");
    // foreign bytes (the NER model, a text file)
    std::string bad = good;
    bad[0] = 'X';
    EXPECT_EQ(qm::deserialize(bad).error().message, "quote model: not a whosaid quote model (bad magic)");
    // another format version
    bad = good;
    bad[4] = 9;
    EXPECT_EQ(qm::deserialize(bad).error().message, "quote model: format version 9, this build reads version 1");
    // truncated
    EXPECT_EQ(qm::deserialize(good.substr(0, good.size() - 2)).error().message,
              "quote model: truncated or padded (58 bytes, expected 60)");
    // one flipped weight byte
    bad = good;
    bad[30] ^= 1;
    EXPECT_EQ(qm::deserialize(bad).error().message, "quote model: checksum mismatch (corrupt bytes)");
    // absurd table size
    bad = good;
    bad[8] = 40;
    EXPECT_EQ(qm::deserialize(bad).error().message, "quote model: bad table size (2^40)");
}

TEST(QuoteModel, BuiltinIsLoaded) {
    EXPECT_FALSE(Model::builtin().data().quotes.empty());
}

// [SECTION] Cues the lexicon lacks
TEST(QuoteTagger, FindsUnlistedCueVerbs) {
    struct Case { const char* text; const char* cue; const char* content; };
    const Case cases[] = {
        {"The governor has signaled that she will veto the new tax bill.\n", "signaled",
         "that she will veto the new tax bill"},
        {"Two of the senators have hinted that they could back the plan.\n", "hinted", "that they could back the plan"},
    };
    for (const Case& c : cases) {
        Result<Document> d = annotate(c.text, Model::builtin());
        ASSERT_TRUE(d);
        bool found = false;
        for (const Quote& q : d->quotes)
            if (cueOf(*d, q) == c.cue && d->text.substr(q.span.begin, q.span.end - q.span.begin) == c.content) found = true;
        EXPECT_TRUE(found) << c.text;
    }
}

TEST(QuoteTagger, LeavesIdiomsAlone) {
    Result<Document> d = annotate("The bakery called it a day after the storm knocked out power.\n", Model::builtin());
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->quotes.empty());
}

// [SECTION] Sources
TEST(QuoteTagger, RelativePronounIsTheSource) {
    // PolNeAR marks "who" as the source; the speaker is still the name before it.
    Result<Document> d = annotate("Voters cheered Ana Ruiz, who insisted that the new library would open on time.\n",
                                  Model::builtin());
    ASSERT_TRUE(d);
    ASSERT_EQ(d->quotes.size(), 1u);
    EXPECT_EQ(d->slice(d->quotes[0].source), "who");
}

TEST(QuoteTagger, HeadlineColonNamesTheSpeaker) {
    Result<Document> d = annotate("Maria Lopez: Voters are \xE2\x80\x9Ctired of the old promises\xE2\x80\x9D\n\n"
                                  "The campaign opened its office on Monday.\n",
                                  Model::builtin());
    ASSERT_TRUE(d);
    ASSERT_EQ(d->quotes.size(), 1u);
    EXPECT_EQ(d->slice(d->quotes[0].source), "Maria Lopez");
    EXPECT_EQ(d->quotes[0].why, "colon: X: quoted words");
}
