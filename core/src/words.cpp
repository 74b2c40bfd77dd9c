// A document's lowercase words, interned, with their lexicon facts.
#include "words.hpp"

#include <unordered_map>

#include "whosaid/text.hpp"

namespace whosaid {

namespace {

WordFacts lexiconFacts(std::string_view w) {
    WordFacts f;
    f.cue = lookupCue(w);
    f.noun = speakerNoun(w);
    f.pronoun = sourcePronoun(w);
    f.bits = static_cast<uint8_t>((isNpBoundary(w) ? kWordBoundary : 0) | (isCueAdverb(w) ? kWordAdverb : 0) |
                                  (isDeterminer(w) ? kWordDeterminer : 0));
    return f;
}

// The facts of `w`. Most words of an article are in no lexicon: one lookup in
// a table of every word the lexicons know answers them.
WordFacts factsOf(std::string_view w, uint32_t hash) {
    static const std::unordered_map<std::string_view, WordFacts> known = [] {
        std::unordered_map<std::string_view, WordFacts> m;
        forEachLexiconWord([&](std::string_view x) { m.emplace(x, lexiconFacts(x)); });
        return m;
    }();
    const auto it = known.find(w);
    WordFacts f = it == known.end() ? WordFacts{} : it->second;
    f.hash = hash;
    return f;
}

} // namespace

DocWords::DocWords(const Document& doc) {
    const size_t n = doc.tokens.size();
    // The whole text lowercased once: each token's form is then the same span
    // of the buffer.
    m_buffer.resize(doc.text.size());
    m_lower.resize(n);
    if (lowercaseSameLength(doc.text, m_buffer.data())) {
        for (size_t i = 0; i < n; ++i)
            m_lower[i] = std::string_view(m_buffer).substr(doc.tokens[i].span.begin, doc.tokens[i].span.size());
    } else {
        m_buffer = {};
        std::vector<size_t> ends(n);
        for (size_t i = 0; i < n; ++i) {
            m_buffer += lowercase(doc.slice(doc.tokens[i].span));
            ends[i] = m_buffer.size();
        }
        for (size_t i = 0, b = 0; i < n; b = ends[i], ++i)
            m_lower[i] = std::string_view(m_buffer).substr(b, ends[i] - b);
    }

    // Intern: open addressing over type indices, keyed by the FNV hash and the form.
    uint32_t cap = 64;
    while (cap < n / 2 + 64) cap <<= 1;
    std::vector<uint32_t> slots(cap, UINT32_MAX);
    std::vector<std::string_view> forms;
    m_type.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string_view w = m_lower[i];
        const uint32_t h = fnv1a(w);
        uint32_t s = (h * 0x9E3779B1u) >> 7 & (cap - 1);
        for (;; s = (s + 1) & (cap - 1)) {
            const uint32_t t = slots[s];
            if (t == UINT32_MAX) {
                slots[s] = static_cast<uint32_t>(m_facts.size());
                m_facts.push_back(factsOf(w, h));
                forms.push_back(w);
                if (m_facts.size() * 2 > cap) {  // keep the table at most half full
                    cap <<= 1;
                    slots.assign(cap, UINT32_MAX);
                    for (uint32_t k = 0; k < m_facts.size(); ++k) {
                        uint32_t r = (m_facts[k].hash * 0x9E3779B1u) >> 7 & (cap - 1);
                        while (slots[r] != UINT32_MAX) r = (r + 1) & (cap - 1);
                        slots[r] = k;
                    }
                }
                m_type[i] = static_cast<uint32_t>(m_facts.size() - 1);
                break;
            }
            if (m_facts[t].hash == h && forms[t] == w) {
                m_type[i] = t;
                break;
            }
        }
    }
}

bool isPartyTag(std::string_view s) {
    if (s.size() < 3 || s.size() > 18 || (s[0] != 'D' && s[0] != 'R' && s[0] != 'I') || s[1] != '-' ||
        s[2] < 'A' || s[2] > 'Z')
        return false;
    for (char c : s.substr(3))
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == ' ')) return false;
    return true;
}

} // namespace whosaid
