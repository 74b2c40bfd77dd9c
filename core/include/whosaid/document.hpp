// whosaid/document.hpp — the Document model: text in, markup out.
//
// A Document owns its text (valid UTF-8) and plain vectors of tokens,
// sentences, mentions, entities and quotes. Spans are UTF-8 byte offsets into
// Document::text, end exclusive; items refer to each other by index so that a
// Document copies, serializes and crosses into JavaScript without pointers.
// The JSON form (`whosaid/1`, see json.hpp) uses code point offsets instead.
//
// Usage:
//   Document doc = annotate(text, model).value();
//   for (const Mention& m : doc.mentions)
//       printf("%s %s\n", labelName(m.label), std::string(doc.slice(m.span)).c_str());
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

// [begin, end) in UTF-8 bytes of Document::text.
struct Span {
    uint32_t begin = 0, end = 0;
    uint32_t size() const { return end - begin; }
    bool empty() const { return end <= begin; }
    bool contains(uint32_t b) const { return b >= begin && b < end; }
    bool overlaps(Span o) const { return begin < o.end && o.begin < end; }
    friend bool operator==(Span, Span) = default;
};

enum class TokenKind : uint8_t {
    Word,       // letters, digits, inner hyphens and apostrophes ("war-torn", "O'Neill")
    Number,     // 18, 1,500, 3.5
    Punct,      // . , ; : ! ? ( ) and dashes
    QuoteOpen,  // “ ‘ « „ and straight quotes judged to open
    QuoteClose, // ” ’ » and straight quotes judged to close
    Symbol,     // anything else ($, %, emoji)
};

struct Token {
    Span span;
    TokenKind kind = TokenKind::Word;
    bool spaceBefore = false;     // white space between this token and the previous one
    bool paragraphStart = false;  // first token after a blank line or line break
    uint32_t sentence = 0;        // index into Document::sentences
    // Syntax (whosaid/syntax.hpp), set by parseSyntax(); zero when not parsed.
    uint8_t upos = 0;     // Upos
    uint8_t xpos = 0;     // Xpos
    uint8_t deprel = 0;   // Deprel: the relation to the head
    uint8_t morph = 0;    // MorphBits
    int32_t head = -1;    // index into Document::tokens of the head; -1 for a sentence's root
};

struct Sentence {
    uint32_t firstToken = 0, endToken = 0;  // [firstToken, endToken) into Document::tokens
    Span span;
    uint32_t paragraph = 0;
};

// Entity labels: the CoNLL four, plus GRP for anonymous groups ("officials").
enum class Label : uint8_t { PER, ORG, LOC, MISC, GRP };
constexpr int kLabelCount = 5;

enum class MentionKind : uint8_t {
    Name,     // a proper name: what entity scores count
    Pronoun,  // he, she, they... resolved to a speaker
    Nominal,  // "the minister", "Turkish officials"
};

struct Mention {
    Span span;
    Label label = Label::MISC;
    MentionKind kind = MentionKind::Name;
    int32_t entity = -1;  // index into Document::entities, -1 when ungrouped
    int32_t edit = -1;    // the last hand edit that made or changed it (index into edits.done); -1: the tool's
};

// An actor: all mentions of one person, organization, place or group.
struct Entity {
    std::string name;  // canonical name ("Vladimir Putin")
    Label label = Label::MISC;
    int32_t edit = -1;  // the last hand edit that renamed, merged or retyped it; -1: the tool's
};

enum class QuoteKind : uint8_t {
    Direct,    // all content inside quotation marks
    Mixed,     // partly inside quotation marks
    Indirect,  // reported speech, no quotation marks
};

enum class SourceKind : uint8_t {
    Named,         // a named person
    Organization,  // an organization, government or place standing for one
    Anonymous,     // "officials", "a source familiar with"
    Unsourced,     // no source found
};

// One attribution: content, cue, source and speaker.
struct Quote {
    Span span;                 // hull of the content spans
    QuoteKind kind = QuoteKind::Direct;
    std::vector<Span> content; // attributed content, quotation marks included
    Span cue;                  // "said", "according to"; empty when none
    Span source;               // the words naming the speaker here; empty when none
    int32_t speaker = -1;      // index into Document::entities, -1 when unknown
    SourceKind sourceKind = SourceKind::Unsourced;
    float confidence = 0.f;    // 0..1
    std::string why;           // the rule that decided the source
    int32_t edit = -1;         // the last hand edit that made or changed it (index into edits.done); -1: the tool's
};

