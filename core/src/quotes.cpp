// Claims and their sources: quotation-mark regions, cues, content, sources and
// speakers, each with the rule that decided (`why`) and a confidence.
//
// The passes, in order:
//   1. regions    quotation-mark pairs per paragraph (all common styles, ''
//                 as a double mark, single quotes only when they pair up),
//                 unbalanced marks cut at the next opener or the paragraph end,
//                 and a quote continued into the next paragraph linked to it.
//   2. cues       the lexicon (cues.cpp), "according to", colon transcripts.
//   3. direct     a region with a cue right after it (trailing/inverted) or
//                 a cue right before it (leading "said:"), split quotes joined.
//   4. reported   the clause after a cue (or before it, "X, he said."),
//                 quotation marks inside make it mixed.
//   5. leftovers  regions with no cue: continuation of the previous speaker.
//   6. speakers   names, pronouns (the most recent compatible speaker),
//                 nominals ("the minister", "Turkish officials") as mentions.
// Weak spots: no part-of-speech tags, so noun-phrase edges are guessed from
// function words; a cue is trusted when its word is in the lexicon.
#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>

#include "attribution.hpp"
#include "cues.hpp"
#include "pipeline.hpp"
#include "whosaid/text.hpp"
#include "words.hpp"

namespace whosaid {

namespace {

// [SECTION] Context

constexpr int32_t kNone = -1;

enum class MarkFamily : uint8_t { Double, Single };
enum class MarkRole : uint8_t { Open, Close };

struct Mark {
    uint32_t first = 0, last = 0;  // tokens (two for '' and ``)
    MarkFamily family = MarkFamily::Double;
    MarkRole role = MarkRole::Open;
    char32_t ch = 0;
};

struct Region {
    uint32_t open = 0, close = 0;  // token indices, inclusive
    bool closed = false;
    int32_t next = kNone;          // the region continuing this one in the next paragraph
    int32_t prev = kNone;
    int32_t owner = kNone;         // the attribution that took it
};

struct Attribution {
    std::vector<std::pair<uint32_t, uint32_t>> content;  // token ranges, inclusive
    uint32_t cueFirst = 0, cueLast = 0;
    bool hasCue = false;
    bool colonCue = false;
    int32_t srcFirst = kNone, srcLast = kNone;  // tokens, inclusive
    int32_t srcCore = kNone;  // the last word of what names the speaker (kNone: srcLast)
    const char* rule = "";
    float confidence = 0.5f;
    bool continuation = false;  // no cue: the previous speaker
    bool passive = false;       // a passive cue: the source is its agent ("by X") or nobody
    CueClass cls = CueClass::Speech;
};

struct Ctx {
    Document& doc;
    const std::vector<Token>& tok;
    size_t n = 0;
    const DocWords words;                          // lowercase forms and lexicon facts
    const std::vector<std::string_view>& lower;    // per token, from `words`
    std::vector<uint32_t> para;
    // token -> span.begin of the name mention covering it, or kNone. Offsets, not
    // indices: resolving speakers inserts mentions, which would shift indices.
    std::vector<int32_t> mentionOf;
    std::vector<int32_t> regionOf;   // token -> region index
    std::vector<uint8_t> entityNamed;  // entity -> it has a name mention (set before the whys)
    std::vector<uint8_t> used;       // token taken by an attribution's cue/source chunk
    std::vector<uint8_t> claimed;    // token inside some content
    std::vector<uint8_t> credit;     // token of a photo credit (photoCreditTokens()): no one's words, no one a pronoun means
    std::vector<Region> regions;
    std::vector<Attribution> atts;
    // The attribution model on the dependency tree (null without a model or
    // without syntax) and the tree it reads. A word's cue probability is
    // computed when a rule first asks: most words never need it.
    const attr::AttrModel* model = nullptr;
    std::unique_ptr<attr::Tree> tree;
    mutable std::vector<float> cueProbs;  // NaN: not computed yet
    bool taggerCues = false;  // words outside the lexicon count as cues (the reported-speech pass only)

    explicit Ctx(Document& d) : doc(d), tok(d.tokens), n(d.tokens.size()), words(d), lower(words.lowerForms()) {}

    const CueWord& cue(uint32_t i) const { return words.facts(i).cue; }
    SpeakerNoun noun(uint32_t i) const { return words.facts(i).noun; }
    PronounKind pronoun(uint32_t i) const { return words.facts(i).pronoun; }
    bool boundary(uint32_t i) const { return words.facts(i).bits & kWordBoundary; }
    bool adverb(uint32_t i) const { return words.facts(i).bits & kWordAdverb; }
    bool determiner(uint32_t i) const { return words.facts(i).bits & kWordDeterminer; }
    // The model's probability that token i heads a cue (precondition: tree).
    float cueProb(uint32_t i) const {
        float& p = cueProbs[i];
        if (p != p) {
            uint32_t keys[attr::kMaxFeatures];
            p = model->prob(attr::Cue, keys, attr::cueFeatures(*tree, i, keys));
        }
        return p;
    }
    // For the rules (cueAt): a lexicon word below this probability is not a
    // cue there; a word outside the lexicon is one above the other. Measured
    // on polnear/dev with `whosaid eval`.
    static constexpr float kDropBelow = 0.1f, kAddAbove = 0.7f;

    std::string_view text(uint32_t i) const { return doc.slice(tok[i].span); }
    // The name mention covering token i; precondition: mentionOf[i] != kNone.
    const Mention& mentionAt(uint32_t i) const {
        const uint32_t b = static_cast<uint32_t>(mentionOf[i]);
        auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), b,
                                   [](const Mention& m, uint32_t v) { return m.span.begin < v; });
        while (it + 1 != doc.mentions.end() && it->kind != MentionKind::Name && (it + 1)->span.begin == b) ++it;
        return *it;
    }
    bool is(uint32_t i, std::string_view w) const { return i < n && lower[i] == w; }
    bool isPunct(uint32_t i, std::string_view p) const {
        return i < n && tok[i].kind == TokenKind::Punct && text(i) == p;
    }
    bool sentenceEnd(uint32_t i) const {
        if (i >= n || tok[i].kind != TokenKind::Punct) return false;
        const std::string_view t = text(i);
        return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "?!" || t == "!?";
    }
    bool isQuoteTok(uint32_t i) const {
        return i < n && (tok[i].kind == TokenKind::QuoteOpen || tok[i].kind == TokenKind::QuoteClose);
    }
    bool capitalized(uint32_t i) const {
        if (i >= n || tok[i].kind != TokenKind::Word) return false;
        int len = 1;
        return isUpper(decodeAt(doc.text, tok[i].span.begin, len));
    }
    bool allCaps(uint32_t i) const {
        if (i >= n || tok[i].kind != TokenKind::Word) return false;
        const std::string_view t = text(i);
        int letters = 0;
        for (size_t k = 0; k < t.size();) {
            int len = 1;
            const char32_t c = decodeAt(t, k, len);
            k += len;
            if (isLetter(c)) {
                if (!isUpper(c)) return false;
                ++letters;
            }
        }
        return letters >= 2;
    }
    bool isWord(uint32_t i) const { return i < n && (tok[i].kind == TokenKind::Word || tok[i].kind == TokenKind::Number); }
    uint32_t sentFirst(uint32_t i) const { return doc.sentences[tok[i].sentence].firstToken; }
    uint32_t sentEnd(uint32_t i) const { return doc.sentences[tok[i].sentence].endToken; }
    std::vector<uint32_t> paraLast;  // paragraph -> its last token
    uint32_t paraEnd(uint32_t i) const { return paraLast[para[i]]; }  // inclusive
    bool inRegion(uint32_t i) const { return i < n && regionOf[i] != kNone; }
    // A markup attribute's value in quotation marks (author="…" in a pasted tag).
    bool attributeValue(const Region& r) const {
        return r.open > 0 && text(r.open - 1) == "=" && !tok[r.open].spaceBefore;
    }
};

// [SECTION] Regions

char32_t firstChar(const Ctx& c, uint32_t i) {
    int len = 1;
    return decodeAt(c.doc.text, c.tok[i].span.begin, len);
}

std::vector<Mark> collectMarks(const Ctx& c) {
    std::vector<Mark> marks;
    for (uint32_t i = 0; i < c.n; ++i) {
        if (!c.isQuoteTok(i)) continue;
        const char32_t ch = firstChar(c, i);
        Mark m;
        m.first = m.last = i;
        m.ch = ch;
        m.role = c.tok[i].kind == TokenKind::QuoteOpen ? MarkRole::Open : MarkRole::Close;
        // '' and `` written for double quotes (old newswire, NYT)
        if ((ch == '\'' || ch == 0x2019 || ch == 0x2018) && i + 1 < c.n && c.isQuoteTok(i + 1) &&
            c.tok[i + 1].span.begin == c.tok[i].span.end && firstChar(c, i + 1) == ch) {
            m.last = i + 1;
            m.family = MarkFamily::Double;
            marks.push_back(m);
            ++i;
            continue;
        }
        switch (ch) {
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case '"': case 0x00AB: case 0x00BB: case 0x2033:
            m.family = MarkFamily::Double;
            break;
        default:
            m.family = MarkFamily::Single;
        }
        if (ch == 0x201E || ch == 0x00AB) m.role = MarkRole::Open;
        if (ch == 0x00BB) m.role = MarkRole::Close;
        marks.push_back(m);
    }
    return marks;
}

// Does mark `m` close a region opened by `o`?
bool closes(const Mark& o, const Mark& m) {
    if (o.ch == '"' || o.ch == 0x2033) return m.ch == o.ch || m.role == MarkRole::Close;  // straight: alternate
    if (o.ch == 0x201E) return m.ch == 0x201C || m.ch == 0x201D;                          // „…“ „…”
    if (o.ch == 0x00BB) return m.ch == 0x00AB;                                              // »…« reversed
    if (o.last > o.first) return m.last > m.first && m.role == MarkRole::Close;              // ''…''
    return m.role == MarkRole::Close && m.last == m.first;
}

bool trailingCue(Ctx& c, uint32_t close, Attribution& a, uint32_t& after);

void findRegions(Ctx& c) {
    const std::vector<Mark> marks = collectMarks(c);
    auto add = [&](uint32_t open, uint32_t close, bool closed) {
        if (close <= open) return;
        Region r;
        r.open = open;
        r.close = close;
        r.closed = closed;
        for (uint32_t k = open; k <= close; ++k) c.regionOf[k] = static_cast<int32_t>(c.regions.size());
        c.regions.push_back(r);
    };
    // Double marks: a state machine per paragraph. A second opener before a
    // closer cuts the first region there, so an unbalanced mark never runs
    // past its paragraph nor past the next quotation.
    int32_t open = kNone;
    auto flushAtParagraphEnd = [&](uint32_t lastTok) {
        if (open == kNone) return;
        add(marks[open].first, lastTok, false);
        open = kNone;
    };
    for (size_t k = 0; k < marks.size(); ++k) {
        const Mark& m = marks[k];
        if (m.family != MarkFamily::Double) continue;
        if (open != kNone && c.para[m.first] != c.para[marks[open].first])
            flushAtParagraphEnd(c.paraEnd(marks[open].first));
        if (open == kNone) {
            if (m.role == MarkRole::Open || m.ch == 0x00BB || m.ch == '"') open = static_cast<int32_t>(k);
            continue;
        }
        if (closes(marks[open], m)) {
            add(marks[open].first, m.last, true);
            open = kNone;
        } else if (m.role == MarkRole::Open) {
            add(marks[open].first, m.first - 1, false);
            open = static_cast<int32_t>(k);
        }
    }
    if (open != kNone) flushAtParagraphEnd(c.paraEnd(marks[open].first));

    // Single marks outside double regions: only when an opener finds a closer
    // in the same paragraph (an apostrophe alone never opens a quote).
    for (size_t k = 0; k < marks.size(); ++k) {
        const Mark& m = marks[k];
        if (m.family != MarkFamily::Single || m.role != MarkRole::Open || c.inRegion(m.first)) continue;
        if (m.last + 1 < c.n && isDigit(firstChar(c, m.last + 1))) continue;  // ’90s
        for (size_t j = k + 1; j < marks.size() && marks[j].first < m.first + 120; ++j) {
            const Mark& e = marks[j];
            if (c.para[e.first] != c.para[m.first] || c.inRegion(e.first)) break;
            if (e.family != MarkFamily::Single) break;
            if (e.role == MarkRole::Close) {
                bool crosses = false;
                for (uint32_t t = m.first; t <= e.last && !crosses; ++t) crosses = c.inRegion(t);
                bool longWord = false;  // rock ’n’ roll
                for (uint32_t t = m.last + 1; t < e.first && !longWord; ++t) longWord = c.isWord(t) && c.tok[t].span.size() >= 2;
                if (!crosses && e.first > m.first + 1 && longWord) add(m.first, e.last, true);
                k = j;
                break;
            }
        }
    }
    // stable, with the close as a second key: equal keys must not come out in a library's own order
    std::stable_sort(c.regions.begin(), c.regions.end(),
                     [](const Region& a, const Region& b) { return a.open != b.open ? a.open < b.open : a.close < b.close; });
    std::fill(c.regionOf.begin(), c.regionOf.end(), kNone);
    for (size_t r = 0; r < c.regions.size(); ++r)
        for (uint32_t k = c.regions[r].open; k <= c.regions[r].close; ++k) c.regionOf[k] = static_cast<int32_t>(r);
    // An unclosed region at its paragraph's end whose next paragraph opens
    // with a quotation mark: the same quotation goes on. But when both
    // paragraphs name their speaker right after a quotation ("“…,” Rep. Gwen
    // Mora said Friday. “If …¶“…,” added Rep. Jim Ortiz"), the next one is
    // another speaker's.
    auto signedAfter = [&](const Region& q) {
        Attribution own;
        uint32_t after = 0;
        return q.closed && trailingCue(c, q.close, own, after) && own.srcFirst != kNone;
    };
    for (size_t r = 0; r + 1 < c.regions.size(); ++r) {
        Region& a = c.regions[r];
        Region& b = c.regions[r + 1];
        if (!a.closed && a.close == c.paraEnd(a.open) && c.tok[b.open].paragraphStart &&
            c.para[b.open] == c.para[a.close] + 1) {
            bool named = false;  // an earlier quotation of a's paragraph names its speaker (a few back at most)
            for (size_t q = r; q-- > 0 && q + 4 > r && c.para[c.regions[q].open] == c.para[a.open] && !named;)
                named = signedAfter(c.regions[q]);
            if (named && signedAfter(b)) continue;
            a.next = static_cast<int32_t>(r + 1);
            b.prev = static_cast<int32_t>(r);
        }
    }
}

// Words inside a region, its marks and punctuation left out.
int regionWords(const Ctx& c, const Region& r) {
    int w = 0;
    for (uint32_t k = r.open; k <= r.close; ++k) w += c.isWord(k);
    return w;
}

// [SECTION] Cues

// The lemma of a cue found by the tagger rather than the lexicon.
constexpr std::string_view kTaggerLemma = "(tagger)";

struct Cue {
    uint32_t first = 0, last = 0;
    CueWord word;
    bool according = false;
};

// The cue starting at token i, if any.
bool cueAt(const Ctx& c, uint32_t i, Cue& out, bool trailing = false) {
    if (c.tok[i].kind != TokenKind::Word || c.inRegion(i)) return false;
    const std::string_view w = c.lower[i];
    if (w == "according" && c.is(i + 1, "to")) {
        out = {i, i + 1, CueWord{CueClass::Speech, CueForm::Participle, 0, "according to"}, true};
        return true;
    }
    CueWord cw = c.cue(i);
    // The cue tagger: words the lexicon lacks ("blocked", "advocates") become
    // cues when they score high; lexicon words that score low are not cues
    // here. Scoring costs the most of all the checks, so it comes last.
    bool taggerCue = false;
    if (c.tree && cw.cls == CueClass::None) {
        if (!c.taggerCues || w.size() < 3 || c.boundary(i) || c.adverb(i) || c.determiner(i) ||
            c.pronoun(i) != PronounKind::None)
            return false;
        const bool ing = w.size() > 4 && w.ends_with("ing"), ed = w.size() > 3 && w.ends_with("ed");
        const CueForm form = ing ? CueForm::Participle : ed ? CueForm::Past
                             : w.ends_with("s") && !w.ends_with("ss") ? CueForm::Third : CueForm::Base;
        cw = CueWord{CueClass::Speech, form, 0, kTaggerLemma};
        taggerCue = true;
    }
    if (cw.cls == CueClass::None) return false;
    // "…,” she continued." — or, with a colon, before the quotation it opens ("Marlow continued:")
    if ((cw.flags & kCueTrailingOnly) && !trailing && !c.isPunct(i + 1, ":")) return false;
    const bool sentenceInitial = i == c.sentFirst(i) || c.tok[i - 1].kind == TokenKind::QuoteOpen;
    if (c.capitalized(i)) {
        // "Writing on Twitter, ..." and "Says" in running text are not cues;
        // "United States", "Washington Post" are names.
        if (sentenceInitial || cw.flags & kCueWeak) return false;
        if (cw.lemma != "say" && cw.lemma != "tell" && cw.lemma != "warn" && cw.lemma != "claim" &&
            cw.lemma != "deny" && cw.lemma != "urge" && cw.lemma != "slam" && cw.lemma != "blast")
            return false;
        if (i > 0 && c.isPunct(i - 1, ",")) return false;
    }
    if (i > 0 && (c.determiner(i - 1) && c.lower[i - 1] != "that")) return false;  // "the added benefit"
    if (i > 0 && c.lower[i - 1] == "to" && cw.form != CueForm::Base) return false;
    if (cw.form == CueForm::Participle && sentenceInitial) return false;
    uint32_t last = i;
    if (i + 1 < c.n && isCueParticle(cw.lemma, c.lower[i + 1])) last = i + 1;
    if (cw.flags & kCueNeedsThat) {
        if (cw.lemma == "point" && last == i) return false;
        uint32_t k = last + 1;
        if (k < c.n && c.adverb(k)) ++k;
        if (cw.lemma != "point" && !c.is(k, "that")) return false;
    }
    if (cw.lemma == "report" && (c.is(i + 1, "from") || c.is(i + 1, "on") || c.is(i + 1, "for"))) return false;
    if (cw.lemma == "call" && c.is(i + 1, "for") == false && c.is(i + 1, "on") == false && c.is(i + 1, "it")) return false;
    if (c.tree && (taggerCue ? c.cueProb(i) <= Ctx::kAddAbove : c.cueProb(i) < Ctx::kDropBelow))
        return false;
    out = {i, last, cw, false};
    return true;
}

// [SECTION] Noun phrases (sources)

bool isTitleLike(const Ctx& c, uint32_t k) {
    if (c.capitalized(k)) return true;
    const SpeakerNoun s = c.noun(k);
    return s == SpeakerNoun::PersonTitle || s == SpeakerNoun::Organization;
}

bool isPossessive(const Ctx& c, uint32_t k) {
    return c.lower[k] == "'s" || c.lower[k] == "\xE2\x80\x99s" || c.lower[k] == "'" || c.lower[k] == "\xE2\x80\x99";
}

// A dateline opening the paragraph of token `first` ("WASHINGTON --",
// "PORTLAND, Ore. (AP) —"): the first token after its dash, or `first` when
// there is none. Its place and agency are where the story was filed, not who
// speaks in it.
uint32_t afterDateline(const Ctx& c, uint32_t first) {
    if (!c.tok[first].paragraphStart || !c.allCaps(first)) return first;
    uint32_t k = first;
    const uint32_t end = std::min<uint32_t>(c.n, first + 12);
    // the place and its state, then a date: "FLINT, Mich., Oct. 4", "NEWPORT NEWS, Va.",
    // "OLDPORT, Maine,"
    auto abbreviation = [&](uint32_t t) {
        return c.isWord(t) && c.capitalized(t) &&
               (c.text(t).ends_with(".") || (t + 1 < c.n && c.isPunct(t + 1, ".")) || (t > first && c.isPunct(t - 1, ",")));
    };
    auto dayOrYear = [&](uint32_t t) { return c.tok[t].kind == TokenKind::Number && c.text(t).size() <= 4 && k > first + 1; };
    while (k < end && (c.allCaps(k) || c.isPunct(k, ",") || c.isPunct(k, ".") || abbreviation(k) || dayOrYear(k)))
        ++k;
    if (k + 2 < end && c.isPunct(k, "(") && c.isWord(k + 1) && c.isPunct(k + 2, ")")) k += 3;  // (AP), (Reuters)
    if (k < end && k > first && (c.isPunct(k, "--") || c.isPunct(k, "-") || c.isPunct(k, "\xE2\x80\x94") || c.isPunct(k, "\xE2\x80\x93") ||
                                 c.isPunct(k, "\xE2\x80\x95")))
        return k + 1;
    return first;
}

