// The tagger and parser at run time: tag and relation names, features, the
// arc-eager machine, the model format. See syntax.hpp for the design; the
// trainer is syntax_train.cpp.
#include "syntax.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "binary_io.hpp"
#include "pipeline.hpp"
#include "whosaid/annotate.hpp"

namespace whosaid {

// [SECTION] Names

namespace {

constexpr const char* kUposNames[kUposCount] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X",
};
constexpr const char* kXposNames[kXposCount] = {
    "_", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT",
    "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", "$", "#", ",", ".", ":", "-LRB-", "-RRB-", "``", "''", "HYPH", "NFP", "ADD", "AFX",
    "GW", "XX",
};
constexpr const char* kDeprelNames[kDeprelCount] = {
    "_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos", "aux", "aux:pass", "case", "cc",
    "cc:preconj", "ccomp", "clf", "compound", "compound:prt", "conj", "cop", "csubj", "csubj:outer",
    "csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated", "expl", "fixed", "flat",
    "flat:foreign", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc", "nmod:npmod", "nmod:poss",
    "nmod:tmod", "nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass", "nummod", "obj", "obl", "obl:agent",
    "obl:npmod", "obl:tmod", "obl:unmarked", "orphan", "parataxis", "punct", "reparandum", "root", "vocative",
    "xcomp",
};
static_assert(std::string_view(kXposNames[static_cast<int>(Xpos::XX)]) == "XX");
static_assert(std::string_view(kDeprelNames[static_cast<int>(Deprel::Xcomp)]) == "xcomp");
static_assert(std::string_view(kDeprelNames[static_cast<int>(Deprel::Root)]) == "root");
static_assert(std::string_view(kUposNames[static_cast<int>(Upos::X)]) == "X");

template <size_t N>
bool parseName(const char* const (&names)[N], std::string_view s, uint8_t& out) {
    for (size_t i = 1; i < N; ++i)
        if (s == names[i]) { out = static_cast<uint8_t>(i); return true; }
    return false;
}

} // namespace

const char* uposName(Upos p) { return static_cast<int>(p) < kUposCount ? kUposNames[static_cast<int>(p)] : "_"; }
const char* xposName(Xpos p) { return static_cast<int>(p) < kXposCount ? kXposNames[static_cast<int>(p)] : "_"; }
const char* deprelName(Deprel r) {
    return static_cast<int>(r) < kDeprelCount ? kDeprelNames[static_cast<int>(r)] : "_";
}
bool parseUpos(std::string_view s, Upos& out) {
    uint8_t v;
    if (!parseName(kUposNames, s, v)) return false;
    out = static_cast<Upos>(v);
    return true;
}
bool parseXpos(std::string_view s, Xpos& out) {
    uint8_t v;
    if (!parseName(kXposNames, s, v)) return false;
    out = static_cast<Xpos>(v);
    return true;
}
bool parseDeprel(std::string_view s, Deprel& out) {
    uint8_t v;
    if (!parseName(kDeprelNames, s, v)) return false;
    out = static_cast<Deprel>(v);
    return true;
}

Deprel universalDeprel(Deprel r) {
    const std::string_view name = deprelName(r);
    const size_t colon = name.find(':');
    if (colon == std::string_view::npos) return r;
    Deprel u = r;
    parseDeprel(name.substr(0, colon), u);
    return u;
}

std::string morphFeats(uint8_t m) {
    std::string out;
    auto add = [&](const char* f) {
        if (!out.empty()) out += '|';
        out += f;
    };
    // alphabetical, as CoNLL-U orders features
    if (m & kMorphMasc) add("Gender=Masc");
    if (m & kMorphFem) add("Gender=Fem");
    if (m & kMorphNeut) add("Gender=Neut");
    if (m & kMorphSing) add("Number=Sing");
    if (m & kMorphPlur) add("Number=Plur");
    if (m & kMorphPerson1) add("Person=1");
    if (m & kMorphPerson2) add("Person=2");
    if (m & kMorphPerson3) add("Person=3");
    return out.empty() ? "_" : out;
}

} // namespace whosaid

