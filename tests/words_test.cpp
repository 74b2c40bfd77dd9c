// A document's interned words (core/src/words.hpp): each token's lowercase
// form and lexicon facts must be exactly what the per-token functions give.
#include <gtest/gtest.h>

#include "words.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

using namespace whosaid;

namespace {

Document tokenized(std::string text) {
    Document d;
    d.text = std::move(text);
    tokenize(d);
    return d;
}

// Every token agrees with lowercase(), lookupCue(), speakerNoun() and the rest.
void expectSameAsPerToken(const Document& d) {
    const DocWords words(d);
    ASSERT_EQ(words.size(), d.tokens.size());
    for (size_t i = 0; i < d.tokens.size(); ++i) {
        const std::string low = lowercase(d.slice(d.tokens[i].span));
        EXPECT_EQ(words.lower(i), low) << i;
        const WordFacts& f = words.facts(i);
        EXPECT_EQ(f.cue.cls, lookupCue(low).cls) << low;
        EXPECT_EQ(f.cue.form, lookupCue(low).form) << low;
        EXPECT_EQ(f.cue.lemma, lookupCue(low).lemma) << low;
        EXPECT_EQ(f.noun, speakerNoun(low)) << low;
        EXPECT_EQ(f.pronoun, sourcePronoun(low)) << low;
        EXPECT_EQ(bool(f.bits & kWordBoundary), isNpBoundary(low)) << low;
        EXPECT_EQ(bool(f.bits & kWordAdverb), isCueAdverb(low)) << low;
        EXPECT_EQ(bool(f.bits & kWordDeterminer), isDeterminer(low)) << low;
        EXPECT_EQ(f.hash, fnv1a(low)) << low;
    }
}

} // namespace

TEST(Words, SameAsAskingEachToken) {
    expectSameAsPerToken(tokenized(
        "The Harbour Minister said on Monday that officials had warned her. “They TOLD us,” she added, "
        "according to the port authority; Lisbon says it will not pay."));
}

TEST(Words, LettersBeyondAscii) {
    // Latin-1, Latin Extended-A, Greek and Cyrillic capitals lowercase in place;
    // curly quotes, dashes and CJK stay as they are.
    expectSameAsPerToken(tokenized("ÉLODIE Łukasz ŻÓŁW Ωmega ПУТИН said — “東京” ÀÉÎÕÜ ǅ İstanbul"));
}

TEST(Words, OneTypePerDistinctForm) {
    const Document d = tokenized("Said said SAID told said");
    const DocWords words(d);
    EXPECT_EQ(words.types(), 2u);  // "said" and "told"
    EXPECT_EQ(&words.facts(0), &words.facts(2));
    EXPECT_EQ(words.facts(0).cue.lemma, "say");
    EXPECT_EQ(words.facts(3).cue.lemma, "tell");
}

TEST(Words, EmptyDocument) {
    const Document d = tokenized("");
    const DocWords words(d);
    EXPECT_EQ(words.size(), 0u);
    EXPECT_EQ(words.types(), 0u);
}