// Words that never name a source, whatever the tagger made of them: "Let's
// say you…", "(Having said that, …", and a dateline's place.
bool neverSource(const Ctx& c, uint32_t b, uint32_t e) {
    if (e - b <= 1) {
        const std::string_view w = c.lower[b];
        if (w == "let" || w == "let's" || w == "let\xE2\x80\x99s" || w == "having" || w == "being") return true;
    }
    uint32_t p = b;  // a dateline is at most 12 tokens from its paragraph's start
    while (p > 0 && b - p < 12 && !c.tok[p].paragraphStart) --p;
    return c.tok[p].paragraphStart && e < afterDateline(c, p);
}

// Extends a name on its left over titles and possessors:
// "Turkey’s Defence Minister Hulusi Akar", "Al Jazeera’s Resul Serdar".
uint32_t extendNameLeft(const Ctx& c, uint32_t b, uint32_t lb) {
    uint32_t steps = 0;
    while (b > lb && steps < 8) {
        const uint32_t k = b - 1;
        if (c.inRegion(k) || c.used[k]) break;
        if (c.mentionOf[k] != kNone || (c.tok[k].kind == TokenKind::Word && isTitleLike(c, k) && !c.boundary(k)) ||
            (isPossessive(c, k) && k > lb && (c.mentionOf[k - 1] != kNone || c.capitalized(k - 1)))) {
            if (c.capitalized(k) && k == c.sentFirst(k) && c.mentionOf[k] == kNone && c.boundary(k)) break;
            b = k;
            ++steps;
            continue;
        }
        // a title of a place or a body before the name: "Secretary of State
        // John Kerry", "Governor of Oregon Jane Alvarez"
        if (c.lower[k] == "of" && k > lb && k + 1 == b && c.capitalized(b) && !c.inRegion(k - 1) && !c.used[k - 1] &&
            c.noun(k - 1) == SpeakerNoun::PersonTitle) {
            b = k - 1;
            ++steps;
            continue;
        }
        if (c.lower[k] == "the" || c.lower[k] == "former" || c.lower[k] == "deputy" || c.lower[k] == "foreign" ||
            c.lower[k] == "defence" || c.lower[k] == "defense" || c.lower[k] == "prime" || c.lower[k] == "vice") {
            b = k;
            ++steps;
            if (c.lower[k] == "the") break;
            continue;
        }
        break;
    }
    return b;
}

// The subject noun phrase ending at token `e` (inclusive), not before `lb`.
// Returns its first token, or kNone when `e` cannot end a source.
int32_t npEndingAt(const Ctx& c, uint32_t e, uint32_t lb) {
    if (e >= c.n || c.inRegion(e) || c.used[e]) return kNone;
    if (c.tok[e].kind != TokenKind::Word && c.tok[e].kind != TokenKind::Number) return kNone;
    if (c.pronoun(e) != PronounKind::None) return static_cast<int32_t>(e);
    if (isPossessive(c, e) || c.lower[e] == "'ve" || c.lower[e] == "\xE2\x80\x99ve" || c.lower[e] == "'d" ||
        c.lower[e] == "\xE2\x80\x99" "d" || c.lower[e] == "'ll" || c.lower[e] == "\xE2\x80\x99ll")
        return e > lb && c.pronoun(e - 1) != PronounKind::None ? static_cast<int32_t>(e - 1) : kNone;
    if (c.mentionOf[e] != kNone) {
        uint32_t b = e;
        while (b > lb && c.mentionOf[b - 1] == c.mentionOf[e]) --b;
        return static_cast<int32_t>(extendNameLeft(c, b, lb));
    }
    if (c.boundary(e) || c.determiner(e) || c.adverb(e)) return kNone;
    if (c.cue(e).cls != CueClass::None && c.noun(e) == SpeakerNoun::None) return kNone;
    // nominal: walk left over modifiers; a determiner opens the phrase
    uint32_t b = e;
    int hops = 0;
    for (int steps = 0; b > lb && steps < 10; ++steps) {
        const uint32_t k = b - 1;
        if (c.inRegion(k) || c.used[k]) break;
        if (c.isWord(k) && c.determiner(k)) {
            b = k;
            // "a source familiar with the talks", "a spokesman for the ministry"
            if (hops < 2 && k >= lb + 2) {
                const std::string_view p = c.lower[k - 1];
                const bool prep = p == "with" || p == "to" || p == "of" || p == "for" || p == "at" || p == "from";
                // or a quantity of them: "one of the family's lawyers", "some of the staff"
                const bool speakerBefore = c.noun(k - 2) != SpeakerNoun::None || (p == "of" && c.determiner(k - 2)) ||
                                           (k >= lb + 3 && c.noun(k - 3) != SpeakerNoun::None &&
                                            !c.boundary(k - 2));
                if (prep && c.isWord(k - 2) && speakerBefore && !c.inRegion(k - 2)) {
                    ++hops;
                    b = k - 1;
                    continue;
                }
            }
            break;
        }
        if (isPossessive(c, k) && k > lb) { b = k; continue; }
        if (c.isPunct(k, "-")) { b = k; continue; }
        if (!c.isWord(k)) break;
        if (c.boundary(k)) {
            // a post-modifier: "a source familiar with the matter", "the head of the agency"
            const std::string_view p = c.lower[k];
            if (hops < 2 && k > lb && (p == "with" || p == "to" || p == "of" || p == "for" || p == "at" || p == "in" || p == "from") &&
                c.isWord(k - 1) && !c.boundary(k - 1) && !c.adverb(k - 1) &&
                c.cue(k - 1).cls == CueClass::None) {
                ++hops;
                b = k;
                continue;
            }
            break;
        }
        // a cue word before a possessive is its owner, a noun ("the state's chairman")
        if (c.pronoun(k) != PronounKind::None || (c.cue(k).cls != CueClass::None && !isPossessive(c, k + 1))) break;
        // an adverb ends the phrase; a noun in -ly does not ("the family's lawyer")
        const Upos ku = static_cast<Upos>(c.tok[k].upos);
        if (c.lower[k].size() > 3 && c.lower[k].ends_with("ly") && !c.capitalized(k) && !isPossessive(c, k + 1) &&
            ku != Upos::NOUN && ku != Upos::ADJ)
            break;
        b = k;
    }
    // The phrase must start cleanly: drop a leading preposition chain we walked into.
    while (b < e && c.boundary(b)) ++b;
    return static_cast<int32_t>(b);
}

// The source on the left of a cue: skips adverbs ("also", "last week") and an
// appositive between commas ("Rachel Ellehaus, of CSIS, said").
bool sourceLeft(const Ctx& c, uint32_t cue, uint32_t lb, int32_t& sb, int32_t& se, bool& appositive) {
    appositive = false;
    if (cue == 0 || cue <= lb) return false;
    uint32_t k = cue - 1;
    int skipped = 0;
    while (k > lb && skipped < 5 && c.isWord(k) && c.adverb(k) && c.pronoun(k) == PronounKind::None &&
           c.mentionOf[k] == kNone) {
        --k;
        ++skipped;
    }
    if (k >= lb && (c.is(k, "who") || c.is(k, "which")) && k > 0 && (c.isPunct(k - 1, ",") || c.mentionOf[k - 1] != kNone)) {
        // "Cruz, who refused to...": PolNeAR marks the relative pronoun as the source
        sb = se = static_cast<int32_t>(k);
        return true;
    }
    if (c.isPunct(k, ")")) {  // "Sen. Chuck Grassley (R-Iowa) said"
        uint32_t j = k;
        while (j > lb && !c.isPunct(j, "(") && k - j < 12) --j;
        if (c.isPunct(j, "(") && j > lb) k = j - 1;
    }
    const bool dash = c.isPunct(k, "\xE2\x80\x94") || c.isPunct(k, "--");
    if ((c.isPunct(k, ",") || dash) && k > lb) {
        // appositive or relative clause between two commas, or two dashes
        // ("Kall -- co-editor of a book on the debates -- said")
        const std::string_view mark = c.text(k);
        uint32_t j = k - 1;
        // (the dot of a party tag ends no sentence: "Mitch Corrigan, R-Ky., said")
        while (j > lb && !c.isPunct(j, mark) && !c.inRegion(j) && k - j < 25 &&
               !(c.sentenceEnd(j) && !isPartyTag(c.text(j - 1))))
            --j;
        if (!c.isPunct(j, mark) || j <= lb) return false;
        const int32_t b = npEndingAt(c, j - 1, lb);
        if (b == kNone) return false;
        sb = b;
        se = static_cast<int32_t>(j - 1);
        appositive = true;
        return true;
    }
    const int32_t b = npEndingAt(c, k, lb);
    if (b == kNone) return false;
    sb = b;
    se = static_cast<int32_t>(k);
    return true;
}

// The source "X, apposition," before cue h, X ending at `se`: the source runs
// to the apposition's end (returned), and `core` is the last word of what
// names the speaker: a name in the apposition when X is not one ("The
// campaign's chairman, Phil Lovas, said"), else X's end.
int32_t withApposition(const Ctx& c, uint32_t h, int32_t se, int32_t& core) {
    core = se;
    // a relative clause is not the source's words: "The film, which opens
    // on Friday, shows…"
    uint32_t w = static_cast<uint32_t>(se) + 1;
    while (w < h && c.tok[w].kind == TokenKind::Punct) ++w;
    if (w < h && (c.lower[w] == "who" || c.lower[w] == "which" || c.lower[w] == "whose" || c.lower[w] == "that" ||
                  c.lower[w] == "where" || c.lower[w] == "when" || c.lower[w] == "whom"))
        return se;
    // nor what they were doing ("Trump, speaking to veterans, said") or an aside
    // ("…, in particular, said"); a noun phrase or "of" a place is their own
    const Upos wu = static_cast<Upos>(c.tok[w].upos);
    if (w < h && (wu == Upos::VERB || wu == Upos::AUX || wu == Upos::ADV || (wu == Upos::ADP && c.lower[w] != "of")))
        return se;
    uint32_t e = h - 1;
    while (e > static_cast<uint32_t>(se) && (c.tok[e].kind == TokenKind::Punct || c.adverb(e))) --e;
    if (c.mentionOf[static_cast<uint32_t>(se)] != kNone) {
        // "The Minister of Finance, Rui Costa," is named in the apposition:
        // the place or body after a title is not who speaks
        uint32_t b = static_cast<uint32_t>(se);
        while (b > 0 && c.mentionOf[b - 1] == c.mentionOf[b]) --b;
        const bool titleOf = b >= 2 && c.lower[b - 1] == "of" && c.noun(b - 2) == SpeakerNoun::PersonTitle &&
                             c.mentionAt(static_cast<uint32_t>(se)).label != Label::PER;
        if (!titleOf) return static_cast<int32_t>(e);
    }
    // the name opens the apposition, after titles at most ("who met Ines
    // Carvalho" names someone else)
    uint32_t t = static_cast<uint32_t>(se) + 1;
    while (t <= e && c.tok[t].kind == TokenKind::Punct) ++t;
    while (t <= e && c.mentionOf[t] == kNone && c.isWord(t) && isTitleLike(c, t)) ++t;
    if (t <= e && c.mentionOf[t] != kNone && c.mentionAt(t).label == Label::PER) {
        while (t + 1 <= e && c.mentionOf[t + 1] == c.mentionOf[t]) ++t;
        core = static_cast<int32_t>(t);
    }
    return static_cast<int32_t>(e);
}

// The source on the right of a cue ("said Caddell", "according to officials").
bool sourceRight(const Ctx& c, uint32_t k, uint32_t end, int32_t& sb, int32_t& se) {
    if (k >= end || c.inRegion(k) || !c.isWord(k)) return false;
    if (c.pronoun(k) != PronounKind::None) { sb = se = static_cast<int32_t>(k); return true; }
    uint32_t e = k;
    while (e + 1 < end && !c.inRegion(e + 1) && (c.isWord(e + 1) || isPossessive(c, e + 1) || c.isPunct(e + 1, "-")) &&
           e - k < 10) {
        const std::string_view w = c.lower[e + 1];
        if (w == "that" || w == "who" || w == "which" || w == "and" || w == "but" || (w == "in" && c.mentionOf[e] != kNone) ||
            w == "on" || w == "when" || w == "while" || w == "as" || w == "after" || w == "because" || w == "is" ||
            w == "was" || w == "were" || w == "are" || w == "has" || w == "have" || w == "had" || w == "will" ||
            w == "would" || w == "could" || w == "can" || w == "should" || w == "may" || w == "might")
            break;
        if (c.cue(e + 1).cls != CueClass::None && c.noun(e + 1) == SpeakerNoun::None && !c.capitalized(e + 1)) break;
        ++e;
    }
    if (c.boundary(k) && !c.capitalized(k)) return false;
    sb = static_cast<int32_t>(k);
    se = static_cast<int32_t>(e);
    return true;
}

// The source after an inverted cue, X ending at `se`, as annotators mark it:
// its party tag in brackets and an apposition that ends the sentence ("…,”
// added Rep. Ana Lindqvist (D-Minn.), the head of the harbour caucus.").
// Returns the new end; a clause or a second comma after the name is not
// its apposition, and X stays the speaker's name.
int32_t invertedApposition(const Ctx& c, int32_t se, uint32_t end) {
    uint32_t e = static_cast<uint32_t>(se);
    if (c.isPunct(e + 1, "(")) {
        uint32_t t = e + 2;
        while (t < end && t < e + 8 && !c.isPunct(t, ")") && !c.inRegion(t)) ++t;
        if (t < end && c.isPunct(t, ")") && t > e + 2 && isPartyTag(c.text(e + 2))) e = t;
    }
    const uint32_t w = e + 2;
    if (!c.isPunct(e + 1, ",") || w >= end) return static_cast<int32_t>(e);
    if (!c.determiner(w) && c.noun(w) != SpeakerNoun::PersonTitle && c.lower[w] != "his" && c.lower[w] != "her" &&
        c.lower[w] != "its" && c.lower[w] != "their")
        return static_cast<int32_t>(e);
    uint32_t last = end - 1;  // the sentence's closing mark
    if (!c.sentenceEnd(last) || last <= w) return static_cast<int32_t>(e);
    for (uint32_t t = w; t < last && t - w <= 20; ++t) {
        const Upos u = static_cast<Upos>(c.tok[t].upos);
        // "…, said Rep. Ana Lopes, the top Democrat on the committee, in a
        // statement.": an apposition closed by a comma before a phrase of the
        // verb's ("in a statement", "on Tuesday")
        if (c.isPunct(t, ",") && t > w + 1 && t + 1 < last && static_cast<Upos>(c.tok[t + 1].upos) == Upos::ADP)
            return static_cast<int32_t>(t - 1);
        if (c.inRegion(t) || c.isQuoteTok(t) || c.tok[t].kind == TokenKind::Punct || u == Upos::VERB || u == Upos::AUX ||
            c.lower[t] == "who" || c.lower[t] == "which" || c.lower[t] == "that" || c.cue(t).cls != CueClass::None)
            return static_cast<int32_t>(e);
    }
    if (last - w > 20) return static_cast<int32_t>(e);
    return static_cast<int32_t>(last - 1);
}

// The last token of a source that ends at `se`, with the party tag right
// after it, as annotators mark it: "Sen. Lena Park (R-Ga.)", "Rep. Ada
// Lindqvist, D-Minn.," (with the comma that closes it).
constexpr uint32_t kNoTag = UINT32_MAX;
uint32_t sourceEnd(const Ctx& c, int32_t se) {
    const uint32_t o = static_cast<uint32_t>(se) + 1;
    auto free = [&](uint32_t t) { return t < c.n && !c.inRegion(t) && !c.claimed[t] && !c.used[t]; };
    // "Rep. Ada Lindqvist, D-Minn., said": the tag and the comma that closes it
    uint32_t tag = isPartyTag(c.text(static_cast<uint32_t>(se))) ? static_cast<uint32_t>(se) : o + 1;
    if (tag != static_cast<uint32_t>(se) && !(c.isPunct(o, ",") && free(tag) && isPartyTag(c.text(tag)))) tag = kNoTag;
    if (tag != kNoTag && (tag == static_cast<uint32_t>(se) ? se > 0 && c.isPunct(static_cast<uint32_t>(se) - 1, ",") : true)) {
        uint32_t t = tag + 1;
        if (c.isPunct(t, ".") && free(t)) ++t;
        if (c.isPunct(t, ",") && free(t)) return t;
    }
    if (!c.isPunct(o, "(") || o + 1 >= c.n || !isPartyTag(c.text(o + 1))) return static_cast<uint32_t>(se);
    for (uint32_t t = o + 1; t < c.n && t < o + 6; ++t) {
        if (c.inRegion(t) || c.claimed[t] || c.used[t]) break;
        if (c.isPunct(t, ")")) return t;
    }
    return static_cast<uint32_t>(se);
}

// The subject of the clause a participle cue hangs on ("Putin thanked Erdogan,
// calling..."): the source of an earlier attribution in the sentence, or its
// first name or pronoun after an opening adverbial.
bool clauseSubject(const Ctx& c, uint32_t cue, int32_t& sb, int32_t& se) {
    // A subject sits near its verb: looking further back than this in a runaway
    // "sentence" (a paste without full stops) would only make the cost quadratic.
    constexpr uint32_t kReach = 400, kRecent = 64;
    const uint32_t first = std::max(c.sentFirst(cue), cue > kReach ? cue - kReach : 0u);
    uint32_t looked = 0;
    for (auto it = c.atts.rbegin(); it != c.atts.rend() && looked++ < kRecent; ++it) {
        if (it->srcFirst == kNone || static_cast<uint32_t>(it->srcFirst) < first || static_cast<uint32_t>(it->srcFirst) >= cue) continue;
        // a claim inside another's content ("X indicated [Turkey still intended
        // to buy more], saying…") is not the clause the participle hangs on
        const uint32_t src = static_cast<uint32_t>(it->srcFirst);
        bool nested = false;
        for (auto o = c.atts.rbegin(); o != c.atts.rend() && !nested && o - c.atts.rbegin() < static_cast<long>(kRecent); ++o)
            for (auto [b, e] : o->content) nested = nested || (o != it && b <= src && src <= e);
        if (nested) continue;
        sb = it->srcFirst;
        se = it->srcLast;
        return true;
    }
    uint32_t k = std::min(afterDateline(c, first), cue);
    // skip an opening adverbial up to its comma ("In a warm exchange, ...")
    if (k < cue && (c.boundary(k) || c.lower[k] == "writing" || c.lower[k] == "speaking")) {
        uint32_t j = k;
        while (j < cue && !c.isPunct(j, ",")) ++j;
        if (j < cue) k = j + 1;
    }
    for (; k < cue; ++k) {
        if (c.inRegion(k)) continue;
        if (c.mentionOf[k] != kNone) {
            uint32_t e = k;
            while (e + 1 < cue && c.mentionOf[e + 1] == c.mentionOf[k]) ++e;
            // the possessor is not the subject ("Russia’s defence ministry")
            if (e + 1 < cue && isPossessive(c, e + 1)) { k = e + 1; continue; }
            // a body before a title and a name is the person's ("House Speaker Paul Ryland")
            uint32_t t = e + 1;
            while (t < cue && t < e + 4 && c.mentionOf[t] == kNone && c.isWord(t) && c.noun(t) == SpeakerNoun::PersonTitle) ++t;
            if (t > e + 1 && t < cue && c.mentionOf[t] != kNone && c.mentionAt(t).label == Label::PER) {
                e = t;
                while (e + 1 < cue && c.mentionOf[e + 1] == c.mentionOf[t]) ++e;
            }
            sb = static_cast<int32_t>(extendNameLeft(c, k, first));
            se = static_cast<int32_t>(e);
            return true;
        }
        if (c.pronoun(k) != PronounKind::None) { sb = se = static_cast<int32_t>(k); return true; }
        const SpeakerNoun sn = c.noun(k);
        if (sn != SpeakerNoun::None && sn != SpeakerNoun::Document) {
            const int32_t b = npEndingAt(c, k, first);
            if (b == kNone) continue;
            sb = b;
            se = static_cast<int32_t>(k);
            return true;
        }
        if (c.cue(k).cls != CueClass::None) break;
    }
    return false;
}

