// A document's lowercase words, interned, with their lexicon facts.
#include "words.hpp"

#include "whosaid/text.hpp"

namespace whosaid {

namespace {

// Appends the lowercase form of `s` (as lowercase() in text.hpp, without a
// string per call).
void appendLower(std::string& out, std::string_view s) {
    const size_t at = out.size();
    out.append(s);
    bool ascii = true;
    for (char* p = out.data() + at, *end = out.data() + out.size(); p != end; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c >= 0x80) { ascii = false; break; }
        if (c >= 'A' && c <= 'Z') *p = static_cast<char>(c + 32);
    }
    if (ascii) return;
    out.resize(at);
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
            ++i;
            continue;
        }
        int len = 1;
        appendUtf8(out, toLower(decodeAt(s, i, len)));
        i += len;
    }
}

WordFacts factsOf(std::string_view w, uint32_t hash) {
    WordFacts f;
    f.cue = lookupCue(w);
    f.noun = speakerNoun(w);
    f.pronoun = sourcePronoun(w);
    f.bits = static_cast<uint8_t>((isNpBoundary(w) ? kWordBoundary : 0) | (isCueAdverb(w) ? kWordAdverb : 0) |
                                  (isDeterminer(w) ? kWordDeterminer : 0));
    f.hash = hash;
    return f;
}

} // namespace

DocWords::DocWords(const Document& doc) {
    const size_t n = doc.tokens.size();
    // Lowercasing may change a form's length ("İ"), so offsets first, views after.
    std::vector<uint32_t> ends(n);
    m_buffer.reserve(doc.text.size() + 16);
    for (size_t i = 0; i < n; ++i) {
        appendLower(m_buffer, doc.slice(doc.tokens[i].span));
        ends[i] = static_cast<uint32_t>(m_buffer.size());
    }
    m_lower.resize(n);
    for (size_t i = 0, b = 0; i < n; b = ends[i], ++i)
        m_lower[i] = std::string_view(m_buffer).substr(b, ends[i] - b);

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

} // namespace whosaid
