// The syntax layer: tag and relation names, CoNLL-U in and out, the arc-eager
// machine, and the shipped tagger and parser on sentences written for these
// tests (clause attachments, coordination, appositions, quotes around a cue).
#include <gtest/gtest.h>

#include <string>

#include "pipeline.hpp"
#include "syntax.hpp"
#include "annotated.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"
#include "whosaid/syntax.hpp"

using namespace whosaid;

namespace {

using test::run;

// The index of the first token whose text is `w`.
int32_t tok(const Document& d, std::string_view w) {
    for (size_t i = 0; i < d.tokens.size(); ++i)
        if (d.slice(d.tokens[i].span) == w) return static_cast<int32_t>(i);
    ADD_FAILURE() << "no token " << w;
    return -1;
}

Deprel rel(const Document& d, std::string_view w) { return static_cast<Deprel>(d.tokens[tok(d, w)].deprel); }
Upos pos(const Document& d, std::string_view w) { return static_cast<Upos>(d.tokens[tok(d, w)].upos); }
bool headIs(const Document& d, std::string_view dep, std::string_view head) {
    return d.tokens[tok(d, dep)].head == tok(d, head);
}

bool parsed() { return !Model::builtin().data().syntax.empty(); }

// Every sentence is one tree: one root, heads inside the sentence, no cycle.
void expectTrees(const Document& d) {
    for (const Sentence& s : d.sentences) {
        int roots = 0;
        for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
            const Token& t = d.tokens[i];
            if (t.head < 0) {
                ++roots;
                EXPECT_EQ(static_cast<Deprel>(t.deprel), Deprel::Root);
                continue;
            }
            EXPECT_GE(t.head, static_cast<int32_t>(s.firstToken));
            EXPECT_LT(t.head, static_cast<int32_t>(s.endToken));
            EXPECT_NE(t.head, static_cast<int32_t>(i));
            int32_t x = static_cast<int32_t>(i);
            size_t steps = 0;
            while (x >= 0 && steps++ <= s.endToken - s.firstToken) x = d.tokens[x].head;
            EXPECT_LT(x, 0) << "a cycle through token " << i;
        }
        if (s.endToken > s.firstToken) EXPECT_EQ(roots, 1) << d.slice(s.span);
    }
}

} // namespace

// [SECTION] Names and formats

TEST(Syntax, NamesRoundTrip) {
    for (int i = 1; i < kUposCount; ++i) {
        Upos u;
        ASSERT_TRUE(parseUpos(uposName(static_cast<Upos>(i)), u));
        EXPECT_EQ(static_cast<int>(u), i);
    }
    for (int i = 1; i < kXposCount; ++i) {
        Xpos x;
        ASSERT_TRUE(parseXpos(xposName(static_cast<Xpos>(i)), x));
        EXPECT_EQ(static_cast<int>(x), i);
    }
    for (int i = 1; i < kDeprelCount; ++i) {
        Deprel r;
        ASSERT_TRUE(parseDeprel(deprelName(static_cast<Deprel>(i)), r));
        EXPECT_EQ(static_cast<int>(r), i);
    }
    Deprel r;
    EXPECT_FALSE(parseDeprel("nsubj:made-up", r));
    EXPECT_EQ(universalDeprel(Deprel::NsubjPass), Deprel::Nsubj);
    EXPECT_EQ(universalDeprel(Deprel::AclRelcl), Deprel::Acl);
    EXPECT_EQ(universalDeprel(Deprel::Obj), Deprel::Obj);
    EXPECT_STREQ(xposName(Xpos::PRPS), "PRP$");
    EXPECT_STREQ(xposName(Xpos::OpenQuote), "``");
}

TEST(Syntax, MorphFeats) {
    EXPECT_EQ(morphFeats(0), "_");
    EXPECT_EQ(morphFeats(kMorphSing | kMorphPerson3 | kMorphFem), "Gender=Fem|Number=Sing|Person=3");
    EXPECT_EQ(syn::morphOf("she", Upos::PRON, Xpos::PRP), kMorphSing | kMorphPerson3 | kMorphFem);
    EXPECT_EQ(syn::morphOf("they", Upos::PRON, Xpos::PRP), kMorphPlur | kMorphPerson3);
    EXPECT_EQ(syn::morphOf("ministers", Upos::NOUN, Xpos::NNS), kMorphPlur);
}

