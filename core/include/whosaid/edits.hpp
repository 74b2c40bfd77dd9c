// whosaid/edits.hpp — a person's corrections as an ordered log of edits.
//
// The tool's markup is never changed in place: a teacher's or a student's
// corrections are edits (EditOp in document.hpp: add, remove or retype a
// mention; merge, split or rename an actor; add or remove a claim, mark words
// as "not a claim"; change a claim's kind, content, cue, source or speaker),
// kept in Document::edits and applied in order over the markup they were made
// on (EditBase). Undo moves the last edit to `undone`, redo moves it back; the
// markup is then made again from the base, so an undo is exact.
//
// Each edit names what it is about by an Anchor: the words and 32 code points
// of context either side (a W3C TextQuoteSelector) plus the offsets as a hint.
// So the log applies again after the text is annotated anew (a new model), or
// pasted again, or lightly changed: placeAnchor() finds the words where their
// context fits best. An edit whose words are gone, or whose mention or claim
// the new markup no longer has, is not applied and says why in
// Edit::unplaced: the page lists these as "could not be placed", and they
// stay in the log (a later text may place them again).
//
// Usage:
//   Document base = annotate(text, model).value();
//   Document doc = base;
//   Edit e;  e.op = EditOp::RemoveMention;  e.at.span = doc.mentions[3].span;
//   if (completeEdit(doc.text, e)) pushEdit(doc.edits, e);
//   doc = replayEdits(base, doc.edits);       // the markup with the edit
//   undoEdit(doc.edits);  doc = replayEdits(base, doc.edits);   // and without it
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "whosaid/document.hpp"
#include "whosaid/result.hpp"

namespace whosaid {

// [SECTION] Anchors

constexpr uint32_t kAnchorContext = 32;  // code points of prefix and suffix

// The anchor of `span` in `text`: its words, their context and the offsets.
Anchor anchorAt(std::string_view text, Span span);

// Where the anchor's words are in `text`: at the hint when they are still
// there with their context, else the occurrence whose context matches best
// (ties: nearest the hint); white space runs and curly/straight quotation
// marks may differ. nullopt when the words are not in the text, or are there
// several times with none in a matching context.
std::optional<Span> placeAnchor(std::string_view text, const Anchor& anchor);

// Fills in what an anchor made by a caller lacks: the words and context from
// the offsets, or the offsets from the words. False when it cannot be placed.
bool completeAnchor(std::string_view text, Anchor& anchor);

// Completes every anchor the edit uses (completeAnchor) and checks that the
// edit has what its op needs. False (with the reason in e.unplaced) otherwise.
bool completeEdit(std::string_view text, Edit& e);

// [SECTION] The log

// Applies doc.edits.done, in order, over the markup in `doc` (the base).
// Every edit's anchors move to where their words are in doc.text, and
// Edit::unplaced says why an edit could not be applied. Mentions, entities
// and quotes changed by an edit record it in their `edit` field. Actors left
// without a mention are dropped. Returns the number of edits not placed.
size_t applyEdits(Document& doc);

// The base markup with `log` applied: a copy of `base` whose edits are `log`.
Document replayEdits(const Document& base, const EditLog& log);

// Appends an edit (clearing what was undone: a new edit ends the redo history).
void pushEdit(EditLog& log, Edit e);
// Moves the last edit to `undone`; false when there is none.
bool undoEdit(EditLog& log);
// Moves the most recently undone edit back; false when there is none.
bool redoEdit(EditLog& log);

// A person's edit in words, for the history list: "removed the mention “Harbour”".
std::string describeEdit(const Edit& e);

// [SECTION] One edit as JSON (offsets in code points, as in whosaid/1)

// {"op":"mention.add","at":{"start":..,"end":..,"exact":..,"prefix":..,"suffix":..},"label":"PER",...}
std::string editToJson(const Edit& e, std::string_view text);
// Reads one edit. Anchors may give only "start"/"end" or only "exact"
// (and "prefix"/"suffix"); completeEdit() fills in the rest.
[[nodiscard]] Result<Edit> editFromJson(std::string_view json, std::string_view text);

// The kind of a claim made of these words: direct when it opens with a
// quotation mark, mixed when quotation marks are inside, else indirect.
QuoteKind guessQuoteKind(std::string_view text, Span span);

// [SECTION] Texts

// How much of two texts is the same, 0..1: the share of word trigrams they
// share (Jaccard). A text pasted again with a few words changed scores high;
// another article scores near 0.
double textSimilarity(std::string_view a, std::string_view b);

} // namespace whosaid
