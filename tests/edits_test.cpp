// The edit log: every kind of edit and its undo, replay after re-annotation,
// anchors after the text changed, anchors that cannot be placed, the JSON of
// an edit and the migration of the old corrections block.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "whosaid/annotate.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/json.hpp"
#include "whosaid/ledger.hpp"

using namespace whosaid;

namespace {

const std::string kText =
    "Mayor Ana Lopes said the plan was ready. \xE2\x80\x9CWe will start in May,\xE2\x80\x9D she told reporters. "
    "Port officials said costs had doubled, according to Harbour Weekly.";

Span find(std::string_view text, std::string_view s, size_t from = 0) {
    const size_t at = text.find(s, from);
    EXPECT_NE(at, std::string::npos) << s;
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
}

// A base markup made by hand, so that each test knows exactly what is there.
Document base() {
    Document d;
    d.text = kText;
    d.entities = {{"Ana Lopes", Label::PER}, {"Port officials", Label::GRP}, {"Harbour Weekly", Label::ORG}, {"start", Label::MISC}};
    d.mentions = {{find(kText, "Ana Lopes"), Label::PER, MentionKind::Name, 0},
                  {find(kText, "start"), Label::MISC, MentionKind::Name, 3},
                  {find(kText, "she"), Label::PER, MentionKind::Pronoun, 0},
                  {find(kText, "Port officials"), Label::GRP, MentionKind::Nominal, 1},
                  {find(kText, "Harbour Weekly"), Label::ORG, MentionKind::Name, 2}};
    auto quote = [&](std::string_view content, QuoteKind k, std::string_view cue, std::string_view source, int speaker, SourceKind sk) {
        Quote q;
        q.content = {find(kText, content)};
        q.span = q.content[0];
        q.kind = k;
        q.cue = find(kText, cue, q.span.begin > 30 ? q.span.begin - 30 : 0);
        q.source = find(kText, source);
        q.speaker = speaker;
        q.sourceKind = sk;
        q.confidence = 0.8f;
        q.why = "rule";
        return q;
    };
    d.quotes = {quote("the plan was ready", QuoteKind::Indirect, "said", "Ana Lopes", 0, SourceKind::Named),
                quote("\xE2\x80\x9CWe will start in May,\xE2\x80\x9D", QuoteKind::Direct, "told", "she", 0, SourceKind::Named),
                quote("costs had doubled", QuoteKind::Indirect, "said", "Port officials", 1, SourceKind::Anonymous)};
    return d;
}

Edit edit(EditOp op, std::string_view at = {}) {
    Edit e;
    e.op = op;
    if (!at.empty()) e.at = anchorAt(kText, find(kText, at));
    e.author = "teacher";
    e.time = "2026-05-04T09:30:00Z";
    return e;
}

int mentionOf(const Document& d, std::string_view words) {
    for (size_t i = 0; i < d.mentions.size(); ++i)
        if (d.slice(d.mentions[i].span) == words) return static_cast<int>(i);
    return -1;
}
int claimOf(const Document& d, std::string_view words) {
    for (size_t i = 0; i < d.quotes.size(); ++i)
        if (d.slice(d.quotes[i].content.front()).find(words) != std::string_view::npos) return static_cast<int>(i);
    return -1;
}

// Applies `e` over the base, checks it placed, and that undo and redo give
// back exactly the markup before and after it.
Document applyAndUndo(Edit e) {
    const Document b = base();
    EditLog log;
    EXPECT_TRUE(completeEdit(b.text, e)) << e.unplaced;
    pushEdit(log, e);
    Document after = replayEdits(b, log);
    EXPECT_EQ(after.edits.done.size(), 1u);
    EXPECT_EQ(after.edits.done[0].unplaced, "") << describeEdit(e);
    EXPECT_TRUE(undoEdit(log));
    EXPECT_EQ(toJson(replayEdits(b, log)), toJson(b)) << "undo of " << editOpName(e.op);
    EXPECT_TRUE(redoEdit(log));
    EXPECT_EQ(toJson(replayEdits(b, log)), toJson(after)) << "redo of " << editOpName(e.op);
    return after;
}

} // namespace

// [SECTION] Every kind of edit, and its undo