TEST(Conllu, ReadsWordsAndSkipsRangesAndEmptyNodes) {
    const std::string text =
        "# newdoc id = t\n"
        "# text = We don't go.\n"
        "1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "3.1\tx\tx\tX\tXX\t_\t_\t_\t_\t_\n"
        "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
        "\n";
    auto s = parseConllu(text);
    ASSERT_TRUE(s) << s.error().message;
    ASSERT_EQ(s->size(), 1u);
    const ConlluSentence& c = (*s)[0];
    ASSERT_EQ(c.words.size(), 5u);
    EXPECT_TRUE(c.newParagraph);
    EXPECT_EQ(c.words[0].form, "We");
    EXPECT_EQ(c.words[0].head, 2);
    EXPECT_EQ(c.words[3].head, -1);
    EXPECT_EQ(c.words[3].deprel, Deprel::Root);
    EXPECT_FALSE(c.words[3].spaceAfter);
    EXPECT_EQ(c.words[2].upos, Upos::PART);
    EXPECT_EQ(c.words[1].xpos, Xpos::VBP);

    Document d = documentFromConllu(*s);
    EXPECT_EQ(d.text, "We do n't go.");
    ASSERT_EQ(d.tokens.size(), 5u);
    ASSERT_EQ(d.sentences.size(), 1u);
}

TEST(Conllu, ErrorsNameTheLine) {
    auto bad = parseConllu("1\tA\ta\tDET\tDT\t_\t0\troot\t_\n");  // nine columns
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("line 1"), std::string::npos);
    auto far = parseConllu("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tb\tb\tX\tXX\t_\t7\tdep\t_\t_\n");
    ASSERT_FALSE(far);
    EXPECT_NE(far.error().message.find("outside the sentence"), std::string::npos);
    auto word = parseConllu("1\tA\ta\tDET\tDT\t_\tx\troot\t_\t_\n");
    ASSERT_FALSE(word);
    EXPECT_NE(word.error().message.find("not a number"), std::string::npos);
    auto skip = parseConllu("2\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n");
    ASSERT_FALSE(skip);
    // a form that is not UTF-8 (a Latin-1 treebank): refused, where it was read past its end (fuzz_conllu)
    auto latin1 = parseConllu("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n\n1\tBi\xE9\tb\tX\tXX\t_\t0\troot\t_\t_\n");
    ASSERT_FALSE(latin1);
    EXPECT_EQ(latin1.error().message, "CoNLL-U: line 3: not valid UTF-8");
    EXPECT_TRUE(parseConllu(""));
}

TEST(Conllu, ScoresAgainstItself) {
    const std::string text =
        "1\tBirds\tbird\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
        "2\tsing\tsing\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No\n"
        "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    auto gold = parseConllu(text);
    ASSERT_TRUE(gold);
    Document d = documentFromConllu(*gold);
    // copy the gold analysis onto the tokens: a perfect parse
    for (size_t k = 0; k < 3; ++k) {
        const ConlluWord& w = (*gold)[0].words[k];
        d.tokens[k].upos = static_cast<uint8_t>(w.upos);
        d.tokens[k].xpos = static_cast<uint8_t>(w.xpos);
        d.tokens[k].head = w.head;
        d.tokens[k].deprel = static_cast<uint8_t>(w.deprel);
    }
    const SyntaxScore s = scoreSyntax(d, *gold);
    EXPECT_EQ(s.words, 3u);
    EXPECT_EQ(s.uas, 3u);
    EXPECT_EQ(s.las, 3u);
    EXPECT_DOUBLE_EQ(s.rate(s.upos), 100.0);
    // and written back, it reads as the same tree
    auto again = parseConllu(toConllu(d));
    ASSERT_TRUE(again) << again.error().message;
    ASSERT_EQ(again->size(), 1u);
    EXPECT_EQ((*again)[0].words[0].head, 1);
    EXPECT_EQ((*again)[0].words[1].deprel, Deprel::Root);
    EXPECT_FALSE((*again)[0].words[1].spaceAfter);
}

