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
};

// An actor: all mentions of one person, organization, place or group.
struct Entity {
    std::string name;  // canonical name ("Vladimir Putin")
    Label label = Label::MISC;
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
};

// Hand corrections. They are kept with the document so that they survive
// re-annotating the same text and travel in every export. Spans refer to
// Document::text; applyCorrections() (corrections.hpp) puts them into effect.
struct Corrections {
    struct Speaker {
        Span claim;   // the claim whose content starts here
        Span source;  // the mention now naming its speaker
    };
    struct Added {
        Span span;
        Label label = Label::PER;
    };
    struct Rename {
        Span mention;      // any mention of the actor
        std::string name;  // its new canonical name
    };
    std::vector<Speaker> speakers;
    std::vector<Added> added;
    std::vector<Span> removed;
    std::vector<Rename> renamed;
    bool empty() const { return speakers.empty() && added.empty() && removed.empty() && renamed.empty(); }
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
    Corrections corrections;            // made by hand, already applied to the vectors above

    std::string_view slice(Span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }
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

} // namespace whosaid