// [SECTION] Content

void claim(Ctx& c, uint32_t b, uint32_t e) {
    for (uint32_t k = b; k <= e && k < c.n; ++k) c.claimed[k] = 1;
}
void useChunk(Ctx& c, const Attribution& a) {
    if (a.hasCue)
        for (uint32_t k = a.cueFirst; k <= a.cueLast; ++k) c.used[k] = 1;
    if (a.srcFirst != kNone)
        for (int32_t k = a.srcFirst; k <= a.srcLast; ++k) c.used[k] = 1;
}

// Appends region r and the regions continuing it in later paragraphs.
void takeRegion(Ctx& c, Attribution& a, int32_t r, int32_t owner) {
    while (r != kNone) {
        Region& reg = c.regions[r];
        reg.owner = owner;
        a.content.push_back({reg.open, reg.close});
        claim(c, reg.open, reg.close);
        r = reg.next;
    }
}

// Is there a cue in the window right after region r (a trailing attribution)?
// Sets the cue and source; `after` is the first token after the chunk.
int32_t cueSubject(const Ctx& c, uint32_t h);

// The title of a work after a preposition ("a boss on “The Apprentice,” Trump
// demeaned…", "the broadcast of “Fox News Sunday,” Pence said"): nobody's words.
bool titleOfWork(const Ctx& c, const Region& reg) {
    if (reg.open == 0 || !c.tree || c.tok[reg.open - 1].upos != static_cast<uint8_t>(Upos::ADP)) return false;
    int words = 0;
    bool titled = true;
    for (uint32_t t = reg.open + 1; t < reg.close; ++t)
        if (c.isWord(t)) { ++words; titled &= c.capitalized(t) || isDigit(firstChar(c, t)); }
    return titled && words >= 1 && words <= 5;
}

bool trailingCue(Ctx& c, uint32_t close, Attribution& a, uint32_t& after) {
    uint32_t k = close + 1;
    // a signed quotation: “…” ― Karen Bobadilla; the name may open with a
    // first name or an initial the tagger left out of it ("Oscar P. Lindgren")
    uint32_t named = k + 1;
    while (named < c.n && named < k + 3 && c.mentionOf[named] == kNone && c.capitalized(named) &&
           c.para[named] == c.para[close])
        ++named;
    if (k < c.n && (c.isPunct(k, "\xE2\x80\x95") || c.isPunct(k, "\xE2\x80\x94") || c.isPunct(k, "--")) &&
        c.para[k] == c.para[close] && k + 1 < c.n && c.capitalized(k + 1) && named < c.n &&
        c.mentionOf[named] != kNone && c.para[named] == c.para[close]) {
        uint32_t e = named;
        while (e + 1 < c.n && c.mentionOf[e + 1] == c.mentionOf[named]) ++e;
        a.cueFirst = a.cueLast = k;
        a.hasCue = true;
        a.srcFirst = static_cast<int32_t>(k + 1);
        a.srcLast = static_cast<int32_t>(e);
        a.rule = "signed: Q \xE2\x80\x95 X";
        a.confidence = 0.8f;
        after = c.n;
        return true;
    }
    if (const int32_t r = c.regionOf[close]; r != kNone && titleOfWork(c, c.regions[r])) return false;
    // the quotation closes its sentence: “…even for him.”
    uint32_t last = close;  // the last word or mark inside: ''…policy.'' closes with two marks
    while (last > 0 && c.isQuoteTok(last)) --last;
    const bool endsSentence = c.isPunct(last, ".") || c.isPunct(last, "?") || c.isPunct(last, "!");
    if (c.isPunct(k, ",") || c.isPunct(k, "\xE2\x80\x94") || c.isPunct(k, "--")) ++k;
    const uint32_t start = k;
    const uint32_t pend = c.paraEnd(close);
    for (uint32_t steps = 0; k <= pend && steps < 14; ++k, ++steps) {
        if (c.isQuoteTok(k) || c.inRegion(k)) return false;
        if ((c.sentenceEnd(k) && (k + 1 >= c.n || c.tok[k + 1].sentence != c.tok[k].sentence)) || c.isPunct(k, ";")) return false;
        if (c.isPunct(k, ",") && k > start && steps > 8) break;  // too far for the words alone; the tree may know
        // "…” when he said": a cue in a clause of its own is not this quotation's
        if (k == start && (c.is(k, "and") || c.is(k, "but") || c.is(k, "or"))) {
            // "“stay home” and said he…": a second verb of the sentence's subject, not a trailing cue
            Cue next;
            if (k + 1 <= pend && cueAt(c, k + 1, next, true)) return false;
        }
        if (c.isWord(k) &&
            (c.is(k, "when") || c.is(k, "because") || c.is(k, "after") || c.is(k, "before") || c.is(k, "while") ||
             c.is(k, "if") || c.is(k, "since") || c.is(k, "although") || c.is(k, "though") || c.is(k, "unless") ||
             c.is(k, "until") || c.is(k, "whereas")))
            return false;
        Cue cue;
        if (!cueAt(c, k, cue, true) || c.used[k]) continue;
        if (cue.word.form == CueForm::Participle && !cue.according) return false;  // "…,” adding that...
        if (endsSentence && c.tree && k > start) {
            // “…reckless.” She says it shows…: a new sentence whose cue has words of its own
            bool own = false;
            c.tree->eachChild(cue.last, [&](uint32_t d) {
                const Deprel r = universalDeprel(c.tree->rel(d));
                if (d > cue.last && !c.inRegion(d) && (r == Deprel::Ccomp || r == Deprel::Xcomp || r == Deprel::Obj)) own = true;
            });
            if (own) return false;
        }
        if (cue.word.cls == CueClass::Judgment) return false;
        if (cue.according) {
            int32_t sb, se;
            if (!sourceRight(c, cue.last + 1, c.sentEnd(k), sb, se)) return false;
            a.cueFirst = cue.first;
            a.cueLast = cue.last;
            a.hasCue = true;
            a.srcFirst = sb;
            a.srcLast = se;
            a.rule = "according-to: Q, according to X";
            a.confidence = 0.9f;
            after = static_cast<uint32_t>(se) + 1;
            return true;
        }
        a.cueFirst = cue.first;
        a.cueLast = cue.last;
        a.hasCue = true;
        a.cls = cue.word.cls;
        if (k == start) {
            // inverted: "…,” said Caddell
            int32_t sb, se;
            if (sourceRight(c, cue.last + 1, c.sentEnd(k), sb, se)) {
                a.srcFirst = sb;
                a.srcLast = invertedApposition(c, se, c.sentEnd(k));
                if (a.srcLast != se) a.srcCore = se;
                a.rule = c.mentionOf[sb] != kNone || c.mentionOf[se] != kNone ? "inverted: Q, said X" : "inverted: Q, said the nominal";
                a.confidence = 0.9f;
                after = static_cast<uint32_t>(se) + 1;
            } else {
                a.rule = "trailing cue without a source";
                a.confidence = 0.4f;
                after = cue.last + 1;
            }
            return true;
        }
        int32_t sb, se;
        bool app = false;
        if (sourceLeft(c, k, start, sb, se, app) && static_cast<uint32_t>(sb) >= start) {
            a.srcFirst = sb;
            a.srcLast = se;
            a.rule = c.pronoun(se) != PronounKind::None ? "trailing: Q, PRONOUN said"
                     : c.mentionOf[se] != kNone                     ? "trailing: Q, X said"
                                                                     : "trailing: Q, the nominal said";
            a.confidence = c.mentionOf[se] != kNone ? 0.95f : 0.85f;
        } else {
            a.srcFirst = a.srcLast = kNone;
            a.rule = "trailing cue, source not found";
            a.confidence = 0.4f;
        }
        after = cue.last + 1;
        return true;
    }
    // a long apposition between the name and its cue ("…,” Karl Brenner, the
    // mayor of Oldport and one of the three towns suing the agency, said): a
    // name right after the quotation, and a cue right after a comma further on
    if (start >= c.n || c.mentionOf[start] == kNone) return false;
    for (uint32_t t = start, lim = std::min<uint32_t>(pend, start + 40); t <= lim; ++t) {
        if (c.isQuoteTok(t) || c.inRegion(t) || c.isPunct(t, ";") || (t > start && c.sentenceEnd(t))) return false;
        Cue cue;
        if (!cueAt(c, t, cue, true) || c.used[t]) continue;
        if ((cue.word.form == CueForm::Participle && !cue.according) || cue.according || cue.word.cls == CueClass::Judgment) return false;
        // the cue closes the apposition: "…, one of the states suing the agency, said"
        if (!c.isPunct(t - 1, ",")) return false;
        uint32_t e = start;
        while (e + 1 < t && c.mentionOf[e + 1] == c.mentionOf[start]) ++e;
        a.cueFirst = cue.first;
        a.cueLast = cue.last;
        a.hasCue = true;
        a.cls = cue.word.cls;
        a.srcFirst = static_cast<int32_t>(start);
        a.srcLast = static_cast<int32_t>(e);
        a.rule = "trailing: Q, X, a long apposition, said";
        a.confidence = 0.9f;
        after = cue.last + 1;
        return true;
    }
    return false;
}

// First token after the attribution chunk's clause: skips "told reporters on
// Wednesday" up to the end of the sentence or a comma.
uint32_t chunkEnd(const Ctx& c, uint32_t after) {
    if (after == 0 || after >= c.n) return after;
    const uint32_t pend = c.paraEnd(after - 1);
    uint32_t k = after;
    while (k <= pend && !c.isQuoteTok(k) && c.tok[k].sentence == c.tok[after - 1].sentence) ++k;
    if (k <= pend && c.isQuoteTok(k) && c.tok[k].sentence == c.tok[after - 1].sentence && k > after &&
        !c.isPunct(k - 1, ",") && !c.isPunct(k - 1, ":") && !c.isPunct(k - 1, "\xE2\x80\x94"))
        return c.n;  // "he said, calling it “x”": not the rest of the quotation
    return k;
}

// Regions right after token `k` (skipping , . : and a dash) that belong to the
// same speaker: the second half of a split quote.
void joinFollowing(Ctx& c, Attribution& a, uint32_t k, int32_t owner) {
    for (;;) {
        if (k == 0 || k >= c.n) return;
        const uint32_t pend = c.paraEnd(k > 0 ? k - 1 : 0);
        while (k <= pend && k < c.n && c.tok[k].kind == TokenKind::Punct && !c.isQuoteTok(k)) ++k;
        if (k > pend || k >= c.n || !c.inRegion(k) || c.tok[k].kind != TokenKind::QuoteOpen) return;
        int32_t r = c.regionOf[k];
        Region& reg = c.regions[r];
        if (reg.owner != kNone || reg.prev != kNone) return;
        // the next region has its own trailing cue: leave it to that one
        uint32_t tmp;
        Attribution probe;
        if (trailingCue(c, reg.close, probe, tmp)) return;
        takeRegion(c, a, r, owner);
        uint32_t last = reg.close;
        while (c.regions[r].next != kNone) { r = c.regions[r].next; last = c.regions[r].close; }
        k = last + 1;
    }
}

// The reported clause after a cue, to the end of its sentence (a region that
// runs past the sentence end is kept whole), stopping before ", adding" and
// other chunks already taken.
bool contentAfter(Ctx& c, uint32_t from, const CueWord& cw, Attribution& a) {
    uint32_t b = from;
    const uint32_t pend = c.paraEnd(from > 0 ? from - 1 : 0);
    if (b > pend || b >= c.n) return false;
    while (b <= pend && (c.isPunct(b, ",") || c.isPunct(b, ":"))) ++b;
    // "said on Wednesday that", "told reporters (that)"
    auto findThat = [&](uint32_t s, uint32_t lim) -> int32_t {
        for (uint32_t k = s; k <= pend && k < s + lim; ++k) {
            if (c.is(k, "that")) return static_cast<int32_t>(k);
            if (c.sentenceEnd(k) || c.isQuoteTok(k) || c.inRegion(k)) break;
        }
        return kNone;
    };
    if (b <= pend && (cw.flags & kCueTakesObject)) {
        const int32_t t = findThat(b, 8);
        if (t != kNone) b = static_cast<uint32_t>(t);
        else if (!c.inRegion(b) && !c.is(b, "that") && !c.is(b, "whether") && !c.is(b, "if") && !c.is(b, "how") &&
                 !c.is(b, "why") && !c.is(b, "what") && !c.is(b, "when") && !c.is(b, "where") && !c.is(b, "who")) {
            // skip the listener: "told reporters", "told the Reuters news agency"
            uint32_t k = b;
            if (c.isWord(k)) {
                ++k;
                while (k <= pend && k < b + 6 && c.isWord(k) && !c.determiner(k) &&
                       c.pronoun(k) == PronounKind::None && !c.boundary(k) &&
                       !(c.mentionOf[k] != kNone && c.mentionOf[k] != c.mentionOf[k - 1] && !c.capitalized(k - 1) &&
                         !c.determiner(k - 1)))
                    ++k;
                if (k <= pend && !c.sentenceEnd(k)) b = k;
            }
            if (c.is(b, "to") || c.is(b, "not")) return false;  // "urged X to ...": an intention, kept short
        }
    } else if (b <= pend && c.isWord(b) && c.adverb(b) && !c.is(b, "that") &&
               c.pronoun(b) == PronounKind::None) {
        const int32_t t = findThat(b, 10);
        if (t != kNone) b = static_cast<uint32_t>(t);
    }
    if (b > pend || c.sentenceEnd(b)) return false;
    if (c.tree && !c.inRegion(b) && c.tok[b].upos == static_cast<uint8_t>(Upos::ADP)) {
        // "said at a Washington event this month", "said on Twitter.": where and how
        // it was said, not what; the words said come after "that", or not here
        const int32_t t = findThat(b, 12);
        if (t == kNone) return false;
        b = static_cast<uint32_t>(t);
    }
    uint32_t e = b;
    uint32_t hardEnd = c.sentEnd(b) - 1;
    for (uint32_t k = b; k <= pend; ++k) {
        if (c.inRegion(k)) {
            const Region& r = c.regions[c.regionOf[k]];
            if (r.owner != kNone && r.owner != static_cast<int32_t>(c.atts.size())) break;
            e = r.close;
            k = r.close;
            if (e > hardEnd) hardEnd = c.sentEnd(e) - 1;
            continue;
        }
        if (k > hardEnd) break;
        if (c.used[k] || c.claimed[k]) break;
        if (k > b + 1 && c.tok[k].kind == TokenKind::Word && c.tok[k - 1].kind == TokenKind::QuoteClose && c.isPunct(k - 2, ",")) {
            Cue nx;  // "…importance,” adding that…"
            if (cueAt(c, k, nx) && (nx.word.form == CueForm::Participle || nx.according)) break;
        }
        if (k > b + 1 && c.tok[k].kind == TokenKind::Word) {
            // a new clause with its own speaker: "…, though she noted that…", "… but officials say…"
            Cue nx;
            int32_t sb, se;
            bool app;
            if (cueAt(c, k, nx) && !nx.according && nx.word.form != CueForm::Participle && sourceLeft(c, k, b, sb, se, app) &&
                !app && static_cast<uint32_t>(sb) > b + 1) {
                const std::string_view before = c.lower[sb - 1];
                // "…his donations, which he said were…": a relative clause with a speaker of its own
                const bool relative = before == "which" || before == "who" || before == "whom";
                if (before == "," || before == "but" || before == "though" || before == "although" || before == "while" ||
                    before == "and" || before == "because" || before == "whereas" || before == ";" ||
                    (relative && sb >= 2 && c.isPunct(sb - 2, ","))) {
                    uint32_t cut = static_cast<uint32_t>(sb) - 1;
                    while (cut > b && (c.tok[cut].kind == TokenKind::Punct || c.is(cut, "but") || c.is(cut, "though") ||
                                       c.is(cut, "although") || c.is(cut, "while") || c.is(cut, "and") || c.is(cut, "because") ||
                                       c.is(cut, "whereas") || (relative && cut == static_cast<uint32_t>(sb) - 1)))
                        --cut;
                    if (cut >= b && !c.inRegion(cut)) { e = cut; break; }
                }
            }
        }
        if (c.isPunct(k, ",") || c.isPunct(k, ";") || c.isPunct(k, "\xE2\x80\x94")) {
            Cue nx;
            uint32_t j = k + 1;
            if (j <= pend && cueAt(c, j, nx) && (nx.word.form == CueForm::Participle || nx.according)) break;
            // ", said the ministry…": the main clause's cue, its subject before
            // the words read here ("A spokesman, who …, said the ministry was…")
            if (c.isPunct(k, ",") && j <= pend && c.cue(j).cls == CueClass::Speech && c.cue(j).form == CueForm::Past) break;
            if (c.isPunct(k, ",") && j + 1 <= pend) {
                // ", he said" / ", the minister added" closing the sentence
                int32_t sb, se;
                bool app;
                uint32_t q = j;
                while (q <= pend && q < j + 6 && c.isWord(q) && !cueAt(c, q, nx)) ++q;
                if (q <= pend && cueAt(c, q, nx) && q > j && sourceLeft(c, q, j, sb, se, app) && static_cast<uint32_t>(sb) == j &&
                    (c.sentenceEnd(nx.last + 1) || nx.last + 1 > pend))
                    break;
            }
        }
        if (!c.sentenceEnd(k)) e = k;
    }
    while (e > b && (c.tok[e].kind == TokenKind::Punct) && !c.inRegion(e)) --e;
    if (e < b) return false;
    int words = 0;
    for (uint32_t k = b; k <= e; ++k) words += c.isWord(k);
    if (words < 1) return false;
    a.content.push_back({b, e});
    return true;
}

// [SECTION] Attribution passes

// The cue's head by the tree: its word whose head is outside it.
uint32_t cueHead(const Ctx& c, const Attribution& a) {
    for (uint32_t t = a.cueFirst; t <= a.cueLast; ++t) {
        const int32_t ht = c.tree->head(t);
        if (ht < static_cast<int32_t>(a.cueFirst) || ht > static_cast<int32_t>(a.cueLast)) return t;
    }
    return a.cueFirst;
}

// The content ends before a second predicate of the same speaker: "Weber
// promised to keep supporting the union and said she would stand up to the
// attacks" holds two claims, the tree's conjunct of the cue starts the second.
void cutAtConjoinedVerb(const Ctx& c, Attribution& a) {
    if (!c.tree || !a.hasCue || a.content.empty()) return;
    const attr::Tree& tr = *c.tree;
    const uint32_t h = cueHead(c, a);
    uint32_t cut = UINT32_MAX;
    tr.eachChild(h, [&](uint32_t d) {
        if (d <= a.cueLast || universalDeprel(tr.rel(d)) != Deprel::Conj || tr.upos(d) != Upos::VERB || cut != UINT32_MAX) return;
        if (tr.child(d, Deprel::Nsubj) >= 0) return;  // a clause of its own: the rules' "but officials say"
        uint32_t from = d;
        tr.eachChild(d, [&](uint32_t k) {
            const Deprel r = universalDeprel(tr.rel(k));
            if (k < from && (r == Deprel::Cc || r == Deprel::Punct || r == Deprel::Advmod || r == Deprel::Aux)) from = tr.left[k];
        });
        cut = from;
    });
    if (cut == UINT32_MAX || c.inRegion(cut)) return;
    std::vector<std::pair<uint32_t, uint32_t>> kept;
    for (auto [b, e] : a.content) {
        if (b >= cut) break;
        uint32_t ne = std::min(e, cut - 1);
        while (ne > b && c.tok[ne].kind == TokenKind::Punct && !c.inRegion(ne)) --ne;
        kept.push_back({b, ne});
    }
    int words = 0;
    for (auto [b, e] : kept)
        for (uint32_t t = b; t <= e; ++t) words += c.isWord(t);
    if (words >= 1) a.content = std::move(kept);
}