namespace whosaid::syn {

using ner::foldKey;
using ner::mix;

// [SECTION] Words

namespace {

// The atoms of the position after the last word.
const WordAtoms& endAtoms() {
    static const WordAtoms a = [] {
        WordAtoms w;
        w.h = ner::hashWord("<END>");
        w.h.word = w.h.lower = w.h.shape = w.h.shortShape = 0x5EED0002ull;
        return w;
    }();
    return a;
}

constexpr uint8_t kRootTag = kTagClasses, kNoTag = kTagClasses + 1;

// Feature keys: the atoms (64-bit word hashes, small tag and label ids)
// combined by multiply-add, then one finalizer (a few instructions a key:
// a configuration has about 50 of them and a sentence two configurations a word).
constexpr uint64_t kKeyMul = 0x9E3779B97F4A7C15ull;
inline uint32_t finishKey(uint64_t h) {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    const uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
    return k ? k : 1u;
}
inline uint32_t key(uint32_t t, uint64_t a) { return finishKey(a * kKeyMul + t); }
inline uint32_t key(uint32_t t, uint64_t a, uint64_t b) { return finishKey((a * kKeyMul + b) * kKeyMul + t); }
inline uint32_t key(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
    return finishKey(((a * kKeyMul + b) * kKeyMul + c) * kKeyMul + t);
}

} // namespace

const WordAtoms& rootAtoms() {
    static const WordAtoms a = [] {
        WordAtoms w;
        w.h = ner::hashWord("<ROOT>");
        w.h.word = w.h.lower = w.h.shape = w.h.shortShape = 0x5EED0001ull;
        return w;
    }();
    return a;
}

WordAtoms wordAtoms(std::string_view form, const ClusterTable& clusters, const WordClassTable* classes) {
    WordAtoms a;
    a.h = ner::hashWord(form);
    if (classes && !classes->empty()) a.wordClass = static_cast<uint16_t>(0x100u | classes->lookup(form));
    if (clusters.empty()) return a;
    uint32_t c = clusters.words.find(foldKey(mix(ner::kSeedClusterExact, a.h.word)));
    if (c == UINT32_MAX) c = clusters.words.find(foldKey(mix(ner::kSeedClusterLower, a.h.lower)));
    if (c == UINT32_MAX) return a;
    a.cluster[0] = static_cast<uint16_t>(c);
    for (int l = 1; l < 3; ++l) {
        const auto& parent = clusters.parent[l - 1];
        const uint16_t prev = a.cluster[l - 1];
        a.cluster[l] = prev < parent.size() ? parent[prev] : ner::kNoCluster;
    }
    return a;
}

// [SECTION] Tagger features

namespace {
// Template ids of the tagger (100..), the parser's moves (200..) and labels (300..).
enum TagTemplate : uint32_t {
    TBias = 100, TWord, TLower, TSuffix1, TSuffix2, TSuffix3, TSuffix4, TPrefix1, TPrefix2, TPrefix3, TShape,
    TShortShape, TCluster0, TCluster1, TAfterHyphen, TPrev, TLeft1, TRight1, TRight2, TLeft1Suffix,
    TRight1Suffix, TRight1Shape, TLeft1Cluster, TRight1Cluster, TRightBigram, TPrevRight1, TFirstShape, TPrev2,
    TPrevPrev2, TPrevWord, TLeft2,
    // the second pass's
    TFirstSelf, TFirstNext1, TFirstNext2, TFirstNext12, TPrevFirstNext1, TFirstSelfNext1, TFirstNext1Word,
    TFirstSelfWord,
    // WordNet's word classes (models that have them)
    TClass, TClassSuffix, TClassShape, TClassPrev, TClassRight1,
};
} // namespace

int tagWordFeatures(const WordAtoms& w, uint32_t* out) {
    const ner::WordHashes& h = w.h;
    int k = 0;
    out[k++] = key(TBias, 0);
    out[k++] = key(TWord, h.word);
    out[k++] = key(TLower, h.lower);
    const TagTemplate suf[4] = {TSuffix1, TSuffix2, TSuffix3, TSuffix4};
    for (int a = 0; a < 4; ++a)
        if (h.suffix[a]) out[k++] = key(suf[a], h.suffix[a]);
    const TagTemplate pre[3] = {TPrefix1, TPrefix2, TPrefix3};
    for (int a = 0; a < 3; ++a)
        if (h.prefix[a]) out[k++] = key(pre[a], h.prefix[a]);
    out[k++] = key(TShape, h.shape);
    out[k++] = key(TShortShape, h.shortShape);
    out[k++] = key(TCluster0, w.cluster[0]);
    out[k++] = key(TCluster1, w.cluster[1]);
    if (h.afterHyphen) out[k++] = key(TAfterHyphen, h.afterHyphen);
    if (w.wordClass) {
        out[k++] = key(TClass, w.wordClass);
        out[k++] = key(TClassSuffix, w.wordClass, h.suffix[2]);
        out[k++] = key(TClassShape, w.wordClass, h.shortShape);
    }
    return k;
}

int tagContextFeatures(const SentenceInput& s, uint32_t i, uint32_t* out) {
    const uint32_t n = s.n();
    auto at = [&](int64_t j) -> const WordAtoms& {
        return j >= 1 && j <= n ? *s.words[j] : j < 1 ? rootAtoms() : endAtoms();
    };
    const ner::WordHashes& h = s.words[i]->h;
    int k = 0;
    const uint8_t t1 = i >= 2 ? s.tag[i - 1] : kRootTag;
    const uint8_t t2 = i >= 3 ? s.tag[i - 2] : i == 2 ? kRootTag : kNoTag;
    out[k++] = key(TPrev, t1);
    out[k++] = key(TPrev2, t2);
    out[k++] = key(TPrevPrev2, t1, t2);
    out[k++] = key(TPrevWord, t1, h.lower);
    const WordAtoms& l1 = at(int64_t(i) - 1);
    const WordAtoms& r1 = at(int64_t(i) + 1);
    out[k++] = key(TLeft1, l1.h.lower);
    out[k++] = key(TLeft2, at(int64_t(i) - 2).h.lower);
    out[k++] = key(TRight1, r1.h.lower);
    out[k++] = key(TRight2, at(int64_t(i) + 2).h.lower);
    out[k++] = key(TLeft1Suffix, l1.h.suffix[2]);
    out[k++] = key(TRight1Suffix, r1.h.suffix[2]);
    out[k++] = key(TRight1Shape, r1.h.shortShape);
    out[k++] = key(TLeft1Cluster, l1.cluster[1]);
    out[k++] = key(TRight1Cluster, r1.cluster[1]);
    out[k++] = key(TRightBigram, h.lower, r1.h.lower);
    out[k++] = key(TPrevRight1, t1, r1.h.lower);
    if (i == 1) out[k++] = key(TFirstShape, h.shortShape);
    if (const uint16_t wc = s.words[i]->wordClass) {
        out[k++] = key(TClassPrev, wc, t1);
        out[k++] = key(TClassRight1, wc, r1.wordClass);
    }
    return k;
}

int tagRightFeatures(const SentenceInput& s, uint32_t i, uint32_t* out) {
    const uint32_t n = s.n();
    auto first = [&](uint32_t j) -> uint64_t { return j <= n ? s.first[j] : kRootTag; };
    const uint64_t f0 = first(i), f1 = first(i + 1), f2 = first(i + 2);
    const uint64_t t1 = i >= 2 ? s.tag[i - 1] : kRootTag;
    const uint64_t lower = s.words[i]->h.lower;
    int k = 0;
    out[k++] = key(TFirstSelf, f0);
    out[k++] = key(TFirstNext1, f1);
    out[k++] = key(TFirstNext2, f2);
    out[k++] = key(TFirstNext12, f1, f2);
    out[k++] = key(TPrevFirstNext1, t1, f1);
    out[k++] = key(TFirstSelfNext1, f0, f1);
    out[k++] = key(TFirstNext1Word, f1, lower);
    out[k++] = key(TFirstSelfWord, f0, lower);
    return k;
}

int tagFeatures(const SentenceInput& s, uint32_t i, uint32_t* out) {
    const int k = tagWordFeatures(*s.words[i], out);
    return k + tagContextFeatures(s, i, out + k);
}

// [SECTION] The arc-eager machine

void Config::reset(uint32_t words) {
    n = words;
    stack.assign(1, 0);
    b = 1;
    head.assign(n + 1, kNone);
    label.assign(n + 1, 0);
    lc1.assign(n + 1, kNone);
    lc2.assign(n + 1, kNone);
    rc1.assign(n + 1, kNone);
    rc2.assign(n + 1, kNone);
    nl.assign(n + 1, 0);
    nr.assign(n + 1, 0);
    lset.assign(n + 1, 0);
    rset.assign(n + 1, 0);
    rootTaken = false;
}

bool Config::can(Move m) const {
    switch (m) {
    case Shift: return !bufferEmpty();
    case Reduce: return stack.size() > 1 && head[s0()] != kNone;
    case LeftArc: return stack.size() > 1 && head[s0()] == kNone && !bufferEmpty();
    case RightArc: return !bufferEmpty() && (s0() != 0 || !rootTaken);
    }
    return false;
}

void Config::attach(int32_t h, int32_t d, Deprel rel) {
    head[d] = h;
    label[d] = static_cast<uint8_t>(rel);
    const uint64_t bit = 1ull << (static_cast<uint32_t>(rel) & 63);
    if (d < h) {
        lc2[h] = lc1[h];
        lc1[h] = d;
        nl[h] = static_cast<uint8_t>(std::min(nl[h] + 1, 255));
        lset[h] |= bit;
    } else {
        rc2[h] = rc1[h];
        rc1[h] = d;
        nr[h] = static_cast<uint8_t>(std::min(nr[h] + 1, 255));
        rset[h] |= bit;
    }
    if (h == 0) rootTaken = true;
}

void Config::apply(Move m, Deprel rel) {
    switch (m) {
    case Shift: stack.push_back(static_cast<int32_t>(b++)); break;
    case Reduce: stack.pop_back(); break;
    case LeftArc:
        attach(static_cast<int32_t>(b), s0(), rel);
        stack.pop_back();
        break;
    case RightArc:
        attach(s0(), static_cast<int32_t>(b), s0() == 0 ? Deprel::Root : rel);
        stack.push_back(static_cast<int32_t>(b++));
        break;
    }
}

// [SECTION] Parser features

namespace {

enum MoveTemplate : uint32_t {
    MS0w = 200, MS0p, MS0wp, MN0w, MN0p, MN0wp, MN1w, MN1p, MN1wp, MN2w, MN2p, MN2wp,
    MS0wpN0wp, MS0wpN0w, MS0wN0wp, MS0wpN0p, MS0pN0wp, MS0wN0w, MS0pN0p, MN0pN1p,
    MN0pN1pN2p, MS0pN0pN1p, MS0hpS0pN0p, MS0pS0lpN0p, MS0pS0rpN0p, MS0pN0pN0lp,
    MS0wd, MS0pd, MN0wd, MN0pd, MS0wN0wd, MS0pN0pd,
    MS0wvr, MS0pvr, MS0wvl, MS0pvl, MN0wvl, MN0pvl,
    MS0hw, MS0hp, MS0l, MS0lw, MS0lp, MS0ll, MS0rw, MS0rp, MS0rl, MN0lw, MN0lp, MN0ll,
    MS0h2w, MS0h2p, MS0hl, MS0l2w, MS0l2p, MS0l2l, MS0r2w, MS0r2p, MS0r2l, MN0l2w, MN0l2p, MN0l2l,
    MS0pS0lpS0l2p, MS0pS0rpS0r2p, MS0pS0hpS0h2p, MN0pN0lpN0l2p,
    MS1w, MS1p, MS1pS0pN0p, MS1pS0pS0l,
    MS0c, MN0c, MN1c, MS0cN0c, MS0cN0p, MS0pN0c, MS1cS0cN0c,
    MS0hasHead, MRootTaken, MBm1pN0p, MBm1pS0pN0p, MN1pN2pN3p, MS2pS1pS0p, MN0wN1w, MN0pN1w, MN0wN1p, MS0wS1w,
};

enum LabelTemplate : uint32_t {
    LBias = 300, LHw, LHp, LDw, LDp, LHpDp, LHwDp, LHpDw, LHwDw, LHpDpDist, LDpLc, LDpLcl, LDpRc, LDpNext,
    LDpPrev, LHpHl, LDpLset, LHpHset, LHcDc, LHpDpHh, LDc, LHc, LDpRight1w, LDw2,
};

inline uint32_t distanceBucket(int32_t d) {
    if (d <= 4) return static_cast<uint32_t>(d);
    if (d <= 6) return 5;
    if (d <= 9) return 6;
    return 7;
}

} // namespace

void rolePositions(const Config& c, int32_t* pos) {
    const int32_t n = static_cast<int32_t>(c.n);
    const int32_t s0 = c.s0();
    const int32_t n0 = c.bufferEmpty() ? kNone : static_cast<int32_t>(c.b);
    const int32_t n1 = n0 != kNone && n0 + 1 <= n ? n0 + 1 : kNone;
    const int32_t s0h = c.head[s0];
    pos[RS0] = s0;
    pos[RN0] = n0;
    pos[RN1] = n1;
    pos[RN2] = n1 != kNone && n1 + 1 <= n ? n1 + 1 : kNone;
    pos[RS0h] = s0h;
    pos[RS0l] = c.lc1[s0];
    pos[RS0r] = c.rc1[s0];
    pos[RN0l] = n0 != kNone ? c.lc1[n0] : kNone;
    pos[RS0h2] = s0h > 0 ? c.head[s0h] : kNone;
    pos[RS0l2] = c.lc2[s0];
    pos[RS0r2] = c.rc2[s0];
    pos[RN0l2] = n0 != kNone ? c.lc2[n0] : kNone;
    pos[RS1] = c.stack.size() >= 2 ? c.stack[c.stack.size() - 2] : kNone;
}

namespace {
inline uint64_t wordOf(const SentenceInput& s, int32_t x) { return x == kNone ? 0x5EED0003ull : s.words[x]->h.lower; }
inline uint64_t tagOf(const SentenceInput& s, int32_t x) { return x == kNone ? kNoTag : s.tag[x]; }
inline uint64_t clusterOf(const SentenceInput& s, int32_t x) { return x == kNone ? 0xFFFE : s.words[x]->cluster[1]; }
} // namespace

int roleFeatures(Role r, int32_t x, const SentenceInput& s, uint32_t* out) {
    // (word, tag, word+tag, cluster) templates per role; -1: not used in that role
    static constexpr int32_t kTemplates[kRoles][4] = {
        {MS0w, MS0p, MS0wp, MS0c},     {MN0w, MN0p, MN0wp, MN0c},     {MN1w, MN1p, MN1wp, MN1c},
        {MN2w, MN2p, MN2wp, -1},       {MS0hw, MS0hp, -1, -1},        {MS0lw, MS0lp, -1, -1},
        {MS0rw, MS0rp, -1, -1},        {MN0lw, MN0lp, -1, -1},        {MS0h2w, MS0h2p, -1, -1},
        {MS0l2w, MS0l2p, -1, -1},      {MS0r2w, MS0r2p, -1, -1},      {MN0l2w, MN0l2p, -1, -1},
        {MS1w, MS1p, -1, -1},
    };
    const int32_t* t = kTemplates[r];
    const uint64_t w = wordOf(s, x), p = tagOf(s, x);
    int k = 0;
    out[k++] = key(static_cast<uint32_t>(t[0]), w);
    out[k++] = key(static_cast<uint32_t>(t[1]), p);
    if (t[2] >= 0) out[k++] = key(static_cast<uint32_t>(t[2]), w, p);
    if (t[3] >= 0) out[k++] = key(static_cast<uint32_t>(t[3]), clusterOf(s, x));
    return k;
}

int conjFeatures(const Config& c, const SentenceInput& s, const int32_t* pos, uint32_t* out) {
    const int32_t n = static_cast<int32_t>(c.n);
    const int32_t s0 = pos[RS0], n0 = pos[RN0], n1 = pos[RN1], n2 = pos[RN2], s1 = pos[RS1];
    const int32_t s0h = pos[RS0h], s0h2 = pos[RS0h2], s0l = pos[RS0l], s0l2 = pos[RS0l2], s0r = pos[RS0r],
                  s0r2 = pos[RS0r2], n0l = pos[RN0l], n0l2 = pos[RN0l2];
    auto W = [&](int32_t x) { return wordOf(s, x); };
    auto P = [&](int32_t x) { return tagOf(s, x); };
    auto C = [&](int32_t x) { return clusterOf(s, x); };
    auto L = [&](int32_t x) -> uint64_t { return x == kNone || c.head[x] == kNone ? 0 : c.label[x]; };

    const uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0);
    const uint64_t s0wp = s0w * kKeyMul + s0p, n0wp = n0w * kKeyMul + n0p;
    const uint64_t n1w = W(n1), n1p = P(n1), n2p = P(n2);
    int k = 0;
    out[k++] = key(MS0wpN0wp, s0wp, n0wp);
    out[k++] = key(MS0wpN0w, s0wp, n0w);
    out[k++] = key(MS0wN0wp, s0w, n0wp);
    out[k++] = key(MS0wpN0p, s0wp, n0p);
    out[k++] = key(MS0pN0wp, s0p, n0wp);
    out[k++] = key(MS0wN0w, s0w, n0w);
    out[k++] = key(MS0pN0p, s0p, n0p);
    out[k++] = key(MN0pN1p, n0p, n1p);
    out[k++] = key(MN0pN1pN2p, n0p, n1p, n2p);
    out[k++] = key(MS0pN0pN1p, s0p, n0p, n1p);
    out[k++] = key(MS0hpS0pN0p, P(s0h), s0p, n0p);
    out[k++] = key(MS0pS0lpN0p, s0p, P(s0l), n0p);
    out[k++] = key(MS0pS0rpN0p, s0p, P(s0r), n0p);
    out[k++] = key(MS0pN0pN0lp, s0p, n0p, P(n0l));
    const uint64_t d = n0 != kNone ? distanceBucket(s0 == 0 ? 0 : n0 - s0) : 15;
    out[k++] = key(MS0wd, s0w, d);
    out[k++] = key(MS0pd, s0p, d);
    out[k++] = key(MN0wd, n0w, d);
    out[k++] = key(MN0pd, n0p, d);
    out[k++] = key(MS0wN0wd, s0w, n0w, d);
    out[k++] = key(MS0pN0pd, s0p, n0p, d);
    const uint64_t s0vr = c.nr[s0], s0vl = c.nl[s0], n0vl = n0 != kNone ? c.nl[n0] : 0;
    out[k++] = key(MS0wvr, s0w, s0vr);
    out[k++] = key(MS0pvr, s0p, s0vr);
    out[k++] = key(MS0wvl, s0w, s0vl);
    out[k++] = key(MS0pvl, s0p, s0vl);
    out[k++] = key(MN0wvl, n0w, n0vl);
    out[k++] = key(MN0pvl, n0p, n0vl);
    out[k++] = key(MS0l, L(s0));
    out[k++] = key(MS0ll, L(s0l));
    out[k++] = key(MS0rl, L(s0r));
    out[k++] = key(MN0ll, L(n0l));
    out[k++] = key(MS0hl, L(s0h));
    out[k++] = key(MS0l2l, L(s0l2));
    out[k++] = key(MS0r2l, L(s0r2));
    out[k++] = key(MN0l2l, L(n0l2));
    out[k++] = key(MS0pS0lpS0l2p, s0p, P(s0l), P(s0l2));
    out[k++] = key(MS0pS0rpS0r2p, s0p, P(s0r), P(s0r2));
    out[k++] = key(MS0pS0hpS0h2p, s0p, P(s0h), P(s0h2));
    out[k++] = key(MN0pN0lpN0l2p, n0p, P(n0l), P(n0l2));
    const uint64_t s1p = P(s1);
    out[k++] = key(MS1pS0pN0p, s1p, s0p, n0p);
    out[k++] = key(MS1pS0pS0l, s1p, s0p, L(s0));
    const uint64_t s0c = C(s0), n0c = C(n0);
    out[k++] = key(MS0cN0c, s0c, n0c);
    out[k++] = key(MS0cN0p, s0c, n0p);
    out[k++] = key(MS0pN0c, s0p, n0c);
    out[k++] = key(MS1cS0cN0c, C(s1), s0c, n0c);
    out[k++] = key(MS0hasHead, s0h != kNone, s0p, n0p);
    out[k++] = key(MRootTaken, c.rootTaken, s0 == 0);
    const int32_t bm1 = n0 != kNone && n0 - 1 >= 1 ? n0 - 1 : kNone;
    const int32_t n3 = n2 != kNone && n2 + 1 <= n ? n2 + 1 : kNone;
    const int32_t s2 = c.stack.size() >= 3 ? c.stack[c.stack.size() - 3] : kNone;
    out[k++] = key(MBm1pN0p, P(bm1), n0p);
    out[k++] = key(MBm1pS0pN0p, P(bm1), s0p, n0p);
    out[k++] = key(MN1pN2pN3p, n1p, n2p, P(n3));
    out[k++] = key(MS2pS1pS0p, P(s2), s1p, s0p);
    out[k++] = key(MN0wN1w, n0w, n1w);
    out[k++] = key(MN0pN1w, n0p, n1w);
    out[k++] = key(MN0wN1p, n0w, n1p);
    out[k++] = key(MS0wS1w, s0w, W(s1));
    return k;
}