TEST(Edits, AddMention) {
    Edit e = edit(EditOp::AddMention, "reporters");
    e.label = Label::GRP;
    e.mentionKind = MentionKind::Nominal;
    const Document d = applyAndUndo(e);
    const int m = mentionOf(d, "reporters");
    ASSERT_GE(m, 0);
    EXPECT_EQ(d.mentions[m].label, Label::GRP);
    EXPECT_EQ(d.mentions[m].edit, 0);
    EXPECT_EQ(d.entities[d.mentions[m].entity].name, "reporters");
    EXPECT_TRUE(std::is_sorted(d.mentions.begin(), d.mentions.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; }));
}

TEST(Edits, AddMentionOverAPartOneTakesOverItsClaims) {
    Edit e = edit(EditOp::AddMention, "Mayor Ana Lopes");
    const Document d = applyAndUndo(e);
    EXPECT_EQ(mentionOf(d, "Ana Lopes"), -1);
    ASSERT_GE(mentionOf(d, "Mayor Ana Lopes"), 0);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Mayor Ana Lopes");
}

TEST(Edits, RemoveMentionDetachesItFromEveryClaim) {
    const Document d = applyAndUndo(edit(EditOp::RemoveMention, "Port officials"));
    EXPECT_EQ(mentionOf(d, "Port officials"), -1);
    const Quote& q = d.quotes[claimOf(d, "costs")];
    EXPECT_TRUE(q.source.empty());
    EXPECT_EQ(q.speaker, -1);
    EXPECT_EQ(q.sourceKind, SourceKind::Unsourced);
    // the actor is gone, and the ledger and the handout follow
    for (const Entity& ent : d.entities) EXPECT_NE(ent.name, "Port officials");
    for (const LedgerRow& r : buildLedger(d)) EXPECT_NE(r.name, "Port officials");
    EXPECT_EQ(toHtmlHandout(d).find("Port officials</mark>"), std::string::npos);
    EXPECT_NE(toHtmlHandout(base()).find("Port officials"), std::string::npos);
}

TEST(Edits, RetypeMention) {
    Edit e = edit(EditOp::RetypeMention, "Harbour Weekly");
    e.label = Label::PER;
    const Document d = applyAndUndo(e);
    const Mention& m = d.mentions[mentionOf(d, "Harbour Weekly")];
    EXPECT_EQ(m.label, Label::PER);
    EXPECT_EQ(d.entities[m.entity].label, Label::PER);  // its only mention: the actor changes type too
}

TEST(Edits, MergeActors) {
    Edit e = edit(EditOp::MergeActors, "Ana Lopes");
    e.other = anchorAt(kText, find(kText, "Port officials"));
    const Document d = applyAndUndo(e);
    EXPECT_EQ(d.mentions[mentionOf(d, "Port officials")].entity, d.mentions[mentionOf(d, "Ana Lopes")].entity);
    EXPECT_EQ(d.quotes[claimOf(d, "costs")].speaker, d.mentions[mentionOf(d, "Ana Lopes")].entity);
    EXPECT_EQ(d.entities.size(), base().entities.size() - 1);
}

TEST(Edits, SplitActor) {
    Edit e = edit(EditOp::SplitActor, "she");
    e.name = "Deputy mayor";
    const Document d = applyAndUndo(e);
    const int she = d.mentions[mentionOf(d, "she")].entity;
    EXPECT_NE(she, d.mentions[mentionOf(d, "Ana Lopes")].entity);
    EXPECT_EQ(d.entities[she].name, "Deputy mayor");
    EXPECT_EQ(d.quotes[claimOf(d, "We will")].speaker, she);
}

TEST(Edits, RenameActor) {
    Edit e = edit(EditOp::RenameActor, "she");
    e.name = "Mayor Ana Lopes";
    const Document d = applyAndUndo(e);
    EXPECT_EQ(d.entities[d.mentions[mentionOf(d, "Ana Lopes")].entity].name, "Mayor Ana Lopes");
}

TEST(Edits, AddClaim) {
    Edit e = edit(EditOp::AddClaim);
    e.content = {anchorAt(kText, find(kText, "We will start in May"))};
    e.quoteKind = QuoteKind::Direct;
    e.cue = anchorAt(kText, find(kText, "told"));
    e.source = anchorAt(kText, find(kText, "she"));
    const Document d = applyAndUndo(e);
    ASSERT_EQ(d.quotes.size(), 3u);  // the overlapping claim was replaced
    const Quote& q = d.quotes[claimOf(d, "We will")];
    EXPECT_EQ(d.slice(q.content[0]), "We will start in May");
    EXPECT_EQ(q.why, "added by hand");
    EXPECT_EQ(q.speaker, 0);
    EXPECT_EQ(q.edit, 0);
}

