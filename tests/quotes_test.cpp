// Claims and their sources, one pattern per test, on sentences written for
// these tests.
#include <gtest/gtest.h>

#include "annotated.hpp"
#include "cues.hpp"
#include "whosaid/annotate.hpp"

using namespace whosaid;

namespace {

using test::run;

std::vector<std::string> spans(const Document& d, const Quote& q) {
    std::vector<std::string> out;
    for (Span s : q.content) out.emplace_back(d.slice(s));
    return out;
}

std::string speaker(const Document& d, const Quote& q) { return q.speaker >= 0 ? d.entities[q.speaker].name : ""; }

using V = std::vector<std::string>;

} // namespace

// [SECTION] Quotation marks

// Every common style, attributed after the quotation.
TEST(Quotes, AllQuotationStyles) {
    for (const char* text : {"“The bridge is safe,” Marta Vieira said.", "\"The bridge is safe,\" Marta Vieira said.",
                             "«The bridge is safe», Marta Vieira said.", "„The bridge is safe“, Marta Vieira said.",
                             "‘The bridge is safe,’ Marta Vieira said.", "''The bridge is safe,'' Marta Vieira said."}) {
        Document d = run(text);
        ASSERT_EQ(d.quotes.size(), 1u) << text;
        const Quote& q = d.quotes[0];
        EXPECT_EQ(q.kind, QuoteKind::Direct) << text;
        ASSERT_EQ(q.content.size(), 1u) << text;
        EXPECT_NE(std::string(d.slice(q.content[0])).find("The bridge is safe"), std::string::npos) << text;
        EXPECT_EQ(d.slice(q.cue), "said") << text;
        EXPECT_EQ(d.slice(q.source), "Marta Vieira") << text;
    }
}

TEST(Quotes, NestedQuoteStaysInside) {
    Document d = run("“He told me ‘never again’ and walked out,” Marta Vieira said.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"“He told me ‘never again’ and walked out,”"}));
}

TEST(Quotes, SplitQuoteIsOneClaimWithTwoSpans) {
    Document d = run("“We will rebuild the bridge,” Marta Vieira said. “It will take a year.”");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"“We will rebuild the bridge,”", "“It will take a year.”"}));
    EXPECT_EQ(speaker(d, d.quotes[0]), "Marta Vieira");
}

TEST(Quotes, SplitAroundCommaAttribution) {
    Document d = run("“The money is there,” said Marta Vieira, “but the engineers are not.”");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].content.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
}

TEST(Quotes, ContinuedIntoNextParagraph) {
    Document d = run("Marta Vieira said: “The first part runs to the end of this paragraph.\n\n“And the second part "
                     "closes here.”\n\nThe council met later.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]),
              (V{"“The first part runs to the end of this paragraph.", "“And the second part closes here.”"}));
}

TEST(Quotes, UnbalancedMarkStopsAtParagraphEnd) {
    Document d = run("Marta Vieira said “the council never closes its quotes.\n\nThe council met on Friday in "
                     "Porto and voted.\n\nNobody objected.");
    ASSERT_FALSE(d.quotes.empty());
    for (const Quote& q : d.quotes)
        EXPECT_EQ(d.slice(q.span).find("Porto"), std::string::npos) << d.slice(q.span);
}

TEST(Quotes, ApostrophesAreNotQuotes) {
    Document d = run("The engineers’ report was Vieira’s idea. It’s the ’90s all over again, rock ’n’ roll.");
    EXPECT_TRUE(d.quotes.empty());
}

// [SECTION] Attribution patterns

TEST(Quotes, LeadingColon) {
    Document d = run("Marta Vieira said: “We are ready for the vote.”");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].kind, QuoteKind::Direct);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
    EXPECT_NE(d.quotes[0].why.find("just before the quotation"), std::string::npos) << d.quotes[0].why;
}