// [SECTION] The arc-eager machine

TEST(ArcEager, MovesBuildATree) {
    syn::Config c;
    c.reset(3);  // "Birds sing loudly": sing is the root
    EXPECT_FALSE(c.can(syn::Reduce));
    EXPECT_FALSE(c.can(syn::LeftArc));  // the root cannot take a head
    c.apply(syn::Shift, Deprel::Dep);
    c.apply(syn::LeftArc, Deprel::Nsubj);  // sing → Birds
    c.apply(syn::RightArc, Deprel::Root);  // root → sing
    EXPECT_TRUE(c.rootTaken);
    EXPECT_FALSE(c.can(syn::RightArc) && c.s0() == 0);
    c.apply(syn::RightArc, Deprel::Advmod);  // sing → loudly
    EXPECT_TRUE(c.bufferEmpty());
    EXPECT_EQ(c.head[1], 2);
    EXPECT_EQ(c.head[2], 0);
    EXPECT_EQ(c.head[3], 2);
    EXPECT_EQ(c.lc1[2], 1);
    EXPECT_EQ(c.rc1[2], 3);
    EXPECT_EQ(c.nl[2], 1);
    EXPECT_EQ(static_cast<Deprel>(c.label[1]), Deprel::Nsubj);
}

TEST(ArcEager, LeftoversAreAttached) {
    // the buffer is empty with two words on the stack and no root yet
    syn::Config c;
    c.reset(2);
    c.apply(syn::Shift, Deprel::Dep);
    c.apply(syn::Shift, Deprel::Dep);
    syn::SentenceInput s;
    s.words.assign(3, &syn::rootAtoms());
    s.tag.assign(3, 0);
    syn::finish(nullptr, s, c);
    EXPECT_EQ(c.head[1], 0);
    EXPECT_EQ(c.head[2], 1);
}

// [SECTION] The shipped model

TEST(Parser, EveryTokenIsTaggedAndEverySentenceIsATree) {
    if (!parsed()) GTEST_SKIP() << "built without assets/syntax.bin";
    Document d = run("The council voted on Tuesday. “We will rebuild the bridge,” the mayor said. "
                     "Critics, who opposed the plan, said it was too expensive and would take years.");
    for (const Token& t : d.tokens) {
        EXPECT_NE(t.upos, 0);
        EXPECT_NE(t.xpos, 0);
        EXPECT_NE(t.deprel, 0);
    }
    expectTrees(d);
}

TEST(Parser, SubjectAndComplementOfACue) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("The minister said that the new bridge would open in May.");
    EXPECT_EQ(rel(d, "said"), Deprel::Root);
    EXPECT_EQ(rel(d, "minister"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(d, "minister", "said"));
    EXPECT_EQ(rel(d, "open"), Deprel::Ccomp);
    EXPECT_TRUE(headIs(d, "open", "said"));
    EXPECT_EQ(rel(d, "that"), Deprel::Mark);
    EXPECT_TRUE(headIs(d, "that", "open"));
    EXPECT_EQ(pos(d, "said"), Upos::VERB);
    EXPECT_EQ(pos(d, "minister"), Upos::NOUN);
    EXPECT_EQ(pos(d, "would"), Upos::AUX);
}

TEST(Parser, ClauseAttachment) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("The match was cancelled because it rained.");
    EXPECT_TRUE(headIs(d, "rained", "cancelled"));
    EXPECT_EQ(rel(d, "rained"), Deprel::Advcl);
    EXPECT_TRUE(headIs(d, "because", "rained"));
    EXPECT_EQ(rel(d, "because"), Deprel::Mark);
    EXPECT_EQ(rel(d, "match"), Deprel::NsubjPass);

    Document f = run("When the storm ended, the ferries sailed again.");
    EXPECT_TRUE(headIs(f, "ended", "sailed"));
    EXPECT_EQ(rel(f, "ended"), Deprel::Advcl);
    EXPECT_EQ(rel(f, "sailed"), Deprel::Root);

    Document r = run("The council, which met on Monday, rejected the plan.");
    EXPECT_TRUE(headIs(r, "met", "council"));
    EXPECT_EQ(rel(r, "met"), Deprel::AclRelcl);
    EXPECT_TRUE(headIs(r, "council", "rejected"));
    EXPECT_EQ(rel(r, "plan"), Deprel::Obj);
}

