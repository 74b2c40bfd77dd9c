// WordNet's parts of speech for the tagger: building the table, morphy
// lookups, the table's bytes. See wordclass.hpp.
#include "wordclass.hpp"

#include "whosaid/text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <vector>

namespace whosaid::syn {

namespace {

uint32_t keyOf(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return ner::foldKey(ner::mix(h, 0x3C1A55u));
}

// One word (no "_" of a collocation) of letters and the marks inside words.
bool keep(std::string_view s) {
    if (s.empty() || s.size() > 40) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'' || c == '.')) return false;
    return true;
}

std::string_view firstField(std::string_view line) { return line.substr(0, line.find(' ')); }

// WordNet's morphy detachment rules per part of speech, in its order.
struct Rule {
    std::string_view suffix, ending;
};
constexpr Rule kNounRules[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
                               {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
                               {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

} // namespace

uint8_t WordClassTable::lookup(std::string_view word) const {
    if (lemmas.empty() || word.empty() || word.size() > 40) return 0;
    const std::string lower = ner::normalizeLower(word);
    uint8_t out = static_cast<uint8_t>(lemmas.find(keyOf(lower), 0));
    char buf[48];
    auto rules = [&](WordNetPos p, const Rule* r, size_t n) {
        for (size_t k = 0; k < n && !(out & kInflectedBit(p)); ++k) {
            if (lower.size() <= r[k].suffix.size() + 1 || !std::string_view(lower).ends_with(r[k].suffix)) continue;
            const size_t stem = lower.size() - r[k].suffix.size();
            std::copy_n(lower.data(), stem, buf);
            std::copy(r[k].ending.begin(), r[k].ending.end(), buf + stem);
            if (lemmas.find(keyOf(std::string_view(buf, stem + r[k].ending.size())), 0) & kLemmaBit(p))
                out |= kInflectedBit(p);
        }
    };
    if (lower.size() <= 40) {
        rules(kNoun, kNounRules, std::size(kNounRules));
        rules(kVerb, kVerbRules, std::size(kVerbRules));
        rules(kAdj, kAdjRules, std::size(kAdjRules));
    }
    return out;
}

Result<WordClassTable> buildWordClasses(const WordNetIndex& f) {
    std::map<std::string, uint8_t, std::less<>> bits;  // ordered: the build never depends on hash order
    const std::array<std::pair<const std::string*, WordNetPos>, 4> indexes{
        {{&f.indexNoun, kNoun}, {&f.indexVerb, kVerb}, {&f.indexAdj, kAdj}, {&f.indexAdv, kAdv}}};
    for (const auto& [text, pos] : indexes) {
        size_t words = 0;
        forEachLine(*text, [&, pos = pos](std::string_view line) {
            if (line.empty() || line[0] == ' ') return;  // the licence header
            const std::string_view lemma = firstField(line);
            if (!keep(lemma)) return;
            bits[std::string(lemma)] |= kLemmaBit(pos);
            ++words;
        });
        if (!words) return Error{"WordNet: an index file holds no words (is it index.noun, index.verb, index.adj, index.adv?)"};
    }
    const std::array<std::pair<const std::string*, WordNetPos>, 4> exceptions{
        {{&f.nounExc, kNoun}, {&f.verbExc, kVerb}, {&f.adjExc, kAdj}, {&f.advExc, kAdv}}};
    for (const auto& [text, pos] : exceptions)
        forEachLine(*text, [&, pos = pos](std::string_view line) {
            const std::string_view form = firstField(line);
            if (keep(form)) bits[std::string(form)] |= kInflectedBit(pos);
        });
    std::vector<std::pair<uint32_t, uint32_t>> items;
    items.reserve(bits.size());
    for (const auto& [w, b] : bits) items.emplace_back(keyOf(w), b);
    std::sort(items.begin(), items.end());
    // two words on one key (a 32-bit collision): both words' bits
    std::vector<std::pair<uint32_t, uint32_t>> unique;
    for (const auto& it : items) {
        if (!unique.empty() && unique.back().first == it.first) unique.back().second |= it.second;
        else unique.push_back(it);
    }
    WordClassTable t;
    t.lemmas.build(unique);
    return t;
}

void writeWordClasses(ByteWriter& w, const WordClassTable& t) {
    std::vector<std::pair<uint32_t, uint32_t>> items;
    for (const ner::FlatMap::Slot& s : t.lemmas.slots)
        if (s.key) items.emplace_back(s.key, s.value);
    std::sort(items.begin(), items.end());
    w.u32(static_cast<uint32_t>(items.size()));
    uint32_t last = 0;
    for (const auto& [k, v] : items) {
        w.varint(k - last);
        last = k;
    }
    for (const auto& [k, v] : items) w.u8(static_cast<uint8_t>(v));
}

void readWordClasses(ByteReader& r, WordClassTable& t) {
    const uint32_t n = r.u32("word classes");
    if (!r.error.empty()) return;
    if (n > (r.in.size() - r.pos) / 2) {  // every entry takes at least two bytes
        r.error = "model: the word-class table claims more entries than its bytes hold";
        return;
    }
    std::vector<std::pair<uint32_t, uint32_t>> items(n);
    uint32_t key = 0;
    for (auto& it : items) {
        const uint32_t gap = r.varint("word classes");
        if (!r.error.empty()) return;
        if (gap == 0 || key + gap < key) {
            r.error = "model: the word-class table's keys are not ascending";
            return;
        }
        key += gap;
        it.first = key;
    }
    for (auto& it : items) it.second = r.u8("word classes");
    if (!r.error.empty()) return;
    t.lemmas.build(items);
}

} // namespace whosaid::syn
