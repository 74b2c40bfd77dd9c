// The entity tagger: word features, BILOU decoding, the model format and its
// errors, the built-in model on sentences the team wrote.
#include <gtest/gtest.h>

#include "ner.hpp"
#include "pipeline.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/tokenizer.hpp"

using namespace whosaid;
using namespace whosaid::ner;

// [SECTION] Features

TEST(NerFeatures, NormalizesQuotesAndDashes) {
    // curly and straight apostrophes, news dashes and CoNLL hyphens look alike
    EXPECT_EQ(hashWord("\xE2\x80\x99s").word, hashWord("'s").word);
    EXPECT_EQ(hashWord("\xE2\x80\x9C").word, hashWord("\"").word);
    EXPECT_EQ(hashWord("\xE2\x80\x94").word, hashWord("-").word);
    EXPECT_EQ(hashWord("O\xE2\x80\x99Neill").lower, hashWord("o'neill").lower);
}

TEST(NerFeatures, ShapesAndFlags) {
    EXPECT_EQ(hashWord("Lopes").shortShape, hashWord("Ana").shortShape);   // Xx
    EXPECT_NE(hashWord("Lopes").shape, hashWord("Ana").shape);             // Xxxx vs Xxx
    EXPECT_EQ(hashWord("1999").lower, hashWord("2024").lower);             // digits fold to 0
    EXPECT_TRUE(hashWord("NATO").flags & FAllCaps);
    EXPECT_TRUE(hashWord("Lopes").flags & FInitCap);
    EXPECT_TRUE(hashWord("bridge").flags & FLower);
    EXPECT_TRUE(hashWord(",").flags & FPunct);
    EXPECT_EQ(hashWord("Lopes").suffix[1], hashWord("ropes").suffix[1]);   // "es"
    EXPECT_NE(hashWord("pro-Kremlin").afterHyphen, 0u);
    EXPECT_EQ(hashWord("pro-Kremlin").afterHyphen, hashWord("anti-kremlin").afterHyphen);
}

TEST(NerFeatures, CandidatesAndSentenceStart) {
    Document doc;
    doc.text = "the mayor met Ana Lopes in the town hall today .";
    tokenize(doc);
    NerModel empty;
    DocFeatures df;
    prepare(doc, empty, df);
    ASSERT_EQ(df.info.size(), 11u);
    EXPECT_TRUE(df.info[0].sentenceStart);
    EXPECT_FALSE(df.info[1].sentenceStart);
    EXPECT_FALSE(df.info[1].candidate);  // "mayor": no capital nearby
    EXPECT_TRUE(df.info[2].candidate);   // "met": next to "Ana"
    EXPECT_TRUE(df.info[3].candidate);
    EXPECT_TRUE(df.info[5].candidate);   // "in": after "Lopes"
    EXPECT_FALSE(df.info[7].candidate);
}

TEST(NerFeatures, SameFeaturesForSameContext) {
    Document a, b;
    a.text = "Ana Lopes said";
    b.text = "Ana Lopes said";
    tokenize(a);
    tokenize(b);
    NerModel m;
    DocFeatures da, db;
    prepare(a, m, da);
    prepare(b, m, db);
    uint64_t fa[kMaxFeatures], fb[kMaxFeatures];
    const int na = features(a, da, 1, fa), nb = features(b, db, 1, fb);
    ASSERT_EQ(na, nb);
    EXPECT_GT(na, 20);
    for (int i = 0; i < na; ++i) EXPECT_EQ(fa[i], fb[i]);
}

TEST(NerFeatures, TokenizerTerminatesOnLoneNt) {
    // "N’t" used to loop forever (an empty stem before n't)
    Document doc;
    doc.text = "N\xE2\x80\x99t n't N't";
    tokenize(doc);
    EXPECT_LE(doc.tokens.size(), 6u);
    for (const Token& t : doc.tokens) EXPECT_FALSE(t.span.empty());
}

// [SECTION] Decoding

TEST(NerDecoding, Transitions) {
    const int bPer = tagOf(PartB, 0), iPer = tagOf(PartI, 0), lPer = tagOf(PartL, 0), uLoc = tagOf(PartU, 2);
    EXPECT_TRUE(validTransition(-1, 0));
    EXPECT_TRUE(validTransition(-1, bPer));
    EXPECT_FALSE(validTransition(-1, iPer));
    EXPECT_TRUE(validTransition(bPer, iPer));
    EXPECT_TRUE(validTransition(bPer, lPer));
    EXPECT_FALSE(validTransition(bPer, 0));
    EXPECT_FALSE(validTransition(bPer, tagOf(PartL, 1)));  // B-PER → L-ORG
    EXPECT_TRUE(validTransition(lPer, uLoc));
    EXPECT_FALSE(validTransition(uLoc, iPer));
    EXPECT_FALSE(validEnd(bPer));
    EXPECT_TRUE(validEnd(lPer));
}

TEST(NerDecoding, ViterbiKeepsBilouValid) {
    // local scores prefer B-PER then O: invalid, so the decoder must choose
    // between U-PER O and B-PER L-PER
    std::vector<float> s(2 * kTags, 0.f);
    s[tagOf(PartB, 0)] = 5;
    s[kTags + 0] = 3;
    s[kTags + tagOf(PartL, 0)] = 1;
    std::array<float, (kTags + 1) * kTags> trans{};
    uint8_t out[2];
    viterbi(s.data(), 2, trans.data(), -1, false, out);
    EXPECT_EQ(out[0], tagOf(PartB, 0));
    EXPECT_EQ(out[1], tagOf(PartL, 0));
    s[tagOf(PartU, 0)] = 4.5f;  // U-PER O = 7.5 > B-PER L-PER = 6
    viterbi(s.data(), 2, trans.data(), -1, false, out);
    EXPECT_EQ(out[0], tagOf(PartU, 0));
    EXPECT_EQ(out[1], 0);
}