TEST(Quotes, Inverted) {
    Document d = run("“The vote is lost,” said Marta Vieira.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
    EXPECT_NE(d.quotes[0].why.find("right after the quotation"), std::string::npos) << d.quotes[0].why;
}

// The source is the whole noun phrase, as in the gold files; the speaker is the name that heads it.
TEST(Quotes, AppositiveSource) {
    Document d = run("Marta Vieira, of the Lisbon Institute for Bridges, said the repairs were late.");
    ASSERT_EQ(d.quotes.size(), 1u);
    const Quote& q = d.quotes[0];
    EXPECT_EQ(q.kind, QuoteKind::Indirect);
    EXPECT_EQ(d.slice(q.source).substr(0, 12), "Marta Vieira");
    EXPECT_EQ(speaker(d, q), "Marta Vieira");
    EXPECT_EQ(spans(d, q), (V{"the repairs were late"}));
    EXPECT_EQ(q.sourceKind, SourceKind::Named);
}

TEST(Quotes, ReportedWithThatAndWithout) {
    Document d = run("Marta Vieira said on Monday that the repairs were late. Jorge Lima said the money was gone.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"that the repairs were late"}));
    EXPECT_EQ(spans(d, d.quotes[1]), (V{"the money was gone"}));
    EXPECT_EQ(speaker(d, d.quotes[1]), "Jorge Lima");
}

TEST(Quotes, ReportedBeforeTheCue) {
    Document d = run("The bridge will reopen in May, Marta Vieira told reporters.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"The bridge will reopen in May"}));
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
}

TEST(Quotes, MixedQuote) {
    Document d = run("Marta Vieira called the plan “a slow disaster” on Friday.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].kind, QuoteKind::Mixed);
    EXPECT_EQ(d.slice(d.quotes[0].cue), "called");
}

TEST(Quotes, TellSkipsTheListener) {
    Document d = run("Jorge Lima told the Porto council the money was gone.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"the money was gone"}));
}

TEST(Quotes, ParticipleTakesTheClauseSubject) {
    Document d = run("Marta Vieira thanked the engineers, adding that the bridge would open in May.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"that the bridge would open in May"}));
}

TEST(Quotes, AccordingTo) {
    Document d = run("According to Marta Vieira, the bridge is safe. The money is gone, according to Jorge Lima.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"the bridge is safe"}));
    EXPECT_EQ(d.slice(d.quotes[0].source), "Marta Vieira");
    EXPECT_EQ(spans(d, d.quotes[1]), (V{"The money is gone"}));
    EXPECT_EQ(d.slice(d.quotes[1].source), "Jorge Lima");
}

TEST(Quotes, ColonTranscript) {
    Document d = run("Marta Vieira met Jorge Lima.\n\nVIEIRA: We are not ready.\n\nLIMA: Then we wait.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"We are not ready."}));
    EXPECT_EQ(d.slice(d.quotes[0].source), "VIEIRA");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Marta Vieira");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Jorge Lima");
}

TEST(Quotes, BeliefsAndFears) {
    Document d = run("Marta Vieira fears that the bridge will close again.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].cue), "fears");
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"that the bridge will close again"}));
}

TEST(Quotes, NoNestedAttributions) {
    // "believed" inside what she said is part of the content, not a claim of its own
    Document d = run("Marta Vieira said she believed the bridge would hold.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"she believed the bridge would hold"}));
}

// [SECTION] Speakers

TEST(Quotes, PronounResolvesToTheLastSpeaker) {
    Document d = run("Marta Vieira met Jorge Lima on Monday. “We will be in touch,” Vieira said.\n\n“The work "
                     "starts now,” she added.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[1].source), "she");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Marta Vieira");
    // the pronoun is a mention of her, so the page can draw the link
    bool found = false;
    for (const Mention& m : d.mentions)
        if (m.span == d.quotes[1].source) found = m.entity == d.quotes[1].speaker;
    EXPECT_TRUE(found);
}

TEST(Quotes, NamesInsideTheQuoteAreNotTheSpeaker) {
    Document d = run("“Jorge Lima will never sign this,” Marta Vieira said.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Marta Vieira");
}

TEST(Quotes, AnonymousGroupsBecomeNominalMentions) {
    Document d = run("Portuguese officials said the bridge would reopen in May.");
    ASSERT_EQ(d.quotes.size(), 1u);
    const Quote& q = d.quotes[0];
    EXPECT_EQ(d.slice(q.source), "Portuguese officials");
    EXPECT_EQ(q.sourceKind, SourceKind::Anonymous);
    ASSERT_GE(q.speaker, 0);
    EXPECT_EQ(d.entities[q.speaker].label, Label::GRP);
    bool nominal = false;
    for (const Mention& m : d.mentions) nominal |= m.kind == MentionKind::Nominal && m.entity == q.speaker;
    EXPECT_TRUE(nominal);
}

TEST(Quotes, SourceFamiliarWith) {
    Document d = run("A source familiar with the talks said the deal was close.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "A source familiar with the talks");
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Anonymous);
}

// "Anonymous" is for people: a thing that speaks for someone (a film, a law)
// is no anonymous source, and people the lexicon does not list still are.
TEST(Quotes, OnlyPeopleAreAnonymous) {
    Document d = run("The new film explores how the river shaped the town. Her relatives said the boy was safe.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Organization);
    EXPECT_EQ(d.quotes[1].sourceKind, SourceKind::Anonymous);
    EXPECT_TRUE(isHumanNoun("investors"));
    EXPECT_TRUE(isHumanNoun("ex-wife"));
    EXPECT_FALSE(isHumanNoun("endorsements"));
    EXPECT_FALSE(isHumanNoun("trains"));
    EXPECT_FALSE(isHumanNoun("river"));
}

// An agent ending makes a person only of a noun: "softer" and "recent" end
// like "voter" and "resident", and their phrases hold no one; a listed word
// ("several") still marks people in any part of speech.
TEST(Quotes, AnAgentEndingInAnAdjectiveIsNoPerson) {
    Document d = run("The draft was redrawn, with softer language urging that the council review the fees. "
                     "Several environmental groups said the dam would harm the river.");
    const Quote* language = nullptr;
    const Quote* groups = nullptr;
    for (const Quote& q : d.quotes) {
        if (d.slice(q.source) == "softer language") language = &q;
        if (d.slice(q.source) == "Several environmental groups") groups = &q;
    }
    ASSERT_NE(language, nullptr);
    EXPECT_NE(language->sourceKind, SourceKind::Anonymous);
    ASSERT_NE(groups, nullptr);
    EXPECT_EQ(groups->sourceKind, SourceKind::Anonymous);
    EXPECT_EQ(humanNoun("softer"), HumanBy::Ending);
    EXPECT_EQ(humanNoun("several"), HumanBy::List);
}

TEST(Quotes, OrganizationsAndMetonymy) {
    Document d = run("The ministry said the bridge was safe. Lisbon says the tolls will stay.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Organization);
    EXPECT_EQ(d.quotes[1].sourceKind, SourceKind::Organization);
    EXPECT_EQ(d.slice(d.quotes[1].source), "Lisbon");
}

// The source phrase is a title; the name between the commas is the speaker.
TEST(Quotes, AppositionNamesTheSpeaker) {
    Document d = run("Marta Vieira opened the meeting. The union's spokeswoman, Ines Carvalho of the dock "
                     "workers, said the strike would go on.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Ines Carvalho");
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Named);
    EXPECT_NE(d.quotes[0].why.find("Ines Carvalho"), std::string::npos) << d.quotes[0].why;
}

// A name later in a relative clause is not the speaker.
TEST(Quotes, RelativeClauseNameIsNotTheSpeaker) {
    Document d = run("The harbour master, who met Ines Carvalho on Monday, said the talks went well.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_NE(speaker(d, d.quotes[0]), "Ines Carvalho");
}

// "authority" names an organization, not an anonymous group.
TEST(Quotes, AuthorityIsAnOrganization) {
    Document d = run("The port authority said the cranes would be replaced next year.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Organization);
}

TEST(Quotes, ContinuationTakesThePreviousSpeaker) {
    Document d = run("“The first stage is done,” Marta Vieira said.\n\n“The second stage will start in the "
                     "spring, if the money comes.”");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].content.size(), 2u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Marta Vieira");
}

TEST(Quotes, EveryClaimSaysWhy) {
    Document d = run("“Fine,” he said. Marta Vieira said the plan was late. Officials fear the worst, "
                     "according to Jorge Lima.");
    ASSERT_FALSE(d.quotes.empty());
    for (const Quote& q : d.quotes) {
        EXPECT_FALSE(q.why.empty());
        EXPECT_GT(q.confidence, 0.f);
        EXPECT_LE(q.confidence, 1.f);
        EXPECT_LE(q.span.end, d.text.size());
    }
}

TEST(Quotes, ManyMarksStayLinearAndInBounds) {
    std::string s;
    for (int i = 0; i < 5000; ++i) s += "“a ” said ‘b \" ";
    Document d = run(s);
    for (const Quote& q : d.quotes)
        for (Span c : q.content) EXPECT_LE(c.end, d.text.size());
}

TEST(Quotes, ParticipleAfterACommaInsideTheMarks) {
    Document d = run("He told Lima that “the work is done,” adding that the money “is still missing”.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(spans(d, d.quotes[0]), (V{"that “the work is done,”"}));
    EXPECT_EQ(d.slice(d.quotes[1].cue), "adding");
    EXPECT_EQ(d.quotes[1].kind, QuoteKind::Mixed);
}

// A relative pronoun stands for the noun its clause hangs on: the source stays
// "who", the speaker is the person, and the why says so.
TEST(Quotes, RelativePronounSpeaksForItsNoun) {
    Document d = run("Reporters spoke to Marta Vieira, who said that the ferry would be late.");
    ASSERT_EQ(d.quotes.size(), 1u);
    const Quote& q = d.quotes[0];
    EXPECT_EQ(d.slice(q.source), "who");
    EXPECT_EQ(speaker(d, q), "Marta Vieira");
    EXPECT_EQ(q.sourceKind, SourceKind::Named);
    EXPECT_NE(q.why.find("stands for Marta Vieira"), std::string::npos) << q.why;
    // officials are no one's name, and stay a group
    Document g = run("Two union officials, who said the plan was unfair, walked out of the meeting.");
    ASSERT_EQ(g.quotes.size(), 1u);
    EXPECT_EQ(g.quotes[0].sourceKind, SourceKind::Anonymous);
    EXPECT_EQ(g.quotes[0].why.rfind("Two union officials are the source", 0), 0u) << g.quotes[0].why;
}

// The why agrees with who it names: a group by the head of its words, a name
// always in the singular.
TEST(Quotes, WhyAgreesWithTheSource) {
    Document d = run("Many fans of the team say the coach should go.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.quotes[0].why.rfind("Many fans of the team are the source", 0), 0u) << d.quotes[0].why;
    Document n = run("One of the family lawyers, Tom Reyes, said the footage shows the boy walking away.");
    ASSERT_EQ(n.quotes.size(), 1u);
    EXPECT_EQ(speaker(n, n.quotes[0]), "Tom Reyes");
    EXPECT_EQ(n.quotes[0].why.rfind("Tom Reyes is the source", 0), 0u) << n.quotes[0].why;
}

// "which" stands for a body, as "who" stands for a person.
TEST(Quotes, WhichSpeaksForTheOrganization) {
    Document d = run("The complaint went to the Harbour Council, which said the pier would stay closed.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "which");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Harbour Council");
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Organization);
}

// A title before a name with no comma: the name is the source, and "he" later is him.
TEST(Quotes, TitleBeforeNameIsTheNamesClaim) {
    Document d = run("The mayor spoke first. Opposition councillor Piotr Nowak said the plan would close two "
                     "libraries. He warned that fees would rise.");
    ASSERT_GE(d.quotes.size(), 2u);
    const Quote& said = d.quotes[d.quotes.size() - 2];
    const Quote& warned = d.quotes.back();
    EXPECT_EQ(d.slice(said.cue), "said");
    EXPECT_EQ(d.slice(said.source), "Piotr Nowak");
    EXPECT_EQ(speaker(d, said), "Piotr Nowak");
    EXPECT_EQ(speaker(d, warned), "Piotr Nowak");
}

// A subject the source model passes over (a number heading it, a group of
// people) is still the subject of the cue.
TEST(Quotes, SubjectOfTheCueIsTheSource) {
    Document d = run("One of the family's lawyers, Tom Reyes, said the family would appeal.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "One of the family's lawyers, Tom Reyes,");  // the comma closes the apposition
    EXPECT_EQ(speaker(d, d.quotes[0]), "Tom Reyes");
    Document e = run("Norway demanded that the ship be returned at once.");
    ASSERT_EQ(e.quotes.size(), 1u);
    EXPECT_EQ(e.slice(e.quotes[0].source), "Norway");
}

// Words the parser may take for a second subject are passed over: an
// adverbial ("If anything", "As a young reporter") and a time ("this month").
TEST(Quotes, AdverbialBeforeTheSubjectIsNotTheSource) {
    Document d = run("If anything, experts say the plan would make the code more complicated.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "experts");
    Document e = run("As a young reporter in Ohio, Maria Lopez said she was told to cover sports.");
    ASSERT_EQ(e.quotes.size(), 1u);
    EXPECT_EQ(speaker(e, e.quotes[0]), "Maria Lopez");
    Document f = run("The court this month rejected a request from the city to delay the vote.");
    ASSERT_EQ(f.quotes.size(), 1u);
    EXPECT_EQ(f.slice(f.quotes[0].source), "The court");
}

// Two predicates of one speaker are two claims: the first content ends where
// the second verb begins.
TEST(Quotes, ConjoinedCueStartsItsOwnClaim) {
    Document d = run("Weber promised to keep supporting the union and said she would stand up to the attacks.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].span), "to keep supporting the union");
    EXPECT_EQ(d.slice(d.quotes[1].cue), "said");
    EXPECT_EQ(d.slice(d.quotes[1].span), "she would stand up to the attacks");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Weber");
    // a relative clause with a speaker of its own is a claim of its own
    Document r = run("Weber attacked the other candidates for taking the donations, which she said were tied to favors.");
    ASSERT_EQ(r.quotes.size(), 2u);
    EXPECT_EQ(r.slice(r.quotes[0].span), "the other candidates for taking the donations");
    EXPECT_EQ(r.slice(r.quotes[1].span), "were tied to favors");
}

// A tag pasted as text keeps its attribute values in quotation marks: no claims.
// A tag's attribute values in quotation marks are nobody's words: no claim is
// made of them, and a claim that holds the tag is not a quotation for them.
TEST(Quotes, MarkupAttributeIsNoQuote) {
    Document d = run("The post read <tweet author=\"janedoe\" id=\"12345\">The bridge is closed.</tweet> and that was all.");
    for (const Quote& q : d.quotes) {
        EXPECT_EQ(q.kind, QuoteKind::Indirect) << d.slice(q.span);
        EXPECT_NE(d.slice(q.span), "\"janedoe\"");
        EXPECT_NE(d.slice(q.span), "\"12345\"");
    }
    Document e = run("Then came <img alt=\"a closed bridge\" src=\"bridge.png\"> and nothing more.");
    EXPECT_TRUE(e.quotes.empty()) << e.slice(e.quotes[0].span);
}

// Where and how something was said is not what was said: "said at a meeting"
// after a quotation and a long apposition gives the quotation its speaker.
TEST(Quotes, LongAppositionBeforeTrailingCue) {
    Document d = run("\"It is an invasion of the town's own business,\" Karl Brenner, the mayor of Oldport and one of "
                     "the three towns suing the agency, said at a meeting this month.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].span), "\"It is an invasion of the town's own business,\"");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Karl Brenner");
    Document e = run("Karl Brenner said at a meeting this month.");
    EXPECT_TRUE(e.quotes.empty()) << e.slice(e.quotes[0].span);
}

// A lone adverb or a phrase with no verb is no content.
TEST(Quotes, AdverbOrPlacePhraseIsNoContent) {
    Document d = run("The new ferry is cheaper, according to the port authority, basically.");
    for (const Quote& q : d.quotes) EXPECT_NE(d.slice(q.span), "basically");
    Document e = run("During his tour of the island, the governor paused to make a remark.");
    for (const Quote& q : e.quotes) EXPECT_NE(e.slice(q.span), "During his tour of the island");
}

// A quotation that closes its sentence is not the next sentence's, when that
// sentence's cue has words of its own; and "when he said" after a quotation
// opens a clause of its own.
TEST(Quotes, NextSentenceCueWithItsOwnContent) {
    Document d = run("Weber says Brandt's \"latest outburst is reckless, even for him.\" She says it shows he is unfit "
                     "to lead the council.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].span), "Brandt's \"latest outburst is reckless, even for him.\"");
    EXPECT_EQ(d.slice(d.quotes[1].span), "it shows he is unfit to lead the council");
    Document e = run("Retired judge Anna Kloss said Brandt was \"absolutely right\" when he said on Monday that the "
                     "court had been \"reduced to rubble.\"");
    ASSERT_GE(e.quotes.size(), 1u);
    EXPECT_EQ(speaker(e, e.quotes[0]), "Anna Kloss");
    EXPECT_NE(e.slice(e.quotes[0].span).find("absolutely right"), std::string_view::npos);
}

// A title in quotation marks after a preposition is nobody's words.
TEST(Quotes, TitleOfAWorkIsNoQuote) {
    Document d = run("On this week's episode of \"Harbour Talk,\" the mayor said the ferry would run all winter.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].span), "the ferry would run all winter");
}

// "and said" right after a quotation is the subject's second verb; a quotation
// closed by two single marks still closes its sentence.
TEST(Quotes, SecondVerbAfterAQuotationIsNotItsCue) {
    Document d = run("Ortiz urged voters to \"stay home\" and said he was standing on principle.");
    ASSERT_EQ(d.quotes.size(), 2u);
    // (whether the content names who was urged is the annotators' convention; the quotation is in it)
    EXPECT_TRUE(d.slice(d.quotes[0].span).ends_with("to \"stay home\"")) << d.slice(d.quotes[0].span);
    EXPECT_EQ(d.slice(d.quotes[1].span), "he was standing on principle");
    Document e = run("The editor told her the piece was ''not in line with our policy.'' The network said it would "
                     "send her to the coast for a week.");
    ASSERT_EQ(e.quotes.size(), 2u);
    EXPECT_EQ(e.slice(e.quotes[1].span), "it would send her to the coast for a week");
}

// "conclude" reports only a clause: with a plain object it means "finish".
TEST(Quotes, ConcludedTalksIsNotAClaim) {
    Document d = run("The two ministers concluded three days of talks on fishing rights in the northern bay.");
    EXPECT_TRUE(d.quotes.empty()) << d.slice(d.quotes[0].span);
    Document c = run("The inspectors concluded that the bridge was safe to open.");
    ASSERT_EQ(c.quotes.size(), 1u);
    EXPECT_EQ(c.slice(c.quotes[0].cue), "concluded");
}

// "she" goes to the woman: the first name says who she is before any pronoun does.
TEST(Quotes, PronounAgreesWithTheNamesGender) {
    Document d = run("Anna Kowalski spoke first, and then Tom Reyes took the stage. “We will not sign,” she said.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Anna Kowalski");
    Document w = run("Peter Novak opened the meeting. Later, Mrs. Novak said she believes the school should stay open.");
    ASSERT_GE(w.quotes.size(), 1u);
    EXPECT_EQ(speaker(w, w.quotes[0]), "Mrs. Novak");
}

// A statement or a report speaks for its author: "the senator's statement".
TEST(Quotes, DocumentSpeaksForItsAuthor) {
    Document d = run("Senator Ana Lopes spoke on Monday. Lopes's statement said the vote would be delayed.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Ana Lopes");
    EXPECT_EQ(d.quotes[0].sourceKind, SourceKind::Named);
    Document s = run("The senator's statement said the vote would be delayed.");
    ASSERT_EQ(s.quotes.size(), 1u);
    EXPECT_EQ(s.quotes[0].sourceKind, SourceKind::Named);
    EXPECT_NE(s.quotes[0].why.find("speaks for the senator."), std::string::npos) << s.quotes[0].why;
}

// A title with an apposition before the cue: the whole phrase is the source
// and the name in the apposition is the speaker, also when the title holds a
// word that can be a cue ("state") or ends in -ly ("family"), or the
// apposition stands between dashes.
TEST(Quotes, ApposedNameAfterATitle) {
    Document d = run("The state's party chairman, Rui Moreno, said he had not seen the letter.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "The state's party chairman, Rui Moreno,");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Rui Moreno");
    Document f = run("In a statement, one of the family's attorneys, Lena Brandt, said the video shows a calm man.");
    ASSERT_EQ(f.quotes.size(), 1u);
    EXPECT_EQ(speaker(f, f.quotes[0]), "Lena Brandt");
    Document t = run("Senate Majority Leader Ada Lindqvist, D-Minn., said the veto would not hold.");
    ASSERT_EQ(t.quotes.size(), 1u);
    EXPECT_EQ(speaker(t, t.quotes[0]), "Ada Lindqvist");
    Document h = run("Kovac -- co-author of a book about the old harbour -- said the cranes would stay.");
    ASSERT_EQ(h.quotes.size(), 1u);
    EXPECT_EQ(h.slice(h.quotes[0].source).substr(0, 5), "Kovac");
}

// The place and agency of a dateline are not who speaks, and a label such as
// "CORRECTION:" is not a transcript's speaker; "Let's say" names no one.
TEST(Quotes, DatelinesAndLabelsAreNotSources) {
    Document d = run("OLDPORT -- Mayor Karl Brenner, opening the new bridge on Friday, said it would carry ten thousand cars a day.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Mayor Karl Brenner");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Karl Brenner");
    // a dateline with its state, date and agency; one the source starts inside of
    Document f = run("Brenner opens the bridge.\n\nOLDPORT, Maine, Oct. 4 (UPI) \u2014 Mayor Karl Brenner praised the "
                     "bridge as a \"lifeline\" for the island.\n\nEASTON, Va. - Rep. Ana Lopes said the yard would hire "
                     "more welders.");
    ASSERT_EQ(f.quotes.size(), 2u);
    EXPECT_EQ(f.slice(f.quotes[0].source), "Mayor Karl Brenner");
    EXPECT_EQ(speaker(f, f.quotes[0]), "Karl Brenner");
    EXPECT_EQ(f.slice(f.quotes[1].source), "Rep. Ana Lopes");
    Document c = run("The council met on Monday.\n\nCORRECTION: An earlier version of this story gave the wrong date for the vote on the new library.");
    for (const Quote& q : c.quotes) EXPECT_NE(c.slice(q.source), "CORRECTION");
    Document l = run("Let's say you think a degree will cost forty thousand dollars in ten years.");
    for (const Quote& q : l.quotes) EXPECT_NE(l.slice(q.source).substr(0, 3), "Let");
}

// A cue in a clause without a subject of its own: an infinitive after a verb
// that hands its object the deed is the object's ("prompted the league to
// order"), an opening participle is the main clause's subject's.
TEST(Quotes, ControlledCuesTakeTheirController) {
    Document d = run("The storms prompted the fishing league to warn that every boat needs new safety checks.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "the fishing league");
    Document p = run("Bemoaning the \"broken system,\" Marlow accused the board of ignoring the tenants.");
    ASSERT_GE(p.quotes.size(), 1u);
    EXPECT_EQ(p.slice(p.quotes[0].source), "Marlow");
}

// The cue is the whole verb group before its head, as annotators mark it:
// auxiliaries, adverbs and a negation ("has also said", "did not deny").
TEST(Quotes, CueHoldsItsAuxiliariesAndAdverbs) {
    Document d = run("The harbour board has also said the cranes will stay until spring.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].cue), "has also said");
    EXPECT_EQ(d.slice(d.quotes[0].source), "The harbour board");
}

// A cue set off by commas in the middle of the sentence it reports: the words
// on both sides of it are the claim's.
TEST(Quotes, CueSetOffByCommasSplitsTheContent) {
    Document d = run("Most of the crew, the captain said, had never sailed in winter before.");
    ASSERT_EQ(d.quotes.size(), 1u);
    ASSERT_EQ(d.quotes[0].content.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].content[0]), "Most of the crew");
    EXPECT_EQ(d.slice(d.quotes[0].content[1]), "had never sailed in winter before");
    EXPECT_EQ(d.slice(d.quotes[0].source), "the captain");
}

// The subject of a passive cue is what the claim is about: the source is the
// agent ("by X") or no one, and the why says so. "Quoted as saying" is the
// passive whose subject speaks.
TEST(Quotes, PassiveCueSubjectIsNotTheSource) {
    Document d = run("Mr. Halvorsen was accused of hiding the ferry company's losses from its lenders.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_TRUE(d.quotes[0].source.empty()) << d.slice(d.quotes[0].source);
    ASSERT_EQ(d.quotes[0].content.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].content[0]), "Mr. Halvorsen");
    EXPECT_NE(d.quotes[0].why.find("does not say by whom"), std::string::npos) << d.quotes[0].why;
    Document b = run("The bridge was criticized by the transport minister as a waste of money.");
    ASSERT_EQ(b.quotes.size(), 1u);
    EXPECT_EQ(b.slice(b.quotes[0].source), "the transport minister");
    EXPECT_NE(b.quotes[0].why.find("named with \u201Cby\u201D"), std::string::npos) << b.quotes[0].why;
    Document q = run("He was quoted as saying that the harbour would reopen in May.");
    ASSERT_EQ(q.quotes.size(), 1u);
    EXPECT_EQ(q.slice(q.quotes[0].source), "He");
}

// A word or two in quotation marks that no one is said to say is a title, a
// term or scare quotes, not a claim; a longer quoted passage with no cue
// stays a claim with no known source.
// "echoed that view and said…": the words that point back say nothing of
// their own; the claim is what the next verb says.
TEST(Quotes, PhraseThatPointsBackIsNotAClaim) {
    Document d = run("The harbour master called the fares fair. Ana Lopes echoed that view and said the ferry would "
                     "keep running all winter.");
    bool running = false;
    for (const Quote& q : d.quotes) {
        EXPECT_EQ(d.slice(q.span).find("that view"), std::string_view::npos) << d.slice(q.span);
        if (d.slice(q.span).find("the ferry would keep running") != std::string_view::npos) {
            running = true;
            EXPECT_EQ(speaker(d, q), "Ana Lopes");
        }
    }
    EXPECT_TRUE(running);
}

// A title of a place or a body before a name is part of the source, and the
// person speaks, not the place: "Governor of Oregon Jane Alvarez", "The
// Minister of Finance, Rui Costa,".
TEST(Quotes, TitleOfAPlaceBeforeTheName) {
    Document d = run("Secretary of State Ana Ferreira said the talks would resume in May.\n\nGovernor of Oregon Jane "
                     "Alvarez said on Monday that the bridge would reopen.\n\nThe Minister of Finance, Rui Costa, said "
                     "taxes would fall.");
    ASSERT_EQ(d.quotes.size(), 3u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Secretary of State Ana Ferreira");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Ana Ferreira");
    EXPECT_EQ(d.slice(d.quotes[1].source), "Governor of Oregon Jane Alvarez");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Jane Alvarez");
    EXPECT_EQ(speaker(d, d.quotes[2]), "Rui Costa");
}

// An inverted source runs over its party tag and an apposition that ends the
// sentence, as annotators mark it; the speaker is still the name.
TEST(Quotes, InvertedSourceTakesItsApposition) {
    Document d = run("\u201CWe will keep going until the bridge is open,\u201D added Rep. Ana Lindqvist (D-Minn.), the head "
                     "of the harbour caucus.\n\n\u201CThe ferry will run all winter,\u201D said Tom Okafor, the port's "
                     "manager.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Rep. Ana Lindqvist (D-Minn.), the head of the harbour caucus");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Ana Lindqvist");
    EXPECT_EQ(d.slice(d.quotes[1].source), "Tom Okafor, the port's manager");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Tom Okafor");
}

// The apposition stays with the name when a phrase of the verb's follows it
// ("…, in a statement"); that phrase is not the speaker's.
TEST(Quotes, InvertedAppositionBeforeAPhraseOfTheVerb) {
    Document d = run("\u201CWe will not back down,\u201D said Rep. Ana Lindqvist, the top Democrat on the committee, in a "
                     "statement.\n\n\u201CThe fares are late,\u201D said Omar Haddad, a former mayor of the town, on Tuesday.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Rep. Ana Lindqvist, the top Democrat on the committee");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Ana Lindqvist");
    EXPECT_EQ(d.slice(d.quotes[1].source), "Omar Haddad, a former mayor of the town");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Omar Haddad");
}

// "continued" is a cue only after a quotation ("…,” she continued), or with a
// colon before the quotation it opens, across a paragraph break.
TEST(Quotes, ContinuedWithAColonOpensAQuotation) {
    Document d = run("Marlow said:\n\n\"The fares have not changed in ten years.\"\n\nLater, Okafor continued:\n\n"
                     "\"We have asked the ministry for a new boat.\"");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Marlow");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Okafor");
    // the colon that opens the quotation is the cue's (as PolNeAR marks 367 of
    // its 385 such cues); the why still names the word alone
    EXPECT_EQ(d.slice(d.quotes[1].cue), "continued:");
    EXPECT_NE(d.quotes[1].why.find("\u201Ccontinued\u201D"), std::string::npos) << d.quotes[1].why;
}

// A source with an apposition keeps the comma that closes it (PolNeAR's
// convention); the words shown for it leave the comma out.
TEST(Quotes, ApposedSourceKeepsItsClosingComma) {
    Document d = run("Nora Vale, a harbour pilot with twenty years on the river, said the channel was too shallow for "
                     "the new ferries.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Nora Vale, a harbour pilot with twenty years on the river,");
    EXPECT_EQ(d.sourceWords(d.quotes[0]), "Nora Vale, a harbour pilot with twenty years on the river");
}

// The source is the whole subject: the spokeswoman, not the mayor she speaks
// for; both the mayor and her aides.
TEST(Quotes, SourceIsTheWholeSubject) {
    Document d = run("A spokeswoman for Mayor Ostrova said the ferry would sail on Monday.\n\nThe mayor and her aides "
                     "said the ferry was late.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "A spokeswoman for Mayor Ostrova");
    EXPECT_EQ(d.slice(d.quotes[1].source), "The mayor and her aides");
    // not an object inside the subject's relative clause
    Document e = run("Tomas Reyes, who led the league from 1995 to 1997, during the long strike, said the pier was safe.");
    ASSERT_EQ(e.quotes.size(), 1u);
    EXPECT_EQ(e.sourceWords(e.quotes[0]), "Tomas Reyes, who led the league from 1995 to 1997, during the long strike");
}

// A source phrase that goes on past its name ("of Maine", an apposition, a
// participle) is the name's, not the last name in it.
TEST(Quotes, SpeakerIsTheNameThatHeadsTheSource) {
    Document d = run("The harbour board met on Monday in Portland.\n\nRepresentative Tomas Reyes of Maine said the "
                     "dredging would start in spring. Ana Lopes, the director of research at the Coastal Institute, "
                     "said the channel was silting up faster than expected. Tomas Reyes of the Maine Fishing League "
                     "said the boats would wait.");
    ASSERT_EQ(d.quotes.size(), 3u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "Tomas Reyes");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Ana Lopes");
    EXPECT_EQ(speaker(d, d.quotes[2]), "Tomas Reyes");
    EXPECT_EQ(d.slice(d.quotes[2].source), "Tomas Reyes of the Maine Fishing League");
    // a second verb takes the first one's whole subject phrase: still the name's
    Document e = run("Mayor Tomas Reyes visited the harbour on Monday.\n\nReyes, speaking to a veterans group in "
                     "Portsmouth, said he would order a full review of the harbour defences and warned against "
                     "smugglers from Norway, Iceland and the Faroes.");
    ASSERT_EQ(e.quotes.size(), 2u);
    for (const Quote& q : e.quotes) EXPECT_EQ(speaker(e, q), "Tomas Reyes") << e.slice(q.source);
    // a title or a noun heads the phrase: its name is the speaker
    Document f = run("The council met on Monday with Marta Vieira.\n\n\"The pier is safe,\" said Del. Rosa Marin of the "
                     "Harbour Islands.\n\nDemocratic candidate Ana Lopes, like Vieira, has encouraged coastal towns to "
                     "bolster their sea walls, and has said the state should pay for them.");
    ASSERT_EQ(f.quotes.size(), 3u);
    EXPECT_EQ(speaker(f, f.quotes[0]), "Rosa Marin");
    // a description first, then after its comma the person it describes
    Document g = run("The ferry company met the council on Friday.\n\nHer former business partner at the shipyard, Lena "
                     "Ostrova, told reporters the yard had been sold.");
    ASSERT_EQ(g.quotes.size(), 1u);
    EXPECT_EQ(speaker(g, g.quotes[0]), "Lena Ostrova");
    EXPECT_EQ(speaker(f, f.quotes[1]), "Ana Lopes");
    EXPECT_EQ(speaker(f, f.quotes[2]), "Ana Lopes");
}

// A quotation signed with a dash after it, one a line, is the signer's, also
// when the tagger left a first name out of the name ("Oscar P. Lindgren").
TEST(Quotes, SignedQuotationsAreTheSigners) {
    Document d = run("Readers wrote in after the debate.\n\u201CIt was a long night and nobody won it.\u201D \u2015\u00A0Nell "
                     "Barros\n\u201CNo plan, no answers. A real fiasco for the town.\u201D \u2015 Oscar P. Lindgren\n"
                     "\u201CI would rather stay home than vote for either.\u201D \u2015 Adriana Kowalska\n");
    ASSERT_EQ(d.quotes.size(), 3u);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Nell Barros");
    EXPECT_EQ(d.slice(d.quotes[1].source), "Oscar P. Lindgren");
    EXPECT_EQ(d.slice(d.quotes[1].cue), "\u2015");
    EXPECT_EQ(d.slice(d.quotes[2].source), "Adriana Kowalska");
    for (const Quote& q : d.quotes) EXPECT_GE(q.speaker, 0);
}

// A quotation left open at its paragraph's end goes on in the next one that
// opens with a mark, unless both name their speakers right after a quotation:
// then the next is another speaker's. A time after the cue is not its subject.
TEST(Quotes, ContinuedQuotationWithASpeakerOfItsOwn) {
    Document d = run("\u201CThe ferry is late again,\u201D Rep. Gwen Mora (D-Wis.) said Friday. \u201CIf the ferry is late, "
                     "then the school is late.\n\u201CI have been thinking about the island,\u201D added Rep. Jim Ortiz, "
                     "the head of the harbour caucus.\n\nMarta Silva said the island would wait.\n\n\u201CThe boat is old.\n\u201CIt will "
                     "not last the winter,\u201D she said.\n");
    ASSERT_EQ(d.quotes.size(), 4u);
    auto opens = [&](const Quote& q, std::string_view w) { return d.slice(q.span).substr(0, w.size()) == w; };
    EXPECT_EQ(speaker(d, d.quotes[0]), "Gwen Mora");
    EXPECT_EQ(d.slice(d.quotes[0].source), "Rep. Gwen Mora (D-Wis.)");
    EXPECT_EQ(speaker(d, d.quotes[1]), "Jim Ortiz");
    EXPECT_TRUE(opens(d.quotes[1], "\u201CI have")) << d.slice(d.quotes[1].span);
    EXPECT_EQ(speaker(d, d.quotes[3]), "Marta Silva");  // both paragraphs of hers
    EXPECT_TRUE(opens(d.quotes[3], "\u201CThe boat")) << d.slice(d.quotes[3].span);
}

// The subject a participle cue hangs on is the whole name with the body and
// title before it, not the body: "House Speaker Paul Ryland, …, despite
// admitting that…" is Ryland's.
TEST(Quotes, ParticipleTakesTheTitledName) {
    Document d = run("House Speaker Paul Ryland, R-Wis., despite admitting that he had his concerns about the bill, "
                     "said the families need to have their day in court.");
    ASSERT_GE(d.quotes.size(), 1u);
    EXPECT_EQ(d.slice(d.quotes[0].cue), "admitting");
    EXPECT_EQ(speaker(d, d.quotes[0]), "Paul Ryland");
    EXPECT_EQ(d.slice(d.quotes[0].source), "House Speaker Paul Ryland, R-Wis.,");
}

TEST(Quotes, ScareQuotesAreNotClaims) {
    Document d = run("“Blue Lady” ferry returns to the harbour after repairs.\n\nAfter repairs, the “Blue Lady” returns to the harbour.");
    EXPECT_TRUE(d.quotes.empty()) << d.quotes.size();
    Document p = run("The notice on the pier was short.\n\n“The ferry will not sail until the engine is repaired and tested.”");
    ASSERT_EQ(p.quotes.size(), 1u);
}

// A lexicon verb that the tree reads as the noun a sentence is about is not a
// cue ("the plan splits the council" is no one's plan to say anything).
TEST(Quotes, NounASentenceIsAboutIsNotACue) {
    Document d = run("The ferry plan divides the island as fishermen warn of lost catches.");
    EXPECT_TRUE(d.quotes.empty()) << (d.quotes.empty() ? "" : d.slice(d.quotes[0].cue));
}

// The why of a cue whose source hangs on another verb names that verb.
TEST(Quotes, WhyOfAControlledCueNamesItsVerb) {
    Document d = run("The storms prompted the fishing league to warn that every boat needs new safety checks.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_NE(d.quotes[0].why.find("\u201Cprompted\u201D names"), std::string::npos) << d.quotes[0].why;
}

// A document tied to its actor by "by" or "from" speaks for that actor, and a
// later mention of the actor is the same source.
TEST(Quotes, ReportByAnActorIsTheActors) {
    Document d = run("According to a report by the regional ferry authority, ridership on the northern route fell by a "
                     "third last year. The authority warned that more crossings could be cut.");
    ASSERT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(speaker(d, d.quotes[0]), "the regional ferry authority");
    EXPECT_EQ(d.quotes[0].speaker, d.quotes[1].speaker);
    EXPECT_NE(d.quotes[0].why.find("speaks for the regional ferry authority"), std::string::npos) << d.quotes[0].why;
}

// A request for anonymity is how a source is quoted, not a claim; and what
// the source said after it is read whole.
TEST(Quotes, AnonymityRequestIsNoClaim) {
    Document d = run("A spokesman for the harbour board, who asked not to be named because he was not allowed to speak "
                     "publicly, said the board was \u201Creviewing the timetable\u201D this week.");
    ASSERT_EQ(d.quotes.size(), 1u) << d.slice(d.quotes[0].cue);
    EXPECT_EQ(d.slice(d.quotes[0].cue), "said");
    EXPECT_EQ(d.slice(d.quotes[0].source), "A spokesman for the harbour board");
    EXPECT_EQ(spans(d, d.quotes[0]).front().substr(0, 9), "the board");
    Document p = run("Two officials, speaking on condition of anonymity, said the talks had stalled.");
    ASSERT_EQ(p.quotes.size(), 1u);
    EXPECT_EQ(p.slice(p.quotes[0].cue), "said");
}

// When something was said is not what was said: "said before she left".
TEST(Quotes, WhenItWasSaidIsNoContent) {
    Document d = run("Harbour trade is a lifeline, as the old skipper, leaning on the rail, said before she left.");
    for (const Quote& q : d.quotes) EXPECT_NE(spans(d, q).front(), "before she left");
}

// "…, officials said Monday, as costs rose": what was said is the clause
// before the cue, never the clause about the whole sentence after it; and a
// dateline is no part of it.
TEST(Quotes, SaidThenAClauseAboutTheSentence) {
    Document d = run("PORT ELLEN \u2014 The council will vote next week on a plan to cut two of its ferry routes, "
                     "officials said Monday, as the cost of diesel has nearly doubled since spring.");
    ASSERT_EQ(d.quotes.size(), 1u);
    EXPECT_EQ(spans(d, d.quotes[0]).front(), "The council will vote next week on a plan to cut two of its ferry routes");
    EXPECT_EQ(d.slice(d.quotes[0].source), "officials");
}