int moveFeatures(const Config& c, const SentenceInput& s, uint32_t* out) {
    int32_t pos[kRoles];
    rolePositions(c, pos);
    int k = 0;
    for (int r = 0; r < kRoles; ++r) k += roleFeatures(static_cast<Role>(r), pos[r], s, out + k);
    return k + conjFeatures(c, s, pos, out + k);
}

int labelFeatures(const Config& c, const SentenceInput& s, int32_t h, int32_t d, uint32_t* out) {
    const int32_t n = static_cast<int32_t>(c.n);
    auto W = [&](int32_t x) -> uint64_t { return x == kNone ? 0x5EED0003ull : s.words[x]->h.lower; };
    auto P = [&](int32_t x) -> uint64_t { return x == kNone ? kNoTag : s.tag[x]; };
    auto C = [&](int32_t x) -> uint64_t { return x == kNone ? 0xFFFE : s.words[x]->cluster[1]; };
    const uint64_t dir = d < h ? 1 : 2;
    const uint64_t hw = W(h), hp = P(h), dw = W(d), dp = P(d);
    const int32_t next = d + 1 <= n ? d + 1 : kNone, prev = d - 1 >= 1 ? d - 1 : kNone;
    const uint64_t dist = distanceBucket(d < h ? h - d : d - h);
    int k = 0;
    out[k++] = key(LBias, dir);
    out[k++] = key(LHw, dir, hw);
    out[k++] = key(LHp, dir, hp);
    out[k++] = key(LDw, dir, dw);
    out[k++] = key(LDp, dir, dp);
    out[k++] = key(LHpDp, dir, hp, dp);
    out[k++] = key(LHwDp, dir, hw, dp);
    out[k++] = key(LHpDw, dir, hp, dw);
    out[k++] = key(LHwDw, dir, hw, dw);
    out[k++] = key(LHpDpDist, dir, hp * kTagClasses + dp, dist);
    out[k++] = key(LDpLc, dir, dp, P(c.lc1[d]));
    out[k++] = key(LDpLcl, dir, dp, c.lc1[d] == kNone ? 0 : c.label[c.lc1[d]]);
    out[k++] = key(LDpRc, dir, dp, P(c.rc1[d]));
    out[k++] = key(LDpNext, dir, dp, P(next));
    out[k++] = key(LDpPrev, dir, dp, P(prev));
    out[k++] = key(LHpHl, dir, hp, c.head[h] == kNone ? 0 : c.label[h]);
    out[k++] = key(LDpLset, dir, dp, c.lset[d]);
    out[k++] = key(LHpHset, dir, hp, d < h ? c.lset[h] : c.rset[h]);
    out[k++] = key(LHcDc, dir, C(h), C(d));
    out[k++] = key(LHpDpHh, dir, hp * kTagClasses + dp, c.head[h] == kNone ? kNoTag + 1 : P(c.head[h]));
    out[k++] = key(LDc, dir, C(d));
    out[k++] = key(LHc, dir, C(h));
    out[k++] = key(LDpRight1w, dir, dp, W(next));
    out[k++] = key(LDw2, dir, dw, hp);
    return k;
}

