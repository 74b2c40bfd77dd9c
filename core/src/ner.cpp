// The entity tagger at run time: word hashing, features, the model format,
// Viterbi decoding. See ner.hpp for the design; the trainer is ner_train.cpp.
#include "ner.hpp"

#include "binary_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "whosaid/text.hpp"

namespace whosaid::ner {

// [SECTION] Tags

bool validTransition(int from, int to) {
    const bool fromOpen = from > 0 && (tagPart(from) == PartB || tagPart(from) == PartI);
    if (fromOpen) return to > 0 && tagLabel(to) == tagLabel(from) && (tagPart(to) == PartI || tagPart(to) == PartL);
    return to == 0 || tagPart(to) == PartB || tagPart(to) == PartU;
}

bool validEnd(int t) { return t == 0 || tagPart(t) == PartL || tagPart(t) == PartU; }

namespace {
// validTransition() as a table, [from + 1][to], for the decoder's first step.
struct TransitionTable {
    bool ok[kTags + 1][kTags];
    TransitionTable() {
        for (int f = -1; f < kTags; ++f)
            for (int t = 0; t < kTags; ++t) ok[f + 1][t] = validTransition(f, t);
    }
};
const TransitionTable& transitionTable() {
    static const TransitionTable table;
    return table;
}
} // namespace

// [SECTION] Hashing

namespace {

constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ull, kFnvPrime = 0x100000001b3ull;
inline uint64_t fnv(uint64_t h, char32_t c) { return (h ^ static_cast<uint64_t>(c)) * kFnvPrime; }

char32_t normalizeCp(char32_t c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x0060: case 0x00B4: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default: return c;
    }
}

template <class F>
void forEachCp(std::string_view s, F&& f) {
    for (size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {  // ASCII: nothing to decode or normalize (` aside)
            f(b == 0x60 ? char32_t('\'') : char32_t(b));
            ++i;
            continue;
        }
        int len = 1;
        const char32_t c = decodeAt(s, i, len);
        f(normalizeCp(c));
        i += len;
    }
}

char32_t shapeClass(char32_t c) {
    if (c < 0x80) {
        if (c >= '0' && c <= '9') return 'd';
        if (c >= 'A' && c <= 'Z') return 'X';
        if (c >= 'a' && c <= 'z') return 'x';
        return c;
    }
    if (isDigit(c)) return 'd';
    if (isUpper(c)) return 'X';
    if (isLetter(c)) return 'x';
    return c;
}

} // namespace

WordHashes hashWord(std::string_view token) {
    WordHashes w;
    constexpr int kMaxCp = 48;
    char32_t low[kMaxCp];
    int n = 0, total = 0;
    uint64_t hw = kFnvBasis, hl = kFnvBasis, hs = kFnvBasis, hss = kFnvBasis, hh = 0;
    char32_t lastClass = 0;
    int run = 0;
    bool anyLower = false, anyUpper = false, anyDigit = false, anyLetter = false, allPunct = true;
    bool firstUpper = false;
    forEachCp(token, [&](char32_t c) {
        hw = fnv(hw, c);
        bool up, letter, digit;
        if (c < 0x80) {
            up = c >= 'A' && c <= 'Z';
            letter = up || (c >= 'a' && c <= 'z');
            digit = c >= '0' && c <= '9';
        } else {
            up = isUpper(c);
            letter = isLetter(c);
            digit = isDigit(c);
        }
        if (total == 0) firstUpper = up;
        anyUpper |= up;
        anyLetter |= letter;
        anyDigit |= digit;
        anyLower |= letter && !up;
        allPunct &= !letter && !digit;
        const char32_t l = digit ? U'0' : up && c < 0x80 ? c + 32 : c < 0x80 ? c : toLower(c);
        hl = fnv(hl, l);
        if (c == '-') hh = kFnvBasis;
        else if (hh) hh = fnv(hh, l);
        if (n < kMaxCp) {
            low[n++] = l;
            const char32_t k = shapeClass(c);
            run = k == lastClass ? run + 1 : 1;
            if (run <= 3) hs = fnv(hs, k);
            if (run == 1) hss = fnv(hss, k);
            lastClass = k;
        }
        ++total;
    });
    w.word = hw;
    w.lower = hl;
    w.shape = hs;
    w.shortShape = hss;
    w.afterHyphen = (hh && hh != kFnvBasis) ? hh : 0;
    uint64_t p = kFnvBasis;
    for (int k = 0; k < 4 && k < n; ++k) {
        p = fnv(p, low[k]);
        w.prefix[k] = p;
    }
    for (int k = 1; k <= 4 && k <= n; ++k) {
        uint64_t s = kFnvBasis;
        for (int j = n - k; j < n; ++j) s = fnv(s, low[j]);
        w.suffix[k - 1] = s;
    }
    if (firstUpper) w.flags |= FInitCap;
    if (anyUpper && !anyLower) w.flags |= FAllCaps;
    if (anyDigit) w.flags |= FHasDigit;
    if (anyLetter && !anyUpper) w.flags |= FLower;
    if (allPunct) w.flags |= FPunct;
    if (anyUpper) w.flags |= FHasUpper;
    if (anyLetter) w.flags |= FHasLetter;
    return w;
}

