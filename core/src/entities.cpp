// Entities: the trained tagger finds name mentions (ner.cpp); this file groups
// them into actors with canonical names and adds pronoun mentions of speakers.
//
// Grouping is rule-based and deliberately conservative: exact form, known
// aliases (the US = United States), surname → full name, acronym ↔ expansion.
// Two people who share a surname stay apart; the surname alone is the one
// named nearest before it.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "cues.hpp"
#include "ner.hpp"
#include "pipeline.hpp"
#include "words.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

// [SECTION] Tagging

namespace {

template <size_t N>
bool among(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

bool isTitleWord(std::string_view token);

// [SECTION] Knowledge and layout

// Removes the mentions whose flag is set, keeping the order of the others.
void dropMentions(Document& doc, const std::vector<uint8_t>& drop) {
    size_t w = 0;
    for (size_t k = 0; k < doc.mentions.size(); ++k)
        if (!drop[k]) doc.mentions[w++] = doc.mentions[k];
    doc.mentions.resize(w);
}

// Is there a line break between token t - 1 and token t (t ≥ 1)?
bool lineBreakBefore(const Document& doc, size_t t) {
    const uint32_t gap = doc.tokens[t - 1].span.end;
    return std::string_view(doc.text).substr(gap, doc.tokens[t].span.begin - gap).find('\n') != std::string_view::npos;
}

// Buildings that stand for a government when they speak: "the Kremlin said" is
// the Russian presidency, an organization (inside its walls it is a place).
constexpr std::array<std::string_view, 12> kSeatsOfPower = {
    "kremlin", "white house", "pentagon", "downing street", "élysée", "elysee", "élysée palace",
    "elysee palace", "whitehall", "zhongnanhai", "blue house", "quai d'orsay",
};

// Does a speech or writing cue follow token t within a few words ("the
// Kremlin said", "the White House has announced", "the Pentagon on Monday
// denied"), before any punctuation?
bool speechFollows(const Document& doc, size_t t) {
    for (size_t k = t + 1; k < doc.tokens.size() && k <= t + 4; ++k) {
        const Token& w = doc.tokens[k];
        if (w.kind != TokenKind::Word) return false;
        const CueClass c = lookupCue(lowercase(doc.slice(w.span))).cls;
        if (c == CueClass::Speech || c == CueClass::Writing) return true;
    }
    return false;
}

// One seat of power that speaks anywhere in the article is an organization
// in all its mentions (one actor, one type).
void speakingSeats(Document& doc) {
    auto seat = [&](const Mention& m) {
        return m.kind == MentionKind::Name && among(kSeatsOfPower, lowercase(doc.slice(m.span)));
    };
    std::vector<std::string> speaking;
    size_t t = 0;
    for (const Mention& m : doc.mentions) {
        if (!seat(m)) continue;
        while (t < doc.tokens.size() && doc.tokens[t].span.end < m.span.end) ++t;
        if (t < doc.tokens.size() && speechFollows(doc, t)) speaking.push_back(lowercase(doc.slice(m.span)));
    }
    if (speaking.empty()) return;
    for (Mention& m : doc.mentions)
        if (seat(m) && std::find(speaking.begin(), speaking.end(), lowercase(doc.slice(m.span))) != speaking.end())
            m.label = Label::ORG;
}

// A craft named after the word for its kind ("the ship Ever Given", "the
// spacecraft Perseverance", "the tanker Nordic Star") is a thing, not a
// person or a place: MISC, as CoNLL tags vehicles.
constexpr std::array<std::string_view, 19> kCraftWords = {
    "ship", "vessel", "tanker", "freighter", "ferry", "yacht", "boat", "submarine", "destroyer", "frigate",
    "cruiser", "warship", "spacecraft", "rover", "probe", "lander", "satellite", "capsule", "airship"};

void craftNames(Document& doc) {
    size_t t = 0;
    for (Mention& m : doc.mentions) {
        if (m.kind != MentionKind::Name || m.label == Label::MISC) continue;
        while (t < doc.tokens.size() && doc.tokens[t].span.end <= m.span.begin) ++t;
        if (t < 2 || t >= doc.tokens.size() || doc.tokens[t].span.begin != m.span.begin) continue;
        if (!among(kCraftWords, lowercase(doc.slice(doc.tokens[t - 1].span)))) continue;
        const std::string before = lowercase(doc.slice(doc.tokens[t - 2].span));
        if (before == "the" || before == "a" || before == "its" || before == "their") m.label = Label::MISC;
    }
}

// Photo credits: "[Sputnik/Vladimir Smirnov/Pool via Reuters]", "(AP
// Photo/Jane Doe)". A bracket on one line, its parts split by slashes, with
// "via", "photo", "pool" or "images" in it. Its one-word names are agencies
// (organizations), its two-word names photographers; "Pool", "Photo",
// "File" and "Handout" are no one.
constexpr std::array<std::string_view, 6> kCreditWords = {"pool", "photo", "photos", "file", "handout", "images"};

} // namespace

std::vector<std::pair<uint32_t, uint32_t>> photoCreditTokens(const Document& doc) {
    const std::vector<Token>& tok = doc.tokens;
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (size_t i = 0; i < tok.size(); ++i) {
        const std::string_view open = doc.slice(tok[i].span);
        if (open != "[" && open != "(") continue;
        const std::string_view close = open == "[" ? "]" : ")";
        size_t e = i + 1;
        bool slash = false, credit = false;
        for (; e < tok.size() && e <= i + 16; ++e) {
            const std::string_view w = doc.slice(tok[e].span);
            if (w == close || w == "[" || w == "(") break;
            if (lineBreakBefore(doc, e)) {
                e = tok.size();  // a credit is on one line
                break;
            }
            const std::string l = lowercase(w);
            slash |= w == "/";
            credit |= l == "via" || among(kCreditWords, l);
        }
        if (e >= tok.size() || doc.slice(tok[e].span) != close || !slash || !credit) continue;
        out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(e)});
        i = e;
    }
    return out;
}