TEST(Edits, RemoveClaim) {
    const Document d = applyAndUndo(edit(EditOp::RemoveClaim, "plan was"));
    EXPECT_EQ(d.quotes.size(), 2u);
    EXPECT_EQ(claimOf(d, "plan"), -1);
}

TEST(Edits, NotAClaim) {
    const Document d = applyAndUndo(edit(EditOp::NotAClaim, "costs had doubled, according to"));
    EXPECT_EQ(claimOf(d, "costs"), -1);
    EXPECT_EQ(d.quotes.size(), 2u);
}

TEST(Edits, ClaimKindContentCue) {
    Edit k = edit(EditOp::ClaimKind, "plan was ready");
    k.quoteKind = QuoteKind::Mixed;
    EXPECT_EQ(applyAndUndo(k).quotes[0].kind, QuoteKind::Mixed);

    Edit c = edit(EditOp::ClaimContent, "plan was ready");
    c.content = {anchorAt(kText, find(kText, "the plan")), anchorAt(kText, find(kText, "was ready"))};
    const Document dc = applyAndUndo(c);
    ASSERT_EQ(dc.quotes[0].content.size(), 2u);
    EXPECT_EQ(dc.slice(dc.quotes[0].span), "the plan was ready");

    Edit cue = edit(EditOp::ClaimCue, "costs had");
    const Document none = applyAndUndo(cue);  // no cue
    EXPECT_TRUE(none.quotes[claimOf(none, "costs")].cue.empty());
    cue.cue = anchorAt(kText, find(kText, "according to"));
    const Document some = applyAndUndo(cue);
    EXPECT_EQ(some.slice(some.quotes[claimOf(some, "costs")].cue), "according to");
}

TEST(Edits, ClaimSourceAndSpeaker) {
    Edit s = edit(EditOp::ClaimSource, "costs had doubled");
    s.source = anchorAt(kText, find(kText, "Harbour Weekly"));
    const Document ds = applyAndUndo(s);
    const Quote& q = ds.quotes[claimOf(ds, "costs")];
    EXPECT_EQ(ds.slice(q.source), "Harbour Weekly");
    EXPECT_EQ(ds.entities[q.speaker].name, "Harbour Weekly");
    EXPECT_EQ(q.sourceKind, SourceKind::Organization);
    EXPECT_EQ(q.why, "corrected by hand");
    EXPECT_EQ(q.confidence, 1.f);

    Edit sp = edit(EditOp::ClaimSpeaker, "We will start");
    sp.other = anchorAt(kText, find(kText, "Port officials"));
    const Document dp = applyAndUndo(sp);
    const Quote& p = dp.quotes[claimOf(dp, "We will")];
    EXPECT_EQ(dp.slice(p.source), "she");  // the words stay, the actor changes
    EXPECT_EQ(dp.entities[p.speaker].name, "Port officials");
    EXPECT_EQ(p.sourceKind, SourceKind::Anonymous);
}

TEST(Edits, EveryOpHasAName) {
    for (int i = 0; i < kEditOpCount; ++i) {
        EditOp back;
        ASSERT_TRUE(parseEditOp(editOpName(static_cast<EditOp>(i)), back));
        EXPECT_EQ(static_cast<int>(back), i);
    }
}

// [SECTION] Undo and redo over a longer history