namespace {
// True when `token` is ASCII without a backquote: normalizing then changes no byte.
bool plainAscii(std::string_view token) {
    for (unsigned char c : token)
        if (c >= 0x80 || c == 0x60) return false;
    return true;
}
} // namespace

std::string normalizeWord(std::string_view token) {
    if (plainAscii(token)) return std::string(token);
    std::string out;
    forEachCp(token, [&](char32_t c) { appendUtf8(out, c); });
    return out;
}

std::string normalizeLower(std::string_view token) {
    if (plainAscii(token)) {
        std::string out(token);
        for (char& c : out) c = (c >= '0' && c <= '9') ? '0' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        return out;
    }
    std::string out;
    forEachCp(token, [&](char32_t c) { appendUtf8(out, isDigit(c) ? U'0' : toLower(c)); });
    return out;
}

// [SECTION] Compact tables

void FlatMap::build(const std::vector<std::pair<uint32_t, uint32_t>>& items) {
    uint32_t cap = 16;
    while (cap < items.size() * 2) cap <<= 1;
    slots.assign(cap, Slot{});
    mask = cap - 1;
    for (const auto& [k, v] : items) {
        for (uint32_t s = k & mask;; s = (s + 1) & mask) {
            if (slots[s].key == k) break;  // duplicate key: the first one wins
            if (slots[s].key == 0) {
                slots[s] = {k, v};
                break;
            }
        }
    }
}

size_t FlatMap::size() const {
    return static_cast<size_t>(std::count_if(slots.begin(), slots.end(), [](const Slot& e) { return e.key != 0; }));
}

// [SECTION] Serialization

namespace {

constexpr size_t kHeader = 12;  // magic, version, total size

} // namespace

std::string serialize(const NerModel& m) {
    ByteWriter w;
    w.u32(kMagic);
    w.u32(kFormatVersion);
    w.u32(0);  // total size, patched below
    // features: keys in row order
    const uint32_t rows = static_cast<uint32_t>(m.rows.size());
    std::vector<uint32_t> rowKey(rows, 0);
    for (const FlatMap::Slot& e : m.features.slots)
        if (e.key) rowKey[e.value] = e.key;
    w.u32(rows);
    for (uint32_t k : rowKey) w.u32(k);
    for (const NerModel::Row& row : m.rows) w.f32(row.scale);
    for (const NerModel::Row& row : m.rows) w.bytes(row.w, kTags);
    for (float f : m.transitions) w.f32(f);
    auto writeMap = [&](const FlatMap& fm, bool wide) {
        std::vector<std::pair<uint32_t, uint32_t>> items;
        for (const FlatMap::Slot& e : fm.slots)
            if (e.key) items.push_back({e.key, e.value});
        std::sort(items.begin(), items.end());
        w.u32(static_cast<uint32_t>(items.size()));
        for (auto& it : items) w.u32(it.first);
        for (auto& it : items) wide ? w.u32(it.second) : w.u16(static_cast<uint16_t>(it.second));
    };
    writeMap(m.clusters, false);
    for (const auto& p : m.clusterParent) {
        w.u32(static_cast<uint32_t>(p.size()));
        for (uint16_t v : p) w.u16(v);
    }
    writeMap(m.gazetteer, true);
    w.u32(static_cast<uint32_t>(m.info.size()));
    w.bytes(m.info.data(), m.info.size());
    const uint32_t total = static_cast<uint32_t>(w.out.size() + 4);
    for (int i = 0; i < 4; ++i) w.out[8 + i] = static_cast<char>(total >> (8 * i));
    w.u32(modelChecksum(w.out));
    return w.out;
}