// [SECTION] Decoding

Move bestMove(const int32_t* scores, const Config& c, bool& any) {
    any = false;
    Move best = Shift;
    for (int m = 0; m < kMoves; ++m) {
        if (!c.can(static_cast<Move>(m))) continue;
        if (!any || scores[m] > scores[best]) best = static_cast<Move>(m);
        any = true;
    }
    return best;
}

Deprel bestLabel(const int16_t* scores, bool fromRoot) {
    if (fromRoot) return Deprel::Root;
    int best = -1;
    for (int r = 1; r < kLabelClasses; ++r) {
        if (r == static_cast<int>(Deprel::Root)) continue;
        if (best < 0 || scores[r] > scores[best]) best = r;
    }
    return static_cast<Deprel>(best);
}

namespace {
// One left-to-right pass of `table` over count sentences; the second pass
// (second = true) also reads s[j].first.
void tagPass(const SparseTable& table, int classes, SentenceInput* s, int count, TypeScores* cache, bool second) {
    uint32_t keys[kBatch][kMaxTagFeatures], rows[kBatch][kMaxTagFeatures];
    int nkeys[kBatch];
    uint32_t longest = 0;
    for (int j = 0; j < count; ++j) longest = std::max(longest, s[j].n());
    for (uint32_t i = 1; i <= longest; ++i) {
        int16_t scores[kBatch][kRowWidth];
        for (int j = 0; j < count; ++j) {
            nkeys[j] = 0;
            if (i > s[j].n()) continue;
            int16_t* sc = scores[j];
            const uint32_t type = cache && i < s[j].type.size() ? s[j].type[i] : UINT32_MAX;
            int f = 0;
            if (cache && type < cache->done.size()) {
                int16_t* own = &cache->scores[static_cast<size_t>(type) * kRowWidth];
                if (!cache->done[type]) {  // a type's first occurrence: its own features, once
                    std::fill(own, own + kRowWidth, 0);
                    table.addAll(keys[j], tagWordFeatures(*s[j].words[i], keys[j]), own);
                    cache->done[type] = 1;
                }
                std::copy(own, own + kRowWidth, sc);
            } else {
                std::fill(sc, sc + kRowWidth, 0);
                f = tagWordFeatures(*s[j].words[i], keys[j]);
            }
            f += tagContextFeatures(s[j], i, keys[j] + f);
            if (second) f += tagRightFeatures(s[j], i, keys[j] + f);
            nkeys[j] = f;
            table.prefetchKeys(keys[j], f);
        }
        for (int j = 0; j < count; ++j) table.findRows(keys[j], nkeys[j], rows[j]);
        for (int j = 0; j < count; ++j) {
            if (i > s[j].n()) continue;
            int16_t* sc = scores[j];
            table.addRows(rows[j], nkeys[j], sc);
            int best = 0;
            for (int t = 1; t < classes; ++t)
                if (sc[t] > sc[best]) best = t;
            s[j].tag[i] = static_cast<uint8_t>(best);
        }
    }
}

} // namespace

void tagBatch(const SyntaxModel& m, SentenceInput* s, int count, TypeScores* cache) {
    const int classes = static_cast<int>(m.classes.size());
    tagPass(m.tagger, classes, s, count, cache, false);
    if (m.tagger2.empty()) return;
    for (int j = 0; j < count; ++j) s[j].first = s[j].tag;
    tagPass(m.tagger2, classes, s, count, cache ? cache + 1 : nullptr, true);
}

void tagSentence(const SyntaxModel& m, SentenceInput& s, TypeScores* cache) { tagBatch(m, &s, 1, cache); }

namespace {
Deprel labelArc(const SyntaxModel* m, const Config& c, const SentenceInput& s, int32_t h, int32_t d) {
    if (h == 0) return Deprel::Root;
    if (!m || m->labels.empty()) return Deprel::Dep;
    uint32_t keys[kMaxLabelFeatures];
    int16_t scores[kRowWidth] = {};
    m->labels.addAll(keys, labelFeatures(c, s, h, d, keys), scores);
    return bestLabel(scores, false);
}
} // namespace

void finish(const SyntaxModel* m, const SentenceInput& s, Config& c) {
    // words left without a head, left to right
    std::vector<int32_t> orphans;
    for (uint32_t i = 1; i <= c.n; ++i)
        if (c.head[i] == kNone) orphans.push_back(static_cast<int32_t>(i));
    if (orphans.empty()) return;
    int32_t root = kNone;
    for (uint32_t i = 1; i <= c.n && root == kNone; ++i)
        if (c.head[i] == 0) root = static_cast<int32_t>(i);
    size_t from = 0;
    if (root == kNone) {
        root = orphans[0];
        c.attach(0, root, Deprel::Root);
        from = 1;
    }
    for (size_t k = from; k < orphans.size(); ++k) c.attach(root, orphans[k], labelArc(m, c, s, root, orphans[k]));
}

void parseBatch(const SyntaxModel& m, const SentenceInput* s, Config* c, int count) {
    bool active[kBatch];
    for (int j = 0; j < count; ++j) {
        c[j].reset(s[j].n());
        // role scores per word (n + 1: no word), computed when first needed
        const size_t slots = static_cast<size_t>(c[j].n + 2) * kRoles;
        c[j].roleScore.resize(slots);
        c[j].roleDone.assign(slots, 0);
        active[j] = true;
    }
    uint32_t keys[kBatch][kMaxMoveFeatures], lkeys[kBatch][kMaxLabelFeatures], lrows[kBatch][kMaxLabelFeatures];
    int nkeys[kBatch], nlkeys[kBatch];
    int32_t pos[kBatch][kRoles];
    Move move[kBatch];
    for (int left = count; left > 0;) {
        // 1. features of every configuration; ask for their table slots
        for (int j = 0; j < count; ++j) {
            if (!active[j]) continue;
            Config& cj = c[j];
            if (cj.bufferEmpty()) {
                // only reductions are left: pop the words that have heads
                while (cj.stack.size() > 1 && cj.head[cj.s0()] != kNone) cj.stack.pop_back();
                finish(&m, s[j], cj);
                active[j] = false;
                --left;
                continue;
            }
            rolePositions(cj, pos[j]);
            nkeys[j] = conjFeatures(cj, s[j], pos[j], keys[j]);
            for (int k = 0; k < nkeys[j]; ++k) m.moves.prefetch(keys[j][k]);
        }
        // 2. scores and moves; the labeler's features of the arcs about to be made
        for (int j = 0; j < count; ++j) {
            nlkeys[j] = 0;
            if (!active[j]) continue;
            Config& cj = c[j];
            int32_t scores[kMoves] = {};
            for (int r = 0; r < kRoles; ++r) {
                const int32_t x = pos[j][r];
                const size_t slot = static_cast<size_t>(x == kNone ? cj.n + 1 : static_cast<uint32_t>(x)) * kRoles + r;
                auto& v = cj.roleScore[slot];
                if (!cj.roleDone[slot]) {
                    uint32_t rk[kMaxRoleFeatures];
                    const int rf = roleFeatures(static_cast<Role>(r), x, s[j], rk);
                    v = {};
                    for (int k = 0; k < rf; ++k) m.moves.add(rk[k], v.data());
                    cj.roleDone[slot] = 1;
                }
                for (int k = 0; k < kMoves; ++k) scores[k] += v[k];
            }
            for (int k = 0; k < nkeys[j]; ++k) m.moves.add(keys[j][k], scores);
            bool any = false;
            move[j] = bestMove(scores, cj, any);
            const bool arc = move[j] == LeftArc || (move[j] == RightArc && cj.s0() != 0);
            if (arc && !m.labels.empty()) {
                const int32_t h = move[j] == LeftArc ? static_cast<int32_t>(cj.b) : cj.s0();
                const int32_t d = move[j] == LeftArc ? cj.s0() : static_cast<int32_t>(cj.b);
                nlkeys[j] = labelFeatures(cj, s[j], h, d, lkeys[j]);
                m.labels.prefetchKeys(lkeys[j], nlkeys[j]);
            }
        }
        // 3. the labels' rows, then 4. the labels, and the moves made
        for (int j = 0; j < count; ++j) m.labels.findRows(lkeys[j], nlkeys[j], lrows[j]);
        for (int j = 0; j < count; ++j) {
            if (!active[j]) continue;
            Deprel rel = Deprel::Dep;
            if (nlkeys[j]) {
                int16_t ls[kRowWidth] = {};
                m.labels.addRows(lrows[j], nlkeys[j], ls);
                rel = bestLabel(ls, false);
            }
            c[j].apply(move[j], rel);
        }
    }
}

void parseSentence(const SyntaxModel& m, const SentenceInput& s, Config& c) { parseBatch(m, &s, &c, 1); }

// [SECTION] Morphology