TEST(NerDecoding, TransitionWeightsCount) {
    std::vector<float> s(2 * kTags, 0.f);
    s[tagOf(PartU, 2)] = 1;
    s[kTags + tagOf(PartU, 2)] = 1;
    std::array<float, (kTags + 1) * kTags> trans{};
    uint8_t out[2];
    viterbi(s.data(), 2, trans.data(), -1, false, out);
    EXPECT_EQ(out[1], tagOf(PartU, 2));
    trans[(tagOf(PartU, 2) + 1) * kTags + tagOf(PartU, 2)] = -5;  // U-LOC U-LOC is unlikely
    viterbi(s.data(), 2, trans.data(), -1, false, out);
    EXPECT_NE(out[0] == tagOf(PartU, 2) && out[1] == tagOf(PartU, 2), true);
}

TEST(NerDecoding, TagsToMentions) {
    Document doc;
    doc.text = "Ana Lopes visited Porto";
    tokenize(doc);
    tagsToMentions(doc, {uint8_t(tagOf(PartB, 0)), uint8_t(tagOf(PartL, 0)), 0, uint8_t(tagOf(PartU, 2))});
    ASSERT_EQ(doc.mentions.size(), 2u);
    EXPECT_EQ(doc.slice(doc.mentions[0].span), "Ana Lopes");
    EXPECT_EQ(doc.mentions[0].label, Label::PER);
    EXPECT_EQ(doc.slice(doc.mentions[1].span), "Porto");
    EXPECT_EQ(doc.mentions[1].label, Label::LOC);
}

// [SECTION] Model format

namespace {
std::string tinyModel() {
    NerModel m;
    m.rows.resize(1);
    m.rows[0].scale = 0.5f;
    m.rows[0].w[tagOf(PartU, 2)] = 100;
    m.features.build({{foldKey(12345), 0}});
    m.clusters.build({{77, 3}});
    m.clusterParent[0] = {0, 0, 0, 1};
    m.clusterParent[1] = {0, 1};
    m.gazetteer.build({{99, 1}});
    m.info = "test";
    return serialize(m);
}
} // namespace

TEST(NerModelFormat, RoundTrip) {
    Result<NerModel> m = deserialize(tinyModel());
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->features.find(foldKey(12345)), 0u);
    EXPECT_EQ(m->features.find(foldKey(54321)), UINT32_MAX);
    EXPECT_FLOAT_EQ(m->rows[0].scale, 0.5f);
    EXPECT_EQ(m->rows[0].w[tagOf(PartU, 2)], 100);
    EXPECT_EQ(m->clusters.find(77), 3u);
    EXPECT_EQ(m->clusterParent[0].size(), 4u);
    EXPECT_EQ(m->gazetteer.find(99), 1u);
    EXPECT_EQ(m->info, "test");
    EXPECT_EQ(serialize(*m), tinyModel());
}

TEST(NerModelFormat, Errors) {
    const std::string good = tinyModel();
    auto err = [](std::string_view b) {
        Result<Model> m = Model::load(b);
        return m ? std::string("ok") : m.error().message;
    };
    EXPECT_EQ(err(good), "ok");
    EXPECT_EQ(err(""), "model: empty data");
    EXPECT_EQ(err("WSNR"), "model: truncated (4 bytes, the header alone needs 12)");
    EXPECT_EQ(err("GIF89a------------"), "model: not a whosaid tagger model (wrong magic number)");
    std::string v3 = good;
    v3[4] = 3;
    EXPECT_EQ(err(v3), "model: format version 3, this build reads versions 1 to 2");
    EXPECT_EQ(err(good.substr(0, good.size() - 10)),
              "model: truncated (" + std::to_string(good.size() - 10) + " of " + std::to_string(good.size()) + " bytes)");
    std::string flipped = good;
    flipped[40] ^= 0x5A;
    EXPECT_EQ(err(flipped), "model: checksum mismatch (the data is corrupted)");
}

// [SECTION] The built-in model

TEST(NerBuiltin, TagsNamesInTeamSentences) {
    ASSERT_FALSE(Model::builtin().data().ner.empty()) << "assets/ner.bin was not compiled in";
    auto doc = annotate("Finance Minister Ana Lopes told reporters in Lisbon that the European Commission "
                        "would decide on Friday.", Model::builtin());
    ASSERT_TRUE(doc);
    std::vector<std::pair<std::string, Label>> got;
    for (const Mention& m : doc->mentions)
        if (m.kind == MentionKind::Name) got.push_back({std::string(doc->slice(m.span)), m.label});
    const std::vector<std::pair<std::string, Label>> want = {
        {"Ana Lopes", Label::PER}, {"Lisbon", Label::LOC}, {"European Commission", Label::ORG}};
    EXPECT_EQ(got, want);
}

TEST(NerBuiltin, CurlyAndStraightPossessivesAgree) {
    auto a = annotate("Portugal\xE2\x80\x99s president met Greece\xE2\x80\x99s leaders.", Model::builtin());
    auto b = annotate("Portugal's president met Greece's leaders.", Model::builtin());
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->mentions.size(), b->mentions.size());
    for (size_t i = 0; i < a->mentions.size(); ++i) {
        EXPECT_EQ(a->slice(a->mentions[i].span), b->slice(b->mentions[i].span));
        EXPECT_EQ(a->mentions[i].label, b->mentions[i].label);
    }
    ASSERT_FALSE(a->mentions.empty());
    EXPECT_EQ(a->slice(a->mentions[0].span), "Portugal");
}