Result<NerModel> deserialize(std::string_view bytes) {
    if (bytes.empty()) return Error{"model: empty data"};
    if (bytes.size() < kHeader)
        return Error{"model: truncated (" + std::to_string(bytes.size()) + " bytes, the header alone needs 12)"};
    ByteReader r{bytes};
    if (r.u32("header") != kMagic) return Error{"model: not a whosaid tagger model (wrong magic number)"};
    const uint32_t version = r.u32("header");
    if (version < kOldestFormatVersion || version > kFormatVersion)
        return Error{"model: format version " + std::to_string(version) + ", this build reads versions " +
                     std::to_string(kOldestFormatVersion) + " to " + std::to_string(kFormatVersion)};
    const uint32_t total = r.u32("header");
    if (total < kHeader + 4 || bytes.size() < total)
        return Error{"model: truncated (" + std::to_string(bytes.size()) + " of " + std::to_string(total) + " bytes)"};
    r.in = bytes.substr(0, total - 4);
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i) stored |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[total - 4 + i])) << (8 * i);
    if (stored != modelChecksum(r.in)) return Error{"model: checksum mismatch (the data is corrupted)"};

    NerModel m;
    const uint32_t rows = r.count(4 + 4 + kTags, "weights");
    std::vector<std::pair<uint32_t, uint32_t>> items(rows);
    for (uint32_t i = 0; i < rows; ++i) items[i] = {r.u32("weights"), i};
    m.rows.resize(rows);
    for (auto& row : m.rows) row.scale = r.f32("weights");
    if (r.need(static_cast<size_t>(rows) * kTags, "weights")) {
        for (auto& row : m.rows) {
            std::memcpy(row.w, bytes.data() + r.pos, kTags);
            r.pos += kTags;
        }
    }
    m.features.build(items);
    for (auto& f : m.transitions) f = r.f32("transitions");
    auto readMap = [&](FlatMap& fm, bool wide, const char* what) {
        const uint32_t n = r.count(wide ? 8 : 6, what);
        std::vector<std::pair<uint32_t, uint32_t>> it(n);
        for (auto& p : it) p.first = r.u32(what);
        for (auto& p : it) p.second = wide ? r.u32(what) : r.u16(what);
        fm.build(it);
    };
    readMap(m.clusters, false, "clusters");
    for (auto& p : m.clusterParent) {
        p.resize(r.count(2, "clusters"));
        for (auto& v : p) v = r.u16("clusters");
    }
    readMap(m.gazetteer, true, "gazetteer");
    m.gazPrefixes = version >= 2;
    const uint32_t infoLen = r.count(1, "info");
    if (r.error.empty()) {
        m.info.assign(bytes.data() + r.pos, infoLen);
        r.pos += infoLen;
    }
    if (!r.error.empty()) return Error{r.error};
    if (r.pos != r.in.size()) return Error{"model: " + std::to_string(r.in.size() - r.pos) + " unexpected bytes after the last section"};
    return m;
}

// [SECTION] Features