TEST(Edits, TenEditsUndoneAndRedoneStepByStep) {
    const Document b = base();
    std::vector<Edit> edits;
    edits.push_back(edit(EditOp::RemoveMention, "start"));
    edits.push_back(edit(EditOp::AddMention, "reporters"));
    edits.push_back(edit(EditOp::RenameActor, "Ana Lopes"));
    edits.back().name = "Mayor Lopes";
    edits.push_back(edit(EditOp::NotAClaim, "plan was ready"));
    edits.push_back(edit(EditOp::ClaimKind, "costs had"));
    edits.back().quoteKind = QuoteKind::Mixed;
    edits.push_back(edit(EditOp::ClaimSource, "costs had"));
    edits.back().source = anchorAt(kText, find(kText, "Harbour Weekly"));
    edits.push_back(edit(EditOp::SplitActor, "she"));
    edits.push_back(edit(EditOp::MergeActors, "Ana Lopes"));
    edits.back().other = anchorAt(kText, find(kText, "she"));
    edits.push_back(edit(EditOp::RetypeMention, "reporters"));
    edits.back().label = Label::GRP;
    edits.push_back(edit(EditOp::RemoveClaim, "We will"));
    EditLog log;
    std::vector<std::string> states = {toJson(replayEdits(b, log))};
    for (Edit& e : edits) {
        ASSERT_TRUE(completeEdit(b.text, e)) << e.unplaced;
        pushEdit(log, e);
        const Document d = replayEdits(b, log);
        for (const Edit& x : d.edits.done) EXPECT_EQ(x.unplaced, "") << describeEdit(x);
        states.push_back(toJson(d));
    }
    EXPECT_EQ(std::set<std::string>(states.begin(), states.end()).size(), states.size()) << "every edit changes the markup";
    for (size_t i = states.size() - 1; i > 0; --i) {
        ASSERT_TRUE(undoEdit(log));
        EXPECT_EQ(toJson(replayEdits(b, log)), states[i - 1]) << "after undo " << i;
    }
    EXPECT_FALSE(undoEdit(log));
    for (size_t i = 1; i < states.size(); ++i) {
        ASSERT_TRUE(redoEdit(log));
        EXPECT_EQ(toJson(replayEdits(b, log)), states[i]) << "after redo " << i;
    }
    EXPECT_FALSE(redoEdit(log));
    // a new edit after an undo ends the redo history
    undoEdit(log);
    pushEdit(log, edits[0]);
    EXPECT_TRUE(log.undone.empty());
}

// [SECTION] Replay, anchors, placement

TEST(Edits, ReplayAfterReannotationGivesTheSameMarkup) {
    const std::string text = "\xE2\x80\x9CNot now,\xE2\x80\x9D said Piotr Nowak, while Ana Lopes listened. Nowak left.";
    const Document fresh = annotate(text, Model::builtin()).value();
    ASSERT_FALSE(fresh.quotes.empty());
    EditLog log;
    Edit e;
    e.op = EditOp::AddMention;
    e.at.span = find(text, "Ana Lopes");
    ASSERT_TRUE(completeEdit(text, e));
    pushEdit(log, e);
    e = {};
    e.op = EditOp::ClaimSource;
    e.at.span = fresh.quotes[0].content[0];
    e.source.span = find(text, "Ana Lopes");
    ASSERT_TRUE(completeEdit(text, e));
    pushEdit(log, e);
    const Document doc = replayEdits(fresh, log);
    EXPECT_EQ(doc.slice(doc.quotes[0].source), "Ana Lopes");

    Result<Document> back = fromJson(toJson(doc));
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->edits.done.size(), 2u);
    const Document again = replayEdits(annotate(back->text, Model::builtin()).value(), back->edits);
    EXPECT_EQ(toJson(again), toJson(doc));
}

// A new model marks the same text differently (a longer name, a claim a word
// shorter): the edits find their mention and claim by overlap.
TEST(Edits, EditsApplyOverTheMarkupOfANewModel) {
    const Document b = base();
    EditLog log;
    Edit rename = edit(EditOp::RenameActor, "Ana Lopes");
    rename.name = "Mayor Lopes";
    Edit source = edit(EditOp::ClaimSource, "costs had doubled");
    source.source = anchorAt(kText, find(kText, "Harbour Weekly"));
    pushEdit(log, rename);
    pushEdit(log, source);
    Document other = b;
    other.mentions[0].span = find(kText, "Mayor Ana Lopes");
    other.quotes[2].content = {find(kText, "costs had")};
    other.quotes[2].span = other.quotes[2].content[0];
    const Document d = replayEdits(other, log);
    for (const Edit& e : d.edits.done) EXPECT_EQ(e.unplaced, "") << describeEdit(e);
    EXPECT_EQ(d.entities[d.mentions[0].entity].name, "Mayor Lopes");
    EXPECT_EQ(d.slice(d.quotes[2].source), "Harbour Weekly");
}