uint8_t morphOf(std::string_view w, Upos upos, Xpos xpos) {
    if (upos == Upos::PRON || upos == Upos::DET) {
        struct P {
            std::string_view form;
            uint8_t bits;
        };
        static constexpr P kPronouns[] = {
            {"i", kMorphSing | kMorphPerson1}, {"me", kMorphSing | kMorphPerson1}, {"my", kMorphSing | kMorphPerson1},
            {"mine", kMorphSing | kMorphPerson1}, {"myself", kMorphSing | kMorphPerson1},
            {"we", kMorphPlur | kMorphPerson1}, {"us", kMorphPlur | kMorphPerson1}, {"our", kMorphPlur | kMorphPerson1},
            {"ours", kMorphPlur | kMorphPerson1}, {"ourselves", kMorphPlur | kMorphPerson1},
            {"you", kMorphPerson2}, {"your", kMorphPerson2}, {"yours", kMorphPerson2},
            {"yourself", kMorphSing | kMorphPerson2}, {"yourselves", kMorphPlur | kMorphPerson2},
            {"he", kMorphSing | kMorphPerson3 | kMorphMasc}, {"him", kMorphSing | kMorphPerson3 | kMorphMasc},
            {"his", kMorphSing | kMorphPerson3 | kMorphMasc}, {"himself", kMorphSing | kMorphPerson3 | kMorphMasc},
            {"she", kMorphSing | kMorphPerson3 | kMorphFem}, {"her", kMorphSing | kMorphPerson3 | kMorphFem},
            {"hers", kMorphSing | kMorphPerson3 | kMorphFem}, {"herself", kMorphSing | kMorphPerson3 | kMorphFem},
            {"it", kMorphSing | kMorphPerson3 | kMorphNeut}, {"its", kMorphSing | kMorphPerson3 | kMorphNeut},
            {"itself", kMorphSing | kMorphPerson3 | kMorphNeut},
            {"they", kMorphPlur | kMorphPerson3}, {"them", kMorphPlur | kMorphPerson3},
            {"their", kMorphPlur | kMorphPerson3}, {"theirs", kMorphPlur | kMorphPerson3},
            {"themselves", kMorphPlur | kMorphPerson3},
            {"this", kMorphSing}, {"that", kMorphSing}, {"these", kMorphPlur}, {"those", kMorphPlur},
        };
        for (const P& p : kPronouns)
            if (p.form == w) return p.bits;
        return 0;
    }
    switch (xpos) {
    case Xpos::NN: case Xpos::NNP: return kMorphSing;
    case Xpos::NNS: case Xpos::NNPS: return kMorphPlur;
    case Xpos::VBZ: return kMorphSing | kMorphPerson3;
    default: return 0;
    }
}

// [SECTION] Tables

void SparseTable::build(const std::vector<std::pair<uint32_t, uint32_t>>& items) {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    out.reserve(items.size());
    std::vector<uint16_t> sparse;
    dense.clear();
    for (const auto& [key, v] : items) {
        const uint32_t count = v & 0xFF, offset = v >> 8;
        if (count >= kDenseFrom) {
            const uint32_t row = static_cast<uint32_t>(dense.size() / kRowWidth);
            dense.resize(dense.size() + kRowWidth, 0);  // int8 weights, widened
            for (uint32_t j = 0; j < count; ++j) {
                const uint16_t e = entries[offset + j];
                dense[static_cast<size_t>(row) * kRowWidth + (e & 0xFF)] = static_cast<int8_t>(e >> 8);
            }
            out.push_back({key, kDense | row});
        } else {
            out.push_back({key, static_cast<uint32_t>(sparse.size()) << 8 | count});
            sparse.insert(sparse.end(), entries.begin() + offset, entries.begin() + offset + count);
        }
    }
    entries = std::move(sparse);
    index.build(out);
}

// [SECTION] Serialization

namespace {

constexpr size_t kHeader = 12;  // magic, version, total size

void writeSparse(ByteWriter& w, const SparseTable& t) {
    // per key: the gap from the previous key, the entry count, the entries
    std::vector<std::pair<uint32_t, std::vector<uint16_t>>> rows;
    t.forEach([&](uint32_t key, int cls, int8_t q) {
        if (rows.empty() || rows.back().first != key) rows.push_back({key, {}});
        rows.back().second.push_back(static_cast<uint16_t>(cls | static_cast<uint8_t>(q) << 8));
    });
    w.f32(t.scale);
    w.u32(static_cast<uint32_t>(rows.size()));
    uint32_t prev = 0;
    for (const auto& [k, entries] : rows) {
        w.varint(k - prev);  // keys ascend: their gaps are short
        prev = k;
        w.u8(static_cast<uint8_t>(entries.size()));
        for (uint16_t e : entries) w.u16(e);
    }
}

void readSparse(ByteReader& r, SparseTable& t, int classes, const char* what) {
    t.scale = r.f32(what);
    const uint32_t n = r.count(2, what);
    std::vector<std::pair<uint32_t, uint32_t>> items;
    items.reserve(n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n && r.error.empty(); ++i) {
        const uint32_t gap = r.varint(what);
        if ((gap == 0 || gap > UINT32_MAX - k) && r.error.empty()) r.error = std::string("model: keys out of order in section ") + what;
        k += gap;
        const uint32_t cnt = r.u8(what);
        const uint32_t offset = static_cast<uint32_t>(t.entries.size());
        for (uint32_t j = 0; j < cnt; ++j) {
            const uint16_t e = r.u16(what);
            if ((e & 0xFF) >= classes) {
                if (r.error.empty()) r.error = std::string("model: a class out of range in section ") + what;
                break;
            }
            t.entries.push_back(e);
        }
        if (offset >= (1u << 23) && r.error.empty()) r.error = std::string("model: section too large: ") + what;
        items.push_back({k, offset << 8 | cnt});
    }
    if (!items.empty()) t.build(items);  // a table with no rows stays empty()
}

} // namespace

std::string serialize(const SyntaxModel& m) {
    ByteWriter w;
    w.u32(kMagic);
    // a model without word classes stays in version 1 or 2, byte for byte
    const bool classes = !m.wordClasses.empty();
    w.u32(classes ? 3 : m.tagger2.empty() ? 1 : 2);
    w.u32(0);  // total size, patched below
    if (classes) w.u32((m.tagger2.empty() ? 0u : 1u) | 2u);
    w.u32(static_cast<uint32_t>(m.classes.size()));
    for (const auto& [u, x] : m.classes) {
        w.u8(static_cast<uint8_t>(u));
        w.u8(static_cast<uint8_t>(x));
    }
    writeSparse(w, m.tagger);
    if (!m.tagger2.empty()) writeSparse(w, m.tagger2);
    {
        std::vector<const MoveTable::Slot*> slots;
        for (const MoveTable::Slot& e : m.moves.slots)
            if (e.key) slots.push_back(&e);
        std::sort(slots.begin(), slots.end(), [](auto* a, auto* b) { return a->key < b->key; });
        w.f32(m.moves.scale);
        w.u32(static_cast<uint32_t>(slots.size()));
        uint32_t prev = 0;
        for (const MoveTable::Slot* e : slots) {
            w.varint(e->key - prev);
            prev = e->key;
            for (int k = 0; k < kMoves; ++k) w.u8(static_cast<uint8_t>(e->w[k]));
        }
    }
    writeSparse(w, m.labels);
    {
        std::vector<std::pair<uint32_t, uint32_t>> items;
        for (const FlatMap::Slot& e : m.clusters.words.slots)
            if (e.key) items.push_back({e.key, e.value});
        std::sort(items.begin(), items.end());
        w.u32(static_cast<uint32_t>(items.size()));
        for (const auto& [k, v] : items) {
            w.u32(k);
            w.u16(static_cast<uint16_t>(v));
        }
        for (const auto& p : m.clusters.parent) {
            w.u32(static_cast<uint32_t>(p.size()));
            for (uint16_t v : p) w.u16(v);
        }
    }
    if (classes) writeWordClasses(w, m.wordClasses);
    w.u32(static_cast<uint32_t>(m.info.size()));
    w.bytes(m.info.data(), m.info.size());
    w.patch32(8, static_cast<uint32_t>(w.out.size() + 4));
    w.u32(modelChecksum(w.out));
    return w.out;
}

void buildMoveTable(MoveTable& t, const std::vector<MoveTable::Slot>& items) {
    uint32_t cap = 16;
    while (cap < items.size() * 2) cap <<= 1;  // at most half full: a missing key's probe stops soon
    t.slots.assign(cap, MoveTable::Slot{});
    t.mask = cap - 1;
    for (const MoveTable::Slot& e : items) {
        for (uint32_t s = e.key & t.mask;; s = (s + 1) & t.mask) {
            if (t.slots[s].key == e.key) break;
            if (t.slots[s].key == 0) {
                t.slots[s] = e;
                break;
            }
        }
    }
}