namespace {

// Feature templates. Append only: the numbers are part of the model.
enum Template : uint64_t {
    TBias = 1, TWord, TLower, TShape, TShortShape, TPrefix, TSuffix = TPrefix + 4, TAfterHyphen = TSuffix + 4,
    TLowerM1, TLowerP1, TLowerM2, TLowerP2, TSSM1, TSSP1, TSSM1SS, TSSSSP1, TLowerM1L, TLowerLP1,
    TCluster, TClusterM1 = TCluster + kClusterLevels, TClusterP1, TFirstSS, THeadSS, THeadLower,
    TGaz, TGazM1, TGazP1, TDoc, THist, THistFirst, TWordM1SS, TFlagsM1, TFlagsP1, TClusterM1C0, TGazLowerM1,
};

constexpr uint64_t kBos = 0x5151, kEos = 0x6161;

inline uint64_t shortFlags(const TokenInfo& t) {
    return (t.flags & (FInitCap | FAllCaps | FHasDigit | FLower | FPunct)) | (t.sentenceStart ? 0x100 : 0);
}

bool sentenceIsHeadline(const std::vector<TokenInfo>& info, const Sentence& s) {
    int words = 0;
    for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
        const uint16_t f = info[i].flags;
        if (!(f & FHasLetter)) continue;
        if (!(f & FAllCaps)) return false;
        ++words;
    }
    return words >= 1;
}

} // namespace

namespace {

// Word types: each distinct token text hashed once (news repeats its words).
void internTypes(const Document& doc, const NerModel& model, DocFeatures& df) {
    const size_t n = doc.tokens.size();
    df.types.clear();
    uint32_t cap = 64;
    while (cap < n / 2 + 64) cap <<= 1;
    std::vector<uint32_t> slots(cap, UINT32_MAX);
    std::vector<uint64_t> keys;       // per type: the hash of its bytes
    std::vector<uint32_t> firstToken;  // per type: where it first occurs
    std::unordered_map<uint64_t, uint32_t> lowerIds;  // lower hash (| 1, as the tables used to key it) → id
    auto place = [&](uint64_t key, uint32_t type) {
        uint32_t s = static_cast<uint32_t>(key >> 32) & (cap - 1);
        while (slots[s] != UINT32_MAX) s = (s + 1) & (cap - 1);
        slots[s] = type;
    };
    for (size_t i = 0; i < n; ++i) {
        const Span sp = doc.tokens[i].span;
        const std::string_view w = doc.slice(sp);
        uint64_t key = kFnvBasis;
        for (unsigned char ch : w) key = (key ^ ch) * kFnvPrime;
        uint32_t s = static_cast<uint32_t>(key >> 32) & (cap - 1);
        uint32_t type = UINT32_MAX;
        for (;; s = (s + 1) & (cap - 1)) {
            const uint32_t t = slots[s];
            if (t == UINT32_MAX) break;
            if (keys[t] != key) continue;
            if (doc.slice(doc.tokens[firstToken[t]].span) == w) { type = t; break; }
        }
        if (type == UINT32_MAX) {
            type = static_cast<uint32_t>(df.types.size());
            WordType wt;
            wt.h = hashWord(w);
            uint32_t c = model.clusters.find(foldKey(mix(kSeedClusterExact, wt.h.word)));
            if (c == UINT32_MAX) c = model.clusters.find(foldKey(mix(kSeedClusterLower, wt.h.lower)));
            if (c != UINT32_MAX) {
                wt.cluster[0] = static_cast<uint16_t>(c);
                for (int l = 1; l < kClusterLevels; ++l) {
                    const auto& parent = model.clusterParent[l - 1];
                    const uint16_t prev = wt.cluster[l - 1];
                    wt.cluster[l] = prev < parent.size() ? parent[prev] : kNoCluster;
                }
            }
            wt.lowerId = lowerIds.emplace(wt.h.lower | 1, static_cast<uint32_t>(lowerIds.size())).first->second;
            df.types.push_back(wt);
            keys.push_back(key);
            firstToken.push_back(static_cast<uint32_t>(i));
            if (df.types.size() * 2 > cap) {
                cap <<= 1;
                slots.assign(cap, UINT32_MAX);
                for (uint32_t k = 0; k < keys.size(); ++k) place(keys[k], k);
            } else {
                place(key, type);
            }
        }
        TokenInfo& t = df.info[i];
        t.type = type;
        const WordType& wt = df.types[type];
        t.lower = wt.h.lower;
        t.shortShape = wt.h.shortShape;
        t.flags = wt.h.flags;
        t.lowerId = wt.lowerId;
        std::copy(std::begin(wt.cluster), std::end(wt.cluster), std::begin(t.cluster));
    }
    df.lowerForms = static_cast<uint32_t>(lowerIds.size());
}

} // namespace