TEST(Edits, AnchorsFollowTheirWordsWhenTheTextChanges) {
    const Document b = base();
    EditLog log;
    Edit rm = edit(EditOp::RemoveMention, "start");
    Edit src = edit(EditOp::ClaimSource, "costs had doubled");
    src.source = anchorAt(kText, find(kText, "Harbour Weekly"));
    pushEdit(log, rm);
    pushEdit(log, src);
    // A new first sentence, white space and quotation marks changed: every offset moves.
    std::string changed = "UPDATED: the council met again.  " + kText;
    changed.replace(changed.find("\xE2\x80\x9C"), 3, "\"");
    changed.replace(changed.find("\xE2\x80\x9D"), 3, "\"");
    Document moved;
    moved.text = changed;
    moved.entities = b.entities;
    for (Mention m : b.mentions) {
        const size_t at = changed.find(std::string(b.slice(m.span)));
        m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + m.span.size())};
        moved.mentions.push_back(m);
    }
    Quote q = b.quotes[2];
    const uint32_t shift = static_cast<uint32_t>(changed.find("costs") - kText.find("costs"));
    for (Span* s : {&q.span, &q.content[0], &q.cue, &q.source}) s->begin += shift, s->end += shift;
    moved.quotes = {q};
    const Document d = replayEdits(moved, log);
    for (const Edit& e : d.edits.done) EXPECT_EQ(e.unplaced, "") << describeEdit(e);
    EXPECT_EQ(mentionOf(d, "start"), -1);
    EXPECT_EQ(d.slice(d.quotes[0].source), "Harbour Weekly");
    EXPECT_EQ(d.edits.done[0].at.span, find(changed, "start"));  // the anchor moved with its words

    // "she" occurs once in the text but "said" twice: the context decides which.
    Anchor said = anchorAt(kText, find(kText, "said", kText.find("officials")));
    std::optional<Span> at = placeAnchor(changed, said);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->begin, changed.find("said", changed.find("officials")));
    // curly quotation marks in the anchor, straight ones in the text
    Anchor quote = anchorAt(kText, find(kText, "\xE2\x80\x9CWe will start in May,\xE2\x80\x9D"));
    at = placeAnchor(changed, quote);
    ASSERT_TRUE(at);
    EXPECT_EQ(changed.substr(at->begin, at->size()), "\"We will start in May,\"");
}

TEST(Edits, AnEditWhoseWordsAreGoneIsKeptAndSaysWhy) {
    const Document b = base();
    EditLog log;
    pushEdit(log, edit(EditOp::RemoveMention, "Harbour Weekly"));
    pushEdit(log, edit(EditOp::RemoveMention, "start"));
    Document shorter = b;
    const std::string cut = ", according to Harbour Weekly";
    shorter.text.erase(shorter.text.find(cut), cut.size());
    std::erase_if(shorter.mentions, [&](const Mention& m) { return m.span.end > shorter.text.size(); });
    shorter.quotes[2].cue = {};
    Document d = replayEdits(shorter, log);
    ASSERT_EQ(d.edits.done.size(), 2u);  // never dropped
    EXPECT_NE(d.edits.done[0].unplaced.find("no longer in the text"), std::string::npos) << d.edits.done[0].unplaced;
    EXPECT_EQ(d.edits.done[1].unplaced, "");
    EXPECT_EQ(mentionOf(d, "start"), -1);
    // its words there but its mention gone: also said
    Document noMention = b;
    noMention.mentions.erase(noMention.mentions.begin() + mentionOf(b, "Harbour Weekly"));
    d = replayEdits(noMention, log);
    EXPECT_NE(d.edits.done[0].unplaced.find("no actor mention"), std::string::npos) << d.edits.done[0].unplaced;
    // and the JSON carries why
    EXPECT_NE(toJson(d).find("\"unplaced\":"), std::string::npos);
    // a word that is in the text many times, in no context that fits, is no place
    Anchor a;
    a.exact = "the";
    a.prefix = "nothing like this ";
    a.suffix = " either";
    a.span = {900, 903};
    EXPECT_FALSE(placeAnchor("the cat and the dog", a));
    a.exact = "giraffe";
    EXPECT_FALSE(placeAnchor("the cat and the dog", a));
}

// [SECTION] JSON