TEST(Parser, Coordination) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("Anna and Ben painted the fence.");
    EXPECT_TRUE(headIs(d, "Ben", "Anna"));
    EXPECT_EQ(rel(d, "Ben"), Deprel::Conj);
    EXPECT_TRUE(headIs(d, "and", "Ben"));
    EXPECT_EQ(rel(d, "and"), Deprel::Cc);
    EXPECT_TRUE(headIs(d, "Anna", "painted"));
}

TEST(Parser, Apposition) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("Maria Lopez, the mayor of Riverton, opened the school.");
    EXPECT_EQ(rel(d, "mayor"), Deprel::Appos);
    EXPECT_TRUE(headIs(d, "mayor", "Maria"));
    EXPECT_TRUE(headIs(d, "Maria", "opened"));
}

TEST(Parser, QuoteAroundItsCue) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("“The bridge is safe,” she said.");
    EXPECT_EQ(rel(d, "she"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(d, "she", "said"));
    // the quoted clause and its cue are one tree, joined at the clause's verb or the cue
    const int32_t safe = tok(d, "safe"), said = tok(d, "said");
    EXPECT_TRUE(d.tokens[safe].head == said || d.tokens[said].head == safe);
    EXPECT_EQ(static_cast<Upos>(d.tokens[tok(d, "she")].upos), Upos::PRON);
    EXPECT_EQ(d.tokens[tok(d, "she")].morph, kMorphSing | kMorphPerson3 | kMorphFem);
}

TEST(Parser, LongSentenceIsParsedInPieces) {
    if (!parsed()) GTEST_SKIP();
    std::string text;
    for (int i = 0; i < 400; ++i) text += "the wind blew, ";
    text += "and then it stopped.";
    Document d = run(text);
    ASSERT_EQ(d.sentences.size(), 1u);
    expectTrees(d);
}

TEST(Parser, SyntaxInJsonOnlyWhenAsked) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("Birds sing.");
    EXPECT_EQ(toJson(d).find("\"tokens\""), std::string::npos);
    JsonOptions o;
    o.syntax = true;
    const std::string j = toJson(d, o);
    EXPECT_NE(j.find("\"tokens\":[{\"start\":0,\"end\":5,\"sentence\":0,\"upos\":\"NOUN\""), std::string::npos) << j;
    EXPECT_NE(j.find("\"deprel\":\"root\""), std::string::npos) << j;
    EXPECT_TRUE(fromJson(j)) << "a document with tokens reads back";
}

TEST(Parser, SameParseForTheSameTextEverywhere) {
    if (!parsed()) GTEST_SKIP();
    // a word's own tagger scores are cached per document: the same sentence
    // parses the same alone and after other text
    Document a = run("The minister said the plan would fail.");
    Document b = run("Rain fell all day. The minister said the plan would fail.");
    const uint32_t off = b.sentences[1].firstToken;
    ASSERT_EQ(a.tokens.size() + off, b.tokens.size());
    for (size_t i = 0; i < a.tokens.size(); ++i) {
        EXPECT_EQ(a.tokens[i].upos, b.tokens[off + i].upos);
        EXPECT_EQ(a.tokens[i].deprel, b.tokens[off + i].deprel);
        EXPECT_EQ(a.tokens[i].head < 0 ? -1 : a.tokens[i].head + static_cast<int32_t>(off), b.tokens[off + i].head);
    }
}

