// Private: the passes annotate() runs, in order, and the model they share.
#pragma once

#include "ner.hpp"
#include "attribution.hpp"
#include "syntax.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/document.hpp"

namespace whosaid {

// Everything a Model holds. Grows as the trained passes land.
struct ModelData {
    uint32_t version = 0;
    ner::NerModel ner;  // empty when no tagger was loaded: then no names are found
    attr::AttrModel quotes;  // the attribution model; empty: the cue lexicon and rules alone
    syn::SyntaxModel syntax;  // tagger and parser; empty: tokens keep no syntax
};

// Name mentions (kind Name) from the tokens; fills doc.mentions sorted by start.
void findEntities(Document& doc, const ModelData& model);

// Photo credits ("[Sputnik/Ana Lopes/Pool via Reuters]", "(AP Photo/Ana
// Lopes)"): per credit, the tokens of its opening and closing brackets. What
// is in one is not the article's: its agencies and photographers are kept as
// names, but no claim is read from it and no pronoun refers to them.
std::vector<std::pair<uint32_t, uint32_t>> photoCreditTokens(const Document& doc);

// Groups mentions into doc.entities with canonical names.
void groupEntities(Document& doc);

// Drops the actors left without a mention; claims they spoke get no speaker.
void compactEntities(Document& doc);

// After the claims: a party and state after a politician's name ("Paul
// Whitmore (R-Ohio)", "Ada Lindqvist, D-Minn.,") is no actor. The claims read
// it as part of the source's phrase first.
void dropPartyTags(Document& doc);

// The gender a person's name mention shows, 0 unknown, 1 male, 2 female: an
// honorific before or in it ("Mrs. Novak", "Mr Reyes") or a first name that is
// nearly always one or the other ("Peter Novak"). groupEntities() never joins a
// surname to a person of the other gender; the claims' pronouns agree with it.
uint8_t nameGender(const Document& doc, const Mention& m);
// Per entity, the gender its name mentions show (0 when none or when they disagree).
std::vector<uint8_t> entityGenders(const Document& doc);

// Adds pronoun mentions (he, she, they... kind Pronoun) that refer to an
// entity that speaks or acts, resolved to the most recent compatible subject.
// Call after groupEntities(); keeps doc.mentions sorted by start.
void resolvePronouns(Document& doc);

// Quotes and their attribution; fills doc.quotes sorted by start.
void findQuotes(Document& doc, const ModelData& model);
// The same, with the confidences left as the rules and the model give them
// (not calibrated) and each claim's (kind, confidence) in `kinds`, in the
// order of doc.quotes: what the trainer fits the calibration on.
void findQuotesUncalibrated(Document& doc, const ModelData& model, std::vector<std::pair<int, float>>& kinds);

} // namespace whosaid