Result<SyntaxModel> deserialize(std::string_view bytes) {
    if (bytes.empty()) return Error{"syntax model: empty data"};
    if (bytes.size() < kHeader + 4)
        return Error{"syntax model: truncated (" + std::to_string(bytes.size()) + " bytes, the header alone needs 16)"};
    ByteReader r{bytes};
    if (r.u32("header") != kMagic) return Error{"syntax model: not a whosaid syntax model (wrong magic number)"};
    const uint32_t version = r.u32("header");
    if (version < 1 || version > kFormatVersion)
        return Error{"syntax model: format version " + std::to_string(version) + ", this build reads versions 1 to " +
                     std::to_string(kFormatVersion)};
    const uint32_t total = r.u32("header");
    if (total < kHeader + 4 || bytes.size() < total)
        return Error{"syntax model: truncated (" + std::to_string(bytes.size()) + " of " + std::to_string(total) +
                     " bytes)"};
    r.in = bytes.substr(0, total - 4);
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i)
        stored |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[total - 4 + i])) << (8 * i);
    if (stored != modelChecksum(r.in)) return Error{"syntax model: checksum mismatch (the data is corrupted)"};

    SyntaxModel m;
    const uint32_t flags = version >= 3 ? r.u32("header") : version == 2 ? 1u : 0u;
    if (flags > 3) return Error{"syntax model: unknown flags " + std::to_string(flags)};
    const uint32_t classes = r.count(2, "classes");
    if (classes > static_cast<uint32_t>(kTagClasses)) return Error{"syntax model: too many tag classes"};
    for (uint32_t i = 0; i < classes; ++i) {
        const uint8_t u = r.u8("classes"), x = r.u8("classes");
        if (u >= kUposCount || x >= kXposCount) return Error{"syntax model: a tag class out of range"};
        m.classes.push_back({static_cast<Upos>(u), static_cast<Xpos>(x)});
    }
    readSparse(r, m.tagger, kTagClasses, "tagger");
    if (flags & 1) readSparse(r, m.tagger2, kTagClasses, "second tagger");
    {
        m.moves.scale = r.f32("moves");
        const uint32_t n = r.count(1 + kMoves, "moves");
        std::vector<MoveTable::Slot> items(n);
        uint32_t k = 0;
        for (auto& e : items) {
            const uint32_t gap = r.varint("moves");
            if ((gap == 0 || gap > UINT32_MAX - k) && r.error.empty()) r.error = "model: keys out of order in section moves";
            k += gap;
            e.key = k;
            for (int k = 0; k < kMoves; ++k) e.w[k] = static_cast<int8_t>(r.u8("moves"));
        }
        buildMoveTable(m.moves, items);
    }
    readSparse(r, m.labels, kLabelClasses, "labels");
    {
        const uint32_t n = r.count(6, "clusters");
        std::vector<std::pair<uint32_t, uint32_t>> items(n);
        for (auto& p : items) {
            p.first = r.u32("clusters");
            p.second = r.u16("clusters");
        }
        m.clusters.words.build(items);
        for (auto& p : m.clusters.parent) {
            p.resize(r.count(2, "clusters"));
            for (auto& v : p) v = r.u16("clusters");
        }
    }
    if (flags & 2) readWordClasses(r, m.wordClasses);
    const uint32_t infoLen = r.count(1, "info");
    if (r.error.empty()) {
        m.info.assign(r.in.data() + r.pos, infoLen);
        r.pos += infoLen;
    }
    if (!r.error.empty()) return Error{"syntax " + r.error};
    if (r.pos != r.in.size())
        return Error{"syntax model: " + std::to_string(r.in.size() - r.pos) + " unexpected bytes after the last section"};
    if (m.classes.empty()) return Error{"syntax model: no tag classes"};
    return m;
}

// [SECTION] Documents

namespace {
// A day named after its verb is when, not who: "officials said Monday" gives
// "said" a second subject when the parser takes the day for one (the
// treebanks never give a word two subjects). The day becomes obl:tmod.
void repairTimeSubjects(Document& doc, uint32_t first, uint32_t n) {
    static constexpr std::string_view kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                 "sunday", "yesterday", "today", "tonight", "tomorrow"};
    auto subject = [&](const Token& t) {
        const Deprel r = static_cast<Deprel>(t.deprel);
        return r == Deprel::Nsubj || r == Deprel::NsubjPass;
    };
    for (uint32_t k = first; k < first + n; ++k) {
        Token& t = doc.tokens[k];
        if (!subject(t) || t.head < static_cast<int32_t>(first) || t.head >= static_cast<int32_t>(k)) continue;
        if (t.span.size() > 9) continue;  // longer than "wednesday": no day (and no string to make)
        const std::string w = ner::normalizeLower(doc.slice(t.span));
        if (std::find(std::begin(kDays), std::end(kDays), w) == std::end(kDays)) continue;
        bool other = false;
        for (uint32_t j = first; j < first + n && !other; ++j)
            other = j != k && doc.tokens[j].head == t.head && subject(doc.tokens[j]);
        if (other) t.deprel = static_cast<uint8_t>(Deprel::OblTmod);
    }
}
// "indicated Turkey still intended to buy more" read as "indicated Turkey and
// intended": a finite verb joined to an earlier one with no "and" and no
// comma, right after that verb's object (adverbs between), is a complement
// clause whose subject is the noun taken for the object. The verb becomes
// ccomp and the noun its nsubj (an open complement, xcomp, is never finite
// either, and is mended the same way).
void repairBareComplements(Document& doc, uint32_t first, uint32_t n) {
    for (uint32_t k = first; k < first + n; ++k) {
        Token& t = doc.tokens[k];
        const Deprel r = static_cast<Deprel>(t.deprel);
        const Xpos x = static_cast<Xpos>(t.xpos);
        if ((r != Deprel::Conj && r != Deprel::Xcomp) || (x != Xpos::VBD && x != Xpos::VBZ && x != Xpos::VBP) ||
            t.head < static_cast<int32_t>(first) || t.head >= static_cast<int32_t>(k))
            continue;
        const uint32_t h = static_cast<uint32_t>(t.head);
        // the object right before the verb, only adverbs between
        uint32_t j = k;
        while (j > h + 1 && static_cast<Upos>(doc.tokens[j - 1].upos) == Upos::ADV) --j;
        if (j <= h + 1) continue;
        Token& o = doc.tokens[j - 1];
        if (o.head != static_cast<int32_t>(h) || static_cast<Deprel>(o.deprel) != Deprel::Obj) continue;
        bool joined = false;  // a conjunction or a comma between the verbs
        for (uint32_t i = h + 1; i < k && !joined; ++i) {
            const Upos u = static_cast<Upos>(doc.tokens[i].upos);
            joined = u == Upos::CCONJ || u == Upos::PUNCT;
        }
        if (joined) continue;
        o.head = static_cast<int32_t>(k);
        o.deprel = static_cast<uint8_t>(Deprel::Nsubj);
        t.deprel = static_cast<uint8_t>(Deprel::Ccomp);
    }
}
// "Bemoaning the broken system, Marlow accused the board…" read with the
// participle as the root and "Marlow accused…" as a relative clause of
// "system": a clause that opens after a comma with a subject of its own and
// no relative word is the main clause, and the opening participle its advcl.
// "Ana Lopes of the Coastal Institute said …", "Rep. Tomas Reyes of Maine
// said …": news names a speaker with "of" (at, from) and a body or a place,
// a shape the treebanks hardly have. The parser hangs the verb on the name as
// a clause (acl) and may take the body for its subject; a finite verb with no
// relative word is no such clause: the verb heads the sentence, the name is
// its subject, and "of …" is the name's.
void repairNameOfBody(Document& doc, uint32_t first, uint32_t n) {
    auto word = [&](uint32_t k) { return ner::normalizeLower(doc.slice(doc.tokens[k].span)); };
    for (uint32_t v = first + 3; v < first + n; ++v) {
        Token& verb = doc.tokens[v];
        const Xpos vx = static_cast<Xpos>(verb.xpos);
        if (static_cast<Deprel>(verb.deprel) != Deprel::Acl || static_cast<Upos>(verb.upos) != Upos::VERB ||
            (vx != Xpos::VBD && vx != Xpos::VBZ && vx != Xpos::VBP) || verb.head < static_cast<int32_t>(first) ||
            verb.head >= static_cast<int32_t>(v))
            continue;
        const uint32_t h = static_cast<uint32_t>(verb.head);
        Token& name = doc.tokens[h];
        if (static_cast<Upos>(name.upos) != Upos::PROPN) continue;
        // the last word of the name, then "of" (at, from) right after it
        uint32_t e = h;
        while (e + 1 < v && doc.tokens[e + 1].head == static_cast<int32_t>(h) &&
               static_cast<Deprel>(doc.tokens[e + 1].deprel) == Deprel::Flat)
            ++e;
        const uint32_t prep = e + 1;
        if (prep + 1 >= v) continue;
        const std::string w = word(prep);
        if (w != "of" && w != "at" && w != "from") continue;
        // the body: the head of the words between "of" and the verb
        int32_t body = -1;
        bool contained = true;
        for (uint32_t k = prep + 1; k < v && contained; ++k) {
            const int32_t kh = doc.tokens[k].head;
            if (kh >= static_cast<int32_t>(prep + 1) && kh < static_cast<int32_t>(v)) continue;
            if (body >= 0) contained = false;
            body = static_cast<int32_t>(k);
        }
        if (!contained || body < 0 || static_cast<Upos>(doc.tokens[body].upos) != Upos::PROPN) continue;
        // "Secretary of State John Kerry said": a one-word title, and the
        // person's name (a flat run) after "of", is the person's phrase already
        bool personAfter = false;
        for (uint32_t k = prep + 1; k < v; ++k) personAfter |= static_cast<Deprel>(doc.tokens[k].deprel) == Deprel::Flat;
        if (e == h && personAfter) continue;
        // no relative word or subject of the verb's own before the body
        bool relative = false;
        for (uint32_t k = first; k < first + n && !relative; ++k)
            relative = doc.tokens[k].head == static_cast<int32_t>(v) && k < v &&
                       (static_cast<Deprel>(doc.tokens[k].deprel) == Deprel::Nsubj ||
                        static_cast<Deprel>(doc.tokens[k].deprel) == Deprel::Mark) &&
                       static_cast<int32_t>(k) != body && k != prep;
        if (relative) continue;
        verb.head = name.head;
        verb.deprel = name.head < 0 ? static_cast<uint8_t>(Deprel::Root) : name.deprel;
        name.head = static_cast<int32_t>(v);
        name.deprel = static_cast<uint8_t>(Deprel::Nsubj);
        doc.tokens[body].head = static_cast<int32_t>(h);
        doc.tokens[body].deprel = static_cast<uint8_t>(Deprel::Nmod);
        doc.tokens[prep].head = body;
        doc.tokens[prep].deprel = static_cast<uint8_t>(Deprel::Case);
        for (uint32_t k = v + 1; k < first + n; ++k)  // what followed the verb hung on the name: the verb's now
            if (doc.tokens[k].head == static_cast<int32_t>(h)) doc.tokens[k].head = static_cast<int32_t>(v);
        return;
    }
}