// Words that cannot be what someone said: one adverb ("adding later",
// "according to MSNBC, basically"), or a prepositional phrase with no verb
// ("During his tour of the island, he paused", "supported by the brothers").
bool junkContent(const Ctx& c, const Attribution& a) {
    if (!c.tree || !a.hasCue || a.content.size() != 1) return false;
    const auto [b, e] = a.content.front();
    for (uint32_t t = b; t <= e; ++t)
        if (c.inRegion(t)) return false;
    const Upos first = static_cast<Upos>(c.tok[b].upos);
    if (b == e) return first == Upos::ADV && !c.is(b, "so");  // "doesn't think so" is a view
    // "said before he died", "spoke as the vote began": when it was said, not what
    if (b > a.cueLast && first == Upos::SCONJ &&
        (c.is(b, "before") || c.is(b, "after") || c.is(b, "when") || c.is(b, "while")))
        return true;
    if (first != Upos::ADP) return false;
    for (uint32_t t = b; t <= e; ++t) {
        const Upos u = static_cast<Upos>(c.tok[t].upos);
        if (u == Upos::VERB || u == Upos::AUX || c.is(t, "that")) return false;
    }
    return true;
}

// A phrase that points back ("echoed that sentiment", "repeated those
// remarks") says nothing itself when the same speaker's next verb follows
// with the words ("… and said that…").
bool pointsBack(const Ctx& c, const Attribution& a) {
    if (!c.tree || !a.hasCue || a.content.size() != 1) return false;
    const uint32_t b = a.content.front().first, e = a.content.front().second;  // captured below
    if (!(c.is(b, "that") || c.is(b, "this") || c.is(b, "those") || c.is(b, "these")) || e == b || e - b > 2)
        return false;
    for (uint32_t t = b + 1; t <= e; ++t)
        if (static_cast<Upos>(c.tok[t].upos) != Upos::NOUN || c.inRegion(t)) return false;
    bool conjoined = false;
    for (uint32_t h = a.cueFirst; h <= a.cueLast && !conjoined; ++h)
        c.tree->eachChild(h, [&](uint32_t k) {
            conjoined = conjoined || (k > e && c.tree->rel(k) == Deprel::Conj && c.tree->upos(k) == Upos::VERB);
        });
    return conjoined;
}

// A source's request for anonymity ("who asked not to be named", "spoke on
// condition of anonymity", "requested anonymity") says how the source is
// quoted, not something the source claims.
bool anonymityRequest(const Ctx& c, const Attribution& a) {
    if (!a.hasCue || a.content.size() != 1) return false;
    auto [b, e] = a.content.front();
    if (c.is(b, "on") && b < e) ++b;
    if (c.is(b, "the") && b < e) ++b;
    if (c.is(b, "condition") && b + 1 < e && c.is(b + 1, "of")) b += 2;
    if (c.is(b, "anonymity")) return true;
    return b + 3 <= e && c.is(b, "not") && c.is(b + 1, "to") && c.is(b + 2, "be") &&
           (c.is(b + 3, "named") || c.is(b + 3, "identified") || c.is(b + 3, "quoted"));
}

void addAttribution(Ctx& c, Attribution a) {
    // a dateline is where the story was filed, not what was said ("WASHINGTON — …, officials said")
    for (auto& [b, e] : a.content)
        if (const uint32_t d = afterDateline(c, b); d > b && d <= e) b = d;
    if (junkContent(c, a)) return;
    if (anonymityRequest(c, a)) {  // no claim, and its words are no other claim's either
        for (auto [b, e] : a.content) claim(c, b, e);
        useChunk(c, a);
        return;
    }
    cutAtConjoinedVerb(c, a);
    if (pointsBack(c, a)) return;
    for (auto [b, e] : a.content) claim(c, b, e);
    useChunk(c, a);
    c.atts.push_back(std::move(a));
}

void directQuotes(Ctx& c) {
    // trailing and inverted: “…,” she said / “…,” said Caddell
    for (size_t r = 0; r < c.regions.size(); ++r) {
        Region& reg = c.regions[r];
        if (reg.owner != kNone || reg.prev != kNone) continue;
        int32_t last = static_cast<int32_t>(r);
        while (c.regions[last].next != kNone) last = c.regions[last].next;
        Attribution a;
        uint32_t after = 0;
        if (!trailingCue(c, c.regions[last].close, a, after)) continue;
        const int32_t owner = static_cast<int32_t>(c.atts.size());
        // earlier regions of the same sentence run on into this one: “A.” “B,” he said
        takeRegion(c, a, static_cast<int32_t>(r), owner);
        useChunk(c, a);
        if (after < c.n) joinFollowing(c, a, chunkEnd(c, after), owner);
        addAttribution(c, std::move(a));
    }
    // leading: Putin said: “…” / he said, “…”
    for (uint32_t i = 0; i + 1 < c.n; ++i) {
        Cue cue;
        if (c.used[i] || c.claimed[i] || !cueAt(c, i, cue)) continue;
        uint32_t k = cue.last + 1;
        const uint32_t pend = c.paraEnd(i);
        if (cue.according) continue;
        const bool colon = c.isPunct(k, ":");
        if (c.isPunct(k, ",") || colon) ++k;
        if (k > pend && colon && k < c.n) {  // "said:" ending a paragraph, the quotation below
            if (!c.inRegion(k) || !c.tok[k].paragraphStart) continue;
        } else if (k > pend) {
            continue;
        }
        if (!c.inRegion(k) || c.tok[k].kind != TokenKind::QuoteOpen) continue;
        const int32_t r = c.regionOf[k];
        if (c.regions[r].owner != kNone) continue;
        // "said “productive”" with text after the region is a mixed quote: left to reported()
        const Region& reg = c.regions[r];
        uint32_t endR = reg.close;
        int32_t rr = r;
        while (c.regions[rr].next != kNone) { rr = c.regions[rr].next; endR = c.regions[rr].close; }
        const bool endsClause = endR + 1 >= c.n || c.sentenceEnd(endR + 1) || c.tok[endR + 1].paragraphStart ||
                                c.sentenceEnd(endR) || c.isPunct(endR - 1, ".") || c.isPunct(endR - 1, "?") ||
                                c.isPunct(endR - 1, "!") || c.isQuoteTok(endR + 1);
        if (!colon && !c.isPunct(cue.last + 1, ",")) continue;  // "said “…”" is left to reported()
        (void)endsClause;
        Attribution a;
        a.cueFirst = cue.first;
        a.cueLast = colon ? cue.last + 1 : cue.last;  // "said:": the colon that opens the quotation is the cue's
        a.hasCue = true;
        a.colonCue = colon;
        a.cls = cue.word.cls;
        int32_t sb, se;
        bool app = false;
        const uint32_t lb = c.sentFirst(i);
        if (cue.word.form == CueForm::Participle && i > 0 && c.isPunct(i - 1, ",") && clauseSubject(c, i, sb, se)) {
            a.srcFirst = sb;
            a.srcLast = se;
            a.rule = "leading: X ..., adding: Q";
            a.confidence = 0.8f;
        } else if (sourceLeft(c, i, lb, sb, se, app)) {
            a.srcFirst = sb;
            a.srcLast = se;
            a.rule = app ? "leading: X, apposition, said: Q" : "leading: X said: Q";
            a.confidence = 0.9f;
        } else {
            a.rule = "leading cue, source not found";
            a.confidence = 0.4f;
        }
        const int32_t owner = static_cast<int32_t>(c.atts.size());
        takeRegion(c, a, r, owner);
        useChunk(c, a);
        joinFollowing(c, a, endR + 1, owner);
        addAttribution(c, std::move(a));
    }
}

// Colon transcripts: "PENCE: …" at the start of a paragraph.
void transcripts(Ctx& c) {
    for (uint32_t i = 0; i < c.n; ++i) {
        if (!c.tok[i].paragraphStart || c.claimed[i]) continue;
        const uint32_t para0 = i;
        if (c.isQuoteTok(i) && i + 1 < c.n && !c.tok[i + 1].paragraphStart) ++i;  // "PENCE: … in a pasted transcript
        uint32_t k = i;
        while (k < c.n && k < i + 4 && (c.allCaps(k) || (c.isPunct(k, ".") && k > i)) && !c.tok[k + (k + 1 < c.n)].paragraphStart) ++k;
        if (k == i || !c.isPunct(k, ":") || k + 1 >= c.n || c.tok[k + 1].paragraphStart) { i = para0; continue; }
        // labels that no one speaks: "Q:", "UPDATE:", "CORRECTION:", "WATCH:"
        static constexpr std::string_view kLabels[] = {"q", "a", "update", "updated", "note", "source", "editor",
                                                       "clarification", "correction", "disclosure", "related",
                                                       "watch", "read", "photo", "video", "warning"};
        if (k == i + 1 && std::find(std::begin(kLabels), std::end(kLabels), c.lower[i]) != std::end(kLabels)) { i = para0; continue; }
        const uint32_t pend = c.paraEnd(i);
        Attribution a;
        a.cueFirst = a.cueLast = k;
        a.hasCue = true;
        a.colonCue = true;
        a.srcFirst = static_cast<int32_t>(i);
        a.srcLast = static_cast<int32_t>(k - 1);
        a.content.push_back({k + 1, pend});
        a.rule = "transcript: NAME: text";
        a.confidence = 0.85f;
        for (uint32_t t = para0; t <= pend; ++t)
            if (c.inRegion(t)) c.regions[c.regionOf[t]].owner = static_cast<int32_t>(c.atts.size());
        addAttribution(c, std::move(a));
    }
}

// "…, X said." / "…, said X." at a sentence's end: the content is before.
bool reverseChunk(Ctx& c, const Cue& cue, Attribution& a) {
    const uint32_t i = cue.first;
    const uint32_t first = c.sentFirst(i);
    const uint32_t send = c.sentEnd(i);
    // what follows the cue must be short and end the sentence
    uint32_t k = cue.last + 1;
    int32_t rb = kNone, re = kNone;
    uint32_t tail = k;
    bool inverted = false;
    if (cue.word.form == CueForm::Participle || cue.word.form == CueForm::Base || cue.word.cls == CueClass::Judgment) return false;
    if (i > first && c.isPunct(i - 1, ",")) {
        if (!sourceRight(c, k, send, rb, re)) return false;
        if (re - rb > 8) return false;
        tail = static_cast<uint32_t>(re) + 1;
        if (!(tail >= send || c.sentenceEnd(tail) || c.isPunct(tail, ","))) return false;
        inverted = true;
    }
    uint32_t extra = 0;
    if (!inverted && tail < send && !c.sentenceEnd(tail)) {
        // only adverbials may follow: "in a statement", "on Twitter", "told reporters"
        const std::string_view w = c.lower[tail];
        const bool adverbial = w == "in" || w == "on" || w == "at" || w == "to" || w == "during" || w == "after" ||
                               w == "before" || w == "late" || w == "earlier" || w == "last" || w == "this" ||
                               w == "yesterday" || w == "today" || w == "via" || w == "through" || w == "recently" ||
                               w == "later" || w == "tuesday" || w == "monday" || w == "wednesday" || w == "thursday" ||
                               w == "friday" || w == "saturday" || w == "sunday" || w == "afterward" || w == "afterwards" ||
                               w == "of" || w == "about";
        if (!adverbial && !(cue.word.flags & kCueTakesObject)) return false;
    }
    while (tail < send && !c.sentenceEnd(tail)) {
        if (c.inRegion(tail) || c.is(tail, "that") || c.isPunct(tail, ":")) return false;
        if (c.isPunct(tail, ",") && inverted) break;  // ", said Latimer, another speechwriter who..."
        // "…, officials said Monday, as costs rose": a clause about the whole
        // sentence may follow the adverbials
        if (c.isPunct(tail, ",") && tail > cue.last + 1 &&
            (c.is(tail + 1, "as") || c.is(tail + 1, "while") || c.is(tail + 1, "because") || c.is(tail + 1, "although") ||
             c.is(tail + 1, "though") || c.is(tail + 1, "since") || c.is(tail + 1, "after") || c.is(tail + 1, "before") ||
             c.is(tail + 1, "when") || c.is(tail + 1, "amid")))
            break;
        ++tail;
        ++extra;
    }
    if (extra > 8 && !inverted) return false;
    uint32_t comma;
    int32_t sb = kNone, se = kNone;
    bool app = false;
    if (inverted) {
        comma = i - 1;
        sb = rb;
        se = re;
    } else {
        if (!sourceLeft(c, i, first, sb, se, app)) return false;
        if (sb == kNone || sb == 0) return false;
        comma = static_cast<uint32_t>(sb) - 1;
        if (!c.isPunct(comma, ",") && !c.isPunct(comma, "\xE2\x80\x94")) return false;
    }
    if (comma <= first) return false;
    uint32_t b = first;
    while (b < comma && c.tok[b].kind == TokenKind::Punct) ++b;
    // the clause starts after an earlier cue's chunk in this sentence
    for (uint32_t t = comma; t-- > b;)
        if (c.used[t] || c.claimed[t]) { b = t + 1; break; }
    uint32_t e = comma - 1;
    if (e < b) return false;
    int words = 0;
    for (uint32_t t = b; t <= e; ++t) words += c.isWord(t);
    if (words < 3) return false;
    a.cueFirst = cue.first;
    a.cueLast = cue.last;
    a.hasCue = true;
    a.cls = cue.word.cls;
    a.srcFirst = sb;
    a.srcLast = se;
    a.content.push_back({b, e});
    a.rule = inverted ? "reported, inverted: S, said X" : "reported, trailing: S, X said";
    a.confidence = 0.8f;
    return true;
}

// Is [b, e] a clause or a quotation (what a cue outside the lexicon needs to
// report), not a plain object? By the tree: the head of the words is no
// object, oblique or nominal modifier, or they start with a subordinator.
bool clausal(const Ctx& c, uint32_t b, uint32_t e) {
    for (uint32_t t = b; t <= e; ++t)
        if (c.inRegion(t)) return true;
    const std::string_view first = c.lower[b];
    if (first == "that" || first == "to" || first == "whether" || first == "if" || first == "how" || first == "why" ||
        first == "what" || first == "when" || first == "where" || first == "who")
        return true;
    for (uint32_t t = b; t <= e; ++t) {
        const int32_t h = c.tok[t].head;
        if (h >= static_cast<int32_t>(b) && h <= static_cast<int32_t>(e)) continue;
        const Deprel r = universalDeprel(static_cast<Deprel>(c.tok[t].deprel));
        return !(r == Deprel::Obj || r == Deprel::Obl || r == Deprel::Nmod || r == Deprel::Iobj);
    }
    return true;
}

// Does the attribution model, reading cue token h off the tree, take it for
// a claim (the verifier above its threshold)?
bool treeVerifies(const Ctx& c, uint32_t h) {
    attr::Reading r;
    const std::vector<uint8_t> none(c.n, 0);
    if (!attr::read(*c.tree, *c.model, h, none, r)) return false;
    return attr::verify(*c.tree, *c.model, r) > c.model->cal[attr::Verify].threshold;
}

// Does the tree give cue token h a subject inside a's content? Then a
// "…, X said" reading took the speaker for the words said.
bool subjectInContent(const Ctx& c, uint32_t h, const Attribution& a) {
    const int32_t t = c.tree->child(h, Deprel::Nsubj);
    if (t < 0 || static_cast<uint32_t>(t) >= h) return false;
    for (auto [b, e] : a.content)
        if (static_cast<uint32_t>(t) >= b && static_cast<uint32_t>(t) <= e) return true;
    return false;
}

void reported(Ctx& c) {
    c.taggerCues = true;
    struct Reset { Ctx& c; ~Reset() { c.taggerCues = false; } } reset{c};
    std::vector<Cue> cues;
    for (uint32_t i = 0; i < c.n; ++i) {
        Cue cue;
        if (c.used[i] || c.inRegion(i) || !cueAt(c, i, cue)) continue;
        cues.push_back(cue);
        i = cue.last;
    }
    // First the cues that close their sentence ("…, officials said."), so
    // that an earlier cue in the same sentence does not swallow them.
    // a lexicon verb the tree reads as the noun a sentence is about is that
    // noun ("River bridge plan splits council", "A big question remains");
    // nouns that report ("his comments about…") stay cues
    auto nounInTree = [&](const Cue& cue) {
        if (!c.tree || cue.according) return false;
        const Upos u = c.tree->upos(cue.first);
        const Deprel r = universalDeprel(c.tree->rel(cue.first));
        return cue.word.form == CueForm::Base && (u == Upos::NOUN || u == Upos::PROPN) &&
               (r == Deprel::Nsubj || r == Deprel::Compound);
    };
    for (const Cue& cue : cues) {
        if (c.used[cue.first] || c.claimed[cue.first] || cue.according || nounInTree(cue)) continue;
        Attribution a;
        if (!reverseChunk(c, cue, a)) continue;
        if (c.tree && subjectInContent(c, cue.first, a)) continue;  // "X, who …, expects a deal": X's, read by the tree
        addAttribution(c, std::move(a));
    }
    for (const Cue& cue : cues) {
        if (c.used[cue.first] || c.claimed[cue.first] || nounInTree(cue)) continue;
        const uint32_t i = cue.first;
        const uint32_t first = c.sentFirst(i);
        Attribution a;
        a.cueFirst = cue.first;
        a.cueLast = cue.last;
        a.hasCue = true;
        a.cls = cue.word.cls;
        int32_t sb = kNone, se = kNone;
        bool app = false;
        if (cue.according) {
            const uint32_t send = c.sentEnd(i);
            if (!sourceRight(c, cue.last + 1, send, sb, se)) continue;
            a.srcFirst = sb;
            a.srcLast = se;
            a.confidence = 0.85f;
            // "According to X, S." or "S, according to X."
            uint32_t b = first;
            while (b < i && (c.tok[b].kind == TokenKind::Punct || c.isQuoteTok(b))) ++b;
            if (i <= b + 1 || (i > first && !c.isPunct(i - 1, ",") && !c.isPunct(i - 1, "\xE2\x80\x94") && !c.isPunct(i - 1, "("))) {
                uint32_t k = static_cast<uint32_t>(se) + 1;
                if (!contentAfter(c, k, cue.word, a)) continue;
                a.rule = "according-to: according to X, S";
            } else {
                for (uint32_t t = i; t-- > b;)
                    if (c.used[t] || c.claimed[t]) { b = t + 1; break; }
                if (i < b + 3) continue;
                a.content.push_back({b, i - 2});
                a.rule = "according-to: S, according to X";
            }
            addAttribution(c, std::move(a));
            continue;
        }
        if (cue.word.form == CueForm::Participle && i > first &&
            (c.isPunct(i - 1, ",") || (c.tok[i - 1].kind == TokenKind::QuoteClose && i >= 2 && c.isPunct(i - 2, ",")) ||
             c.is(i - 1, "despite") || c.is(i - 1, "after") || c.is(i - 1, "before") ||
             c.is(i - 1, "by") || c.is(i - 1, "while") || c.is(i - 1, "without") || c.is(i - 1, "in"))) {
            if (!clauseSubject(c, i, sb, se)) sb = se = kNone;
            a.rule = "reported: X ..., saying S";
            a.confidence = sb == kNone ? 0.4f : 0.75f;
        } else if (sourceLeft(c, i, first, sb, se, app)) {
            a.rule = app ? "reported: X, apposition, said S" : "reported: X said S";
            a.confidence = cue.word.flags & kCueWeak ? 0.55f : 0.8f;
        } else if (cue.word.form != CueForm::Participle && i > first && c.is(i - 1, "and") && clauseSubject(c, i, sb, se)) {
            a.rule = "reported: X ... and said S";
            a.confidence = 0.7f;
        } else {
            continue;  // a cue word with no subject is most often not an attribution
        }
        a.srcFirst = sb;
        a.srcLast = se;
        if (app) a.srcLast = withApposition(c, i, se, a.srcCore);
        if (!contentAfter(c, cue.last + 1, cue.word, a)) continue;
        if (cue.word.lemma == kTaggerLemma) {
            // a tagged cue needs a clause, not just an object ("thanked the engineers",
            // "boarded a train to the capital")
            const auto [cb, ce] = a.content.back();
            int words = 0;
            for (uint32_t k = cb; k <= ce; ++k) words += c.isWord(k);
            if (words < 4) continue;
            if (c.tree && !clausal(c, cb, ce) && !treeVerifies(c, cue.first)) continue;
        }
        addAttribution(c, std::move(a));
    }
}