void prepare(const Document& doc, const NerModel& model, DocFeatures& df) {
    const size_t n = doc.tokens.size();
    df.info.assign(n, TokenInfo{});
    df.history.assign(n, 0xFF);
    internTypes(doc, model, df);
    for (const Sentence& s : doc.sentences) {
        const bool head = sentenceIsHeadline(df.info, s);
        bool start = true;
        for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
            TokenInfo& t = df.info[i];
            t.headline = head;
            t.sentenceStart = start && (t.flags & (FHasLetter | FHasDigit));
            if (t.flags & (FHasLetter | FHasDigit)) start = false;
            const bool up = t.flags & FHasUpper;
            t.candidate = up || (i > s.firstToken && (df.info[i - 1].flags & FHasUpper)) ||
                          (i + 1 < s.endToken && (df.info[i + 1].flags & FHasUpper));
        }
    }
    // gazetteer: the longest match of each class starting at each capitalized token
    if (!model.gazetteer.empty()) {
        for (const Sentence& s : doc.sentences) {
            for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
                if (!df.info[i].candidate) continue;
                const bool cap = df.info[i].flags & FHasUpper;
                const uint32_t maxLen = cap ? std::min<uint32_t>(kGazMaxTokens, s.endToken - i) : 1;
                uint32_t best[kGazClasses] = {};
                uint64_t k = kSeedGaz;
                for (uint32_t len = 1; len <= maxLen; ++len) {
                    k = mix(k, df.info[i + len - 1].lower);
                    const uint32_t mask = model.gazetteer.find(foldKey(k), 0);
                    for (int c = 0; c < kGazClasses; ++c)
                        if (mask & (1u << c)) best[c] = len;
                    if (model.gazPrefixes && !(mask & kGazContinues)) break;  // no longer entry starts so
                }
                for (int c = 0; c < kGazClasses; ++c) {
                    const uint32_t len = best[c];
                    if (!len) continue;
                    if (len == 1) { df.info[i].gaz |= 1ull << (c * 4 + PartU); continue; }
                    for (uint32_t j = 0; j < len; ++j) {
                        const Part p = j == 0 ? PartB : j + 1 == len ? PartL : PartI;
                        df.info[i + j].gaz |= 1ull << (c * 4 + p);
                    }
                }
            }
        }
    }
    // label-free document features: how capitalized words appear elsewhere
    std::vector<uint8_t> seen(df.lowerForms, 0);
    for (size_t i = 0; i < n; ++i) {
        const TokenInfo& t = df.info[i];
        if (t.flags & FLower) seen[t.lowerId] |= DSeenLower;
        else if ((t.flags & FHasUpper) && !t.headline) seen[t.lowerId] |= t.sentenceStart ? DSeenInitial : DSeenCapMid;
    }
    for (size_t i = 0; i < n; ++i) {
        TokenInfo& t = df.info[i];
        if (t.flags & FHasUpper) t.doc = seen[t.lowerId];
    }
    df.clearHistory();
}

int wordFeatures(const WordHashes& h, uint64_t* out) {
    int n = 0;
    auto add = [&](uint64_t tmpl, uint64_t v) { out[n++] = mix(tmpl, v); };
    add(TBias, 0);
    add(TWord, h.word);
    add(TLower, h.lower);
    add(TShape, h.shape);
    add(TShortShape, h.shortShape);
    for (int k = 0; k < 4; ++k) {
        if (h.prefix[k]) add(TPrefix + k, h.prefix[k]);
        if (h.suffix[k]) add(TSuffix + k, h.suffix[k]);
    }
    if (h.afterHyphen) add(TAfterHyphen, h.afterHyphen);
    return n;
}

int features(const Document& doc, const DocFeatures& df, size_t i, uint64_t* out) {
    const int n = wordFeatures(df.types[df.info[i].type].h, out);
    return n + contextFeatures(doc, df, i, out + n);
}