// "A spokeswoman for the mayor says …", "The mayor and her aides said …",
// "Neither Reyes nor his lawyers have …": a predicate has one subject, but the
// parser may give it two, with the preposition or the conjunction between
// them hanging on the verb. The second subject is then the first's: its
// nominal modifier after a preposition, its conjunct after a conjunction.
void repairTwoSubjects(Document& doc, uint32_t first, uint32_t n) {
    const uint32_t end = first + n;
    auto subject = [&](uint32_t k) {
        const Deprel r = static_cast<Deprel>(doc.tokens[k].deprel);
        return r == Deprel::Nsubj || r == Deprel::NsubjPass;
    };
    auto under = [&](uint32_t k, uint32_t x) {  // is k in x's subtree?
        int32_t y = static_cast<int32_t>(k);
        for (int depth = 0; depth < 64 && y >= 0; ++depth, y = doc.tokens[y].head)
            if (y == static_cast<int32_t>(x)) return true;
        return false;
    };
    for (uint32_t b = first + 2; b < end; ++b) {
        const int32_t p = doc.tokens[b].head;
        if (!subject(b) || p <= static_cast<int32_t>(b)) continue;  // both subjects before their predicate
        int32_t a = -1;
        for (uint32_t k = b; k-- > first && a < 0;)
            if (doc.tokens[k].head == p && subject(k)) a = static_cast<int32_t>(k);
        if (a < 0) continue;
        // between them: one preposition or conjunction of the predicate's, and words of the two subjects'
        int32_t link = -1;
        bool clean = true;
        for (uint32_t k = static_cast<uint32_t>(a) + 1; k < b && clean; ++k) {
            if (under(k, static_cast<uint32_t>(a)) || under(k, b)) continue;
            const Upos u = static_cast<Upos>(doc.tokens[k].upos);
            if (link < 0 && doc.tokens[k].head == p && (u == Upos::ADP || u == Upos::CCONJ)) link = static_cast<int32_t>(k);
            else clean = false;
        }
        if (!clean || link < 0) continue;
        const bool coordinated = static_cast<Upos>(doc.tokens[link].upos) == Upos::CCONJ;
        doc.tokens[b].head = a;
        doc.tokens[b].deprel = static_cast<uint8_t>(coordinated ? Deprel::Conj : Deprel::Nmod);
        doc.tokens[link].head = static_cast<int32_t>(b);
        doc.tokens[link].deprel = static_cast<uint8_t>(coordinated ? Deprel::Cc : Deprel::Case);
    }
}

// "Ana Lopes, director of the institute, said …", "Mr. Reyes, who led the
// league, spoke …", "Sen. Ana Lopes (R-Maine) said …": after a long subject
// the parser may take the subject's head for the root and hang the finite
// verb on it as a clause (acl). A finite verb with no subject, relative word
// or conjunction of its own, right after the root noun's phrase, is the main
// verb: it heads the sentence, and the noun is its subject.
void repairNounRoot(Document& doc, uint32_t first, uint32_t n) {
    const uint32_t end = first + n;
    int32_t root = -1;
    for (uint32_t k = first; k < end && root < 0; ++k)
        if (doc.tokens[k].head < 0) root = static_cast<int32_t>(k);
    if (root < 0) return;
    const Upos ru = static_cast<Upos>(doc.tokens[root].upos);
    if (ru != Upos::NOUN && ru != Upos::PROPN) return;
    for (uint32_t v = static_cast<uint32_t>(root) + 1; v < end; ++v) {
        Token& verb = doc.tokens[v];
        const Xpos vx = static_cast<Xpos>(verb.xpos);
        if (verb.head != root || static_cast<Deprel>(verb.deprel) != Deprel::Acl || static_cast<Upos>(verb.upos) != Upos::VERB ||
            (vx != Xpos::VBD && vx != Xpos::VBZ && vx != Xpos::VBP))
            continue;
        if (doc.tokens[v - 1].kind == TokenKind::QuoteClose) return;  // ", " said X": the quotation is the root
        // nothing of the verb's own before it, and every word between the
        // noun and the verb the noun's
        for (uint32_t k = first; k < v; ++k)
            if (doc.tokens[k].head == static_cast<int32_t>(v)) return;
        for (uint32_t k = static_cast<uint32_t>(root) + 1; k < v; ++k) {
            int32_t y = static_cast<int32_t>(k);
            for (int depth = 0; depth < 64 && y >= 0 && y != root; ++depth) y = doc.tokens[y].head;
            if (y != root) return;
        }
        // the noun's phrase closes right before the verb: with a comma or a
        // bracket ("Ana Lopes, director of …, said"), or it is a name alone
        // ("Chief Justice Ana Lopes spoke"); not "… protocol called for …,
        // sources said", where "said" has a subject the parser missed
        const std::string_view before = doc.slice(doc.tokens[v - 1].span);
        bool closes = before == "," || before == ")";
        if (!closes) {
            closes = true;
            for (uint32_t k = static_cast<uint32_t>(root) + 1; k < v && closes; ++k) {
                const Deprel r = static_cast<Deprel>(doc.tokens[k].deprel);
                closes = doc.tokens[k].head == root && (r == Deprel::Flat || r == Deprel::Compound);
            }
        }
        if (!closes) return;
        // and the noun's phrase starts the sentence (no clause or adverb opens it)
        for (uint32_t k = first; k < static_cast<uint32_t>(root); ++k)
            if (doc.tokens[k].head != root && doc.tokens[k].head >= 0 &&
                (doc.tokens[k].head < static_cast<int32_t>(first) || doc.tokens[k].head > root))
                return;
        verb.head = -1;
        verb.deprel = static_cast<uint8_t>(Deprel::Root);
        Token& noun = doc.tokens[root];
        noun.head = static_cast<int32_t>(v);
        noun.deprel = static_cast<uint8_t>(Deprel::Nsubj);
        for (uint32_t k = v + 1; k < end; ++k)  // what followed the verb hung on the noun: the verb's now
            if (doc.tokens[k].head == root) doc.tokens[k].head = static_cast<int32_t>(v);
        return;
    }
}

void repairOpeningParticiple(Document& doc, uint32_t first, uint32_t n) {
    Token& p = doc.tokens[first];
    if (n < 5 || p.head >= 0 || static_cast<Xpos>(p.xpos) != Xpos::VBG) return;
    for (uint32_t k = first + 2; k < first + n; ++k) {
        Token& v = doc.tokens[k];
        if (static_cast<Deprel>(v.deprel) != Deprel::AclRelcl || static_cast<Upos>(v.upos) != Upos::VERB) continue;
        // its subject right before it, a comma (and quotation marks) before that
        uint32_t s = k;
        while (s > first && (static_cast<Upos>(doc.tokens[s - 1].upos) == Upos::PROPN ||
                             static_cast<Upos>(doc.tokens[s - 1].upos) == Upos::NOUN ||
                             static_cast<Upos>(doc.tokens[s - 1].upos) == Upos::PRON ||
                             static_cast<Upos>(doc.tokens[s - 1].upos) == Upos::DET))
            --s;
        if (s == k) return;
        bool subject = false;
        for (uint32_t j = s; j < k; ++j)
            subject = subject || (doc.tokens[j].head == static_cast<int32_t>(k) && static_cast<Deprel>(doc.tokens[j].deprel) == Deprel::Nsubj);
        uint32_t b = s;
        while (b > first && (doc.tokens[b - 1].kind == TokenKind::QuoteOpen || doc.tokens[b - 1].kind == TokenKind::QuoteClose)) --b;
        if (!subject || b <= first || doc.slice(doc.tokens[b - 1].span) != ",") return;
        v.head = -1;
        v.deprel = static_cast<uint8_t>(Deprel::Root);
        p.head = static_cast<int32_t>(k);
        p.deprel = static_cast<uint8_t>(Deprel::Advcl);
        for (uint32_t j = first; j < first + n; ++j)  // the final stop hangs on the new root
            if (doc.tokens[j].head == static_cast<int32_t>(first) && static_cast<Deprel>(doc.tokens[j].deprel) == Deprel::Punct &&
                j > k)
                doc.tokens[j].head = static_cast<int32_t>(k);
        return;
    }
}
} // namespace