// Reported speech read off the dependency tree by the attribution model
// (attribution.hpp): every word it takes for the head of a cue, with the
// content that cue governs (its complement, or the clause it hangs in) and
// its source (its subject, the X of "according to X", the owner of "the
// senator's statement"). Words that earlier passes gave to a quotation's cue,
// source or content stay theirs; reported claims may nest in one another.
// A word outside the cue lexicon is held to the same verifier threshold as a
// listed one: on dev, a stricter bar for unlisted words, or for those that
// report a plain object, only lost recall (lenient F1 0.794 → 0.790).
void reportedTree(Ctx& c) {
    const attr::AttrModel& m = *c.model;
    const attr::Tree& tr = *c.tree;
    std::vector<uint8_t> blocked(c.n, 0);
    for (uint32_t t = 0; t < c.n; ++t) blocked[t] = c.used[t] || c.claimed[t];
    const float readFrom = m.cal[attr::Cue].threshold;
    for (uint32_t h = 0; h < c.n; ++h) {
        if (blocked[h] || c.used[h] || c.inRegion(h) || !attr::cueCandidate(tr, h)) continue;
        if (c.cueProb(h) <= readFrom) continue;
        attr::Reading r;
        if (!attr::read(tr, m, h, blocked, r)) continue;
        if (c.cue(h).flags & kCueNotWithObject) {
            const Deprel cr = universalDeprel(static_cast<Deprel>(r.contentRel));
            if (!r.governor && (cr == Deprel::Obj || cr == Deprel::Obl) && !c.inRegion(r.contentFirst)) continue;
        }
        const float p = attr::verify(tr, m, r);
        if (p <= m.cal[attr::Verify].threshold) continue;
        // "boarded a train", "bought the farm": an act on a thing, no claim
        if (c.cue(h).cls == CueClass::None && !r.governor && !c.inRegion(r.contentFirst) && isPhysicalAct(c.lower[h])) {
            const Deprel cr = universalDeprel(static_cast<Deprel>(r.contentRel));
            if (cr == Deprel::Obj || cr == Deprel::Obl) continue;
        }
        // "talks aimed at strengthening ties", "a plan designed to…": a participle
        // right after a noun no one speaks as says what the thing is for
        if (c.cue(h).cls == CueClass::None && h > 0 && h + 1 < c.n && c.lower[h].ends_with("ed") &&
            static_cast<Upos>(c.tok[h - 1].upos) == Upos::NOUN && c.mentionOf[h - 1] == kNone &&
            c.noun(h - 1) == SpeakerNoun::None && !isHumanNoun(c.lower[h - 1]) &&
            (static_cast<Upos>(c.tok[h + 1].upos) == Upos::ADP || static_cast<Upos>(c.tok[h + 1].upos) == Upos::SCONJ ||
             c.is(h + 1, "to")))
            continue;
        // "troops have cooperated in Idlib": a place alone (or with its
        // apposition) is where, not what
        if (!r.governor && !c.inRegion(r.contentFirst) && c.mentionOf[r.contentFirst] != kNone &&
            c.mentionAt(r.contentFirst).label == Label::LOC) {
            uint32_t t = r.contentFirst;
            while (t <= r.contentLast && c.mentionOf[t] == c.mentionOf[r.contentFirst]) ++t;
            if (t > r.contentLast || c.isPunct(t, ",")) continue;
        }
        // "…, Marta Vieira told reporters": when the tree gave no source, the
        // noun phrase right before the cue
        if (r.sourceHead < 0 && h > 0) {
            int32_t sb, se;
            bool app;
            const uint32_t first = c.sentFirst(h);
            if (sourceLeft(c, h, first, sb, se, app) && (app || se + 1 >= static_cast<int32_t>(h) - 1)) {
                r.sourceFirst = sb;
                r.sourceLast = se;
                if (app) r.sourceLast = withApposition(c, h, se, r.sourceCore);
                if (r.governor && static_cast<int32_t>(r.contentLast) >= sb && static_cast<int32_t>(r.contentFirst) < sb) {
                    uint32_t e = static_cast<uint32_t>(sb) - 1;
                    while (e > r.contentFirst && c.tok[e].kind == TokenKind::Punct) --e;
                    r.contentLast = e;
                }
            }
        }
        // a quotation the content reaches into, or that follows it in the same
        // sentence ("…continue to “develop positively”"), is the content's to its end
        for (uint32_t t = r.contentLast + 1; t < c.n && t <= r.contentLast + 3 && c.tok[t].sentence == c.tok[r.contentLast].sentence; ++t) {
            if (!c.inRegion(t)) {
                if (c.isWord(t)) break;
                continue;
            }
            const Region& g = c.regions[c.regionOf[t]];
            if (g.owner == kNone && g.open == t && c.tok[g.close].sentence == c.tok[t].sentence) r.contentLast = g.close;
            break;
        }
        for (uint32_t t = r.contentFirst; t <= r.contentLast; ++t) {
            if (!c.inRegion(t)) continue;
            const Region& g = c.regions[c.regionOf[t]];
            if (g.owner != kNone) break;
            r.contentFirst = std::min(r.contentFirst, g.open);
            r.contentLast = std::max(r.contentLast, g.close);
            t = g.close;
        }
        Attribution a;
        a.cueFirst = r.cueFirst;
        a.cueLast = r.cueLast;
        a.hasCue = true;
        a.colonCue = c.isPunct(h, ":");
        a.cls = c.cue(h).cls == CueClass::None ? CueClass::Speech : c.cue(h).cls;
        a.content.push_back({r.contentFirst, r.contentLast});
        a.srcFirst = r.sourceFirst;
        a.srcLast = r.sourceLast;
        if (r.sourceCore >= r.sourceFirst && r.sourceCore <= r.sourceLast) a.srcCore = r.sourceCore;
        a.rule = r.sourceWay == attr::SourceWay::AccordingTo && r.sourceFirst >= 0 ? "tree: according to X, S"
                 : r.governor                                                 ? "tree: S, X said"
                                                                              : "tree: X said S";
        a.confidence = p;
        addAttribution(c, std::move(a));
    }
}

// Sources that make sense: a source is a noun phrase, a name or a pronoun.
// When the tree says a source the rules found is headed by a verb, an
// adverb or an adjective ("unveil", "actually", "Both candidates face"), the
// rules misread it: the claim stays, with no source (a wrong one would count
// as an anonymous source in the ledger).
// The cue's subject by the tree: its nearest subject before it, passing over
// adverbials the parser took for subjects ("If anything, experts say"); "As a
// young reporter in Ohio, Maria Lopez said" is the name's, in apposition to it.
int32_t cueSubject(const Ctx& c, uint32_t h) {
    const attr::Tree& tr = *c.tree;
    int32_t best = kNone, after = kNone;
    tr.eachChild(h, [&](uint32_t t) {
        if (universalDeprel(tr.rel(t)) != Deprel::Nsubj) return;
        const Upos tu = tr.upos(t);
        // a time the parser took for a subject is none: "the court this month rejected", "said Friday"
        if ((tu == Upos::NOUN || tu == Upos::PROPN) && isCueAdverb(c.lower[t])) return;
        if (t > h) { if (after == kNone) after = static_cast<int32_t>(t); return; }
        const uint32_t first = tr.left[t];
        const Upos fu = tr.upos(first);
        if (first < t && (fu == Upos::ADP || fu == Upos::SCONJ) && tr.head(first) == static_cast<int32_t>(t)) {
            // an adverbial: the name in apposition to it, right before the cue, is the subject
            int32_t app = kNone;
            tr.eachChild(t, [&](uint32_t k) { if (k > t && universalDeprel(tr.rel(k)) == Deprel::Appos) app = static_cast<int32_t>(k); });
            if (app == kNone || c.mentionOf[static_cast<uint32_t>(app)] == kNone) return;
            uint32_t e = tr.right[app] + 1;
            while (e < h && c.tok[e].kind == TokenKind::Punct) ++e;
            if (e != h) return;
            best = app;
            return;
        }
        best = static_cast<int32_t>(t);  // children come in order: the last one before h is the nearest
    });
    return best != kNone ? best : after;
}

// A claim with a cue and no source yet: the cue's subject by the tree, when it
// is a noun phrase before the cue ("One of the family's lawyers, Tom Reyes,
// said", "Those close to him say"), or the subject of the verb the cue is
// coordinated with ("agreed, but also contended"). The learned source model
// passes over some of these (a number or a determiner as the head).
void subjectAsSource(const Ctx& c, Attribution& a) {
    const attr::Tree& tr = *c.tree;
    const uint32_t h = cueHead(c, a);
    int32_t subj = cueSubject(c, h);
    const Deprel hr = universalDeprel(tr.rel(h));
    const int32_t g = tr.head(h);
    if (subj == kNone && hr == Deprel::Conj && g >= 0 && g < static_cast<int32_t>(h))
        subj = cueSubject(c, static_cast<uint32_t>(g));
    // "to" before h marks an infinitive ("prompted the league to order")
    bool infinitive = false;
    tr.eachChild(h, [&](uint32_t t) { infinitive |= t < h && c.lower[t] == "to" && universalDeprel(tr.rel(t)) == Deprel::Mark; });
    auto controls = [&](uint32_t v) {
        static constexpr std::string_view kControl[] = {"prompt", "led", "lead", "urg", "ask", "told", "tell", "forc",
                                                        "push", "encourag", "convinc", "persuad", "invit", "caus", "pressur"};
        for (std::string_view w : kControl)
            if (c.lower[v].starts_with(w)) return true;
        return false;
    };
    if (subj == kNone && g >= 0 && hr == Deprel::Acl && universalDeprel(tr.rel(static_cast<uint32_t>(g))) == Deprel::Obj &&
        tr.head(static_cast<uint32_t>(g)) >= 0 && controls(static_cast<uint32_t>(tr.head(static_cast<uint32_t>(g))))) {
        // the parser hung the infinitive on the object: "prompted the league to order"
        if (infinitive) subj = g;
    }
    if (subj == kNone && g >= 0 && (hr == Deprel::Xcomp || hr == Deprel::Advcl)) {
        // a cue in a clause with no subject of its own takes the governing
        // clause's: "Bemoaning the system, Marlow accused…", "Marlow revised the
        // plan, promising…"; after a verb that hands its object the deed, that
        // object: "the threats prompted the alliance to order…"
        const bool participle = c.lower[h].size() > 4 && c.lower[h].ends_with("ing");
        if (infinitive || participle) {
            const bool control = infinitive && g < static_cast<int32_t>(h) && controls(static_cast<uint32_t>(g));
            const int32_t obj = control ? tr.child(static_cast<uint32_t>(g), Deprel::Obj) : -1;
            if (obj >= 0 && obj < static_cast<int32_t>(h)) subj = obj;
            else if (hr == Deprel::Advcl || !control) subj = cueSubject(c, static_cast<uint32_t>(g));
        }
    }
    if (subj == kNone) return;
    if (subj >= static_cast<int32_t>(a.cueFirst)) {
        // only an opening participle's subject comes after it, past its content
        const bool opening = hr == Deprel::Advcl && g > static_cast<int32_t>(h) && subj < g &&
                             subj > static_cast<int32_t>(a.content.back().second);
        if (!opening) return;
    }
    const Upos u = tr.upos(static_cast<uint32_t>(subj));
    if (u != Upos::NOUN && u != Upos::PROPN && u != Upos::PRON && u != Upos::NUM && u != Upos::DET &&
        c.mentionOf[static_cast<uint32_t>(subj)] == kNone)
        return;
    const uint32_t limit = subj > static_cast<int32_t>(a.cueFirst) ? static_cast<uint32_t>(g) - 1 : a.cueFirst - 1;
    uint32_t b = std::max(tr.left[subj], subj > static_cast<int32_t>(a.cueFirst) ? a.content.back().second + 1 : 0u);
    uint32_t e = std::min(tr.right[subj], limit);
    while (e > b && (c.tok[e].kind == TokenKind::Punct || c.tok[e].kind == TokenKind::QuoteClose)) --e;
    while (b < e && c.tok[b].kind == TokenKind::Punct) ++b;
    if (e < static_cast<uint32_t>(subj) || b > static_cast<uint32_t>(subj) || e - b > 24) return;
    for (uint32_t t = b; t <= e; ++t) {
        if (c.claimed[t] || c.inRegion(t)) return;
        for (auto [cb, ce] : a.content)
            if (t >= cb && t <= ce) return;
    }
    a.srcFirst = static_cast<int32_t>(b);
    a.srcLast = static_cast<int32_t>(e);
    a.srcCore = kNone;
}

// The source's whole phrase, as a reader would name it: the head word's
// apposition ("Mike Schmidt, an adviser to the campaign"), its conjuncts
// ("Trump and Clinton"), what it is of ("a group of doctors") and a party tag
// in brackets ("Sen. Paul Whitmore (R-Ohio)"), never into the cue, the
// content or another claim's words. An apposition closed by a comma before
// the cue keeps its comma. What names the speaker stays the name (srcCore).
void fullSource(const Ctx& c, Attribution& a) {
    const attr::Tree& tr = *c.tree;
    const uint32_t b = static_cast<uint32_t>(a.srcFirst);
    uint32_t e = static_cast<uint32_t>(a.srcLast);
    int32_t head = kNone;
    for (uint32_t t = b; t <= e && head == kNone; ++t)
        if (tr.head(t) < static_cast<int32_t>(b) || tr.head(t) > static_cast<int32_t>(e)) head = static_cast<int32_t>(t);
    if (head == kNone) return;
    const Upos hu = tr.upos(static_cast<uint32_t>(head));
    if (hu != Upos::NOUN && hu != Upos::PROPN && hu != Upos::NUM) return;
    auto free = [&](uint32_t t) {
        if (t >= c.n || c.inRegion(t) || c.claimed[t] || c.tok[t].sentence != c.tok[b].sentence) return false;
        if (t >= a.cueFirst && t <= a.cueLast) return false;
        for (auto [cb, ce] : a.content)
            if (t >= cb && t <= ce) return false;
        return true;
    };
    // on the left, the rest of the head's own phrase: "Democratic presidential
    // nominee Ana Ferreira", "the two Republican presidents"
    uint32_t nb = b;
    while (nb > 0 && nb - 1 >= tr.left[static_cast<uint32_t>(head)] && b - nb < 8) {
        const uint32_t t = nb - 1;
        if (!free(t) || c.isPunct(t, ",") || c.isPunct(t, ":") || c.lower[t] == "which" || c.lower[t] == "that" ||
            c.lower[t] == "what" || c.lower[t] == "whose")
            break;
        const Upos u = tr.upos(t);
        if (u != Upos::DET && u != Upos::ADJ && u != Upos::NOUN && u != Upos::PROPN && u != Upos::NUM && u != Upos::PART) break;
        int32_t x = static_cast<int32_t>(t);
        for (int depth = 0; depth < 8 && x >= 0 && (x < static_cast<int32_t>(nb) || x > static_cast<int32_t>(e)); ++depth) x = tr.head(static_cast<uint32_t>(x));
        if (x < static_cast<int32_t>(nb) || x > static_cast<int32_t>(e)) break;  // not the phrase's
        nb = t;
    }
    if (nb < b) a.srcFirst = static_cast<int32_t>(nb);
    const uint32_t last0 = e;
    tr.eachChild(static_cast<uint32_t>(head), [&](uint32_t k) {
        if (k <= e || tr.left[k] > e + 2) return;
        const Deprel r = universalDeprel(tr.rel(k));
        const bool afterComma = c.isPunct(e + 1, ",");
        const Deprel full = tr.rel(k);
        const Upos ku = tr.upos(k);
        if (ku == Upos::VERB || ku == Upos::AUX || ku == Upos::ADV) {
            if (full != Deprel::AclRelcl) return;  // only a relative clause is a predicate of the source's
        }
        bool of = full == Deprel::Nmod;  // "advisers to Mr. Obama", "a lawyer for the club"; not "in a statement", "on Friday"
        if (of) {
            tr.eachChild(k, [&](uint32_t x) {
                if (universalDeprel(tr.rel(x)) == Deprel::Case && x < k && (c.lower[x] == "in" || c.lower[x] == "on") && ku != Upos::PROPN)
                    of = false;
            });
        }
        const bool take = r == Deprel::Appos || r == Deprel::Conj || of || (r == Deprel::Flat && ku == Upos::PROPN) ||
                          (afterComma && (full == Deprel::AclRelcl || r == Deprel::Nummod || r == Deprel::Amod));
        if (!take) return;
        for (uint32_t t = e + 1; t <= tr.right[k]; ++t)
            if (!free(t)) return;
        e = tr.right[k];
    });
    while (e > last0 && c.tok[e].kind == TokenKind::Punct && !c.isPunct(e, ")")) --e;
    if (e != last0) {
        if (a.srcCore == kNone) a.srcCore = static_cast<int32_t>(last0);
        a.srcLast = static_cast<int32_t>(e);
    }
}

// The cue's whole verb group, as annotators mark it: the auxiliaries and
// adverbs right before its head ("has also said", "would further argue"),
// never the source's or the content's words.
void fullCue(const Ctx& c, Attribution& a) {
    const attr::Tree& tr = *c.tree;
    const uint32_t h = cueHead(c, a);
    const uint32_t sentence0 = c.sentFirst(h);
    while (a.cueFirst > sentence0) {
        const uint32_t t = a.cueFirst - 1;
        if (c.inRegion(t) || c.claimed[t] || c.used[t]) break;
        if (a.srcFirst != kNone && static_cast<int32_t>(t) >= a.srcFirst && static_cast<int32_t>(t) <= a.srcLast) break;
        bool inContent = false;
        for (auto [cb, ce] : a.content) inContent |= t >= cb && t <= ce;
        if (inContent || tr.head(t) != static_cast<int32_t>(h)) break;
        const Deprel r = universalDeprel(tr.rel(t));
        const Upos u = tr.upos(t);
        if (!(r == Deprel::Aux || (r == Deprel::Advmod && (u == Upos::ADV || u == Upos::PART)) || r == Deprel::Cop)) break;
        a.cueFirst = t;
    }
    // "…, he said: …": the colon that opens the content is the cue's
    const uint32_t colon = a.cueLast + 1;
    if (colon + 1 < c.n && c.isPunct(colon, ":") && !c.inRegion(colon) && !c.claimed[colon] &&
        c.tok[colon].sentence == c.tok[a.cueLast].sentence) {
        bool opens = false, inside = false;
        for (auto [cb, ce] : a.content) {
            inside |= colon >= cb && colon <= ce;
            opens |= cb > colon;
        }
        if (opens && !inside) a.cueLast = colon;
    }
}