int contextFeatures(const Document& doc, const DocFeatures& df, size_t i, uint64_t* out) {
    int n = 0;
    auto add = [&](uint64_t tmpl, uint64_t v) { out[n++] = mix(tmpl, v); };
    const TokenInfo& t = df.info[i];
    const Sentence& s = doc.sentences[doc.tokens[i].sentence];
    const TokenInfo* m1 = i > s.firstToken ? &df.info[i - 1] : nullptr;
    const TokenInfo* m2 = i > s.firstToken + 1 ? &df.info[i - 2] : nullptr;
    const TokenInfo* p1 = i + 1 < s.endToken ? &df.info[i + 1] : nullptr;
    const TokenInfo* p2 = i + 2 < s.endToken ? &df.info[i + 2] : nullptr;

    const uint64_t lm1 = m1 ? m1->lower : kBos, lp1 = p1 ? p1->lower : kEos;
    const uint64_t sm1 = m1 ? m1->shortShape : kBos, sp1 = p1 ? p1->shortShape : kEos;
    add(TLowerM1, lm1);
    add(TLowerP1, lp1);
    add(TLowerM2, m2 ? m2->lower : kBos);
    add(TLowerP2, p2 ? p2->lower : kEos);
    add(TSSM1, sm1);
    add(TSSP1, sp1);
    add(TSSM1SS, mix(sm1, t.shortShape));
    add(TSSSSP1, mix(t.shortShape, sp1));
    add(TLowerM1L, mix(lm1, t.lower));
    add(TLowerLP1, mix(t.lower, lp1));
    add(TWordM1SS, mix(lm1, t.shortShape));
    add(TFlagsM1, m1 ? shortFlags(*m1) : kBos);
    add(TFlagsP1, p1 ? shortFlags(*p1) : kEos);
    for (int l = 0; l < kClusterLevels; ++l)
        if (t.cluster[l] != kNoCluster) add(TCluster + l, t.cluster[l]);
    if (m1 && m1->cluster[1] != kNoCluster) add(TClusterM1, m1->cluster[1]);
    if (p1 && p1->cluster[1] != kNoCluster) add(TClusterP1, p1->cluster[1]);
    if (m1 && m1->cluster[2] != kNoCluster && t.cluster[2] != kNoCluster)
        add(TClusterM1C0, mix(m1->cluster[2], t.cluster[2]));
    if (t.sentenceStart) add(TFirstSS, t.shortShape);
    if (t.headline) {
        add(THeadSS, t.shortShape);
        add(THeadLower, t.lower);
    }
    for (uint64_t g = t.gaz; g; g &= g - 1) add(TGaz, static_cast<uint64_t>(__builtin_ctzll(g)));
    // the word before a place's name: "in Lyon" is the city, whatever Lyon
    // was in training (CoNLL's Lyon is a club)
    constexpr uint64_t kPlaces = (1ull << GazCountry) | (1ull << GazCapital) | (1ull << GazRegion) | (1ull << GazWnPlace);
    uint64_t seenClass = 0;
    for (uint64_t g = t.gaz; g; g &= g - 1) {
        const uint64_t cls = static_cast<uint64_t>(__builtin_ctzll(g)) / 4;
        if ((seenClass & (1ull << cls)) || !(kPlaces & (1ull << cls))) continue;
        seenClass |= 1ull << cls;
        add(TGazLowerM1, mix(cls, lm1));
    }
    if (m1) for (uint64_t g = m1->gaz; g; g &= g - 1) add(TGazM1, static_cast<uint64_t>(__builtin_ctzll(g)) / 4);
    if (p1) for (uint64_t g = p1->gaz; g; g &= g - 1) add(TGazP1, static_cast<uint64_t>(__builtin_ctzll(g)) / 4);
    if (t.flags & FHasUpper) add(TDoc, static_cast<uint64_t>(t.doc) | (t.sentenceStart ? 16 : 0) | (t.headline ? 32 : 0));
    const uint8_t hist = df.history[i];
    if (hist != 0xFF) {
        add(THist, hist);
        add(THistFirst, mix(hist, static_cast<uint64_t>(t.sentenceStart) | (t.headline ? 2 : 0)));
    }
    return n;
}

// [SECTION] History