namespace {

void photoCredits(Document& doc) {
    const std::vector<Token>& tok = doc.tokens;
    std::vector<uint8_t> drop(doc.mentions.size(), 0);
    bool any = false;
    size_t m = 0;
    for (const auto& [i, e] : photoCreditTokens(doc)) {
        const uint32_t b = tok[i].span.end, end = tok[e].span.begin;
        while (m < doc.mentions.size() && doc.mentions[m].span.begin < b) ++m;
        for (size_t k = m; k < doc.mentions.size() && doc.mentions[k].span.end <= end; ++k) {
            Mention& x = doc.mentions[k];
            if (x.kind != MentionKind::Name) continue;
            const std::string_view text = doc.slice(x.span);
            if (among(kCreditWords, lowercase(text))) {
                drop[k] = 1;
                any = true;
            } else if (text.find(' ') == std::string_view::npos && x.label != Label::PER) {
                x.label = Label::ORG;
            }
        }
    }
    if (any) dropMentions(doc, drop);
}

// Page furniture: a line of short items between separators, as footers, menus
// and category lists are ("Published · Politics · North America", "Home |
// World | Sport"). It is not the article, and its names are no one's. A line
// with a sentence in it (an end mark, or an item longer than five words) is
// not furniture.
constexpr std::array<std::string_view, 5> kItemSeparators = {"\xC2\xB7", "|", "\xE2\x80\xA2", "\xE2\x80\xBA", "\xC2\xBB"};

bool furnitureLine(std::string_view line) {
    int items = 1, words = 0, longest = 0;
    bool inWord = false;
    for (size_t i = 0; i < line.size();) {
        size_t sep = 0;
        for (std::string_view s : kItemSeparators)
            if (line.substr(i, s.size()) == s) sep = s.size();
        if (sep) {
            ++items;
            words = 0;
            inWord = false;
            i += sep;
            continue;
        }
        const char ch = line[i];
        if (ch == '.' || ch == '!' || ch == '?' || ch == ';') return false;
        const bool space = ch == ' ' || ch == '\t';
        if (!space && !inWord) longest = std::max(longest, ++words);
        inWord = !space;
        ++i;
    }
    return items >= 3 && longest <= 5;
}

void pageFurniture(Document& doc) {
    std::vector<uint8_t> drop(doc.mentions.size(), 0);
    size_t lineBegin = 0, lineEnd = 0;
    bool furniture = false, any = false;
    for (size_t k = 0; k < doc.mentions.size(); ++k) {
        const Mention& m = doc.mentions[k];
        if (m.span.begin >= lineEnd) {
            lineBegin = doc.text.rfind('\n', m.span.begin);
            lineBegin = lineBegin == std::string::npos ? 0 : lineBegin + 1;
            lineEnd = doc.text.find('\n', m.span.begin);
            if (lineEnd == std::string::npos) lineEnd = doc.text.size();
            furniture = lineEnd - lineBegin <= 400 &&
                        furnitureLine(std::string_view(doc.text).substr(lineBegin, lineEnd - lineBegin));
        }
        if (furniture && m.kind == MentionKind::Name) drop[k] = any = true;
    }
    if (any) dropMentions(doc, drop);
}

// Bylines: a line that starts with "By" and holds nothing but names, the
// words that join them and the writer's role ("By Helen Marsh, Staff Writer",
// "BY TOM REYES AND ANA LOPES | The Riverside Herald"). The writer is not an
// actor of the article: its names are no one, and a role after a comma is no
// person. "By Tuesday, officials said" has a lower-case word and is the article.
constexpr std::array<std::string_view, 18> kBylineWords = {
    "and", "of", "the", "in", "for", "at", "staff", "writer", "writers", "reporter", "reporters", "correspondent",
    "editor", "contributor", "columnist", "senior", "special", "chief",
};

bool bylineLine(const Document& doc, size_t first, size_t end) {
    if (end - first < 2 || end - first > 24 || lowercase(doc.slice(doc.tokens[first].span)) != "by") return false;
    int words = 0;
    for (size_t t = first + 1; t < end; ++t) {
        const Token& tok = doc.tokens[t];
        const std::string_view w = doc.slice(tok.span);
        if (tok.kind == TokenKind::Number) return false;
        if (tok.kind != TokenKind::Word) {
            if (w == "," || w == "|" || w == "/" || w == "&" || w == "-" || w == "\xE2\x80\x94" || w == "\xC2\xB7" || w == "." ||
                w == "'" || w == "\xE2\x80\x99")
                continue;
            return false;
        }
        ++words;
        const unsigned char c = static_cast<unsigned char>(w[0]);
        const bool upper = (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!upper && !among(kBylineWords, lowercase(w))) return false;
    }
    // a byline names someone: a capitalized word right after "By"
    const std::string_view next = doc.slice(doc.tokens[first + 1].span);
    return words <= 16 && !next.empty() && next[0] >= 'A' && next[0] <= 'Z';
}

void bylines(Document& doc) {
    const std::vector<Token>& tok = doc.tokens;
    std::vector<uint8_t> drop(doc.mentions.size(), 0);
    bool any = false;
    size_t m = 0;
    for (size_t i = 0; i < tok.size();) {
        // the tokens of one line: [i, e)
        size_t e = i + 1;
        while (e < tok.size() && !lineBreakBefore(doc, e)) ++e;
        if (bylineLine(doc, i, e)) {
            const uint32_t b = tok[i].span.begin, end = tok[e - 1].span.end;
            while (m < doc.mentions.size() && doc.mentions[m].span.begin < b) ++m;
            for (size_t k = m; k < doc.mentions.size() && doc.mentions[k].span.end <= end; ++k)
                if (doc.mentions[k].kind == MentionKind::Name) drop[k] = any = true;
        }
        i = e;
    }
    if (any) dropMentions(doc, drop);
}

// The token range [first, end) of a mention.
std::pair<uint32_t, uint32_t> mentionTokens(const Document& doc, const Mention& m) {
    const auto first = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.span.begin,
                                        [](const Token& t, uint32_t at) { return t.span.end <= at; });
    auto end = first;
    while (end != doc.tokens.end() && end->span.begin < m.span.end) ++end;
    return {static_cast<uint32_t>(first - doc.tokens.begin()), static_cast<uint32_t>(end - doc.tokens.begin())};
}


} // namespace