void checkSources(Ctx& c) {
    std::vector<Attribution> kept;
    kept.reserve(c.atts.size());
    for (Attribution& a : c.atts) {
        // the cue's subject by the tree, when the rules took other words:
        // "Lena Hartmann, who studies freight markets, expects a deal" is
        // Hartmann's, not "a deal within days"'s
        if (a.hasCue && a.srcFirst != kNone && !a.colonCue) {
            const uint32_t h = a.cueFirst;
            const int32_t subj = cueSubject(c, h);
            const bool inSource = subj != kNone && subj >= a.srcFirst && subj <= a.srcLast;
            if (inSource) {
                // words after the subject that hang off the cue are not the source's:
                // "Erdogan last week indicated" is Erdogan's
                for (int32_t t = subj + 1; t <= a.srcLast; ++t) {
                    int32_t x = t;
                    for (int depth = 0; x >= 0 && x != subj && x != static_cast<int32_t>(h) && depth < 64; ++depth) x = c.tok[x].head;
                    if (x == static_cast<int32_t>(h)) {
                        a.srcLast = t - 1;
                        a.srcCore = kNone;
                        break;
                    }
                }
            }
            bool inContent = false;
            for (auto [cb, ce] : a.content) inContent |= subj != kNone && subj >= static_cast<int32_t>(cb) && subj <= static_cast<int32_t>(ce);
            const Upos su = subj != kNone ? static_cast<Upos>(c.tok[subj].upos) : Upos::None;
            if (subj != kNone && !inSource && !inContent && (su == Upos::NOUN || su == Upos::PROPN || su == Upos::PRON)) {
                // the subject's own words: its name or noun with what precedes it, up to a comma
                uint32_t b = static_cast<uint32_t>(subj), e = b;
                std::vector<uint32_t> kids;
                c.tree->eachChild(static_cast<uint32_t>(subj), [&](uint32_t t) { if (t < h) kids.push_back(t); });
                for (uint32_t t : kids) {
                    const Deprel r = universalDeprel(static_cast<Deprel>(c.tok[t].deprel));
                    if (t < b && (r == Deprel::Det || r == Deprel::Compound || r == Deprel::Amod || r == Deprel::Nmod ||
                                  r == Deprel::Flat || r == Deprel::Nummod))
                        b = std::min(b, c.tree->left[t]);  // what precedes it: "the union's regional secretary"
                    else if (t > e && r == Deprel::Flat)
                        e = t;  // the rest of its name
                    else if (t == e + 1 && r == Deprel::Appos && c.mentionOf[t] != kNone)
                        e = c.tree->right[t];  // a title's name: "Opposition councillor Piotr Nowak"
                }
                while (e + 1 < h && c.mentionOf[e + 1] != kNone && c.mentionOf[e + 1] == c.mentionOf[e]) ++e;
                bool clean = true;
                for (uint32_t t = b; t <= e; ++t) clean &= !c.isPunct(t, ",") && !c.claimed[t];
                // the rules' words inside the subject's phrase: theirs stand ("Erdogan" of a
                // misparsed "Erdogan last week")
                const bool overlaps = a.srcFirst <= static_cast<int32_t>(e) && static_cast<int32_t>(b) <= a.srcLast;
                if (clean && !overlaps) {
                    a.srcFirst = static_cast<int32_t>(b);
                    a.srcLast = static_cast<int32_t>(e);
                    a.srcCore = kNone;
                }
            }
        }
        if (a.srcFirst != kNone) {
            const uint32_t b = static_cast<uint32_t>(a.srcFirst), e = static_cast<uint32_t>(a.srcLast);
            int32_t head = kNone;
            for (uint32_t t = b; t <= e && head == kNone; ++t) {
                const int32_t h = c.tok[t].head;
                if (h < static_cast<int32_t>(b) || h > static_cast<int32_t>(e)) head = static_cast<int32_t>(t);
            }
            const Upos u = head == kNone ? Upos::NOUN : static_cast<Upos>(c.tok[head].upos);
            const bool nominal = u == Upos::NOUN || u == Upos::PROPN || u == Upos::PRON || u == Upos::NUM || u == Upos::X ||
                                 u == Upos::SYM || (u == Upos::DET && b == e) || c.mentionOf[static_cast<uint32_t>(head)] != kNone ||
                                 c.noun(static_cast<uint32_t>(head)) != SpeakerNoun::None || c.pronoun(static_cast<uint32_t>(head)) != PronounKind::None;
            if (!nominal) {
                // keep the noun phrase inside it, if there is one ("Both candidates face" → "Both candidates")
                int32_t np = kNone;
                for (uint32_t t = b; t <= e && np == kNone; ++t) {
                    if (c.tok[t].head != head) continue;
                    const Deprel r = universalDeprel(static_cast<Deprel>(c.tok[t].deprel));
                    const Upos tu = static_cast<Upos>(c.tok[t].upos);
                    if ((r == Deprel::Nsubj || r == Deprel::Obj) && (tu == Upos::NOUN || tu == Upos::PROPN || tu == Upos::PRON))
                        np = static_cast<int32_t>(t);
                }
                if (np != kNone) {
                    uint32_t nb = static_cast<uint32_t>(np), ne = nb;
                    for (uint32_t t = b; t <= e; ++t) {  // np's words inside the span
                        int32_t x = static_cast<int32_t>(t);
                        for (int depth = 0; x >= 0 && x != np && depth < 64; ++depth) x = c.tok[x].head;
                        if (x == np) { nb = std::min(nb, t); ne = std::max(ne, t); }
                    }
                    a.srcFirst = static_cast<int32_t>(nb);
                    a.srcLast = static_cast<int32_t>(ne);
                    a.srcCore = kNone;
                } else {
                    a.srcFirst = a.srcLast = a.srcCore = kNone;
                    a.confidence *= 0.5f;
                }
            }
        }
        if (a.srcFirst != kNone && neverSource(c, static_cast<uint32_t>(a.srcFirst), static_cast<uint32_t>(a.srcLast))) {
            a.srcFirst = a.srcLast = a.srcCore = kNone;
            a.confidence *= 0.5f;
        }
        if (a.hasCue && a.srcFirst == kNone && !a.colonCue) subjectAsSource(c, a);
        if (a.srcFirst != kNone && !a.colonCue) fullSource(c, a);
        if (a.hasCue && !a.colonCue) fullCue(c, a);
        // the paragraph's first word, when the source starts within a dateline's reach
        uint32_t para = a.srcFirst != kNone ? static_cast<uint32_t>(a.srcFirst) : 0;
        while (a.srcFirst != kNone && para > 0 && !c.tok[para].paragraphStart && static_cast<uint32_t>(a.srcFirst) - para < 12) --para;
        if (a.srcFirst != kNone && c.tok[para].paragraphStart) {
            // "WASHINGTON -- President Obama, dedicating …, said": the dateline is
            // not the source's, and the name is its words up to the comma
            const uint32_t d = afterDateline(c, para);
            if (d > static_cast<uint32_t>(a.srcFirst) && static_cast<int32_t>(d) <= a.srcLast) {
                a.srcFirst = static_cast<int32_t>(d);
                for (int32_t t = a.srcFirst + 1; t <= a.srcLast; ++t)
                    if (c.isPunct(static_cast<uint32_t>(t), ",")) { a.srcLast = t - 1; break; }
                a.srcCore = kNone;
            }
        }
        if (a.srcFirst != kNone && neverSource(c, static_cast<uint32_t>(a.srcFirst), static_cast<uint32_t>(a.srcLast)))
            a.srcFirst = a.srcLast = a.srcCore = kNone;
        if (a.hasCue && a.srcFirst != kNone && static_cast<uint32_t>(a.srcLast) + 1 < a.cueFirst) {
            // a title right before a person's name and the cue ("Retired judge Anna Kloss
            // said", however it was parsed): the name is the source's
            const uint32_t t = static_cast<uint32_t>(a.srcLast) + 1;
            if (c.mentionOf[t] != kNone && c.mentionOf[t] != c.mentionOf[t - 1] && c.mentionAt(t).label == Label::PER &&
                isHumanNoun(c.lower[t - 1])) {
                uint32_t e = t;
                while (e + 1 < a.cueFirst && c.mentionOf[e + 1] == c.mentionOf[t]) ++e;
                if (e + 1 == a.cueFirst) a.srcLast = static_cast<int32_t>(e);
            }
        }
        kept.push_back(std::move(a));
    }
    c.atts = std::move(kept);
}

// Regions nobody took: the rest of the previous speaker's quotation when they
// open a paragraph right after a quoted paragraph; otherwise left alone when
// short (scare quotes, titles) and reported as unsourced when long.
// "Mr. Quiros was accused of fraud", "The vote is expected to be close": the
// subject of a passive cue is what the claim is about, not who makes it. Its
// words are the content's first part, and the source is the agent ("by the
// court") or nobody. ("He was quoted as saying" is the one passive whose
// subject speaks.)
// "Protesters were frustrated", "we are convinced": a state of mind whose
// subject holds it
bool isExperiencerPassive(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "alarmed", "annoyed", "concerned", "convinced", "disappointed", "encouraged", "frustrated", "incensed",
        "outraged", "pleased", "satisfied", "surprised", "troubled", "unsettled", "upset", "worried", "angered",
        "delighted", "dismayed", "shocked", "stunned", "thrilled", "heartened", "persuaded", "determined", "committed",
    };
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

void passiveSubjects(Ctx& c) {
    const attr::Tree& tr = *c.tree;
    for (Attribution& a : c.atts) {
        if (!a.hasCue || a.colonCue || a.continuation || a.srcFirst == kNone) continue;
        const uint32_t h = cueHead(c, a);
        if (static_cast<Xpos>(c.tok[h].xpos) != Xpos::VBN || c.lower[h] == "quoted") continue;
        int32_t subj = kNone, agent = kNone;
        bool aux = false;
        tr.eachChild(h, [&](uint32_t t) {
            if (tr.rel(t) == Deprel::NsubjPass && t < h) subj = static_cast<int32_t>(t);
            else if (tr.rel(t) == Deprel::OblAgent && t > h) agent = static_cast<int32_t>(t);
            else if (tr.rel(t) == Deprel::AuxPass) aux = c.lower[t] != "'s" && c.lower[t] != "\u2019s";  // "he's sought": has
        });
        if (!aux || subj == kNone || subj < a.srcFirst || subj > a.srcLast || isExperiencerPassive(c.lower[h])) continue;
        for (int32_t t = a.srcFirst; t <= a.srcLast; ++t) c.used[t] = 0;
        a.srcFirst = a.srcLast = a.srcCore = kNone;
        a.passive = true;
        {
            uint32_t b = tr.left[static_cast<uint32_t>(subj)], e = tr.right[static_cast<uint32_t>(subj)];
            while (b <= e && c.tok[b].kind == TokenKind::Punct) ++b;
            while (e > b && c.tok[e].kind == TokenKind::Punct) --e;
            bool free = b <= e && e < a.cueFirst && a.content.front().first > a.cueLast;
            for (uint32_t t = b; t <= e && free; ++t) free = !c.used[t] && !c.claimed[t];
            if (free) {
                a.content.insert(a.content.begin(), {b, e});
                claim(c, b, e);
            }
        }
        if (agent != kNone) {
            uint32_t b = tr.left[static_cast<uint32_t>(agent)];
            const uint32_t e = tr.right[static_cast<uint32_t>(agent)];
            if (c.lower[b] == "by") ++b;
            bool free = b <= e;
            for (uint32_t t = b; t <= e && free; ++t) free = !c.used[t] && !c.claimed[t];
            if (free) {
                a.srcFirst = static_cast<int32_t>(b);
                a.srcLast = static_cast<int32_t>(e);
                for (uint32_t t = b; t <= e; ++t) c.used[t] = 1;
            }
        }
    }
}

// A source is a noun phrase: adverbs and auxiliaries the parser left at its
// end belong to the cue's verb group ("Gingrich cynically dismissed",
// "Harry Reid, in particular, has been steadily pounding"), and a lone
// adjective is the noun it describes ("two Democratic speechwriters", not
// "Democratic"; a name the parser made a compound stays as it is: "Erdogan
// last week indicated").
void tidySources(Ctx& c) {
    const attr::Tree& tr = *c.tree;
    for (Attribution& a : c.atts) {
        if (a.srcFirst == kNone || !a.hasCue || static_cast<uint32_t>(a.srcLast) >= a.cueFirst) continue;
        int32_t e = a.srcLast;
        bool cut = false;
        for (;;) {
            if (e <= a.srcFirst) break;
            const Upos u = tr.upos(static_cast<uint32_t>(e));
            if (u == Upos::ADV || u == Upos::AUX) { --e; cut = true; continue; }
            if (cut && c.isPunct(static_cast<uint32_t>(e), ",")) { --e; continue; }
            if (cut && e - 1 > a.srcFirst && (c.lower[e - 1] == "in" || c.lower[e - 1] == "for") &&
                (c.lower[e] == "particular" || c.lower[e] == "example" || c.lower[e] == "instance")) { e -= 2; continue; }
            break;
        }
        if (e != a.srcLast && e >= a.srcFirst && (c.isWord(static_cast<uint32_t>(e)) || c.isPunct(static_cast<uint32_t>(e), ")"))) {
            for (int32_t t = e + 1; t <= a.srcLast; ++t) c.used[t] = 0;
            a.srcLast = e;
            if (a.srcCore > e) a.srcCore = kNone;
        }
        if (a.srcFirst == a.srcLast) {
            const uint32_t t = static_cast<uint32_t>(a.srcFirst);
            const Deprel r = universalDeprel(tr.rel(t));
            const int32_t h = tr.head(t);
            if (r == Deprel::Amod && tr.upos(t) == Upos::ADJ && c.mentionOf[t] == kNone && h > a.srcLast && h < static_cast<int32_t>(a.cueFirst) &&
                (tr.upos(static_cast<uint32_t>(h)) == Upos::NOUN || tr.upos(static_cast<uint32_t>(h)) == Upos::PROPN)) {
                uint32_t b = std::min(t, tr.left[static_cast<uint32_t>(h)]);
                const uint32_t e2 = std::min(tr.right[static_cast<uint32_t>(h)], a.cueFirst - 1);
                while (b < t && c.tok[b].kind == TokenKind::Punct) ++b;
                bool free = true;
                for (uint32_t k = b; k <= e2 && free; ++k) free = (k == t || !c.used[k]) && !c.claimed[k];
                if (free) {
                    for (uint32_t k = b; k <= e2; ++k) c.used[k] = 1;
                    a.srcFirst = static_cast<int32_t>(b);
                    a.srcLast = static_cast<int32_t>(e2);
                    a.srcCore = kNone;
                }
            }
        }
        // "Flynn, a top Trump surrogate, said": the comma that closes the
        // source's apposition is the source's (PolNeAR marks 921 of 1,027 so)
        const uint32_t close = static_cast<uint32_t>(a.srcLast) + 1;
        bool apposition = false;
        for (int32_t t = a.srcFirst + 1; t < a.srcLast && !apposition; ++t) apposition = c.isPunct(static_cast<uint32_t>(t), ",");
        if (apposition && close < a.cueFirst && c.isPunct(close, ",") && !c.claimed[close] && !c.inRegion(close)) {
            a.srcLast = static_cast<int32_t>(close);
            c.used[close] = 1;
        }
    }
}

// "Too often, Ms. Reyes said, the rules fail": a cue set off by commas in the
// middle of the sentence it reports splits that sentence's words in two, and
// both sides are the claim's. A content that starts right after the cue's
// closing comma takes the words before its opening comma, from the sentence's
// start, when no other claim or quotation holds them ("as X pointed out" too).
void splitAroundCue(Ctx& c) {
    for (Attribution& a : c.atts) {
        if (!a.hasCue || a.colonCue || a.continuation || a.content.size() != 1) continue;
        const auto [cb, ce] = a.content.front();
        uint32_t gb = a.cueFirst, ge = a.cueLast;  // the cue and its source
        if (a.srcFirst != kNone) {
            gb = std::min(gb, static_cast<uint32_t>(a.srcFirst));
            ge = std::max(ge, static_cast<uint32_t>(a.srcLast));
        }
        if (cb <= ge || cb != ge + 2 || !c.isPunct(ge + 1, ",") || c.inRegion(cb)) continue;
        if (gb > 0 && c.lower[gb - 1] == "as") --gb;
        const uint32_t first = c.sentFirst(gb);
        if (gb < first + 2 || !c.isPunct(gb - 1, ",") || c.tok[cb].sentence != c.tok[gb].sentence) continue;
        const uint32_t le = gb - 2;
        // the clause the cue sits in, by the tree, less its conjunction: "…, but
        // the air had become so bad, Mr. Obama noted, that…" starts at "the air"
        uint32_t from = first;
        if (c.tree) {
            const attr::Tree& tr = *c.tree;
            int32_t x = static_cast<int32_t>(cueHead(c, a));
            for (int depth = 0; x >= 0 && depth < 64 && !(tr.left[x] <= le && tr.right[x] >= cb); ++depth) x = tr.head(static_cast<uint32_t>(x));
            if (x >= 0) from = std::max(from, tr.left[static_cast<uint32_t>(x)]);
            while (from <= le && (c.tok[from].kind == TokenKind::Punct || tr.rel(from) == Deprel::Cc)) ++from;
        }
        if (from > le) continue;
        bool free = true, word = false;
        for (uint32_t t = from; t <= le && free; ++t) {
            free = !c.used[t] && !c.claimed[t] && !c.inRegion(t);
            word |= c.isWord(t);
        }
        if (!free || !word) continue;
        a.content.insert(a.content.begin(), {from, le});
        claim(c, from, le);
    }
}

void leftovers(Ctx& c) {
    // The attributions so far sorted by where their content ends, to find the one
    // before each region in O(log n). Those made or extended here are tracked
    // apart: regions come in text order, so the latest of them ends last.
    auto endOf = [&](int32_t k) { return c.atts[k].content.back().second; };
    std::vector<std::pair<uint32_t, int32_t>> ends;
    ends.reserve(c.atts.size());
    for (size_t k = 0; k < c.atts.size(); ++k) ends.push_back({endOf(static_cast<int32_t>(k)), static_cast<int32_t>(k)});
    std::sort(ends.begin(), ends.end());
    int32_t touched = kNone;
    for (size_t r = 0; r < c.regions.size(); ++r) {
        Region& reg = c.regions[r];
        if (reg.owner != kNone || reg.prev != kNone) continue;
        if (c.claimed[reg.open]) { reg.owner = -2; continue; }
        // a markup attribute's value (author="…" in a pasted tag) is nobody's words, nor a title
        if (c.attributeValue(reg) || titleOfWork(c, reg)) {
            reg.owner = -2;
            continue;
        }
        const bool opensParagraph = c.tok[reg.open].paragraphStart;
        // the previous attribution, by content position (the first one on a tie)
        int32_t prev = kNone;
        uint32_t prevEnd = 0;
        auto consider = [&](int32_t k) {
            const uint32_t e = endOf(k);
            if (e < reg.open && (prev == kNone || e > prevEnd || (e == prevEnd && k < prev))) { prev = k; prevEnd = e; }
        };
        auto it = std::lower_bound(ends.begin(), ends.end(), std::pair<uint32_t, int32_t>{reg.open, INT32_MIN});
        if (it != ends.begin()) {
            const uint32_t best = std::prev(it)->first;
            auto first = std::lower_bound(ends.begin(), it, std::pair<uint32_t, int32_t>{best, INT32_MIN});
            consider(first->second);
        }
        if (touched != kNone) consider(touched);
        const bool sentenceStart = reg.open == c.sentFirst(reg.open) || (reg.open > 0 && c.sentenceEnd(reg.open - 1));
        bool sameParagraphNext = false;
        if (!opensParagraph && sentenceStart && prev != kNone && c.para[reg.open] == c.para[prevEnd] && c.inRegion(prevEnd)) {
            sameParagraphNext = true;
            for (uint32_t t = prevEnd + 1; t < reg.open && sameParagraphNext; ++t)
                if (!c.used[t] && c.isWord(t)) sameParagraphNext = false;
        }
        if (((opensParagraph && prev != kNone && c.para[reg.open] == c.para[prevEnd] + 1) || sameParagraphNext) &&
            c.atts[prev].content.back().second == prevEnd && c.inRegion(prevEnd)) {
            Attribution& a = c.atts[prev];
            takeRegion(c, a, static_cast<int32_t>(r), prev);
            touched = prev;
            continue;
        }
        if (regionWords(c, reg) < 1) continue;
        Attribution a;
        {
            // A speaker before a colon: a transcript inside the quotation ("“WALLACE: If I may…")
            // or a headline ("Sanders: Clinton needs to ‘get away…’").
            auto colonSpeaker = [&](uint32_t from, uint32_t to, bool capsOnly, int32_t& sb, int32_t& se) {
                uint32_t k = from;
                while (k <= to && k < from + 4 && c.isWord(k) &&
                       (capsOnly ? c.allCaps(k) : c.mentionOf[k] != kNone || c.capitalized(k)))
                    ++k;
                if (k == from || k > to || !c.isPunct(k, ":")) return false;
                sb = static_cast<int32_t>(from);
                se = static_cast<int32_t>(k - 1);
                return true;
            };
            int32_t sb, se;
            const uint32_t sf = c.sentFirst(reg.open);
            if (colonSpeaker(reg.open + 1, reg.close, true, sb, se) ||
                (sf < reg.open && colonSpeaker(sf, reg.open - 1, false, sb, se) && c.mentionOf[se] != kNone)) {
                a.srcFirst = sb;
                a.srcLast = se;
                a.colonCue = true;
                a.rule = "colon: X: quoted words";
                a.confidence = 0.6f;
                takeRegion(c, a, static_cast<int32_t>(r), static_cast<int32_t>(c.atts.size()));
                c.atts.push_back(std::move(a));
                continue;
            }
        }
        if (!opensParagraph || regionWords(c, reg) < 6) {
            // a quoted fragment inside a sentence: the sentence's subject said it
            int32_t sb, se;
            if (!c.tok[reg.open].paragraphStart && clauseSubject(c, reg.open, sb, se) && static_cast<uint32_t>(se) < reg.open) {
                a.srcFirst = sb;
                a.srcLast = se;
                a.rule = "fragment: quoted words, the clause's subject";
                a.confidence = 0.35f;
            } else if (regionWords(c, reg) <= 2) {
                // a word or two in quotation marks that no one is said to say: a
                // title, a term or scare quotes ("the so-called “reform”"), not a claim
                reg.owner = -2;
                continue;
            } else {
                a.rule = "fragment: quoted words, no attribution found";
                a.confidence = 0.2f;
            }
            takeRegion(c, a, static_cast<int32_t>(r), static_cast<int32_t>(c.atts.size()));
            c.atts.push_back(std::move(a));
            touched = static_cast<int32_t>(c.atts.size() - 1);
            continue;
        }
        a.continuation = prev != kNone;
        a.rule = prev != kNone ? "continuation: same speaker as the previous quote" : "quotation marks, no attribution found";
        a.confidence = prev != kNone ? 0.5f : 0.2f;
        takeRegion(c, a, static_cast<int32_t>(r), static_cast<int32_t>(c.atts.size()));
        c.atts.push_back(std::move(a));
        touched = static_cast<int32_t>(c.atts.size() - 1);
    }
}

