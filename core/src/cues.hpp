// Private: the team's cue lexicon — the words that introduce an attribution
// ("said", "told", "according to", "fears") and the nouns that name
// speakers ("officials", "the ministry"). Written by hand for whosaid; the
// trained cue tagger (quote_model) extends it to the long tail.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace whosaid {

enum class CueClass : uint8_t {
    None,
    Speech,    // say, tell, add, warn, insist, deny...
    Writing,   // write, tweet, post
    Belief,    // believe, think, fear, expect, hope
    Evidence,  // show, find, suggest, indicate
    Judgment,  // call, accuse, praise, criticize: the content is an object + complement
};

enum class CueForm : uint8_t { Base, Third, Past, Participle };

// Flags on a lemma: how its content and source are laid out.
enum CueFlags : uint8_t {
    kCueTakesObject = 1,   // "told reporters (that)...", "warned Putin that..."
    kCueNeedsThat = 2,     // only a cue when a clause follows ("found that", "shows that")
    kCueWeak = 4,          // ambiguous: lower confidence, never at a sentence start
    kCueTrailingOnly = 8,  // a cue only right after a quotation ("…,” he continued)
    kCueNotWithObject = 16,  // with a plain noun-phrase object it means something else ("concluded the talks")
};

struct CueWord {
    CueClass cls = CueClass::None;
    CueForm form = CueForm::Base;
    uint8_t flags = 0;
    std::string_view lemma;
};

// Looks up a lowercase word form; cls == None when it is not a cue.
CueWord lookupCue(std::string_view lowerWord);

// Particles that belong to a cue ("point out", "call for", "lash out").
bool isCueParticle(std::string_view lemma, std::string_view lowerNext);

// What kind of speaker a lowercase noun names.
enum class SpeakerNoun : uint8_t {
    None,
    Anonymous,     // officials, sources, analysts, fighters, residents
    Organization,  // ministry, government, agency, kremlin, campaign
    PersonTitle,   // minister, president, spokesman, senator: a person, maybe named before
    Document,      // report, statement, poll, study: an organization-like source
};
SpeakerNoun speakerNoun(std::string_view lowerWord);
// A word for a person or people: the speaker lexicon's people, a few more
// ("relatives", "the crowd"), and the agent endings (-er, -or, -ist, -ian, -ant,
// -ent, -ee, -ive). Not a lexicon of every noun: a false "no" is an unknown word.
bool isHumanNoun(std::string_view lowerWord);
// How isHumanNoun knows: the word is listed, or only has an agent ending (a
// guess to trust in a noun only: "softer", "recent", "aggressive" have them).
enum class HumanBy : uint8_t { No, List, Ending };
HumanBy humanNoun(std::string_view lowerWord);

// Words that can stand between a subject and its cue ("has", "also", "last week").
bool isCueAdverb(std::string_view lowerWord);

// Verbs of going, making and handling things ("boarded", "flew", "bought",
// "planted"): with a thing for object they report no words and no stance,
// whatever the attribution model makes of a subject and an object.
bool isPhysicalAct(std::string_view lowerWord);

// Subject pronouns that can be sources, and what they refer to.
enum class PronounKind : uint8_t { None, Male, Female, Neuter, Plural, First };
PronounKind sourcePronoun(std::string_view lowerWord);

// Function words that end a nominal source on its left ("and", "but", "that", "in").
bool isNpBoundary(std::string_view lowerWord);

// Determiners and possessives that open a noun phrase.
bool isDeterminer(std::string_view lowerWord);

// Calls f for every word form the lexicons above know (some more than once):
// a word not among them gets None and false from every function here.
void forEachLexiconWord(const std::function<void(std::string_view)>& f);

} // namespace whosaid
