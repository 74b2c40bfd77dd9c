// Private: a document's words for the claim passes. Every token's lowercase
// form lives in one buffer (no string per token), and what the hand lexicons
// (cues.hpp) say about a word is looked up once per distinct form, not once per
// token: news text repeats "said", "the" and "officials" thousands of times.
//
// Usage:
//   const DocWords words(doc);
//   if (words.lower(i) == "that") ...            // compares sizes first
//   if (words.facts(i).cue.cls != CueClass::None) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cues.hpp"
#include "whosaid/document.hpp"

namespace whosaid {

enum WordBits : uint8_t {
    kWordBoundary = 1,    // isNpBoundary()
    kWordAdverb = 2,      // isCueAdverb()
    kWordDeterminer = 4,  // isDeterminer()
};

// What the lexicons say about one lowercase form.
struct WordFacts {
    CueWord cue;                               // lookupCue()
    SpeakerNoun noun = SpeakerNoun::None;      // speakerNoun()
    PronounKind pronoun = PronounKind::None;   // sourcePronoun()
    uint8_t bits = 0;                          // WordBits
    uint32_t hash = 0;                         // FNV-1a of the form (the cue tagger's word feature)
};

// FNV-1a, 32 bits: the hash the cue tagger's features are built on.
inline uint32_t fnv1a(std::string_view s, uint32_t h = 2166136261u) {
    for (unsigned char ch : s) h = (h ^ ch) * 16777619u;
    return h;
}

// A party and state after a politician's name ("Paul Whitmore (R-Ohio)", "Ada
// Lindqvist, D-Minn.,"): the politician's label, not an actor of its own (the
// entity pass drops it) and no one's name (the claim pass names the politician).
bool isPartyTag(std::string_view s);

class DocWords {
public:
    explicit DocWords(const Document& doc);
    DocWords(const DocWords&) = delete;  // the views point into m_buffer
    DocWords& operator=(const DocWords&) = delete;

    size_t size() const { return m_lower.size(); }
    std::string_view lower(size_t token) const { return m_lower[token]; }
    const std::vector<std::string_view>& lowerForms() const { return m_lower; }
    const WordFacts& facts(size_t token) const { return m_facts[m_type[token]]; }
    // Distinct lowercase forms in the document.
    size_t types() const { return m_facts.size(); }

private:
    std::string m_buffer;                 // all lowercase forms, back to back
    std::vector<std::string_view> m_lower;  // per token, into m_buffer
    std::vector<uint32_t> m_type;         // per token: index into m_facts
    std::vector<WordFacts> m_facts;       // per distinct form
};

} // namespace whosaid