// [SECTION] Speakers

// How the speaker was found from the source words, for the "why".
enum class Note : uint8_t { None, PronounResolved, PronounUnresolved, Apposition, NominalResolved, Relative, Document };

struct Resolver {
    Ctx& c;
    Note note = Note::None;  // set by resolve()
    std::unordered_map<std::string, int32_t> nominalEntities;  // lowercase text -> entity
    std::vector<uint8_t> gender;  // per entity: 0 unknown, 1 male, 2 female

    explicit Resolver(Ctx& ctx) : c(ctx), gender(entityGenders(ctx.doc)) {}

    int32_t newEntity(std::string name, Label label) {
        c.doc.entities.push_back({std::move(name), label});
        gender.push_back(0);
        return static_cast<int32_t>(c.doc.entities.size() - 1);
    }

    // Has the text before token `before` given entity e the title `title`:
    // the title word up to three words before one of e's names ("Transport
    // Minister Dmitri Novak", "the minister, Dmitri Novak") or just after one,
    // behind a comma ("Dmitri Novak, the minister")?
    bool titleOf(int32_t e, std::string_view title, uint32_t before) const {
        for (uint32_t t = 0; t < before && t < c.n; ++t) {
            if (c.lower[t] != title) continue;
            for (uint32_t k = t + 1; k <= t + 4 && k < before; ++k)
                if (c.mentionOf[k] != kNone && c.mentionAt(k).entity == e) return true;
            for (uint32_t k = t >= 6 ? t - 6 : 0; k < t; ++k)
                if (c.mentionOf[k] != kNone && c.mentionAt(k).entity == e && c.isPunct(k + 1, ",")) return true;
        }
        return false;
    }

    // Most recent PER (or ORG/LOC/GRP for `it`/`they`) mention before token k, outside quotes.
    int32_t recentMention(uint32_t k, PronounKind pk) {
        for (uint32_t t = k; t-- > 0 && k - t < 400;) {
            if (c.mentionOf[t] == kNone || c.inRegion(t) || c.credit[t]) continue;
            const Mention& mm = c.mentionAt(t);
            if (mm.entity < 0) continue;
            const Label l = c.doc.entities[mm.entity].label;
            const bool ok = pk == PronounKind::Neuter   ? (l == Label::ORG)
                            : pk == PronounKind::Plural ? (l == Label::ORG || l == Label::GRP)
                                                        : l == Label::PER;
            if (!ok) continue;
            const uint8_t g = mm.entity < static_cast<int32_t>(gender.size()) ? gender[mm.entity] : 0;
            if ((pk == PronounKind::Male && g == 2) || (pk == PronounKind::Female && g == 1)) continue;
            return mm.entity;
        }
        return kNone;
    }

    // Mentions made here, sorted by start (on equal starts, in the order made).
    // Kept apart from doc.mentions until finish(): inserting into that long
    // vector one by one would move it over and over.
    std::vector<Mention> added;

    static bool startsBefore(const Mention& x, uint32_t v) { return x.span.begin < v; }

    void addMention(Span s, Label label, MentionKind kind, int32_t entity) {
        auto& ms = c.doc.mentions;
        // Mentions are sorted by start and short: look only at the neighbours,
        // walking back through both lists as if they were one (merged as in finish()).
        auto i = std::lower_bound(ms.begin(), ms.end(), s.end, startsBefore);
        auto j = std::lower_bound(added.begin(), added.end(), s.end, startsBefore);
        while (i != ms.begin() || j != added.begin()) {
            const bool fromAdded = j != added.begin() && (i == ms.begin() || std::prev(j)->span.begin >= std::prev(i)->span.begin);
            Mention& m = fromAdded ? *--j : *--i;
            if (m.span.end + 4096 < s.begin) break;
            if (m.span == s) { if (m.entity < 0) m.entity = entity; return; }
            if (m.span.overlaps(s)) return;  // names already there
        }
        Mention m;
        m.span = s;
        m.label = label;
        m.kind = kind;
        m.entity = entity;
        added.insert(std::upper_bound(added.begin(), added.end(), s.begin,
                                      [](uint32_t b, const Mention& x) { return b < x.span.begin; }),
                     m);
    }

    // The entity of the last mention starting at `begin` that has one, or kNone.
    int32_t entityStartingAt(uint32_t begin) const {
        int32_t e = kNone;
        for (const std::vector<Mention>* list : std::array<const std::vector<Mention>*, 2>{&c.doc.mentions, &added})
            for (auto it = std::lower_bound(list->begin(), list->end(), begin, startsBefore);
                 it != list->end() && it->span.begin == begin; ++it)
                if (it->entity >= 0) e = it->entity;
        return e;
    }

    // Puts the mentions made here into doc.mentions (after those with the same start).
    void finish() {
        if (added.empty()) return;
        std::vector<Mention> all;
        all.reserve(c.doc.mentions.size() + added.size());
        std::merge(c.doc.mentions.begin(), c.doc.mentions.end(), added.begin(), added.end(), std::back_inserter(all),
                   [](const Mention& x, const Mention& y) { return x.span.begin < y.span.begin; });
        c.doc.mentions = std::move(all);
        added.clear();
    }

    static SourceKind kindOf(Label l) {
        return l == Label::PER ? SourceKind::Named : l == Label::GRP ? SourceKind::Anonymous : SourceKind::Organization;
    }

    // The claim is the actor's whose name is at token t, if any.
    bool speakFor(Quote& q, uint32_t t, Note why) {
        if (c.mentionOf[t] == kNone || c.mentionAt(t).entity < 0) return false;
        q.speaker = c.mentionAt(t).entity;
        q.sourceKind = kindOf(c.doc.entities[q.speaker].label);
        note = why;
        return true;
    }

    void resolve(Quote& q, const Attribution& a, const std::vector<int32_t>& speakerHistory, const std::vector<Label>& historyLabel) {
        note = Note::None;
        if (a.srcFirst == kNone) {
            q.sourceKind = SourceKind::Unsourced;
            return;
        }
        // the speaker is named at the source's core: a tree source may run past
        // its head ("Marta Vieira, of the Lisbon Institute for Bridges")
        uint32_t se = static_cast<uint32_t>(a.srcCore != kNone ? a.srcCore : a.srcLast);
        uint32_t sb = static_cast<uint32_t>(a.srcFirst);
        // the name that heads the phrase, not a later one in it ("Trump,
        // speaking to a veterans group in Virginia," is Trump's; "Ana Lopes,
        // like Vieira," is Lopes's)
        const uint32_t last = static_cast<uint32_t>(a.srcLast);
        if (last > sb && static_cast<Deprel>(c.tok[sb].deprel) != Deprel::None) {
            for (uint32_t t = sb; t <= last && (a.srcCore == kNone || t <= static_cast<uint32_t>(a.srcCore)); ++t) {
                const int32_t h = c.tok[t].head;
                if (h >= static_cast<int32_t>(sb) && h <= static_cast<int32_t>(last)) continue;
                // a noun or title that heads it names no one itself: its apposition's
                // name does ("Democratic candidate Hillary Clinton, like Obama,",
                // "Del. Stacey Plaskett of the Virgin Islands")
                uint32_t n = t;
                if (c.mentionOf[t] == kNone)
                    for (uint32_t k = t + 1; k <= last; ++k)
                        if (c.tok[k].head == static_cast<int32_t>(t) && c.mentionOf[k] != kNone &&
                            (static_cast<Deprel>(c.tok[k].deprel) == Deprel::Appos || static_cast<Deprel>(c.tok[k].deprel) == Deprel::Flat)) {
                            n = k;
                            break;
                        }
                if (c.mentionOf[n] != kNone && c.mentionAt(n).kind == MentionKind::Name) {
                    uint32_t b = n;  // the name's first word, in case the apposition's head is its last
                    while (b > sb && c.mentionOf[b - 1] == c.mentionOf[n]) --b;
                    uint32_t e = b;
                    while (e + 1 <= last && c.mentionOf[e + 1] == c.mentionOf[n]) ++e;
                    // only where the name's phrase goes on after it: an apposition, a
                    // clause or "of …" ("Trump campaign spokesman Jason Miller" is Miller's)
                    if (e < last && (c.isPunct(e + 1, ",") || c.isPunct(e + 1, "(") ||
                                     static_cast<Upos>(c.tok[e + 1].upos) == Upos::ADP))
                        se = e;
                } else if (static_cast<Upos>(c.tok[t].upos) == Upos::NOUN) {
                    // "A passionate defender of the network, Mr. Schultz,": a description
                    // first, then, after its comma, the person it describes
                    uint32_t e = last;
                    while (e > t && c.tok[e].kind == TokenKind::Punct) --e;
                    if (e > t && c.mentionOf[e] != kNone && c.mentionAt(e).kind == MentionKind::Name &&
                        c.mentionAt(e).label == Label::PER) {
                        uint32_t b = e;
                        while (b > t && c.mentionOf[b - 1] == c.mentionOf[e]) --b;
                        if (b > t + 1 && !c.isPunct(b - 1, ",") && isTitleLike(c, b - 1)) --b;
                        if (b > t + 1 && c.isPunct(b - 1, ",")) se = e;
                    }
                }
                break;
            }
        }
        // a party and state name no one: "Sen. Paul Whitmore (R-Ohio)", "Ada Lindqvist,
        // D-Minn." are the politician's
        if (se > sb && c.isPunct(se, ")")) {
            uint32_t o = se;
            while (o > sb && !c.isPunct(o, "(")) --o;
            if (o > sb && c.isPunct(o, "(")) {
                se = o - 1;
                while (se > sb && c.tok[se].kind == TokenKind::Punct) --se;
            }
        }
        while (se > sb && c.tok[se].kind == TokenKind::Punct) --se;  // "D-Minn." ends in its own dot
        if (se > sb && isPartyTag(c.text(se))) {
            uint32_t t = se - 1;
            while (t > sb && (c.isPunct(t, "(") || c.isPunct(t, ","))) --t;
            if (c.mentionOf[t] != kNone && c.mentionAt(t).label == Label::PER) se = t;
        }
        if (a.srcCore != kNone) {
            // the phrase that names: from the core's name or noun phrase start
            while (sb < se && c.mentionOf[se] != kNone && c.mentionOf[sb] != c.mentionOf[se] && !c.determiner(sb) &&
                   c.lower[sb] != "the")
                ++sb;
        }
        // a body's title before a person's name names the person: "Senate
        // Majority Leader Mitch McConnell" is McConnell's, however it was parsed
        if (c.mentionOf[se] != kNone && c.mentionAt(se).label != Label::PER) {
            uint32_t t = se + 1;
            const uint32_t last = static_cast<uint32_t>(a.srcLast);
            while (t <= last && c.mentionOf[t] == c.mentionOf[se]) ++t;
            while (t <= last && c.mentionOf[t] == kNone && c.isWord(t) && isTitleLike(c, t)) ++t;
            if (t <= last && t > se + 1 && c.mentionOf[t] != kNone && c.mentionAt(t).label == Label::PER) {
                while (t + 1 <= last && c.mentionOf[t + 1] == c.mentionOf[t]) ++t;
                se = t;
            }
        }
        Span span{c.tok[sb].span.begin, c.tok[se].span.end};
        // "the senator, who said": a relative pronoun stands for the noun its
        // clause hangs on (the source stays the pronoun, the speaker is the noun's)
        if (sb == se && a.hasCue && c.tree && (c.lower[sb] == "who" || c.lower[sb] == "that" || c.lower[sb] == "which")) {
            const int32_t ant = c.tok[a.cueFirst].head;
            const Deprel r = universalDeprel(static_cast<Deprel>(c.tok[a.cueFirst].deprel));
            const Upos au = ant >= 0 ? static_cast<Upos>(c.tok[ant].upos) : Upos::None;
            // "who" needs someone: a name, or a noun for people or bodies ("officials who")
            const bool someone = ant >= 0 && (c.mentionOf[static_cast<uint32_t>(ant)] != kNone ||
                                              c.noun(static_cast<uint32_t>(ant)) != SpeakerNoun::None || au == Upos::PROPN);
            // the parser often hangs "…, who said" on the verb; a name just before the
            // comma is the noun all the same ("spoke to Marta Vieira, who said")
            uint32_t before = sb;
            if (before > 0 && c.isPunct(before - 1, ",")) --before;
            // ("…the agency, which said": "which" and "that" stand for bodies, not people)
            const bool nameBefore = before < sb && before > 0 && c.mentionOf[before - 1] != kNone &&
                                    c.mentionAt(before - 1).entity >= 0 &&
                                    (c.lower[sb] == "who" || c.mentionAt(before - 1).label == Label::ORG);
            const bool byTree = r == Deprel::Acl && ant >= 0 && ant < static_cast<int32_t>(sb) && someone &&
                                (au == Upos::NOUN || au == Upos::PROPN);
            if (nameBefore || byTree) {
                const uint32_t at = nameBefore ? before - 1 : static_cast<uint32_t>(ant);
                if (speakFor(q, at, Note::Relative)) return;
                // a noun: its phrase is the source's for what follows ("officials who said")
                uint32_t b = at;
                c.tree->eachChild(at, [&](uint32_t t) {
                    const Deprel cr = universalDeprel(static_cast<Deprel>(c.tok[t].deprel));
                    if (t < b && (cr == Deprel::Det || cr == Deprel::Compound || cr == Deprel::Amod || cr == Deprel::Nummod))
                        b = std::min(b, c.tree->left[t]);
                });
                sb = b;
                se = at;
                span = Span{c.tok[sb].span.begin, c.tok[se].span.end};
                note = Note::Relative;
            }
        }
        // transcripts: "PENCE:" names a known person by surname
        if (a.colonCue && c.allCaps(se)) {
            for (const Mention& m : c.doc.mentions) {
                if (m.entity < 0 || m.kind != MentionKind::Name || m.span.begin == c.tok[se].span.begin) continue;
                const std::string name = lowercase(c.doc.slice(m.span));
                const std::string_view surname = c.lower[se];
                if (name.size() > surname.size() && name.ends_with(surname) && name[name.size() - surname.size() - 1] == ' ') {
                    q.speaker = m.entity;
                    q.sourceKind = SourceKind::Named;
                    return;
                }
            }
        }
        // "the senator's statement", "Novak's letter": a document speaks for its author
        bool byDocument = false;
        if (c.noun(se) == SpeakerNoun::Document && c.mentionOf[se] == kNone) {
            for (uint32_t t = sb + 1; t < se; ++t) {
                if (!isPossessive(c, t)) continue;
                const uint32_t owner = t - 1;
                if (speakFor(q, owner, Note::Document)) return;
                if (c.noun(owner) == SpeakerNoun::PersonTitle || c.noun(owner) == SpeakerNoun::Organization) {
                    se = owner;  // the owner's phrase is the one resolved below
                    span = Span{c.tok[sb].span.begin, c.tok[se].span.end};
                    byDocument = true;
                }
                break;
            }
        }
        // "a report by the transport authority", "a statement from the
        // ministry": the document's author is who speaks
        for (uint32_t t = sb + 1; !byDocument && t + 1 <= se; ++t) {
            if ((c.lower[t] != "by" && c.lower[t] != "from") || c.noun(t - 1) != SpeakerNoun::Document) continue;
            sb = t + 1;
            span = Span{c.tok[sb].span.begin, c.tok[se].span.end};
            byDocument = true;
        }
        // a name heads the phrase
        if (c.mentionOf[se] != kNone && c.mentionAt(se).entity >= 0) {
            const Mention& m = c.mentionAt(se);
            q.speaker = m.entity;
            const Label l = c.doc.entities[m.entity].label;
            q.sourceKind = l == Label::PER ? SourceKind::Named : l == Label::GRP ? SourceKind::Anonymous : SourceKind::Organization;
            return;
        }
        // transcripts: "PENCE:" names a known person by surname
        if (a.colonCue && a.content.size() == 1 && c.allCaps(se)) {
            for (const Mention& m : c.doc.mentions) {
                if (m.entity < 0 || m.kind != MentionKind::Name) continue;
                const std::string name = lowercase(c.doc.slice(m.span));
                if (name.ends_with(c.lower[se])) {
                    q.speaker = m.entity;
                    q.sourceKind = SourceKind::Named;
                    return;
                }
            }
            q.speaker = newEntity(std::string(c.doc.slice(span)), Label::PER);
            addMention(span, Label::PER, MentionKind::Nominal, q.speaker);
            q.sourceKind = SourceKind::Named;
            return;
        }
        const PronounKind pk = sb == se ? c.pronoun(se) : PronounKind::None;
        if (pk != PronounKind::None) {
            int32_t e = kNone;
            // the most recent speaker that fits, then the most recent mention
            for (size_t k = speakerHistory.size(); k-- > 0 && e == kNone;) {
                const int32_t s = speakerHistory[k];
                if (s < 0) continue;
                const Label l = historyLabel[k];
                const uint8_t g = gender[s];
                if (pk == PronounKind::Male || pk == PronounKind::Female || pk == PronounKind::First) {
                    if (l != Label::PER) { if (k + 1 == speakerHistory.size()) continue; else continue; }
                    if ((pk == PronounKind::Male && g == 2) || (pk == PronounKind::Female && g == 1)) continue;
                } else if (pk == PronounKind::Neuter) {
                    if (l == Label::PER || l == Label::GRP) continue;
                } else if (l == Label::PER) {
                    continue;
                }
                e = s;
                break;
            }
            // a name mentioned after the last speaker is more salient when the last speaker was long ago
            if (e == kNone) e = recentMention(sb, pk);
            if (e == kNone) {
                // the NER pass may have resolved this pronoun already
                e = entityStartingAt(c.tok[sb].span.begin);
            }
            q.speaker = e;
            if (e >= 0) {
                if (pk == PronounKind::Male) gender[e] = 1;
                if (pk == PronounKind::Female) gender[e] = 2;
                addMention(span, c.doc.entities[e].label, MentionKind::Pronoun, e);
            }
            const Label l = e >= 0 ? c.doc.entities[e].label : (pk == PronounKind::Neuter ? Label::ORG : pk == PronounKind::Plural ? Label::GRP : Label::PER);
            q.sourceKind = l == Label::PER ? SourceKind::Named : l == Label::GRP ? SourceKind::Anonymous : SourceKind::Organization;
            note = e >= 0 ? Note::PronounResolved : Note::PronounUnresolved;
            return;
        }
        // a nominal: "Turkish officials", "Russia’s defence ministry", "the minister"
        const SpeakerNoun head = c.noun(se);
        // people, by the phrase's head word ("A source familiar with the talks": "source")
        auto humanHead = [&](uint32_t b, uint32_t e) {
            uint32_t hw = e;
            if (c.tree)
                for (uint32_t t = b; t <= e; ++t)
                    if (c.tok[t].head < static_cast<int32_t>(b) || c.tok[t].head > static_cast<int32_t>(e)) { hw = t; break; }
            if (isHumanNoun(c.lower[hw])) return true;
            // a misparsed head ("A source familiar with…" read with "familiar" as its
            // noun): a word for people before the first preposition
            // noun, or a listed word ("several", "most"): an ending alone is no
            // person in "softer language" or "a recent news conference"
            for (uint32_t t = b; t <= e && !(c.tree && c.tok[t].upos == static_cast<uint8_t>(Upos::ADP)); ++t) {
                const HumanBy by = c.isWord(t) ? humanNoun(c.lower[t]) : HumanBy::No;
                if (by == HumanBy::List || (by == HumanBy::Ending && (!c.tree || c.tok[t].upos == static_cast<uint8_t>(Upos::NOUN))))
                    return true;
            }
            return false;
        };
        const std::string key = lowercase(c.doc.slice(span));
        const bool definite = c.lower[sb] == "the" || c.lower[sb] == "this";
        const bool plural = c.lower[se].size() > 3 && c.lower[se].back() == 's' && head != SpeakerNoun::Organization;
        // the name part, if any: "Russia’s defence ministry" -> mention only the nominal tail
        uint32_t nb = sb;
        for (uint32_t t = sb; t <= se; ++t)
            if (c.mentionOf[t] != kNone || isPossessive(c, t)) nb = t + 1;
        if (nb > se) nb = sb;
        const Span tail{c.tok[nb].span.begin, c.tok[se].span.end};
        // An apposition names the speaker: "The opposition leader, Tomasz
        // Kowalczyk of the Green Alliance, said", "Its chief engineer, Dr. Helen
        // Okafor, wrote". The name must open the apposition (a title may come
        // first): "The president, who met Erdogan, said" is not Erdogan's.
        if (a.hasCue && se + 2 < a.cueFirst && c.isPunct(se + 1, ",")) {
            uint32_t t = se + 2;
            if (c.mentionOf[t] == kNone && c.capitalized(t) && t + 1 < a.cueFirst) ++t;  // "Dr.", "Sen."
            if (c.mentionOf[t] != kNone && (t == se + 2 || c.mentionOf[t - 1] == kNone)) {
                const Mention& m = c.mentionAt(t);
                if (m.entity >= 0 && c.doc.entities[m.entity].label == Label::PER) {
                    q.speaker = m.entity;
                    q.sourceKind = SourceKind::Named;
                    addMention(tail, Label::PER, MentionKind::Nominal, m.entity);
                    note = Note::Apposition;
                    return;
                }
            }
        }
        if (head == SpeakerNoun::PersonTitle && definite && !plural) {
            int32_t e = kNone;
            for (size_t k = speakerHistory.size(); k-- > 0;)
                if (speakerHistory[k] >= 0 && historyLabel[k] == Label::PER) { e = speakerHistory[k]; break; }
            if (e == kNone) e = recentMention(sb, PronounKind::Male);
            // "the minister" is the person last speaking only when the text has
            // called that person so ("Minister Dmitri Novak", "Novak, the minister")
            if (e != kNone && !titleOf(e, c.lower[se], sb)) e = kNone;
            if (e != kNone) {
                q.speaker = e;
                q.sourceKind = SourceKind::Named;
                addMention(tail, Label::PER, MentionKind::Nominal, e);
                note = Note::NominalResolved;
                return;
            }
        }
        Label label = Label::GRP;
        SourceKind kind = SourceKind::Anonymous;
        if (head == SpeakerNoun::Organization || head == SpeakerNoun::Document) {
            label = Label::ORG;
            kind = SourceKind::Organization;
        } else if (head == SpeakerNoun::PersonTitle && !plural && !definite) {
            label = Label::GRP;  // "a senior official": one anonymous person
        } else if (head == SpeakerNoun::PersonTitle && !plural && definite) {
            label = Label::PER;  // "the transport minister": one person, known by the office
            kind = SourceKind::Named;
        } else if (head == SpeakerNoun::None && (c.capitalized(se) || !humanHead(sb, se))) {
            // a name, or a thing that speaks for someone ("the film explores", "state
            // law requires"): no anonymous person
            label = Label::ORG;
            kind = SourceKind::Organization;
        }
        int32_t e;
        // "the ministry" after "Russia’s defence ministry": the same organization
        auto it = nominalEntities.find(key);
        if (it != nominalEntities.end()) {
            e = it->second;
        } else {
            e = kNone;
            // the latest such organization: a choice that must not depend on the
            // hash table's order (libstdc++ and libc++ iterate differently, and
            // the page and the CLI gave "the campaign" to different entities)
            if (definite && label == Label::ORG)
                for (const auto& [k2, e2] : nominalEntities)
                    if (k2.ends_with(c.lower[se]) && c.doc.entities[e2].label == Label::ORG && e2 > e) e = e2;
            if (e == kNone) e = newEntity(std::string(c.doc.slice(span)), label);
            nominalEntities.emplace(key, e);
        }
        q.speaker = e;
        q.sourceKind = kind;
        if (byDocument) note = Note::Document;
        addMention(tail, label, MentionKind::Nominal, e);
    }
};