TEST(SyntaxModel, BadBytesAreRefused) {
    EXPECT_FALSE(syn::deserialize(""));
    EXPECT_FALSE(syn::deserialize("WSTX"));
    std::string junk(64, 'x');
    EXPECT_FALSE(syn::deserialize(junk));
    if (!parsed()) return;
    const std::string bytes = syn::serialize(Model::builtin().data().syntax);
    auto back = syn::deserialize(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(syn::serialize(*back), bytes);
    std::string corrupt = bytes;
    corrupt[corrupt.size() / 2] ^= 0x55;
    auto bad = syn::deserialize(corrupt);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("checksum"), std::string::npos);
    EXPECT_FALSE(syn::deserialize(bytes.substr(0, bytes.size() - 10)));
}

// A model that tags twice (train-syntax --two-pass) is format version 2 and
// round-trips; a one-pass model stays version 1, byte for byte as before. The
// second pass reads the first pass's tags, and the document path (word-type
// scores cached per pass) tags exactly as one sentence at a time does.
TEST(SyntaxModel, TwoPassModelRoundTripsAndTagsAlike) {
    if (!parsed()) GTEST_SKIP();
    const syn::SyntaxModel& one = Model::builtin().data().syntax;
    ASSERT_TRUE(one.tagger2.empty());
    const std::string oneBytes = syn::serialize(one);
    // format 1 (one pass) or 3 (with WordNet's word classes, which carries its passes in a flag)
    const uint8_t withClasses = one.wordClasses.empty() ? 0 : 3;
    EXPECT_EQ(static_cast<uint8_t>(oneBytes[4]), withClasses ? withClasses : 1);
    syn::SyntaxModel two = one;
    // a second table unlike the first (every weight negated), so that mixing
    // up the passes' cached scores would show: the machinery is under test
    two.tagger2 = one.tagger;
    for (uint16_t& e : two.tagger2.entries)
        e = static_cast<uint16_t>((e & 0xFF) | static_cast<uint8_t>(-static_cast<int8_t>(e >> 8)) << 8);
    for (int16_t& w : two.tagger2.dense) w = static_cast<int16_t>(-w);
    const std::string bytes = syn::serialize(two);
    EXPECT_EQ(static_cast<uint8_t>(bytes[4]), withClasses ? withClasses : 2);
    EXPECT_GT(bytes.size(), oneBytes.size());
    auto back = syn::deserialize(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_FALSE(back->tagger2.empty());
    EXPECT_EQ(syn::serialize(*back), bytes);

    Document d = run("The ferry to the island will sail on Monday, and the harbour master said that it would be full.");
    syn::parseDocument(d, *back);
    std::vector<syn::WordAtoms> atoms(d.tokens.size() + 1);
    syn::SentenceInput s;
    s.words.assign(d.tokens.size() + 1, &syn::rootAtoms());
    for (size_t i = 0; i < d.tokens.size(); ++i) {
        atoms[i + 1] = syn::wordAtoms(d.slice(d.tokens[i].span), back->clusters, &back->wordClasses);
        s.words[i + 1] = &atoms[i + 1];
    }
    s.tag.assign(d.tokens.size() + 1, syn::kTagClasses);
    syn::tagSentence(*back, s);
    ASSERT_EQ(s.first.size(), s.tag.size());  // the first pass's tags, kept for the second
    for (size_t i = 0; i < d.tokens.size(); ++i)
        EXPECT_EQ(static_cast<Upos>(d.tokens[i].upos), back->classes[s.tag[i + 1]].first) << d.slice(d.tokens[i].span);
    expectTrees(d);
}

// The page's grammar view says what a word is and how it hangs on its head,
// in plain words; punctuation and unparsed text get nothing.
TEST(Parser, GrammarInPlainWords) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("The minister said that the new bridge would open in May.");
    EXPECT_EQ(grammarNote(d, static_cast<uint32_t>(tok(d, "minister"))), "\u201Cminister\u201D is a noun, the subject of \u201Csaid\u201D.");
    EXPECT_EQ(grammarNote(d, static_cast<uint32_t>(tok(d, "said"))), "\u201Csaid\u201D is a verb, the main word of its sentence.");
    EXPECT_EQ(grammarNote(d, static_cast<uint32_t>(tok(d, "new"))), "\u201Cnew\u201D is an adjective, describes \u201Cbridge\u201D.");
    EXPECT_EQ(grammarNote(d, static_cast<uint32_t>(tok(d, "."))), "");
    EXPECT_EQ(grammarNote(d, 9999), "");
    EXPECT_STREQ(relationLabel(Deprel::Nsubj), "subject");
    EXPECT_STREQ(relationLabel(Deprel::Obj), "object");
    Document plain;
    plain.text = "Unparsed words.";
    plain.tokens.push_back(Token{});
    plain.tokens[0].span = {0, 8};
    EXPECT_EQ(grammarNote(plain, 0), "");
}