// [SECTION] Hand edits (the functions are in edits.hpp)
//
// A person's corrections are an ordered log of edits applied over the tool's
// markup. Each edit finds what it is about by its words (an Anchor), not only
// by offsets, so that the log applies again after re-annotation, a re-paste
// or a light change to the text.

// A place in the text: the words and their context, as a W3C
// TextQuoteSelector, with the offsets as a hint (a TextPositionSelector).
struct Anchor {
    Span span;                          // where the words were (bytes); applyEdits() moves it to where they are now
    std::string exact, prefix, suffix;  // the words, and up to 32 code points before and after them
    bool empty() const { return exact.empty() && span.empty(); }
};

enum class EditOp : uint8_t {
    AddMention,     // "mention.add": at = the words, label, mentionKind
    RemoveMention,  // "mention.remove": at = the mention; it leaves every claim it was the source of
    RetypeMention,  // "mention.retype": at = the mention, label
    MergeActors,    // "actor.merge": at = a mention of the actor kept, other = a mention of the actor merged into it
    SplitActor,     // "actor.split": at = a mention that leaves its actor for a new one (named `name`, or its words)
    RenameActor,    // "actor.rename": at = any mention of the actor, name
    AddClaim,       // "claim.add": content, quoteKind, cue and source (both optional)
    RemoveClaim,    // "claim.remove": at = the claim (any of its content)
    NotAClaim,      // "claim.not": at = words where no claim is; every claim touching them goes
    ClaimKind,      // "claim.kind": at = the claim, quoteKind
    ClaimContent,   // "claim.content": at = the claim, content = its new spans
    ClaimCue,       // "claim.cue": at = the claim, cue (empty: none)
    ClaimSource,    // "claim.source": at = the claim, source = the words naming the speaker (empty: none); the speaker is their actor
    ClaimSpeaker,   // "claim.speaker": at = the claim, other = a mention of the speaker (empty: unknown); the source words stay
};
constexpr int kEditOpCount = 14;

struct Edit {
    EditOp op = EditOp::AddMention;
    Anchor at, other, cue, source;
    std::vector<Anchor> content;
    Label label = Label::PER;
    MentionKind mentionKind = MentionKind::Name;
    QuoteKind quoteKind = QuoteKind::Direct;
    std::string name;
    std::string author;  // who made it ("teacher" unless the user says otherwise)
    std::string time;    // when, ISO 8601 UTC ("2026-05-04T09:30:00Z"); set by the front end
    std::string unplaced;  // set by applyEdits(): why the edit could not be placed; empty when it was
};

// What the edits apply over.
enum class EditBase : uint8_t {
    Tool,  // the tool's markup of the text: re-annotate, then apply the log
    None,  // no markup: a student's own marks
    File,  // the markup of an imported file (it cannot be made again from the text)
};

struct EditLog {
    std::vector<Edit> done;    // applied, in the order they were made
    std::vector<Edit> undone;  // undone and not yet redone, the most recent last
    EditBase base = EditBase::Tool;
    bool empty() const { return done.empty() && undone.empty(); }
};

struct Document {
    std::string id;            // optional, echoed from the input
    std::string text;          // valid UTF-8
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    std::vector<Mention> mentions;  // sorted by span.begin
    std::vector<Entity> entities;
    std::vector<Quote> quotes;      // sorted by span.begin
    std::vector<std::string> warnings;  // what was repaired on the way in
    EditLog edits;                      // made by hand, already applied to the vectors above

    std::string_view slice(Span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }
    // A claim's source words for a label: its span without the comma that
    // closes an apposition ("The union's spokeswoman, Ines Carvalho," is the
    // span, as annotators mark it).
    std::string_view sourceWords(const Quote& q) const {
        std::string_view w = slice(q.source);
        while (w.size() > 1 && (w.back() == ',' || w.back() == ' ')) w.remove_suffix(1);
        return w;
    }
};

const char* labelName(Label l);          // "PER"
const char* labelTitle(Label l);         // the reader's word: "person", "anonymous group"
const char* mentionKindName(MentionKind k);  // "name"
const char* quoteKindName(QuoteKind k);  // "direct"
const char* sourceKindName(SourceKind k);  // "named"
// Parse the names above; return false on an unknown name.
bool parseLabel(std::string_view s, Label& out);
bool parseMentionKind(std::string_view s, MentionKind& out);
bool parseQuoteKind(std::string_view s, QuoteKind& out);
bool parseSourceKind(std::string_view s, SourceKind& out);
const char* editOpName(EditOp op);      // "mention.add"
bool parseEditOp(std::string_view s, EditOp& out);
const char* editBaseName(EditBase b);   // "tool", "none", "file"
bool parseEditBase(std::string_view s, EditBase& out);

} // namespace whosaid
