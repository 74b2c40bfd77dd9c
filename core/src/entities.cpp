// First pass at entities: capitalized sequences with a few cues for the label,
// and grouping by shared surname. The trained tagger replaces findEntities().
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "pipeline.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

namespace {

bool capitalized(const Document& doc, const Token& t) {
    if (t.kind != TokenKind::Word) return false;
    int len = 1;
    return isUpper(decodeAt(doc.text, t.span.begin, len));
}

template <size_t N>
bool among(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

constexpr std::array<std::string_view, 40> kFunctionWords = {
    "The", "A", "An", "In", "On", "At", "But", "And", "However", "It", "He", "She", "They", "We", "I",
    "This", "That", "These", "Those", "There", "Neither", "Both", "While", "When", "After", "Before",
    "If", "As", "For", "With", "Writing", "His", "Her", "Their", "Our", "Its", "Last", "Wednesday", "Thursday", "Monday"};
constexpr std::array<std::string_view, 12> kTitles = {"President", "Minister", "Mr.", "Mrs.", "Ms.", "Dr.", "Gov.", "Sen.", "Prime", "Chancellor", "Mayor", "According"};
constexpr std::array<std::string_view, 12> kOrgWords = {"Ministry", "Council", "Party", "Agency", "University", "Inc.", "Corp.", "Bank", "Institute", "Center", "Kremlin", "Union"};
constexpr std::array<std::string_view, 12> kPlaces = {"Russia", "Turkey", "Syria", "Ukraine", "China", "France", "Germany", "Britain", "London", "Moscow", "Washington", "Iran"};

} // namespace

void findEntities(Document& doc, const ModelData&) {
    doc.mentions.clear();
    const auto& tok = doc.tokens;
    for (size_t i = 0; i < tok.size();) {
        if (!capitalized(doc, tok[i]) || among(kTitles, doc.slice(tok[i].span))) { ++i; continue; }
        const bool sentenceStart = i == 0 || tok[i - 1].sentence != tok[i].sentence ||
                                   tok[i - 1].kind == TokenKind::QuoteOpen;
        size_t j = i + 1;
        while (j < tok.size() && tok[j].sentence == tok[i].sentence) {
            if (capitalized(doc, tok[j])) { ++j; continue; }
            const std::string_view w = doc.slice(tok[j].span);
            if ((w == "of" || w == "al" || w == "de" || w == "for") && j + 1 < tok.size() &&
                capitalized(doc, tok[j + 1]) && tok[j + 1].sentence == tok[i].sentence) { j += 2; continue; }
            break;
        }
        if (sentenceStart && j == i + 1 && among(kFunctionWords, doc.slice(tok[i].span))) { i = j; continue; }
        size_t b = i;
        if (sentenceStart && among(kFunctionWords, doc.slice(tok[i].span))) ++b;
        if (b >= j) { i = j; continue; }
        Mention m;
        m.span = {tok[b].span.begin, tok[j - 1].span.end};
        const std::string_view last = doc.slice(tok[j - 1].span);
        const bool titled = b > 0 && among(kTitles, doc.slice(tok[b - 1].span));
        if (titled) m.label = Label::PER;
        else if (among(kOrgWords, last) || (j - b == 1 && last.size() >= 2 && last.size() <= 5 &&
                                            std::all_of(last.begin(), last.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
            m.label = Label::ORG;
        else if (among(kPlaces, last)) m.label = Label::LOC;
        else if (j - b >= 2) m.label = Label::PER;
        else m.label = Label::MISC;
        doc.mentions.push_back(m);
        i = j;
    }
}

void groupEntities(Document& doc) {
    doc.entities.clear();
    // Key: the last word ("Putin"), so "Vladimir Putin" and
    // "Putin" meet. The longest form becomes the canonical name.
    std::unordered_map<std::string, int32_t> byKey;
    for (Mention& m : doc.mentions) {
        if (m.kind != MentionKind::Name) continue;
        std::string_view s = doc.slice(m.span);
        const size_t sp = s.rfind(' ');
        const std::string key(sp == s.npos ? s : s.substr(sp + 1));
        auto [it, fresh] = byKey.try_emplace(key, static_cast<int32_t>(doc.entities.size()));
        if (fresh) {
            doc.entities.push_back({std::string(s), m.label});
        } else {
            Entity& e = doc.entities[it->second];
            if (s.size() > e.name.size()) e.name = std::string(s);
            if (m.label == Label::PER) e.label = Label::PER;  // "Putin" joins "Vladimir Putin"
            m.label = e.label;
        }
        m.entity = it->second;
    }
}

} // namespace whosaid