void readHistory(const Document& doc, DocFeatures& df, uint32_t sentence) {
    const Sentence& s = doc.sentences[sentence];
    for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
        df.history[i] = 0xFF;
        const TokenInfo& t = df.info[i];
        if (!(t.flags & FHasUpper) || !df.histSeen[t.lowerId]) continue;
        const auto& c = df.histCounts[t.lowerId];
        int best = 0;
        for (int l = 1; l < 5; ++l)
            if (c[l] > c[best]) best = l;
        df.history[i] = static_cast<uint8_t>(best);
    }
}

void updateHistory(const Document& doc, DocFeatures& df, uint32_t sentence, const uint8_t* tags) {
    const Sentence& s = doc.sentences[sentence];
    for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
        const TokenInfo& t = df.info[i];
        if (!(t.flags & FHasUpper)) continue;
        df.histSeen[t.lowerId] = 1;
        const uint8_t tag = tags[i - s.firstToken];
        auto& c = df.histCounts[t.lowerId][tag == 0 ? 0 : 1 + tagLabel(tag)];
        if (c < 0xFFFF) ++c;
    }
}

// [SECTION] Decoding

void viterbi(const float* scores, size_t n, const float* trans, int startFrom, bool followedByO, uint8_t* out) {
    if (n == 0) return;
    constexpr float kNeg = -std::numeric_limits<float>::infinity();
    // runs of candidate tokens are short: stack buffers unless one is long
    constexpr size_t kStack = 48;
    float deltaStack[kStack * kTags];
    uint8_t backStack[kStack * kTags];
    std::vector<float> deltaHeap;
    std::vector<uint8_t> backHeap;
    float* delta = deltaStack;
    uint8_t* back = backStack;
    if (n > kStack) {
        deltaHeap.resize(n * kTags);
        backHeap.resize(n * kTags);
        delta = deltaHeap.data();
        back = backHeap.data();
    }
    const TransitionTable& valid = transitionTable();
    auto tr = [&](int from, int to) { return trans[(from + 1) * kTags + to]; };
    for (int t = 0; t < kTags; ++t)
        delta[t] = valid.ok[startFrom + 1][t] ? scores[t] + tr(startFrom, t) : kNeg;
    // The BILOU constraints leave two kinds of step. O, B-x and U-x follow any
    // closed tag (O, L-y, U-y: kClosed); I-x and L-x follow B-x or I-x only.
    // Predecessors are tried in ascending order and the first best is kept.
    static constexpr int kClosed[9] = {0, tagOf(PartL, 0), tagOf(PartU, 0), tagOf(PartL, 1), tagOf(PartU, 1),
                                       tagOf(PartL, 2), tagOf(PartU, 2), tagOf(PartL, 3), tagOf(PartU, 3)};
    static constexpr int kOpening[9] = {0, tagOf(PartB, 0), tagOf(PartU, 0), tagOf(PartB, 1), tagOf(PartU, 1),
                                        tagOf(PartB, 2), tagOf(PartU, 2), tagOf(PartB, 3), tagOf(PartU, 3)};
    for (size_t i = 1; i < n; ++i) {
        const float* prev = &delta[(i - 1) * kTags];
        float* cur = &delta[i * kTags];
        uint8_t* bk = &back[i * kTags];
        const float* sc = &scores[i * kTags];
        for (int t : kOpening) {
            float best = kNeg;
            int arg = 0;
            for (int f : kClosed) {
                const float v = prev[f] + tr(f, t);
                if (v > best) { best = v; arg = f; }
            }
            cur[t] = best + sc[t];
            bk[t] = static_cast<uint8_t>(arg);
        }
        for (int l = 0; l < kEntityLabels; ++l) {
            const int b = tagOf(PartB, l), in = tagOf(PartI, l);
            for (int t : {in, tagOf(PartL, l)}) {
                float best = kNeg;
                int arg = 0;
                if (const float v = prev[b] + tr(b, t); v > best) { best = v; arg = b; }
                if (const float v = prev[in] + tr(in, t); v > best) { best = v; arg = in; }
                cur[t] = best + sc[t];
                bk[t] = static_cast<uint8_t>(arg);
            }
        }
    }
    float best = kNeg;
    int arg = 0;
    for (int t = 0; t < kTags; ++t) {
        if (!validEnd(t)) continue;
        const float v = delta[(n - 1) * kTags + t] + (followedByO ? tr(t, 0) : 0.f);
        if (v > best) { best = v; arg = t; }
    }
    for (size_t i = n; i-- > 0;) {
        out[i] = static_cast<uint8_t>(arg);
        arg = back[i * kTags + arg];
    }
}

