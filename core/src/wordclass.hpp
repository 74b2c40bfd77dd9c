// Private: the parts of speech WordNet gives a word, for the tagger. A word
// the treebanks never show ("librarians", "iodine", "waive", "bogus") is
// still in WordNet, as a noun, a verb, an adjective or an adverb; the tagger
// reads that as a feature (with the word's suffix and shape) instead of
// guessing from the suffix alone.
//
// The table is compiled at training time (train-syntax) from Debian's
// wordnet-base (/usr/share/wordnet: WordNet 3.0, Princeton's licence, see
// assets/lexicon/README.md) and stored in the syntax model. A word is looked
// up as WordNet's morphy finds it: as a lemma of each part of speech, as an
// irregular form from the exception lists ("underwent", "geese", "better"),
// and through the inflection rules ("librarians" → "librarian", "waived" →
// "waive", "bolder" → "bold").
//
// Usage:
//   Result<WordClassTable> t = buildWordClasses(files);   // train-syntax
//   const uint8_t c = t->lookup("librarians");            // kInflected << kNoun
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "binary_io.hpp"
#include "ner.hpp"
#include "whosaid/result.hpp"

namespace whosaid::syn {

// Bits of a looked-up class: a lemma of the part of speech (bit p), or an
// inflected form of one (bit 4 + p).
enum WordNetPos : uint8_t { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3 };
constexpr uint8_t kLemmaBit(WordNetPos p) { return static_cast<uint8_t>(1u << p); }
constexpr uint8_t kInflectedBit(WordNetPos p) { return static_cast<uint8_t>(1u << (4 + p)); }

struct WordClassTable {
    ner::FlatMap lemmas;  // key of a lemma or an irregular form → its bits
    bool empty() const { return lemmas.empty(); }
    // The class of a word (any case; normalized and lower-cased here); 0: not in WordNet.
    uint8_t lookup(std::string_view lowerWord) const;
};

// The database files' contents: the four index files (their first field is
// the lemma) and the four exception lists.
struct WordNetIndex {
    std::string indexNoun, indexVerb, indexAdj, indexAdv, nounExc, verbExc, adjExc, advExc;
};
[[nodiscard]] Result<WordClassTable> buildWordClasses(const WordNetIndex& files);

// A count, the sorted keys as varint gaps, the bits.
void writeWordClasses(ByteWriter& w, const WordClassTable& t);
void readWordClasses(ByteReader& r, WordClassTable& t);

} // namespace whosaid::syn
