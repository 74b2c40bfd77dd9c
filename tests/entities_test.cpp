// Grouping name mentions into actors, and pronoun mentions of speakers.
// Mentions are set by hand here so that the rules are tested without the tagger.
#include <gtest/gtest.h>

#include "annotated.hpp"
#include "pipeline.hpp"
#include "whosaid/tokenizer.hpp"

using namespace whosaid;

namespace {

// A document whose name mentions are the given substrings (first occurrence
// at or after the previous one), labelled as given.
Document withMentions(std::string text, std::vector<std::pair<std::string, Label>> names) {
    Document doc;
    doc.text = std::move(text);
    tokenize(doc);
    size_t from = 0;
    for (const auto& [s, l] : names) {
        const size_t at = doc.text.find(s, from);
        EXPECT_NE(at, std::string::npos) << s;
        Mention m;
        m.span = {uint32_t(at), uint32_t(at + s.size())};
        m.label = l;
        doc.mentions.push_back(m);
        from = at + 1;
    }
    return doc;
}

std::string entityName(const Document& d, size_t mention) {
    return d.mentions[mention].entity < 0 ? "-" : d.entities[d.mentions[mention].entity].name;
}

} // namespace

TEST(Grouping, SurnameJoinsFullName) {
    Document d = withMentions("Finance Minister Ana Maria Lopes spoke. Later Lopes left. Maria Lopes returned.",
                              {{"Ana Maria Lopes", Label::PER}, {"Lopes", Label::PER}, {"Maria Lopes", Label::PER}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "Ana Maria Lopes");
    EXPECT_EQ(d.mentions[1].entity, 0);
    EXPECT_EQ(d.mentions[2].entity, 0);
}

TEST(Grouping, SurnameBeforeFullNameAndWrongLabel) {
    // the short form comes first and the tagger called it LOC
    Document d = withMentions("Lopes arrived. Ana Lopes said so.", {{"Lopes", Label::LOC}, {"Ana Lopes", Label::PER}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "Ana Lopes");
    EXPECT_EQ(d.entities[0].label, Label::PER);
    EXPECT_EQ(d.mentions[0].label, Label::PER);
}

TEST(Grouping, ArabicArticleInSurname) {
    Document d = withMentions("Karim al-Haddad spoke. Haddad left. Al-Haddad came back.",
                              {{"Karim al-Haddad", Label::PER}, {"Haddad", Label::PER}, {"Al-Haddad", Label::PER}});
    groupEntities(d);
    EXPECT_EQ(d.entities.size(), 1u);
}

TEST(Grouping, AcronymAndExpansion) {
    Document d = withMentions("The Institute for Coastal Research Studies (ICRS) said ICRS staff left.",
                              {{"Institute for Coastal Research Studies", Label::ORG}, {"ICRS", Label::ORG}, {"ICRS", Label::ORG}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "Institute for Coastal Research Studies");
}

TEST(Grouping, Aliases) {
    Document d = withMentions("Ties between Portugal and the US grew. The United States agreed. U.S. officials came.",
                              {{"Portugal", Label::LOC}, {"US", Label::LOC}, {"United States", Label::LOC}, {"U.S.", Label::LOC}});
    groupEntities(d);
    EXPECT_EQ(d.entities.size(), 2u);
    EXPECT_EQ(entityName(d, 1), "United States");
    EXPECT_EQ(d.mentions[1].entity, d.mentions[2].entity);
    EXPECT_EQ(d.mentions[1].entity, d.mentions[3].entity);
}

TEST(Grouping, OnlyAliasFormGetsCanonicalName) {
    Document d = withMentions("Relations with the US soured.", {{"US", Label::LOC}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "United States");
}

TEST(Grouping, TitlesStrippedFromName) {
    Document d = withMentions("President Ana Lopes spoke.", {{"President Ana Lopes", Label::PER}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "Ana Lopes");
}

TEST(Grouping, DifferentPeopleStayApart) {
    Document d = withMentions("Ana Lopes met Rui Costa. Costa said yes.",
                              {{"Ana Lopes", Label::PER}, {"Rui Costa", Label::PER}, {"Costa", Label::PER}});
    groupEntities(d);
    EXPECT_EQ(d.entities.size(), 2u);
    EXPECT_EQ(entityName(d, 2), "Rui Costa");
}

// A first name alone is the person of that first name named nearest before it.
TEST(Grouping, LoneFirstNameJoinsNearestFullName) {
    Document d = withMentions("Tom Brennan met his brother Luke Brennan at the market. Luke said prices were falling.",
                              {{"Tom Brennan", Label::PER}, {"Luke Brennan", Label::PER}, {"Luke", Label::PER}});
    groupEntities(d);
    EXPECT_EQ(d.entities.size(), 2u);
    EXPECT_EQ(d.mentions[2].entity, d.mentions[1].entity);
    // a first name that no full name has stays its own actor, and a first
    // name is never a place's
    Document e = withMentions("Luke Brennan sailed to Luke. Marta waved.",
                              {{"Luke Brennan", Label::PER}, {"Luke", Label::LOC}, {"Marta", Label::PER}});
    groupEntities(e);
    EXPECT_EQ(e.entities.size(), 3u);
    EXPECT_EQ(e.mentions[1].label, Label::LOC);
}

// Two people share a surname: the surname alone is the one named nearest before it.
TEST(Grouping, SharedSurnameJoinsTheNearestPerson) {
    Document d = withMentions("Carla Ruiz chairs the board. Her cousin Diego Ruiz runs the farm. Ruiz said the harvest "
                              "was late. Then Carla Ruiz spoke again, and Ruiz agreed.",
                              {{"Carla Ruiz", Label::PER}, {"Diego Ruiz", Label::PER}, {"Ruiz", Label::PER},
                               {"Carla Ruiz", Label::PER}, {"Ruiz", Label::PER}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 2u);
    EXPECT_EQ(entityName(d, 2), "Diego Ruiz");
    EXPECT_EQ(entityName(d, 4), "Carla Ruiz");
    // before any full name, the surname goes to the first one named after it
    Document e = withMentions("Ruiz wins. Diego Ruiz won the vote over Carla Ruiz.",
                              {{"Ruiz", Label::PER}, {"Diego Ruiz", Label::PER}, {"Carla Ruiz", Label::PER}});
    groupEntities(e);
    EXPECT_EQ(entityName(e, 0), "Diego Ruiz");
}

// One politician under three forms that the tagger typed two ways: the
// surname a person, the full name and the full name with party and title
// organizations. One actor, a person, and every mention typed so.
TEST(Grouping, OnePoliticianUnderThreeForms) {
    Document d = withMentions("Democratic Senator Mark Delaney spoke first. Mark Delaney said the bill was rushed. "
                              "Delaney voted no.",
                              {{"Democratic Senator Mark Delaney", Label::ORG}, {"Mark Delaney", Label::ORG},
                               {"Delaney", Label::PER}});
    groupEntities(d);
    ASSERT_EQ(d.entities.size(), 1u);
    EXPECT_EQ(d.entities[0].name, "Mark Delaney");
    EXPECT_EQ(d.entities[0].label, Label::PER);
    for (const Mention& m : d.mentions) EXPECT_EQ(m.label, Label::PER) << d.slice(m.span);
    // a party's own name is an organization, not a title
    Document p = withMentions("The Democratic Party met. Mark Delaney spoke.",
                              {{"Democratic Party", Label::ORG}, {"Mark Delaney", Label::PER}});
    groupEntities(p);
    EXPECT_EQ(p.entities.size(), 2u);
    EXPECT_EQ(entityName(p, 0), "Democratic Party");
}

TEST(Pronouns, SpeakerOfPreviousSentence) {
    Document d = withMentions("Ana Lopes thanked Rui Costa.\n\n\xE2\x80\x9CWe will be back,\xE2\x80\x9D she added.",
                              {{"Ana Lopes", Label::PER}, {"Rui Costa", Label::PER}});
    groupEntities(d);
    resolvePronouns(d);
    ASSERT_EQ(d.mentions.size(), 3u);
    EXPECT_EQ(d.slice(d.mentions[2].span), "she");
    EXPECT_EQ(d.mentions[2].kind, MentionKind::Pronoun);
    EXPECT_EQ(entityName(d, 2), "Ana Lopes");
}

TEST(Pronouns, NamesInsideQuotesAreNotSpeakers) {
    Document d = withMentions("Rui Costa spoke first. \xE2\x80\x9C" "Ana Lopes is right,\xE2\x80\x9D he said.",
                              {{"Rui Costa", Label::PER}, {"Ana Lopes", Label::PER}});
    groupEntities(d);
    resolvePronouns(d);
    ASSERT_EQ(d.mentions.size(), 3u);
    EXPECT_EQ(entityName(d, 2), "Rui Costa");
}

TEST(Pronouns, SubordinateClauseLooksAhead) {
    Document d = withMentions("As he sat down with Ana Lopes, Rui Costa smiled.",
                              {{"Ana Lopes", Label::PER}, {"Rui Costa", Label::PER}});
    groupEntities(d);
    resolvePronouns(d);
    ASSERT_EQ(d.mentions.size(), 3u);
    EXPECT_EQ(d.slice(d.mentions[0].span), "he");
    EXPECT_EQ(entityName(d, 0), "Rui Costa");
}

TEST(Pronouns, NothingToReferToAndIdempotent) {
    Document d = withMentions("He said it rained. Portugal agreed.", {{"Portugal", Label::LOC}});
    groupEntities(d);
    resolvePronouns(d);
    EXPECT_EQ(d.mentions.size(), 1u);
    Document e = withMentions("Ana Lopes came. She left.", {{"Ana Lopes", Label::PER}});
    groupEntities(e);
    resolvePronouns(e);
    resolvePronouns(e);
    EXPECT_EQ(e.mentions.size(), 2u);
}

// A surname with an honorific of the other gender is another person: "Mrs.
// Novak" is not "Peter Novak", and is shown with her honorific.
TEST(Entities, HonorificKeepsSpousesApart) {
    Document doc = withMentions("Peter Novak opened the meeting. Later, Mrs. Novak spoke, and Mr. Novak left.",
                                {{"Peter Novak", Label::PER}, {"Novak spoke", Label::PER}, {"Novak left", Label::PER}});
    for (size_t k : {1, 2}) doc.mentions[k].span.end -= k == 1 ? 6 : 5;  // the surname alone
    groupEntities(doc);
    ASSERT_EQ(doc.entities.size(), 2u);
    EXPECT_EQ(doc.entities[doc.mentions[0].entity].name, "Peter Novak");
    EXPECT_EQ(doc.entities[doc.mentions[1].entity].name, "Mrs. Novak");
    EXPECT_EQ(doc.mentions[2].entity, doc.mentions[0].entity);  // "Mr. Novak" is Peter
    const std::vector<uint8_t> g = entityGenders(doc);
    EXPECT_EQ(g[doc.mentions[0].entity], 1);
    EXPECT_EQ(g[doc.mentions[1].entity], 2);
}

// Genders from first names and honorifics; unknown stays unknown.
TEST(Entities, NameGender) {
    Document doc = withMentions("Anna Kowalski met Tom Reyes, Ms Lind and Sasha Orlov.",
                                {{"Anna Kowalski", Label::PER}, {"Tom Reyes", Label::PER}, {"Lind", Label::PER},
                                 {"Sasha Orlov", Label::PER}});
    EXPECT_EQ(nameGender(doc, doc.mentions[0]), 2);
    EXPECT_EQ(nameGender(doc, doc.mentions[1]), 1);
    EXPECT_EQ(nameGender(doc, doc.mentions[2]), 2);
    EXPECT_EQ(nameGender(doc, doc.mentions[3]), 0);
}

// [SECTION] Knowledge and layout (through the whole pipeline)

namespace {
// The label of the first name mention whose text is `s`, or "-".
std::string labelOf(const Document& d, std::string_view s) {
    for (const Mention& m : d.mentions)
        if (m.kind == MentionKind::Name && d.slice(m.span) == s) return labelName(m.label);
    return "-";
}
} // namespace

// A seat of power that speaks is an organization, in every mention.
TEST(Knowledge, SpeakingSeatOfPowerIsAnOrganization) {
    Document d = test::run("Crowds gathered outside the Kremlin on Friday. Later the Kremlin said that the talks "
                           "would resume in the spring, and the White House has announced a visit.");
    EXPECT_EQ(labelOf(d, "Kremlin"), "ORG");
    EXPECT_EQ(labelOf(d, "White House"), "ORG");
    for (const Mention& m : d.mentions)
        if (d.slice(m.span) == "Kremlin") EXPECT_EQ(m.label, Label::ORG);
}

// A photo credit: its agencies are organizations, "Pool" is no one, nothing is a place.
TEST(Layout, PhotoCreditHoldsAgenciesNotPlaces) {
    Document d = test::run("The two leaders met in the harbour city of Varna on Monday. [Sputnik/Marek Dolan/Pool via "
                           "Reuters]\n\nThe ministers spoke for an hour.");
    EXPECT_EQ(labelOf(d, "Pool"), "-");
    EXPECT_EQ(labelOf(d, "Sputnik"), "ORG");
    EXPECT_EQ(labelOf(d, "Reuters"), "ORG");
    EXPECT_EQ(labelOf(d, "Marek Dolan"), "PER");
    EXPECT_EQ(labelOf(d, "Varna"), "LOC");
    // brackets that are no credit keep what the tagger said
    Document e = test::run("The vote (in Varna and Sofia) was close.");
    EXPECT_EQ(labelOf(e, "Varna"), "LOC");
}

// A photo credit holds no claim, and its photographer is no one a pronoun of
// the article refers to.
TEST(Layout, PhotoCreditIsNoOnesWords) {
    Document d = test::run("The talks ended on Monday.\n\n[Photo: Sputnik/Ivan Petrov/Pool via Reuters]\n\n"
                           "He said the ministers left the city.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "He");
    EXPECT_LT(d.quotes[0].speaker, 0);
    for (const Mention& m : d.mentions) EXPECT_NE(m.kind, MentionKind::Pronoun) << d.slice(m.span);
}

// A footer or category list is not the article: its names are no one.
TEST(Layout, CategoryListHoldsNoActors) {
    Document d = test::run("Mayor Ines Moreau opened the new ferry terminal in Brest on Sunday.\n\n"
                           "Published \xC2\xB7 Politics \xC2\xB7 North America \xC2\xB7 Brest\n");
    EXPECT_EQ(labelOf(d, "North America"), "-");
    EXPECT_EQ(labelOf(d, "Ines Moreau"), "PER");
    size_t brest = 0;
    for (const Mention& m : d.mentions) brest += d.slice(m.span) == "Brest";
    EXPECT_EQ(brest, 1u);  // the one in the sentence
    // a sentence with separators in it is still the article
    Document s = test::run("Voters in Brest | and in Nantes | went to the polls. Turnout was high.");
    EXPECT_NE(labelOf(s, "Nantes"), "-");
}

// A byline names the writer, who is not an actor of the article; a role after
// the name is no one.
TEST(Layout, BylineHoldsNoActors) {
    Document d = test::run("By Helen Marsh, Staff Writer\n\nMayor Ines Moreau said the ferry terminal would open in June.\n");
    EXPECT_EQ(labelOf(d, "Helen Marsh"), "-");
    EXPECT_EQ(labelOf(d, "Staff Writer"), "-");
    EXPECT_EQ(labelOf(d, "Ines Moreau"), "PER");
    Document caps = test::run("BY TOM REYES AND ANA LOPES | The Riverside Herald\n\nThe council met on Monday.\n");
    for (const Mention& m : caps.mentions) EXPECT_GE(m.span.begin, caps.text.find("The council")) << caps.slice(m.span);
    // a sentence that starts with "By" is the article
    Document s = test::run("By Tuesday, officials in Lyon said the talks had failed.\n");
    EXPECT_EQ(labelOf(s, "Lyon"), "LOC");
    Document n = test::run("By 2030 Lyon will have a new tram line.\n");
    EXPECT_NE(labelOf(n, "Lyon"), "-");
}

// A party and state after a politician's name, and the title before it, name
// no one: the source that holds them is the politician's.
TEST(Knowledge, PartyTagIsThePoliticians) {
    Document d = test::run("Sen. Paul Whitmore (R-Ohio) said the bill was flawed. Rep. Ada Lindqvist, D-Minn., said "
                           "it would pass.");
    ASSERT_EQ(d.quotes.size(), 2u);
    ASSERT_GE(d.quotes[0].speaker, 0);
    EXPECT_EQ(d.entities[d.quotes[0].speaker].name, "Paul Whitmore");
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Named);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Sen. Paul Whitmore (R-Ohio)");  // the tag in the source, as annotators mark it
    ASSERT_GE(d.quotes[1].speaker, 0);
    EXPECT_EQ(d.entities[d.quotes[1].speaker].name, "Ada Lindqvist");
    EXPECT_EQ(d.slice(d.quotes[1].source), "Rep. Ada Lindqvist, D-Minn.,");
    // after a quotation, the tag's dot ends no sentence
    Document t = test::run("\u201CThe veto will fail,\u201D Senate Majority Leader Mitch Corrigan, R-Ky., said Tuesday.");
    ASSERT_EQ(t.quotes.size(), 1u);
    EXPECT_EQ(t.slice(t.quotes[0].source), "Senate Majority Leader Mitch Corrigan, R-Ky.,");
    ASSERT_GE(t.quotes[0].speaker, 0);
    EXPECT_EQ(t.entities[t.quotes[0].speaker].name, "Mitch Corrigan");
    // and the tag itself is no actor
    EXPECT_EQ(labelOf(d, "R-Ohio"), "-");
    EXPECT_EQ(labelOf(d, "D-Minn"), "-");
    EXPECT_EQ(labelOf(d, "D-Minn."), "-");
}

// Mr., Mrs., Ms., Miss, Mx. and Dr. before a capitalized word name a person,
// even one the tagger has never seen; a verb "miss" and a title after
// "Mr." name no one.
TEST(Knowledge, HonorificNamesAPerson) {
    Document d = test::run("Mr. Okafor said the ferry would sail. On Monday, Mrs. Lindqvist opened the school, and "
                           "Dr. Adeyemi closed the clinic.");
    EXPECT_EQ(labelOf(d, "Okafor"), "PER");
    EXPECT_EQ(labelOf(d, "Lindqvist"), "PER");
    EXPECT_EQ(labelOf(d, "Adeyemi"), "PER");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Named);
    Document m = test::run("The captain will miss England's opening match. Mr. President, the floor is yours.");
    EXPECT_NE(labelOf(m, "England"), "PER");
    EXPECT_EQ(labelOf(m, "President"), "-");
}

// "she" is never a man's and "he" never a woman's.
TEST(Grouping, PronounsAgreeInGender) {
    Document d = test::run("Ivan Petrov opened the meeting. She said the plan would fail.");
    for (const Mention& m : d.mentions) EXPECT_NE(m.kind, MentionKind::Pronoun) << d.slice(m.span);
    Document f = test::run("Mrs. Novak opened the meeting. Peter Novak arrived late. She said the plan would fail.");
    for (const Mention& m : f.mentions)
        if (m.kind == MentionKind::Pronoun) EXPECT_EQ(f.entities[m.entity].name, "Mrs. Novak");
}

// A craft named after the word for its kind is a thing, not a person.
TEST(Knowledge, CraftIsAThing) {
    Document d = test::run("The ship Ever Given left the canal on Monday, and the tanker Nordic Star followed it.");
    EXPECT_NE(labelOf(d, "Ever Given"), "PER");
    EXPECT_NE(labelOf(d, "Nordic Star"), "PER");
    EXPECT_NE(labelOf(d, "Nordic Star"), "LOC");
    Document p = test::run("Captain Ana Lopes left the ship on Monday.");
    EXPECT_EQ(labelOf(p, "Ana Lopes"), "PER");
}