void tagDocument(const Document& doc, const NerModel& m, std::vector<uint8_t>& tags) {
    tags.assign(doc.tokens.size(), 0);
    if (m.empty()) return;
    DocFeatures df;
    prepare(doc, m, df);
    std::vector<float> scores;
    uint64_t feats[kMaxFeatures];
    // Adds the weights of features f[0..nf) to sc, in order. The sums go
    // through a local array: int8_t may alias a float, and a store through
    // `sc` would otherwise keep the compiler from vectorizing the row.
    auto addWeights = [&](const uint64_t* f, int nf, float* sc) {
        uint32_t folded[kMaxFeatures];
        for (int k = 0; k < nf; ++k) {
            folded[k] = foldKey(f[k]);
            m.features.prefetch(folded[k]);
        }
        float acc[kTags];
        std::copy(sc, sc + kTags, acc);
        for (int k = 0; k < nf; ++k) {
            const uint32_t row = m.features.find(folded[k]);
            if (row == UINT32_MAX) continue;
            const NerModel::Row& r = m.rows[row];
            for (int t = 0; t < kTags; ++t) acc[t] += r.scale * static_cast<float>(r.w[t]);
        }
        std::copy(acc, acc + kTags, sc);
    };
    // The word features' scores, once per word type: the same sums in the same
    // order as scoring every occurrence, so the tags do not change.
    std::vector<float> wordScores(df.types.size() * kTags, 0.f);
    std::vector<uint8_t> wordScored(df.types.size(), 0);
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        readHistory(doc, df, si);
        for (uint32_t a = s.firstToken; a < s.endToken;) {
            if (!df.info[a].candidate) { ++a; continue; }
            uint32_t b = a;
            while (b < s.endToken && df.info[b].candidate) ++b;
            scores.assign(static_cast<size_t>(b - a) * kTags, 0.f);
            for (uint32_t i = a; i < b; ++i) {
                float* sc = &scores[static_cast<size_t>(i - a) * kTags];
                const uint32_t type = df.info[i].type;
                float* ws = &wordScores[static_cast<size_t>(type) * kTags];
                if (!wordScored[type]) {
                    addWeights(feats, wordFeatures(df.types[type].h, feats), ws);
                    wordScored[type] = 1;
                }
                std::copy(ws, ws + kTags, sc);
                addWeights(feats, contextFeatures(doc, df, i, feats), sc);
            }
            viterbi(scores.data(), b - a, m.transitions.data(), a == s.firstToken ? -1 : 0, b < s.endToken,
                    &tags[a]);
            a = b;
        }
        updateHistory(doc, df, si, &tags[s.firstToken]);
    }
}

void tagsToMentions(Document& doc, const std::vector<uint8_t>& tags) {
    doc.mentions.clear();
    const size_t n = std::min(tags.size(), doc.tokens.size());
    for (size_t i = 0; i < n; ++i) {
        if (tags[i] == 0) continue;
        const int label = tagLabel(tags[i]);
        size_t j = i;
        if (tagPart(tags[i]) == PartB)
            while (j + 1 < n && tags[j + 1] != 0 && tagLabel(tags[j + 1]) == label &&
                   (tagPart(tags[j + 1]) == PartI || tagPart(tags[j + 1]) == PartL)) {
                ++j;
                if (tagPart(tags[j]) == PartL) break;
            }
        Mention m;
        m.span = {doc.tokens[i].span.begin, doc.tokens[j].span.end};
        m.label = static_cast<Label>(label);
        m.kind = MentionKind::Name;
        doc.mentions.push_back(m);
        i = j;
    }
}

} // namespace whosaid::ner