TEST(Edits, JsonOfEveryEditRoundTrips) {
    Document d = base();
    std::vector<Edit> all;
    for (int i = 0; i < kEditOpCount; ++i) {
        Edit e = edit(static_cast<EditOp>(i), "Ana Lopes");
        e.other = anchorAt(kText, find(kText, "she"));
        e.content = {anchorAt(kText, find(kText, "the plan was ready"))};
        e.cue = anchorAt(kText, find(kText, "said"));
        e.source = anchorAt(kText, find(kText, "Port officials"));
        e.label = Label::GRP;
        e.quoteKind = QuoteKind::Indirect;
        e.mentionKind = MentionKind::Nominal;
        e.name = "A name";
        const std::string j = editToJson(e, kText);
        Result<Edit> back = editFromJson(j, kText);
        ASSERT_TRUE(back) << back.error().message;
        EXPECT_EQ(editToJson(*back, kText), j);
        all.push_back(*back);
    }
    d.edits.done = all;
    d.edits.undone = {all[0]};
    d.edits.base = EditBase::None;
    JsonOptions o;
    o.history = true;
    const std::string once = toJson(d, o);
    Result<Document> back = fromJson(once);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->edits.done.size(), all.size());
    EXPECT_EQ(back->edits.undone.size(), 1u);
    EXPECT_EQ(back->edits.base, EditBase::None);
    EXPECT_EQ(toJson(*back, o), once);
    EXPECT_EQ(toJson(*back).find("\"undone\""), std::string::npos);  // the redo history stays in the page's storage
}

TEST(Edits, ShorthandAnchorsAreCompleted) {
    // words only: their first occurrence
    Result<Edit> e = editFromJson(R"({"op":"mention.remove","at":{"exact":"she"}})", kText);
    ASSERT_TRUE(e);
    ASSERT_TRUE(completeEdit(kText, *e));
    EXPECT_EQ(e->at.span, find(kText, "she"));
    EXPECT_FALSE(e->at.suffix.empty());
    // offsets only, in code points: the curly quotation mark is one
        e = editFromJson(R"({"op":"mention.remove","at":{"start":65,"end":68}})", kText);
    ASSERT_TRUE(e);
    ASSERT_TRUE(completeEdit(kText, *e));
    EXPECT_EQ(e->at.exact, "she");
    // bad edits are refused with a reason
    EXPECT_FALSE(editFromJson(R"({"op":"mention.explode"})", kText));
    EXPECT_FALSE(editFromJson(R"({"op":"mention.add","at":{"start":-4}})", kText));
    EXPECT_FALSE(editFromJson("[1,", kText));
    Result<Edit> gone = editFromJson(R"({"op":"mention.remove","at":{"exact":"giraffe"}})", kText);
    ASSERT_TRUE(gone);
    EXPECT_FALSE(completeEdit(kText, *gone));
    EXPECT_NE(gone->unplaced.find("giraffe"), std::string::npos);
}

TEST(Edits, OldCorrectionsBecomeEdits) {
    // A file saved before the edit log: its corrections block, in code points.
    Document d = base();
    std::string json = toJson(d);
    json.pop_back();
    const std::string corr = R"(,"corrections":{"speakers":[{"claim":[105,122],"source":[137,151]}],)"
                             R"("added":[{"start":74,"end":83,"label":"GRP"}],"removed":[[50,55]],)"
                             R"("renamed":[{"mention":[6,15],"name":"Mayor Ana Lopes"}]})";
    json += corr + "}";
    Result<Document> back = fromJson(json);
    ASSERT_TRUE(back) << back.error().message;
    const std::vector<Edit>& e = back->edits.done;
    ASSERT_EQ(e.size(), 4u);
    EXPECT_EQ(e[0].op, EditOp::RemoveMention);
    EXPECT_EQ(e[0].at.exact, "start");
    EXPECT_EQ(e[1].op, EditOp::AddMention);
    EXPECT_EQ(e[1].at.exact, "reporters");
    EXPECT_EQ(e[2].op, EditOp::RenameActor);
    EXPECT_EQ(e[3].op, EditOp::ClaimSource);
    EXPECT_EQ(e[3].source.exact, "Harbour Weekly");
    // ...and were applied to the file's markup, as the old reader did
    EXPECT_EQ(mentionOf(*back, "start"), -1);
    EXPECT_GE(mentionOf(*back, "reporters"), 0);
    EXPECT_EQ(back->slice(back->quotes[claimOf(*back, "costs")].source), "Harbour Weekly");
    for (const Edit& x : e) EXPECT_EQ(x.unplaced, "") << describeEdit(x);
}

TEST(Edits, TextSimilarity) {
    EXPECT_EQ(textSimilarity(kText, kText), 1.0);
    std::string typo = kText;
    typo.replace(typo.find("doubled"), 7, "tripled");
    EXPECT_GT(textSimilarity(kText, typo), 0.6);
    EXPECT_LT(textSimilarity(kText, "A completely different article about the weather in the mountains this week."), 0.1);
}