// A day after a verb that has its subject is when, never a second subject.
TEST(Parser, DayAfterTheVerbIsWhen) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("The pier will close for repairs, harbour officials said Monday, as the storm season nears.");
    EXPECT_EQ(rel(d, "officials"), Deprel::Nsubj);
    EXPECT_NE(rel(d, "Monday"), Deprel::Nsubj);
    EXPECT_NE(rel(d, "Monday"), Deprel::NsubjPass);
    expectTrees(d);
}

// News names a speaker with "of" and a body: the verb heads the sentence, the
// name is its subject and "of the … League" is the name's (the parser alone
// took the verb for a clause on the name, and the league for its subject).
TEST(Parser, NameOfABodyIsTheSubject) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("The harbour board met on Monday.\n\nTomas Reyes of the Maine Fishing League said the dredging "
                     "would start in spring.");
    EXPECT_EQ(rel(d, "said"), Deprel::Root);
    EXPECT_TRUE(headIs(d, "Tomas", "said"));
    EXPECT_EQ(rel(d, "Tomas"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(d, "League", "Tomas"));
    EXPECT_TRUE(headIs(d, "of", "League"));
    expectTrees(d);
}

// A predicate has one subject: the second one the parser gave "said" is the
// first one's, after a preposition its modifier, after "and" its conjunct.
TEST(Parser, OnePredicateHasOneSubject) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("A spokeswoman for Mayor Ostrova said the ferry would sail on Monday.");
    EXPECT_TRUE(headIs(d, "spokeswoman", "said"));
    EXPECT_EQ(rel(d, "spokeswoman"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(d, "Mayor", "spokeswoman"));
    EXPECT_EQ(rel(d, "Mayor"), Deprel::Nmod);
    EXPECT_TRUE(headIs(d, "for", "Mayor"));
    EXPECT_EQ(rel(d, "for"), Deprel::Case);
    expectTrees(d);
    Document e = run("The mayor and her aides said the ferry was late.");
    EXPECT_TRUE(headIs(e, "mayor", "said"));
    EXPECT_EQ(rel(e, "mayor"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(e, "aides", "mayor"));
    EXPECT_EQ(rel(e, "aides"), Deprel::Conj);
    EXPECT_TRUE(headIs(e, "and", "aides"));
    expectTrees(e);
}

// A long subject closed by a comma before its verb: the verb heads the
// sentence, not a clause on the name.
TEST(Parser, LongSubjectBeforeItsVerb) {
    if (!parsed()) GTEST_SKIP();
    Document d = run("Tomas Reyes, who led the league from 1995 to 1997, during the long strike, said the pier was safe.");
    EXPECT_EQ(rel(d, "said"), Deprel::Root);
    EXPECT_TRUE(headIs(d, "Tomas", "said"));
    EXPECT_EQ(rel(d, "Tomas"), Deprel::Nsubj);
    EXPECT_TRUE(headIs(d, "led", "Tomas"));
    EXPECT_TRUE(headIs(d, "safe", "said"));
    expectTrees(d);
}

// WordNet's parts of speech, read as morphy reads them: lemmas, irregular
// forms, inflections. The index and exception lines are written here in
// WordNet's layout (licence header lines start with two spaces).
TEST(WordClasses, LemmasIrregularFormsAndInflections) {
    syn::WordNetIndex f;
    f.indexNoun = "  1 this line is the licence header\nlibrarian n 1 1 @ 1 0 10000001  \nferry n 1 1 @ 1 0 10000002  \n"
                  "goose n 1 1 @ 1 0 10000003  \nharbour_master n 1 1 @ 1 0 10000004  \n";
    f.indexVerb = "ferry v 1 1 @ 1 0 20000001  \nwaive v 1 1 @ 1 0 20000002  \nundergo v 1 1 @ 1 0 20000003  \n";
    f.indexAdj = "bold a 1 1 & 1 0 30000001  \n";
    f.indexAdv = "boldly r 1 0 1 0 40000001  \n";
    f.nounExc = "geese goose\n";
    f.verbExc = "underwent undergo\n";
    auto t = syn::buildWordClasses(f);
    ASSERT_TRUE(t) << t.error().message;
    using syn::kInflectedBit, syn::kLemmaBit;
    EXPECT_EQ(t->lookup("librarian"), kLemmaBit(syn::kNoun));
    EXPECT_EQ(t->lookup("Librarians"), kInflectedBit(syn::kNoun));
    EXPECT_EQ(t->lookup("ferry"), kLemmaBit(syn::kNoun) | kLemmaBit(syn::kVerb));
    EXPECT_EQ(t->lookup("ferries"), kInflectedBit(syn::kNoun) | kInflectedBit(syn::kVerb));
    EXPECT_EQ(t->lookup("waived"), kInflectedBit(syn::kVerb));
    EXPECT_EQ(t->lookup("geese"), kInflectedBit(syn::kNoun));
    EXPECT_EQ(t->lookup("underwent"), kInflectedBit(syn::kVerb));
    EXPECT_EQ(t->lookup("bolder"), kInflectedBit(syn::kAdj));
    EXPECT_EQ(t->lookup("boldly"), kLemmaBit(syn::kAdv));
    EXPECT_EQ(t->lookup("harbour_master"), 0);  // collocations are not kept
    EXPECT_EQ(t->lookup("Skerry"), 0);
    // the table's bytes read back to the same table
    ByteWriter w;
    syn::writeWordClasses(w, *t);
    ByteReader r{w.out};
    syn::WordClassTable back;
    syn::readWordClasses(r, back);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(r.pos, w.out.size());
    for (const char* word : {"librarians", "ferry", "geese", "underwent", "bolder", "boldly", "Skerry"})
        EXPECT_EQ(back.lookup(word), t->lookup(word)) << word;
    // a truncated table is an error, not a crash
    ByteReader cut{std::string_view(w.out).substr(0, w.out.size() / 2)};
    syn::WordClassTable part;
    syn::readWordClasses(cut, part);
    EXPECT_FALSE(cut.error.empty());
    syn::WordNetIndex empty;
    EXPECT_FALSE(syn::buildWordClasses(empty));
}

// A model with word classes is format 3 and reads back byte for byte; one
// without stays in format 1.
TEST(SyntaxModel, WordClassModelRoundTrips) {
    if (!parsed()) GTEST_SKIP();
    syn::SyntaxModel m = Model::builtin().data().syntax;
    syn::WordNetIndex f;
    f.indexNoun = "ferry n 1 1 @ 1 0 10000002  \n";
    f.indexVerb = "sail v 1 1 @ 1 0 20000001  \n";
    f.indexAdj = "calm a 1 1 & 1 0 30000001  \n";
    f.indexAdv = "calmly r 1 0 1 0 40000001  \n";
    auto t = syn::buildWordClasses(f);
    ASSERT_TRUE(t);
    m.wordClasses = *t;
    const std::string bytes = syn::serialize(m);
    EXPECT_EQ(static_cast<uint8_t>(bytes[4]), 3);
    auto back = syn::deserialize(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->wordClasses.lookup("ferries"), syn::kInflectedBit(syn::kNoun));
    EXPECT_EQ(syn::serialize(*back), bytes);
    EXPECT_EQ(syn::wordAtoms("sailed", back->clusters, &back->wordClasses).wordClass, 0x100 | syn::kInflectedBit(syn::kVerb));
    EXPECT_EQ(syn::wordAtoms("sailed", back->clusters).wordClass, 0);
    Document d = run("The ferry sailed to the island on Monday.");
    syn::parseDocument(d, *back);
    expectTrees(d);
}