void dropPartyTags(Document& doc) {
    std::vector<uint8_t> drop(doc.mentions.size(), 0);
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Mention& m = doc.mentions[i];
        if (m.kind != MentionKind::Name || !isPartyTag(doc.slice(m.span))) continue;
        const uint32_t a = mentionTokens(doc, m).first;
        if (a == 0) continue;
        const std::string_view before = doc.slice(doc.tokens[a - 1].span);
        drop[i] = before == "(" || before == ",";
    }
    if (std::find(drop.begin(), drop.end(), 1) == drop.end()) return;
    dropMentions(doc, drop);
    compactEntities(doc);
}

// "Mr. Okafor said …", "Mrs. Lindqvist opened …": the capitalized words right
// after Mr., Mrs., Ms., Miss, Mx. or Dr. name a person, a surname the tagger
// may never have seen (it then left them out, or took them for a place). Up
// to three such words become the person's name; a name the tagger ran on
// past them ("Mr. Okafor Industries") is left as it is, and so are titles
// ("Mr. President").
void honorificNames(const Document& doc, std::vector<uint8_t>& tags) {
    // as written: "will miss England" and the team "MX Onda" are no one's title
    static constexpr std::array<std::string_view, 10> kHonorifics = {"Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss",
                                                                     "Mx.", "Dr.", "Dr"};
    const std::vector<Token>& tok = doc.tokens;
    auto capitalized = [&](size_t k) {
        const std::string_view w = doc.slice(tok[k].span);
        return tok[k].kind == TokenKind::Word && !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    };
    for (size_t i = 0; i + 1 < tok.size(); ++i) {
        if (!among(kHonorifics, doc.slice(tok[i].span)) || tok[i + 1].sentence != tok[i].sentence || !capitalized(i + 1) ||
            isTitleWord(doc.slice(tok[i + 1].span)))
            continue;
        const int first = tags[i + 1];
        if (first != 0 && ner::tagLabel(first) == 0) continue;  // a person already
        size_t e = i + 1;
        while (e + 1 < tok.size() && e + 1 <= i + 3 && tok[e + 1].sentence == tok[i].sentence && capitalized(e + 1) &&
               !isTitleWord(doc.slice(tok[e + 1].span)))
            ++e;
        // the tagger's names over these words must end within them
        if (e + 1 < tags.size() && tags[e + 1] != 0 && ner::tagPart(tags[e + 1]) != ner::PartB &&
            ner::tagPart(tags[e + 1]) != ner::PartU)
            continue;
        size_t b = i + 1;
        while (b > 0 && tags[b] != 0 && ner::tagPart(tags[b]) != ner::PartB && ner::tagPart(tags[b]) != ner::PartU) --b;
        for (size_t k = b; k < i + 1; ++k) tags[k] = 0;  // a name ending in the honorific is none
        for (size_t k = i + 1; k <= e; ++k)
            tags[k] = static_cast<uint8_t>(ner::tagOf(e == i + 1 ? ner::PartU : k == i + 1 ? ner::PartB : k == e ? ner::PartL : ner::PartI, 0));
        i = e;
    }
}

void findEntities(Document& doc, const ModelData& model) {
    std::vector<uint8_t> tags;
    ner::tagDocument(doc, model.ner, tags);
    // A title the tagger swept into a person's name ("Mayor Ana Lopes") is
    // left out of the mention, as CoNLL annotates it.
    for (size_t i = 0; i + 1 < tags.size(); ++i) {
        if (tags[i] != ner::tagOf(ner::PartB, 0) || !isTitleWord(doc.slice(doc.tokens[i].span))) continue;
        tags[i] = 0;
        tags[i + 1] = static_cast<uint8_t>(ner::tagOf(ner::tagPart(tags[i + 1]) == ner::PartL ? ner::PartU : ner::PartB, 0));
    }
    honorificNames(doc, tags);
    ner::tagsToMentions(doc, tags);
    pageFurniture(doc);
    bylines(doc);
    photoCredits(doc);
    speakingSeats(doc);
    craftNames(doc);
}