// The "why" of a claim in plain words, for a reader: who is taken to have
// said it and what in the text shows it. The rule that decided stays out of
// it; the words come from the article.
// A name as it reads inside a sentence: "The senator" -> "the senator".
std::string midSentence(std::string name) {
    if (name.starts_with("The ") || name.starts_with("A ") || name.starts_with("An ")) name[0] = static_cast<char>(name[0] - 'A' + 'a');
    return name;
}

// The source is the "by X" of the cue: "was criticized by the minister".
bool sourceIsAgent(const Ctx& c, const Attribution& a) {
    return a.hasCue && a.srcFirst != kNone && static_cast<uint32_t>(a.srcFirst) > a.cueLast &&
           c.lower[static_cast<uint32_t>(a.srcFirst) - 1] == "by";
}

// The word of the source the others hang from.
uint32_t sourceRoot(const Ctx& c, const Attribution& a) {
    for (int32_t t = a.srcFirst; t <= a.srcLast; ++t) {
        const int32_t h = c.tok[static_cast<uint32_t>(t)].head;
        if (h < a.srcFirst || h > a.srcLast) return static_cast<uint32_t>(t);
    }
    return static_cast<uint32_t>(a.srcLast);
}

// The verb the source hangs on when it is not the cue but the verb the cue
// goes with (the cue an infinitive, a participle or a conjunct with no
// subject of its own); kNone otherwise.
int32_t governingOf(const Ctx& c, const Attribution& a) {
    if (!c.tree || !a.hasCue || a.srcFirst == kNone || a.colonCue) return kNone;
    const uint32_t h = cueHead(c, a), root = sourceRoot(c, a);
    const int32_t g = c.tok[root].head;
    if (g < 0 || g == static_cast<int32_t>(h) || c.tok[static_cast<uint32_t>(g)].upos != static_cast<uint8_t>(Upos::VERB)) return kNone;
    // the cue hangs on that verb, or on the source ("the league to order")
    const int32_t up = c.tok[h].head;
    if (up != g && up != static_cast<int32_t>(root)) return kNone;
    const Deprel sr = universalDeprel(static_cast<Deprel>(c.tok[root].deprel));
    return sr == Deprel::Nsubj || sr == Deprel::Obj || sr == Deprel::Iobj ? g : kNone;
}

std::string explain(const Ctx& c, const Attribution& a, const Quote& q, Note note, bool continued) {
    auto quoted = [&](Span s) {
        std::string_view w = c.doc.slice(s);
        if (w.size() > 1 && w.back() == ':') w.remove_suffix(1);  // "said:" reads as "said"
        while (!w.empty() && w.back() == ' ') w.remove_suffix(1);
        return "\xE2\x80\x9C" + std::string(w) + "\xE2\x80\x9D";
    };
    const std::string source = "\xE2\x80\x9C" + std::string(c.doc.sourceWords(q)) + "\xE2\x80\x9D";
    const std::string src = q.source.empty() ? std::string() : std::string(c.doc.sourceWords(q));
    const std::string who = q.speaker >= 0 ? c.doc.entities[q.speaker].name : src;
    const std::string_view r = a.rule;
    // "Officials are the source", "Marta Vieira is the source": plural for
    // common nouns and pronouns that are ("officials", "they", "many fans of
    // the team": its head), never for a name, even when a plural noun leads to
    // it ("one of the lawyers, Tom Reyes")
    bool plural = false;
    bool named = false;
    if (q.speaker >= 0) named = static_cast<size_t>(q.speaker) < c.entityNamed.size() && c.entityNamed[q.speaker];
    if (a.srcFirst != kNone && !named) {
        uint32_t core = sourceRoot(c, a);
        if (note == Note::Relative && c.doc.tokens[a.cueFirst].head >= 0)  // "officials, who": the officials
            core = static_cast<uint32_t>(c.doc.tokens[a.cueFirst].head);
        const Upos u = static_cast<Upos>(c.doc.tokens[core].upos);
        plural = (c.doc.tokens[core].morph & kMorphPlur) && (u == Upos::NOUN || u == Upos::PRON);
    }
    const std::string is = plural ? " are the source" : " is the source";
    std::string s;
    if (continued) {
        s = q.speaker >= 0 ? "No one is named here: the quotation goes on from " + who + "'s words just before."
                           : "No one is named here, and the quotation before it has no known speaker either.";
        return s;
    }
    if (src.empty()) {
        if (r.starts_with("fragment: quoted words, the clause")) return "Quoted words, but the sentence does not say who said them.";
        if (!a.hasCue) return "Quoted words with no one said to have said them.";
        if (a.passive) return quoted(q.cue) + " does not say by whom, so this claim has no named source.";
        return quoted(q.cue) + " reports what someone said or thinks, but who it is could not be found.";
    }
    if (r.starts_with("tree: according") || r.starts_with("according-to")) {
        s = "The words " + quoted(q.cue.empty() ? q.source : Span{q.cue.begin, q.source.end}) + " give " + who + " as the source.";
    } else if (r.starts_with("transcript")) {
        s = who + " is named at the start of the line, as in a transcript.";
    } else if (r.starts_with("colon")) {
        s = who + " is named just before the colon that opens the quotation.";
    } else if (r.starts_with("signed")) {
        s = who + " signs the quotation after the dash.";
    } else if (r.starts_with("trailing") || r.starts_with("inverted")) {
        s = who + is + ", named with " + quoted(q.cue) + " right after the quotation.";
    } else if (r.starts_with("leading")) {
        s = who + is + ", named with " + quoted(q.cue) + " just before the quotation.";
    } else if (r.starts_with("tree: S,") || r.starts_with("reported, trailing") || r.starts_with("reported, inverted")) {
        s = who + is + ": the words " + quoted(Span{std::min(q.source.begin, q.cue.begin), std::max(q.source.end, q.cue.end)}) +
            " close the sentence.";
    } else if (a.passive || sourceIsAgent(c, a)) {
        s = who + is + ", named with \u201Cby\u201D after " + quoted(q.cue) + ".";
    } else if (r.starts_with("reported: X ..., saying") || r.starts_with("reported: X ... and")) {
        s = who + is + ": the subject of the sentence " + quoted(q.cue) + " belongs to.";
    } else if (r.starts_with("fragment: quoted words, the clause")) {
        s = "Quoted words in a sentence whose subject is " + source + "; they may be " + who + "'s.";
    } else if (const int32_t g = governingOf(c, a); g != kNone) {
        // the source hangs on the verb the cue goes with, not on the cue: "the
        // storms prompted the league to order", "Bemoaning the plan, Marlow accused"
        const Span gw = c.doc.tokens[static_cast<uint32_t>(g)].span;
        const Deprel sr = universalDeprel(static_cast<Deprel>(c.doc.tokens[sourceRoot(c, a)].deprel));
        if (sr == Deprel::Obj || sr == Deprel::Iobj)
            s = who + is + ": " + quoted(gw) + " names " + (src != who ? source : std::string(plural ? "them" : "it")) +
                " as the one " + quoted(q.cue) + ".";
        else
            s = who + is + (src != who ? ": " + source + " is the subject of " : ", as the subject of ") + quoted(gw) +
                ", which " + quoted(q.cue) + " goes with.";
    } else {
        s = who + is + (src != who ? ": " + source + " is the subject of " : ", as the subject of ") +
            (a.hasCue ? quoted(q.cue) : std::string("the verb")) + ".";
    }
    switch (note) {
    case Note::PronounResolved:
        s += " " + source + " is taken to be " + who + ", the last one before it who fits.";
        break;
    case Note::PronounUnresolved:
        s += " Who " + source + " is could not be worked out.";
        break;
    case Note::Apposition:
        s += " " + who + " is the name given beside " + source + ".";
        break;
    case Note::NominalResolved:
        s += " " + source + " is taken to be " + who + ", the last person named before.";
        break;
    case Note::Document:
        s += " " + source + " speaks for " + midSentence(who) + ".";
        break;
    case Note::Relative:
        s += " " + source + " stands for " + midSentence(who) + ", the words it follows.";
        break;
    case Note::None: break;
    }
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// How a claim was found, for the calibration of its confidence
// (AttrModel::claimCal): the family of the rule that decided, and whether a
// source was found.
int claimKind(const Attribution& a) {
    static constexpr std::string_view kFamilies[] = {
        "tree", "reported", "trailing", "inverted", "leading", "according-to", "colon", "transcript",
        "signed", "fragment", "continuation", "quotation marks",
    };
    const std::string_view r = a.rule;
    int family = static_cast<int>(std::size(kFamilies));  // the rest
    for (size_t k = 0; k < std::size(kFamilies); ++k)
        if (r.starts_with(kFamilies[k])) { family = static_cast<int>(k); break; }
    const int kind = family * 2 + (a.srcFirst != kNone);
    return kind < attr::kClaimKinds ? kind : attr::kClaimKinds - 1;
}

void findQuotesImpl(Document& doc, const ModelData& model, std::vector<std::pair<int, float>>* raw);

} // namespace

void findQuotes(Document& doc, const ModelData& model) { findQuotesImpl(doc, model, nullptr); }

void findQuotesUncalibrated(Document& doc, const ModelData& model, std::vector<std::pair<int, float>>& kinds) {
    findQuotesImpl(doc, model, &kinds);
}

namespace {

void findQuotesImpl(Document& doc, const ModelData& model, std::vector<std::pair<int, float>>* raw) {
    doc.quotes.clear();
    Ctx c(doc);
    if (c.n == 0) return;
    c.para.resize(c.n);
    for (uint32_t i = 0; i < c.n; ++i) c.para[i] = doc.sentences[doc.tokens[i].sentence].paragraph;
    c.paraLast.assign(c.para.back() + 1, 0);
    for (uint32_t i = 0; i < c.n; ++i) c.paraLast[c.para[i]] = i;  // paragraphs run in order
    c.mentionOf.assign(c.n, kNone);
    {
        size_t m = 0;
        for (uint32_t i = 0; i < c.n; ++i) {
            while (m < doc.mentions.size() && doc.mentions[m].span.end <= doc.tokens[i].span.begin) ++m;
            if (m < doc.mentions.size() && doc.mentions[m].span.contains(doc.tokens[i].span.begin) &&
                doc.mentions[m].kind == MentionKind::Name)
                c.mentionOf[i] = static_cast<int32_t>(doc.mentions[m].span.begin);
        }
    }
    c.regionOf.assign(c.n, kNone);
    c.used.assign(c.n, 0);
    c.claimed.assign(c.n, 0);
    // a photo credit is no one's claim and no claim's words
    c.credit.assign(c.n, 0);
    for (const auto& [b, e] : photoCreditTokens(doc))
        for (uint32_t t = b; t <= e && t < c.n; ++t) c.claimed[t] = c.used[t] = c.credit[t] = 1;

    findRegions(c);
    const bool parsed = doc.tokens.front().deprel != 0;
    if (!model.quotes.empty() && parsed) {
        c.model = &model.quotes;
        c.tree = std::make_unique<attr::Tree>(doc, c.words, &model.syntax);
        c.cueProbs.assign(c.n, std::numeric_limits<float>::quiet_NaN());
    }
    transcripts(c);
    directQuotes(c);
    // reported speech: the tree and the model first; then the rules, for the
    // lexicon's cues the model did not read (they add recall at little cost)
    reported(c);
    if (c.tree) reportedTree(c);
    leftovers(c);
    if (c.tree) {
        checkSources(c);
        passiveSubjects(c);
        tidySources(c);
    }
    splitAroundCue(c);

    // Order by position; resolve speakers in reading order.
    std::vector<size_t> order(c.atts.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    auto key = [&](size_t k) {
        const Attribution& a = c.atts[k];
        uint32_t b = a.content.front().first;
        if (a.srcFirst != kNone) b = std::min(b, static_cast<uint32_t>(a.srcFirst));
        return b;
    };
    // stable: attributions that start together keep the order they were found in, on every platform
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return key(x) < key(y); });

    c.entityNamed.assign(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions)
        if (m.kind == MentionKind::Name && m.entity >= 0 && static_cast<size_t>(m.entity) < c.entityNamed.size())
            c.entityNamed[m.entity] = 1;
    // Mention indices move when nominal mentions are inserted: keep tokens' mention map current.
    Resolver res(c);
    std::vector<int32_t> history;
    std::vector<Label> historyLabel;
    std::vector<Quote> out;
    std::vector<std::pair<int, float>> kinds;  // per claim in `out`: its kind and uncalibrated confidence
    for (size_t k : order) {
        Attribution& a = c.atts[k];
        std::sort(a.content.begin(), a.content.end());
        Quote q;
        for (auto [b, e] : a.content) q.content.push_back({doc.tokens[b].span.begin, doc.tokens[e].span.end});
        q.span = {q.content.front().begin, q.content.back().end};
        if (a.hasCue) q.cue = {doc.tokens[a.cueFirst].span.begin, doc.tokens[a.cueLast].span.end};
        if (a.srcFirst != kNone) q.source = {doc.tokens[a.srcFirst].span.begin, doc.tokens[sourceEnd(c, a.srcLast)].span.end};
        q.confidence = a.confidence;
        kinds.push_back({claimKind(a), a.confidence});
        if (!raw && !model.quotes.empty()) q.confidence = model.quotes.calibrated(claimKind(a), a.confidence);
        // kind: how much of the content is inside quotation marks
        int inside = 0, outside = 0;
        for (auto [b, e] : a.content)
            for (uint32_t t = b; t <= e; ++t) {
                if (!c.isWord(t)) continue;
                if (t == b && c.lower[t] == "that") continue;
                // a tag's attribute values are not a quotation in it
                (c.inRegion(t) && !c.attributeValue(c.regions[c.regionOf[t]]) ? inside : outside) += 1;
            }
        q.kind = outside == 0 ? QuoteKind::Direct : inside == 0 ? QuoteKind::Indirect : QuoteKind::Mixed;
        if (a.continuation) {
            if (!history.empty() && history.back() >= 0) {
                q.speaker = history.back();
                const Label l = historyLabel.back();
                q.sourceKind = l == Label::PER ? SourceKind::Named : l == Label::GRP ? SourceKind::Anonymous : SourceKind::Organization;
            }
        } else {
            res.resolve(q, a, history, historyLabel);  // may insert mentions; mentionOf holds offsets
        }
        q.why = explain(c, a, q, a.continuation ? Note::None : res.note, a.continuation);
        history.push_back(q.speaker);
        historyLabel.push_back(q.speaker >= 0 ? doc.entities[q.speaker].label : Label::MISC);
        out.push_back(std::move(q));
    }
    res.finish();
    std::vector<size_t> byStart(out.size());
    for (size_t k = 0; k < byStart.size(); ++k) byStart[k] = k;
    std::stable_sort(byStart.begin(), byStart.end(), [&](size_t x, size_t y) { return out[x].span.begin < out[y].span.begin; });
    doc.quotes.clear();
    doc.quotes.reserve(out.size());
    for (size_t k : byStart) {
        doc.quotes.push_back(std::move(out[k]));
        if (raw) raw->push_back(kinds[k]);
    }
}

} // namespace

} // namespace whosaid
