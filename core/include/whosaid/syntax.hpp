// whosaid/syntax.hpp — parts of speech and dependency trees.
//
// annotate() tags every token with a Universal Dependencies part of speech
// (UPOS), a Penn Treebank tag (XPOS) and a few morphological features, and
// parses every sentence into a labeled dependency tree (Token::head,
// Token::deprel). The claim finder reads the tree: a reported clause ends where
// the cue's complement ends, and a source is the cue's subject.
//
// This header names the tag and relation sets, reads and writes CoNLL-U (the
// treebanks' format) and scores a parse against a gold treebank. The tagger,
// the parser and their training live in core/src/syntax*.
//
// Usage:
//   Result<std::vector<ConlluSentence>> gold = parseConllu(fileText);
//   Document doc = documentFromConllu(*gold);     // the gold tokens and sentences
//   parseSyntax(doc, Model::builtin());           // tags and trees, tokens kept
//   SyntaxScore s = scoreSyntax(doc, *gold);       // UPOS, XPOS, UAS, LAS
//   std::string out = toConllu(doc);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

class Model;

// [SECTION] Tag and relation sets

// Universal parts of speech; None: not tagged.
enum class Upos : uint8_t {
    None, ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X,
};
constexpr int kUposCount = 18;

// Penn Treebank tags, as the English UD treebanks write them in XPOS. The
// punctuation tags are spelled out: Comma is ",", Period ".", OpenQuote "``".
enum class Xpos : uint8_t {
    None, CC, CD, DT, EX, FW, IN, JJ, JJR, JJS, LS, MD, NN, NNS, NNP, NNPS, PDT, POS, PRP, PRPS, RB, RBR, RBS,
    RP, SYM, TO, UH, VB, VBD, VBG, VBN, VBP, VBZ, WDT, WP, WPS, WRB, Dollar, Pound, Comma, Period, Colon,
    LRB, RRB, OpenQuote, CloseQuote, HYPH, NFP, ADD, AFX, GW, XX,
};
constexpr int kXposCount = 52;

// Universal dependency relations with the subtypes English treebanks use.
// None: not parsed, or a relation this table does not know.
enum class Deprel : uint8_t {
    None, Acl, AclRelcl, Advcl, AdvclRelcl, Advmod, Amod, Appos, Aux, AuxPass, Case, Cc, CcPreconj, Ccomp,
    Clf, Compound, CompoundPrt, Conj, Cop, Csubj, CsubjOuter, CsubjPass, Dep, Det, DetPredet, Discourse,
    Dislocated, Expl, Fixed, Flat, FlatForeign, Goeswith, Iobj, List, Mark, Nmod, NmodDesc, NmodNpmod,
    NmodPoss, NmodTmod, NmodUnmarked, Nsubj, NsubjOuter, NsubjPass, Nummod, Obj, Obl, OblAgent, OblNpmod,
    OblTmod, OblUnmarked, Orphan, Parataxis, Punct, Reparandum, Root, Vocative, Xcomp,
};
constexpr int kDeprelCount = 58;

const char* uposName(Upos p);      // "NOUN"; "_" for None
const char* xposName(Xpos p);      // "NNS", ","; "_" for None
const char* deprelName(Deprel r);  // "nsubj:pass"; "_" for None
// Parse the names above; return false on an unknown name.
bool parseUpos(std::string_view s, Upos& out);
bool parseXpos(std::string_view s, Xpos& out);
bool parseDeprel(std::string_view s, Deprel& out);
// The universal part of a relation: NsubjPass → Nsubj, AclRelcl → Acl.
Deprel universalDeprel(Deprel r);

// Morphological features (Token::morph), the ones the claim finder needs:
// a pronoun's or noun's number, person and gender.
enum MorphBits : uint8_t {
    kMorphSing = 1, kMorphPlur = 2,
    kMorphPerson1 = 4, kMorphPerson2 = 8, kMorphPerson3 = 16,
    kMorphMasc = 32, kMorphFem = 64, kMorphNeut = 128,
};
// CoNLL-U FEATS for those bits ("Gender=Fem|Number=Sing|Person=3"), "_" when none.
std::string morphFeats(uint8_t morph);

// [SECTION] CoNLL-U

// One syntactic word of a treebank sentence. Multiword-token ranges (1-2) and
// empty nodes (8.1) are skipped: their words are the units parsed.
struct ConlluWord {
    std::string form;
    Upos upos = Upos::None;
    Xpos xpos = Xpos::None;
    int32_t head = -1;  // index of the head word in the sentence, -1 for the root
    Deprel deprel = Deprel::None;
    std::string deprelText;  // as written (relations unknown to Deprel keep their name here)
    bool spaceAfter = true;
};

struct ConlluSentence {
    std::vector<ConlluWord> words;
    bool newParagraph = false;  // a "# newpar" or "# newdoc" comment came before it
};

// Reads CoNLL-U. Fails with the line number on a malformed word line (wrong
// column count, a head that is not a number or points outside the sentence).
[[nodiscard]] Result<std::vector<ConlluSentence>> parseConllu(std::string_view text);

// A Document whose tokens and sentences are exactly the treebank's words and
// sentences (text rebuilt from the forms and SpaceAfter), ready for
// parseSyntax(). Each sentence is one line of the text.
Document documentFromConllu(const std::vector<ConlluSentence>& sentences);

// CoNLL-U of a tagged and parsed Document: one block per sentence, the
// sentence's text as "# text", LEMMA "_", FEATS from Token::morph, MISC
// SpaceAfter=No where no white space follows.
std::string toConllu(const Document& doc);

// [SECTION] Parsing and scoring

// Tags and parses doc's tokens in place (doc.tokens and doc.sentences set, as
// tokenize() or documentFromConllu() leave them). annotate() calls it.
void parseSyntax(Document& doc, const Model& model);

// Counts over all words, punctuation included, as the CoNLL 2018 shared task
// counts them. `las` compares full relations (nsubj:pass ≠ nsubj),
// `lasUniversal` only their universal part, as that task's evaluation does.
struct SyntaxScore {
    size_t sentences = 0, words = 0;
    size_t upos = 0, xpos = 0, uas = 0, las = 0, lasUniversal = 0;
    double rate(size_t correct) const { return words ? 100.0 * static_cast<double>(correct) / words : 0.0; }
};
// Scores doc (from documentFromConllu(gold), then parsed) against gold.
SyntaxScore scoreSyntax(const Document& doc, const std::vector<ConlluSentence>& gold);

// [SECTION] In plain words

// The page's grammar view: a word's part in its sentence, for a reader who
// has not met the UD names. relationLabel() names a relation in a word or two
// for an arc ("subject", "object", "describes"); grammarNote() says what the
// word is and how it hangs on its head ("minister" is a noun, the subject of
// "said"), with curly quotation marks. Empty when the token is not parsed or
// is punctuation.
const char* relationLabel(Deprel r);
std::string grammarNote(const Document& doc, uint32_t token);

} // namespace whosaid