// [SECTION] Name forms

namespace {

// Lower-cased words of a title that may lead a name ("president", "mr").
constexpr std::array<std::string_view, 40> kTitles = {
    "president", "minister", "prime", "foreign", "defence", "defense", "mr", "mrs", "ms", "dr", "gov",
    "governor", "sen", "senator", "rep", "gen", "general", "chancellor", "king", "queen", "pope", "sir",
    "lord", "mayor", "judge", "prof", "professor", "secretary", "ambassador", "chairman", "spokesman",
    "spokeswoman", "leader", "premier", "sheikh", "prince", "princess", "colonel", "capt", "lt"};

bool isTitleWord(std::string_view token) {
    std::string w;
    for (char c : ner::normalizeLower(token))
        if (c != '.') w.push_back(c);
    return among(kTitles, w);
}

constexpr std::array<std::string_view, 8> kConnectors = {"of", "and", "for", "the", "&", "de", "on", "in"};

// Alias table: normalized form → canonical key and display name.
struct Alias { std::string_view form, canonical; };
constexpr std::array<Alias, 22> kAliases = {{
    {"us", "United States"}, {"usa", "United States"}, {"united states", "United States"},
    {"united states of america", "United States"}, {"america", "United States"},
    {"uk", "United Kingdom"}, {"united kingdom", "United Kingdom"}, {"britain", "United Kingdom"},
    {"great britain", "United Kingdom"}, {"un", "United Nations"}, {"united nations", "United Nations"},
    {"eu", "European Union"}, {"european union", "European Union"}, {"uae", "United Arab Emirates"},
    {"united arab emirates", "United Arab Emirates"}, {"ussr", "Soviet Union"}, {"soviet union", "Soviet Union"},
    {"nato", "NATO"}, {"north atlantic treaty organization", "NATO"}, {"who", "World Health Organization"},
    {"world health organization", "World Health Organization"}, {"dprk", "North Korea"},
}};

struct Word {
    std::string text;   // as written, normalized quotes
    std::string lower;  // lower-cased, dots removed ("U.S." → "us")
};

std::vector<Word> splitName(std::string_view s) {
    std::vector<Word> out;
    std::string cur;
    auto flush = [&] {
        if (cur.empty()) return;
        Word w;
        w.text = ner::normalizeWord(cur);
        for (char c : ner::normalizeLower(cur))
            if (c != '.') w.lower.push_back(c);
        if (!w.lower.empty()) out.push_back(std::move(w));
        cur.clear();
    };
    for (size_t i = 0; i < s.size();) {
        int len = 1;
        const char32_t c = decodeAt(s, i, len);
        if (isSpace(c)) flush();
        else cur.append(s.substr(i, len));
        i += len;
    }
    flush();
    // titles, a party before a title ("Democratic Senator") and a leading
    // "the" are not part of the name
    static constexpr std::array<std::string_view, 8> kParties = {
        "democratic", "democrat", "republican", "labour", "labor", "conservative", "liberal", "socialist"};
    size_t drop = 0;
    while (drop + 1 < out.size() &&
           (among(kTitles, out[drop].lower) || out[drop].lower == "the" ||
            (among(kParties, out[drop].lower) && drop + 2 < out.size() && among(kTitles, out[drop + 1].lower))))
        ++drop;
    out.erase(out.begin(), out.begin() + drop);
    return out;
}

std::string joinWords(const std::vector<Word>& w, bool lower) {
    std::string s;
    for (const Word& x : w) {
        if (!s.empty()) s += ' ';
        s += lower ? x.lower : x.text;
    }
    return s;
}

// "al-assad" → "assad"; surnames are compared without Arabic article prefixes.
std::string_view bareSurname(std::string_view w) {
    for (std::string_view p : {"al-", "el-", "ad-", "as-", "ash-", "bin-"})
        if (w.size() > p.size() + 1 && w.substr(0, p.size()) == p) return w.substr(p.size());
    return w;
}

std::string initials(const std::vector<Word>& w) {
    std::string s;
    for (const Word& x : w)
        if (!among(kConnectors, x.lower) && !x.lower.empty()) s += x.lower[0];
    return s;
}

bool isAcronym(const std::vector<Word>& w) {
    if (w.size() != 1) return false;
    const std::string& t = w[0].text;
    int letters = 0;
    for (char c : t) {
        if (c >= 'A' && c <= 'Z') ++letters;
        else if (c != '.' && c != '&') return false;
    }
    return letters >= 2 && letters <= 7;
}

std::string_view aliasOf(const std::string& lowerForm) {
    for (const Alias& a : kAliases)
        if (a.form == lowerForm) return a.canonical;
    return {};
}

// Honorifics and first names that say a person's gender. The names are common
// given names across the languages news is written about, chosen by the team;
// a name used for both (Andrea, Jean, Sasha) is left out.
constexpr std::array<std::string_view, 14> kMaleHonorifics = {
    "mr", "mister", "sir", "lord", "king", "prince", "monsieur", "herr", "senor", "signor", "sheikh", "spokesman",
    "chairman", "congressman"};
constexpr std::array<std::string_view, 14> kFemaleHonorifics = {
    "mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "mme", "frau", "senora",
    "spokeswoman", "congresswoman"};
constexpr std::string_view kMaleNames[] = {
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "peter",
    "paul", "mark", "george", "donald", "steven", "kevin", "brian", "edward", "frank", "gary", "jack", "henry",
    "walter", "harold", "carl", "arthur", "ryan", "eric", "adam", "bernie", "barack", "vladimir", "boris",
    "dmitri", "sergei", "ivan", "igor", "tomasz", "piotr", "jan", "pavel", "lars", "hans", "karl", "klaus",
    "pierre", "jacques", "francois", "emmanuel", "luis", "carlos", "jose", "juan", "miguel", "pedro", "antonio",
    "giovanni", "marco", "luca", "recep", "mehmet", "mustafa", "ahmed", "mohammed", "muhammad", "ali", "hassan",
    "omar", "xi", "hiroshi", "kenji", "rajesh", "narendra", "kwame", "daniel", "matthew", "andrew", "joshua",
    "christopher", "anthony", "jeffrey", "timothy", "scott", "benjamin", "samuel", "patrick", "stephen", "mitch",
    "mike", "joe", "bill", "tom", "jim", "ted", "newt", "rand", "nikolai", "oleg"};
constexpr std::string_view kFemaleNames[] = {
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
    "nancy", "lisa", "margaret", "sandra", "ashley", "emily", "donna", "michelle", "carol", "amanda", "melissa",
    "deborah", "stephanie", "rebecca", "laura", "helen", "anna", "ana", "maria", "marie", "sophie", "julia",
    "hillary", "angela", "theresa", "marine", "ursula", "christine", "nicola", "jacinda", "kamala", "elena",
    "olga", "irina", "natalia", "svetlana", "tatiana", "agnieszka", "katarzyna", "marta", "ingrid", "astrid",
    "fatima", "aisha", "leila", "ayse", "mei", "yuki", "priya", "indira", "amina", "lucia", "carmen", "isabel",
    "rosa", "giulia", "francesca", "claire", "catherine", "katherine", "kate", "caroline", "victoria", "diane",
    "janet", "joan", "judith", "ruth", "sharon", "nikki", "sara", "lena", "greta", "hannah", "emma",
    "olivia", "sophia", "grace", "alice", "betsy", "elaine", "sonia", "condoleezza", "madeleine"};

bool among(const std::string_view* list, size_t n, std::string_view w) {
    for (size_t i = 0; i < n; ++i)
        if (list[i] == w) return true;
    return false;
}

uint8_t honorificGender(std::string_view lower) {
    if (among(kMaleHonorifics, lower)) return 1;
    if (among(kFemaleHonorifics, lower)) return 2;
    return 0;
}

bool knownFirstName(std::string_view lower) {
    return among(kMaleNames, std::size(kMaleNames), lower) || among(kFemaleNames, std::size(kFemaleNames), lower);
}

// The honorific written just before a mention ("Mrs.", "Mr"), or "".
std::string honorificBefore(const Document& doc, const Mention& m) {
    size_t b = m.span.begin;
    while (b > 0 && doc.text[b - 1] == ' ') --b;
    size_t a = b;
    while (a > 0 && doc.text[a - 1] != ' ' && doc.text[a - 1] != '\n' && b - a < 12) --a;
    const std::string written = doc.text.substr(a, b - a);
    std::string lower;
    for (char c : ner::normalizeLower(written))
        if (c != '.') lower.push_back(c);
    return honorificGender(lower) && b < m.span.begin ? written : std::string();
}

struct Cluster {
    std::vector<Word> longest;  // the longest full form seen
    std::string longestLower;
    std::string alias;          // canonical alias name, if any
    std::array<int, kLabelCount> labels{};
    bool person = false;
    uint8_t gender = 0;  // nameGender() of its mentions: 0 unknown, 1 male, 2 female
    std::string honorific;  // as written before a lone surname ("Mrs."), shown with it
    size_t firstMention = SIZE_MAX;
    // Where its mentions start: one ascending run per name length, as the
    // grouping takes mentions longest form first, each length in text order
    // (so adding one is O(1) and finding the nearest O(log n) per run).
    std::vector<std::vector<uint32_t>> starts;
    size_t lastLength = 0;
    void addStart(size_t length, uint32_t at) {
        if (starts.empty() || length != lastLength) starts.emplace_back();
        lastLength = length;
        starts.back().push_back(at);
    }
    // The start nearest before `at` (before = true), else the first after it.
    uint32_t nearest(uint32_t at, bool& before) const {
        uint32_t last = 0, next = UINT32_MAX;
        before = false;
        for (const std::vector<uint32_t>& run : starts) {
            const auto it = std::lower_bound(run.begin(), run.end(), at);
            if (it != run.begin() && (!before || *(it - 1) > last)) { last = *(it - 1); before = true; }
            if (it != run.end()) next = std::min(next, *it);
        }
        return before ? last : next;
    }
};

// Of the clusters `candidates` that `fits`, the one with a mention nearest
// before `at`, or else the one first mentioned after it; -1 when none fits.
// Two people who share a surname: "Ruiz" is the Ruiz named last.
template <class Fits>
int nearestCluster(const std::vector<Cluster>& clusters, const std::vector<int>& candidates, uint32_t at, Fits&& fits) {
    int best = -1;
    bool bestBefore = false;
    uint32_t bestAt = 0;
    for (int c : candidates) {
        if (!fits(clusters[c])) continue;
        bool before = false;
        const uint32_t where = clusters[c].nearest(at, before);
        if (best < 0 || (before && (!bestBefore || where > bestAt)) || (!before && !bestBefore && where < bestAt)) {
            best = c;
            bestBefore = before;
            bestAt = where;
        }
    }
    return best;
}

} // namespace

