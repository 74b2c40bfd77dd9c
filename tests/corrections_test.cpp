#include <gtest/gtest.h>

#include "whosaid/annotate.hpp"
#include "whosaid/corrections.hpp"
#include "whosaid/json.hpp"

using namespace whosaid;

namespace {
Span find(const Document& d, std::string_view s) {
    const size_t at = d.text.find(s);
    EXPECT_NE(at, std::string::npos) << s;
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
}
} // namespace

TEST(Corrections, ReassignSpeakerAddRemoveRename) {
    const std::string text = "Ana Lopes met Piotr Nowak. “We will wait,” Nowak said. Council staff agreed.";
    Document doc = annotate(text, Model::builtin()).value();
    ASSERT_FALSE(doc.quotes.empty());
    const Span claim = doc.quotes[0].content[0];
    doc.corrections.added.push_back({find(doc, "Council staff"), Label::GRP});
    doc.corrections.added.push_back({find(doc, "Ana Lopes"), Label::PER});  // whether or not the tagger found her
    doc.corrections.speakers.push_back({claim, find(doc, "Ana Lopes")});
    doc.corrections.renamed.push_back({find(doc, "Ana Lopes"), "Mayor Ana Lopes"});
    applyCorrections(doc);
    applyCorrections(doc);  // idempotent

    const Quote& q = doc.quotes[0];
    EXPECT_EQ(doc.slice(q.source), "Ana Lopes");
    ASSERT_GE(q.speaker, 0);
    EXPECT_EQ(doc.entities[q.speaker].name, "Mayor Ana Lopes");
    EXPECT_EQ(q.why, "corrected by hand");
    EXPECT_EQ(q.confidence, 1.f);
    const int staff = findMention(doc, find(doc, "Council staff"));
    ASSERT_GE(staff, 0);
    EXPECT_EQ(doc.mentions[staff].label, Label::GRP);
    EXPECT_EQ(doc.mentions[staff].kind, MentionKind::Nominal);
    EXPECT_TRUE(std::is_sorted(doc.mentions.begin(), doc.mentions.end(),
                               [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; }));

    doc.corrections.removed.push_back(find(doc, "Council staff"));
    applyCorrections(doc);
    // removed after added in the same list: "removed" runs first, so the add wins again
    EXPECT_GE(findMention(doc, find(doc, "Council staff")), 0);
}

TEST(Corrections, RemoveDropsAMention) {
    Document doc;
    doc.text = "Ana Lopes met Piotr Nowak in Brenton.";
    doc.entities = {{"Ana Lopes", Label::PER}, {"Piotr Nowak", Label::PER}};
    doc.mentions = {{{0, 9}, Label::PER, MentionKind::Name, 0}, {{14, 25}, Label::PER, MentionKind::Name, 1}};
    doc.corrections.removed.push_back({0, 9});
    applyCorrections(doc);
    ASSERT_EQ(doc.mentions.size(), 1u);
    EXPECT_EQ(doc.slice(doc.mentions[0].span), "Piotr Nowak");
}

TEST(Corrections, SurviveJsonRoundTripAndReannotation) {
    const std::string text = "“Not now,” said Piotr Nowak, while Ana Lopes listened.";
    Document doc = annotate(text, Model::builtin()).value();
    ASSERT_FALSE(doc.quotes.empty());
    const size_t at = text.find("Ana Lopes");
    doc.corrections.speakers.push_back({doc.quotes[0].content[0], {uint32_t(at), uint32_t(at + 9)}});
    applyCorrections(doc);
    Result<Document> back = fromJson(toJson(doc));
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->corrections.speakers.size(), 1u);
    EXPECT_EQ(back->corrections.speakers[0].source, doc.corrections.speakers[0].source);

    // The same text annotated anew, with the saved corrections, gives the same markup.
    Document again = annotate(text, Model::builtin()).value();
    again.corrections = back->corrections;
    applyCorrections(again);
    EXPECT_EQ(toJson(again), toJson(doc));
}

TEST(Corrections, OutOfRangeSpansAreIgnored) {
    Document doc = annotate("Short text.", Model::builtin()).value();
    doc.corrections.added.push_back({{5, 500}, Label::PER});
    doc.corrections.speakers.push_back({{0, 3}, {100, 200}});
    applyCorrections(doc);
    for (const Mention& m : doc.mentions) EXPECT_LE(m.span.end, doc.text.size());
}
