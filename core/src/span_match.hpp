// Private: how two sets of claims are matched, as ../shared/tools/score.py
// does it. `whosaid eval` (score.cpp, in code points) and the classroom's
// comparison with a key (classroom.cpp, in bytes) share these.
//
// Usage:
//   while (s < e && isTrimmedChar(text[s])) ++s;        // score.py's trim()
//   auto pairs = pairByOverlap(gold.size(), pred.size(), [&](size_t i, size_t j) { return overlap(...); });
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace whosaid {

// What score.py's trim() strips from both ends of a claim's content: blanks,
// quotation marks and punctuation (a leading "that " goes after).
inline bool isTrimmedChar(char32_t c) {
    static constexpr std::u32string_view kTrim =
        U" \t\n\r\u00a0\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a.,;:!?\u2014\u2013-()[]";
    return kTrim.find(c) != std::u32string_view::npos;
}

// One-to-one pairs (i, j) by largest overlap first, as score.py pairs quotes:
// candidates with overlapOf(i, j) > 0 sorted by overlap, then i, then j, all
// descending; each i and each j is used once.
template <class OverlapOf>
std::vector<std::pair<int, int>> pairByOverlap(size_t nA, size_t nB, OverlapOf overlapOf) {
    struct Candidate {
        uint64_t overlap;
        int i, j;
    };
    std::vector<Candidate> cand;
    for (size_t i = 0; i < nA; ++i)
        for (size_t j = 0; j < nB; ++j)
            if (const uint64_t o = overlapOf(i, j); o > 0) cand.push_back({o, static_cast<int>(i), static_cast<int>(j)});
    std::sort(cand.begin(), cand.end(), [](const Candidate& a, const Candidate& b) {
        return a.overlap != b.overlap ? a.overlap > b.overlap : a.i != b.i ? a.i > b.i : a.j > b.j;
    });
    std::vector<char> usedA(nA), usedB(nB);
    std::vector<std::pair<int, int>> pairs;
    for (const Candidate& c : cand) {
        if (usedA[c.i] || usedB[c.j]) continue;
        usedA[c.i] = usedB[c.j] = 1;
        pairs.emplace_back(c.i, c.j);
    }
    return pairs;
}

} // namespace whosaid