// [SECTION] Grouping

void groupEntities(Document& doc) {
    doc.entities.clear();
    std::vector<size_t> order;
    // Each distinct name text is split once (an article repeats its names).
    std::vector<std::vector<Word>> uniqueForms(1);  // [0]: empty, for non-names
    std::vector<uint32_t> formOf(doc.mentions.size(), 0);
    std::unordered_map<std::string_view, uint32_t> formByText;
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        if (doc.mentions[i].kind != MentionKind::Name) continue;
        const std::string_view text = doc.slice(doc.mentions[i].span);
        const auto [it, fresh] = formByText.emplace(text, static_cast<uint32_t>(uniqueForms.size()));
        if (fresh) uniqueForms.push_back(splitName(text));
        formOf[i] = it->second;
        if (!uniqueForms[formOf[i]].empty()) order.push_back(i);
    }
    auto forms = [&](size_t mention) -> const std::vector<Word>& { return uniqueForms[formOf[mention]]; };
    // longer forms first, so that full names exist before surnames and acronyms
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return forms(a).size() > forms(b).size(); });

    // Each mention joins the first cluster (in order of creation) that matches
    // it; the indexes below find that cluster without trying every one, so a
    // long paste with thousands of names stays linear.
    std::vector<Cluster> clusters;
    std::unordered_map<std::string, int> byLower;        // longestLower → first cluster
    std::unordered_map<std::string_view, int> byAlias;   // alias (kAliases) → first cluster
    std::unordered_map<std::string_view, std::vector<int>> byLastWord;  // bare last word → clusters, ascending
    std::unordered_map<std::string, int> byInitials;     // initials of a 2+ word name → first cluster
    std::unordered_map<std::string_view, std::vector<int>> byFirstWord;  // first word of a 2+ word name → clusters
    auto firstOf = [](const auto& map, const auto& key) {
        const auto it = map.find(key);
        return it == map.end() ? -1 : it->second;
    };
    auto noteAlias = [&](std::string_view alias, int c) {
        const auto [it, fresh] = byAlias.emplace(alias, c);
        if (!fresh && c < it->second) it->second = c;
    };
    std::vector<int> clusterOf(doc.mentions.size(), -1);
    for (size_t mi : order) {
        const std::vector<Word>& f = forms(mi);
        const Mention& m = doc.mentions[mi];
        const std::string lower = joinWords(f, true);
        const std::string_view alias = aliasOf(lower);
        const uint8_t g = m.label == Label::PER ? nameGender(doc, m) : 0;
        int found = firstOf(byLower, lower);
        if (found >= 0 && g != 0 && clusters[found].gender != 0 && clusters[found].gender != g) found = -1;  // "Mr. Novak" after "Mrs. Novak"
        if (!alias.empty()) {
            const int a = firstOf(byAlias, alias);
            if (a >= 0 && (found < 0 || a < found)) found = a;
        }
        // surname or shorter tail of a person's name: "Erdogan", "Tayyip Erdogan", "Assad"
        if (found < 0 && f.size() < 4 && !isAcronym(f)) {
            const auto it = byLastWord.find(bareSurname(f.back().lower));
            if (it != byLastWord.end())
                found = nearestCluster(clusters, it->second, m.span.begin, [&](const Cluster& cl) {
                    // a full name the tagger typed otherwise, with a first name, is a person's
                    const bool person = cl.person || (m.label == Label::PER && knownFirstName(cl.longest[0].lower));
                    if (!person || cl.longest.size() <= f.size()) return false;
                    // "Mrs. Novak" is not "Peter Novak"
                    if (g != 0 && cl.gender != 0 && g != cl.gender) return false;
                    for (size_t k = 0; k < f.size(); ++k)
                        if (bareSurname(cl.longest[cl.longest.size() - f.size() + k].lower) != bareSurname(f[k].lower))
                            return false;
                    return true;
                });
        }
        // a first name alone: the person of that first name named nearest ("Luke" = "Luke Brennan")
        if (found < 0 && f.size() == 1 && m.label == Label::PER && !isAcronym(f)) {
            const auto it = byFirstWord.find(f[0].lower);
            if (it != byFirstWord.end())
                found = nearestCluster(clusters, it->second, m.span.begin, [&](const Cluster& cl) {
                    return cl.person && (g == 0 || cl.gender == 0 || g == cl.gender);
                });
        }
        // acronym of a longer name: "CSIS" = "Center for Strategic and International Studies"
        if (found < 0 && isAcronym(f)) found = firstOf(byInitials, f[0].lower);
        if (found < 0) {
            Cluster cl;
            cl.longest = f;
            cl.longestLower = lower;
            cl.alias = std::string(alias);
            found = static_cast<int>(clusters.size());
            clusters.push_back(std::move(cl));
            byLower.emplace(lower, found);
            if (!alias.empty()) noteAlias(alias, found);
            byLastWord[bareSurname(f.back().lower)].push_back(found);  // f lives in `forms`
            if (f.size() >= 2) {
                byInitials.emplace(initials(f), found);
                byFirstWord[f[0].lower].push_back(found);
            }
        }
        Cluster& cl = clusters[found];
        ++cl.labels[static_cast<int>(m.label)];
        if (m.label == Label::PER) cl.person = true;
        if (cl.gender == 0) cl.gender = g;
        if (g != 0 && f.size() == 1 && cl.longest.size() == 1 && cl.honorific.empty()) cl.honorific = honorificBefore(doc, m);
        if (cl.alias.empty() && !alias.empty()) {
            cl.alias = std::string(alias);
            noteAlias(alias, found);
        }
        cl.firstMention = std::min(cl.firstMention, static_cast<size_t>(m.span.begin));
        cl.addStart(f.size(), m.span.begin);
        clusterOf[mi] = found;
    }

    // entities in order of first mention
    std::vector<int> byFirst(clusters.size());
    for (size_t c = 0; c < clusters.size(); ++c) byFirst[c] = static_cast<int>(c);
    std::stable_sort(byFirst.begin(), byFirst.end(), [&](int a, int b) { return clusters[a].firstMention < clusters[b].firstMention; });
    std::vector<int32_t> entityOf(clusters.size());
    for (int c : byFirst) {
        const Cluster& cl = clusters[c];
        Entity e;
        e.name = !cl.alias.empty() && cl.longest.size() <= 1 ? cl.alias : joinWords(cl.longest, false);
        if (!cl.alias.empty() && aliasOf(cl.longestLower) == cl.alias && cl.longest.size() <= 1) e.name = cl.alias;
        int best = 0;
        for (int l = 1; l < kLabelCount; ++l)
            if (cl.labels[l] > cl.labels[best]) best = l;
        e.label = cl.person ? Label::PER : static_cast<Label>(best);
        if (e.label == Label::PER && !cl.honorific.empty() && cl.longest.size() == 1) e.name = cl.honorific + " " + e.name;
        entityOf[c] = static_cast<int32_t>(doc.entities.size());
        doc.entities.push_back(std::move(e));
    }
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        Mention& m = doc.mentions[i];
        if (clusterOf[i] < 0) continue;
        m.entity = entityOf[clusterOf[i]];
        // the end of a person's name, or a full name with a first name, that
        // the tagger called something else is the person's: one actor, one type
        const Cluster& cl = clusters[clusterOf[i]];
        const std::vector<Word>& f = forms(i);
        const bool fullName = f.size() < cl.longest.size() || (f.size() >= 2 && knownFirstName(f[0].lower));
        if (doc.entities[m.entity].label == Label::PER && m.label != Label::PER && fullName &&
            f.size() <= cl.longest.size() &&
            std::equal(f.begin(), f.end(), cl.longest.end() - f.size(),
                       [](const Word& a, const Word& b) { return bareSurname(a.lower) == bareSurname(b.lower); }))
            m.label = Label::PER;
    }
}