void parseDocument(Document& doc, const SyntaxModel& m) {
    if (m.empty()) return;
    // atoms per distinct token text
    std::unordered_map<std::string_view, uint32_t> typeOf;
    typeOf.reserve(doc.tokens.size() / 2 + 16);
    std::vector<WordAtoms> types;
    types.reserve(doc.tokens.size() / 2 + 16);
    std::vector<uint32_t> tokType(doc.tokens.size());
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
        const std::string_view w = doc.slice(doc.tokens[i].span);
        auto [it, fresh] = typeOf.try_emplace(w, static_cast<uint32_t>(types.size()));
        if (fresh) types.push_back(wordAtoms(w, m.clusters, &m.wordClasses));
        tokType[i] = it->second;
    }
    // the tagger's scores of each type's own features, for the first kMaxCachedTypes types
    TypeScores cache[2];
    const size_t cached = std::min(types.size(), kMaxCachedTypes);
    for (int pass = 0; pass < 2; ++pass) {
        const size_t n = pass == 0 || !m.tagger2.empty() ? cached : 0;
        cache[pass].scores.resize(n * kRowWidth);
        cache[pass].done.assign(n, 0);
    }
    // A sentence longer than kMaxParseWords (a list, a run-on line with no
    // full stop) is parsed in pieces that end at a comma, semicolon or dash
    // where one is near, each piece's root attached to the first one's as
    // parataxis: memory and time stay linear in the sentence's length.
    struct Piece {
        uint32_t first, n;
        bool continues;  // not the sentence's first piece
    };
    std::vector<Piece> pieces;
    for (const Sentence& sent : doc.sentences) {
        for (uint32_t first = sent.firstToken; first < sent.endToken;) {
            uint32_t end = sent.endToken;
            if (end - first > kMaxParseWords) {
                end = first + kMaxParseWords;
                for (uint32_t k = end - 1; k > first + kMaxParseWords / 2; --k) {
                    const std::string_view w = doc.slice(doc.tokens[k].span);
                    if (w == "," || w == ";" || w == ":" || w == "-" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93") {
                        end = k + 1;
                        break;
                    }
                }
            }
            pieces.push_back({first, end - first, first != sent.firstToken});
            first = end;
        }
    }
    SentenceInput s[kBatch];
    Config c[kBatch];
    int32_t sentenceRoot = -1;
    for (size_t p0 = 0; p0 < pieces.size(); p0 += kBatch) {
        const int count = static_cast<int>(std::min<size_t>(kBatch, pieces.size() - p0));
        for (int j = 0; j < count; ++j) {
            const Piece& pc = pieces[p0 + j];
            SentenceInput& sj = s[j];
            sj.words.assign(pc.n + 1, &rootAtoms());
            sj.type.assign(pc.n + 1, UINT32_MAX);
            for (uint32_t k = 0; k < pc.n; ++k) {
                sj.words[k + 1] = &types[tokType[pc.first + k]];
                sj.type[k + 1] = tokType[pc.first + k];
            }
            sj.tag.assign(pc.n + 1, kRootTag);
        }
        tagBatch(m, s, count, cache);
        parseBatch(m, s, c, count);
        for (int j = 0; j < count; ++j) {
            const Piece& pc = pieces[p0 + j];
            for (uint32_t k = 1; k <= pc.n; ++k) {
                Token& t = doc.tokens[pc.first + k - 1];
                const auto [upos, xpos] = m.classes[s[j].tag[k]];
                t.upos = static_cast<uint8_t>(upos);
                t.xpos = static_cast<uint8_t>(xpos);
                t.head = c[j].head[k] <= 0 ? -1 : static_cast<int32_t>(pc.first + c[j].head[k] - 1);
                t.deprel = c[j].label[k];
                const bool closedClass = upos == Upos::PRON || upos == Upos::DET;
                t.morph = morphOf(closedClass ? ner::normalizeLower(doc.slice(t.span)) : std::string(), upos, xpos);
            }
            repairTimeSubjects(doc, pc.first, pc.n);
            repairBareComplements(doc, pc.first, pc.n);
            if (!pc.continues) repairOpeningParticiple(doc, pc.first, pc.n);
            repairNameOfBody(doc, pc.first, pc.n);
            repairTwoSubjects(doc, pc.first, pc.n);
            if (!pc.continues) repairNounRoot(doc, pc.first, pc.n);
            // the piece's root once repaired (a repair may have moved it)
            int32_t root = -1;
            for (uint32_t k = pc.first; k < pc.first + pc.n && root < 0; ++k)
                if (doc.tokens[k].head < 0) root = static_cast<int32_t>(k);
            if (!pc.continues) {
                sentenceRoot = root;
            } else if (root >= 0 && sentenceRoot >= 0) {
                doc.tokens[root].head = sentenceRoot;
                doc.tokens[root].deprel = static_cast<uint8_t>(Deprel::Parataxis);
            }
        }
    }
}

} // namespace whosaid::syn

namespace whosaid {

void parseSyntax(Document& doc, const Model& model) { syn::parseDocument(doc, model.data().syntax); }

} // namespace whosaid

namespace whosaid {

// [SECTION] In plain words

namespace {
struct Plain { const char* label; const char* phrase; };
Plain plainRelation(Deprel r) {
    switch (r) {
    case Deprel::Nsubj: case Deprel::NsubjOuter: case Deprel::NsubjPass: return {"subject", "the subject of"};
    case Deprel::Csubj: case Deprel::CsubjOuter: case Deprel::CsubjPass: return {"subject", "the clause that is the subject of"};
    case Deprel::Obj: return {"object", "the object of"};
    case Deprel::Iobj: return {"to whom", "the indirect object of"};
    case Deprel::Ccomp: return {"clause", "the clause that completes"};
    case Deprel::Xcomp: return {"completes", "the words that complete"};
    case Deprel::OblAgent: return {"by whom", "says who does"};
    case Deprel::OblTmod: case Deprel::NmodTmod: return {"when", "says when for"};
    case Deprel::Obl: case Deprel::OblNpmod: case Deprel::OblUnmarked: return {"when/where/how", "says when, where or how for"};
    case Deprel::NmodPoss: return {"owner", "the owner of"};
    case Deprel::Nmod: case Deprel::NmodDesc: case Deprel::NmodNpmod: case Deprel::NmodUnmarked: return {"detail", "adds detail to"};
    case Deprel::Advcl: case Deprel::AdvclRelcl: return {"clause", "a clause that modifies"};
    case Deprel::Advmod: return {"modifies", "modifies"};
    case Deprel::Amod: return {"describes", "describes"};
    case Deprel::Nummod: return {"counts", "counts"};
    case Deprel::Det: case Deprel::DetPredet: return {"determiner", "the determiner of"};
    case Deprel::Case: return {"preposition", "the preposition of"};
    case Deprel::Mark: return {"introduces", "introduces the clause of"};
    case Deprel::Aux: case Deprel::AuxPass: return {"helps", "helps the verb"};
    case Deprel::Cop: return {"links", "links its subject to"};
    case Deprel::Cc: case Deprel::CcPreconj: return {"joins", "joins on"};
    case Deprel::Conj: return {"and", "joined with"};
    case Deprel::Appos: return {"same as", "another name for"};
    case Deprel::Compound: return {"part of", "part of one term with"};
    case Deprel::CompoundPrt: return {"part of", "part of the verb"};
    case Deprel::Flat: case Deprel::FlatForeign: return {"name", "part of one name with"};
    case Deprel::Fixed: return {"phrase", "part of one phrase with"};
    case Deprel::Acl: return {"describes", "a clause that describes"};
    case Deprel::AclRelcl: return {"about", "a clause about"};
    case Deprel::Expl: return {"placeholder", "a placeholder subject of"};
    case Deprel::Parataxis: return {"beside", "set beside"};
    case Deprel::Root: return {"main", "the main word of its sentence"};
    case Deprel::Punct: case Deprel::None: return {"", ""};
    default: return {"related", "related to"};
    }
}

const char* plainPos(Upos p) {
    switch (p) {
    case Upos::ADJ: return "an adjective";
    case Upos::ADP: return "a preposition";
    case Upos::ADV: return "an adverb";
    case Upos::AUX: return "a helping verb";
    case Upos::CCONJ: return "a joining word";
    case Upos::DET: return "a determiner";
    case Upos::INTJ: return "an exclamation";
    case Upos::NOUN: return "a noun";
    case Upos::NUM: return "a number";
    case Upos::PART: return "a small function word";
    case Upos::PRON: return "a pronoun";
    case Upos::PROPN: return "a name";
    case Upos::SCONJ: return "a linking word";
    case Upos::SYM: return "a symbol";
    case Upos::VERB: return "a verb";
    default: return "a word";
    }
}

std::string quotedWord(const Document& doc, uint32_t t) {
    return "\u201C" + std::string(doc.slice(doc.tokens[t].span)) + "\u201D";
}
} // namespace

const char* relationLabel(Deprel r) { return plainRelation(r).label; }

std::string grammarNote(const Document& doc, uint32_t token) {
    if (token >= doc.tokens.size()) return {};
    const Token& t = doc.tokens[token];
    const Deprel r = static_cast<Deprel>(t.deprel);
    if (r == Deprel::None || r == Deprel::Punct || t.kind == TokenKind::Punct) return {};
    std::string s = quotedWord(doc, token) + " is " + plainPos(static_cast<Upos>(t.upos)) + ", " + plainRelation(r).phrase;
    if (t.head >= 0 && static_cast<size_t>(t.head) < doc.tokens.size() && r != Deprel::Root) s += " " + quotedWord(doc, static_cast<uint32_t>(t.head));
    return s + ".";
}

} // namespace whosaid