uint8_t nameGender(const Document& doc, const Mention& m) {
    const std::vector<Word> words = [&] {
        // the words of the mention with the one before it, for an honorific the tagger left out
        size_t b = m.span.begin;
        while (b > 0 && (doc.text[b - 1] == ' ')) --b;
        size_t a = b;
        while (a > 0 && doc.text[a - 1] != ' ' && doc.text[a - 1] != '\n' && b - a < 12) --a;
        std::vector<Word> w;
        std::string before;
        for (char c : ner::normalizeLower(std::string_view(doc.text).substr(a, b - a)))
            if (c != '.') before.push_back(c);
        w.push_back(Word{before, before});
        std::vector<Word> rest;
        std::string cur;
        const std::string_view text = doc.slice(m.span);
        for (size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text[i] == ' ') {
                std::string lower;
                for (char c : ner::normalizeLower(cur))
                    if (c != '.') lower.push_back(c);
                if (!lower.empty()) w.push_back(Word{cur, lower});
                cur.clear();
            } else {
                cur.push_back(text[i]);
            }
        }
        return w;
    }();
    // an honorific: just before the name or at its start
    for (size_t k = 0; k < words.size() && k < 2; ++k)
        if (const uint8_t g = honorificGender(words[k].lower)) return g;
    // a first name: the first word of a name of two or more words that is not a title
    size_t k = 1;
    while (k < words.size() && among(kTitles, words[k].lower)) ++k;
    if (k + 1 < words.size()) {
        const std::string_view first = words[k].lower;
        if (among(kMaleNames, std::size(kMaleNames), first)) return 1;
        if (among(kFemaleNames, std::size(kFemaleNames), first)) return 2;
    }
    return 0;
}

std::vector<uint8_t> entityGenders(const Document& doc) {
    std::vector<uint8_t> g(doc.entities.size(), 0), seen(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions) {
        if (m.entity < 0 || static_cast<size_t>(m.entity) >= g.size() || m.kind != MentionKind::Name) continue;
        if (doc.entities[m.entity].label != Label::PER) continue;
        const uint8_t x = nameGender(doc, m);
        if (!x) continue;
        seen[m.entity] |= x;
    }
    for (size_t e = 0; e < g.size(); ++e) g[e] = seen[e] == 1 ? 1 : seen[e] == 2 ? 2 : 0;
    return g;
}

// [SECTION] Pronouns

namespace {

enum class Number { Singular, Plural, None };

Number pronounNumber(std::string_view w) {
    if (w == "he" || w == "He" || w == "she" || w == "She" || w == "HE" || w == "SHE") return Number::Singular;
    if (w == "they" || w == "They" || w == "THEY") return Number::Plural;
    return Number::None;
}

constexpr std::array<std::string_view, 12> kSubordinators = {
    "As", "When", "While", "After", "Before", "Since", "Although", "Though", "If", "Because", "Once", "Until"};

} // namespace

void resolvePronouns(Document& doc) {
    const auto& tok = doc.tokens;
    if (tok.empty()) return;
    // which tokens are inside quotation marks (reset at each paragraph)
    std::vector<uint8_t> inQuote(tok.size(), 0);
    {
        bool open = false;
        for (size_t i = 0; i < tok.size(); ++i) {
            if (tok[i].paragraphStart) open = false;
            if (tok[i].kind == TokenKind::QuoteOpen) { open = true; inQuote[i] = 1; continue; }
            if (tok[i].kind == TokenKind::QuoteClose) { inQuote[i] = 1; open = false; continue; }
            inQuote[i] = open;
        }
    }
    auto tokenAt = [&](uint32_t byte) {
        auto it = std::lower_bound(tok.begin(), tok.end(), byte, [](const Token& t, uint32_t b) { return t.span.end <= b; });
        return static_cast<size_t>(it - tok.begin());
    };
    // a photo credit's names are no one a pronoun of the article refers to
    for (const auto& [b, e] : photoCreditTokens(doc))
        for (uint32_t t = b; t <= e; ++t) inQuote[t] = 1;
    // name mentions per sentence, outside quotes, in order (pronoun mentions are added as found)
    struct Ref { size_t token; int32_t entity; Label label; };
    std::vector<std::vector<Ref>> bySentence(doc.sentences.size());
    for (const Mention& m : doc.mentions) {
        if (m.entity < 0) continue;
        const size_t t = tokenAt(m.span.begin);
        if (t >= tok.size() || inQuote[t]) continue;
        bySentence[tok[t].sentence].push_back({t, m.entity, doc.entities[m.entity].label});
    }
    std::vector<Mention> added;
    // "she" is never a man's, "he" never a woman's (by honorific or first name)
    const std::vector<uint8_t> gender = entityGenders(doc);
    for (size_t i = 0; i < tok.size(); ++i) {
        const std::string_view word = doc.slice(tok[i].span);
        const Number kind = pronounNumber(word);
        if (kind == Number::None || inQuote[i]) continue;
        const uint8_t g = kind != Number::Singular ? 0 : (word[0] == 'h' || word[0] == 'H') ? 1 : 2;
        const uint32_t s = tok[i].sentence;
        const Sentence& sent = doc.sentences[s];
        auto fits = [&](const Ref& r) {
            if (kind != Number::Singular) return r.label == Label::ORG || r.label == Label::GRP;
            const uint8_t eg = static_cast<size_t>(r.entity) < gender.size() ? gender[r.entity] : 0;
            return r.label == Label::PER && (eg == 0 || eg == g);
        };
        int32_t entity = -1;
        // "As he sat down with X, Putin said": the subject after the comma
        if (kind == Number::Singular && i > sent.firstToken && i - sent.firstToken <= 2 &&
            among(kSubordinators, doc.slice(tok[sent.firstToken].span))) {
            size_t comma = i;
            while (comma < sent.endToken && doc.slice(tok[comma].span) != ",") ++comma;
            for (const Ref& r : bySentence[s])
                if (r.token > comma && r.token < sent.endToken && fits(r)) { entity = r.entity; break; }
        }
        // earlier in the same sentence: its first fitting mention
        if (entity < 0)
            for (const Ref& r : bySentence[s])
                if (r.token < i && fits(r)) { entity = r.entity; break; }
        // earlier sentences: the subject (first fitting mention) of the nearest one that has one
        const int maxBack = kind == Number::Singular ? 5 : 1;
        for (int back = 1; entity < 0 && back <= maxBack && static_cast<int>(s) - back >= 0; ++back) {
            const uint32_t ps = s - back;
            if (sent.paragraph - doc.sentences[ps].paragraph > 2) break;
            for (const Ref& r : bySentence[ps])
                if (fits(r)) { entity = r.entity; break; }
        }
        if (entity < 0) continue;
        Mention m;
        m.span = tok[i].span;
        m.label = doc.entities[entity].label;
        m.kind = MentionKind::Pronoun;
        m.entity = entity;
        added.push_back(m);
        // the pronoun is now a subject the next pronouns can chain to
        auto& refs = bySentence[s];
        Ref r{i, entity, m.label};
        refs.insert(std::upper_bound(refs.begin(), refs.end(), r, [](const Ref& a, const Ref& b) { return a.token < b.token; }), r);
    }
    if (added.empty()) return;
    // Merge (`added` is in text order), each pronoun before the mentions with
    // the same start; idempotent: a pronoun already present is skipped.
    std::vector<Mention> all;
    all.reserve(doc.mentions.size() + added.size());
    auto rest = doc.mentions.begin();
    for (const Mention& m : added) {
        auto at = std::lower_bound(rest, doc.mentions.end(), m.span.begin,
                                   [](const Mention& x, uint32_t b) { return x.span.begin < b; });
        all.insert(all.end(), rest, at);
        rest = at;
        if (at != doc.mentions.end() && at->span == m.span) continue;
        all.push_back(m);
    }
    all.insert(all.end(), rest, doc.mentions.end());
    doc.mentions = std::move(all);
}

} // namespace whosaid
