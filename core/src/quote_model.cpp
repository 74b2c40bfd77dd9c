// The cue tagger: features, scoring, the model file and the trainer.
#include "quote_model.hpp"

#include <cmath>
#include <cstring>

#include "cues.hpp"
#include "whosaid/quote_train.hpp"
#include "whosaid/text.hpp"
#include "words.hpp"

namespace whosaid::qm {

namespace {

constexpr char kMagic[4] = {'W', 'S', 'Q', 'M'};

uint32_t fnv(std::string_view s) { return fnv1a(s); }
constexpr uint32_t mix(uint32_t a, uint32_t b) {
    uint32_t z = a ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2));
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
}

// [SECTION] Features

const uint32_t kStartHash = fnv("<s>"), kEndHash = fnv("</s>");

uint32_t hashAt(const CueInput& in, int64_t i) {
    if (i < 0) return kStartHash;
    if (i >= static_cast<int64_t>(in.words.size())) return kEndHash;
    return in.words.facts(static_cast<size_t>(i)).hash;
}

uint32_t classOf(const Document& doc, const DocWords& words, const std::vector<uint8_t>& isName, size_t i) {
    const Token& t = doc.tokens[i];
    if (t.kind == TokenKind::QuoteOpen) return 2;
    if (t.kind == TokenKind::QuoteClose) return 3;
    if (t.kind != TokenKind::Word) return 10 + static_cast<uint32_t>(t.kind);
    if (isName[i]) return 4;
    const WordFacts& f = words.facts(i);
    if (f.pronoun != PronounKind::None) return 5;
    if (f.noun != SpeakerNoun::None) return 6 + static_cast<uint32_t>(f.noun);
    return 0;
}

uint32_t tokenClass(const CueInput& in, int64_t i) {
    if (i < 0 || i >= static_cast<int64_t>(in.tokenClass.size())) return 1;
    return in.tokenClass[static_cast<size_t>(i)];
}

} // namespace

int cueFeatures(const CueInput& in, uint32_t i, uint32_t* out) {
    int n = 0;
    auto add = [&](uint32_t kind, uint32_t v) { out[n++] = mix(kind * 0x9E3779B1u, v); };
    const std::string_view w = in.words.lower(i);
    const WordFacts& facts = in.words.facts(i);
    const uint32_t hw = facts.hash;
    const uint32_t hp1 = hashAt(in, int64_t(i) - 1), hp2 = hashAt(in, int64_t(i) - 2);
    const uint32_t hn1 = hashAt(in, int64_t(i) + 1), hn2 = hashAt(in, int64_t(i) + 2);
    add(1, 0);  // bias
    add(2, hw);
    const uint32_t suffix3 = fnv(w.substr(w.size() > 3 ? w.size() - 3 : 0));
    const uint32_t suffix2 = fnv(w.substr(w.size() > 2 ? w.size() - 2 : 0));
    add(3, suffix3);
    add(4, suffix2);
    add(5, fnv(w.substr(0, 4)));
    add(6, hp1);
    add(7, hn1);
    add(8, hp2);
    add(9, hn2);
    add(10, mix(hw, hn1));
    add(11, mix(hp1, hw));
    const uint32_t cp1 = tokenClass(in, int64_t(i) - 1), cn1 = tokenClass(in, int64_t(i) + 1);
    const uint32_t cp2 = tokenClass(in, int64_t(i) - 2);
    add(12, cp1);
    add(13, cn1);
    add(14, mix(cp2, cp1));
    add(15, mix(hw, cp1));
    add(16, mix(hw, cn1));
    const CueWord& cw = facts.cue;
    const uint32_t lex = static_cast<uint32_t>(cw.cls) * 8 + static_cast<uint32_t>(cw.form);
    add(17, lex);
    add(18, mix(lex, cp1));
    add(19, mix(lex, hn1));
    // capitalization and position
    const Token& t = in.doc.tokens[i];
    int len = 1;
    const bool cap = t.kind == TokenKind::Word && isUpper(decodeAt(in.doc.text, t.span.begin, len));
    const bool first = i == in.doc.sentences[t.sentence].firstToken;
    add(20, (cap ? 1u : 0u) + (first ? 2u : 0u) + (in.isName[i] ? 4u : 0u));
    // a "that" or a quotation mark within the next three tokens; a name or pronoun within the three before
    uint32_t ahead = 0, behind = 0;
    for (int64_t k = int64_t(i) + 1; k <= int64_t(i) + 3 && k < int64_t(in.words.size()); ++k) {
        const std::string_view x = in.words.lower(static_cast<size_t>(k));
        if (x == "that") ahead |= 1;
        if (in.doc.tokens[k].kind == TokenKind::QuoteOpen) ahead |= 2;
        if (x == "to") ahead |= 4;
        if (x == ":") ahead |= 8;
    }
    for (int64_t k = int64_t(i) - 1; k >= int64_t(i) - 3 && k >= 0; --k) {
        const uint32_t c = tokenClass(in, k);
        if (c == 4) behind |= 1;
        if (c == 5) behind |= 2;
        if (c >= 6 && c < 10) behind |= 4;
        if (c == 3) behind |= 8;
    }
    add(21, ahead);
    add(22, behind);
    add(23, mix(ahead, lex));
    add(24, mix(behind, suffix2));
    add(25, mix(ahead, suffix3));
    add(26, mix(hw, ahead));
    return n;
}

float QuoteModel::score(const CueInput& in, uint32_t i) const {
    if (empty()) return 0.f;
    uint32_t f[kMaxFeatures];
    const int n = cueFeatures(in, i, f);
    const uint32_t mask = (1u << bits) - 1;
    float s = 0.f;
    for (int k = 0; k < n; ++k) s += weights[f[k] & mask];
    return s;
}

void prepareCueInput(const Document& doc, const DocWords& words, const std::vector<uint8_t>& isName,
                     std::vector<uint8_t>& tokenClass) {
    tokenClass.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) tokenClass[i] = static_cast<uint8_t>(classOf(doc, words, isName, i));
}

void cueNameFlags(const Document& doc, std::vector<uint8_t>& isName) {
    isName.assign(doc.tokens.size(), 0);
    size_t m = 0;
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
        while (m < doc.mentions.size() && doc.mentions[m].span.end <= doc.tokens[i].span.begin) ++m;
        for (size_t k = m; k < doc.mentions.size() && doc.mentions[k].span.begin <= doc.tokens[i].span.begin; ++k)
            if (doc.mentions[k].kind == MentionKind::Name && doc.mentions[k].span.contains(doc.tokens[i].span.begin))
                isName[i] = 1;
    }
}

// [SECTION] Serialization

namespace {
void put32(std::string& s, uint32_t v) {
    for (int k = 0; k < 4; ++k) s.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
uint32_t get32(std::string_view s, size_t at) {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<uint32_t>(static_cast<unsigned char>(s[at + k])) << (8 * k);
    return v;
}
uint32_t bitsOf(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}
float floatOf(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
} // namespace

std::string serialize(const QuoteModel& m) {
    std::string s(kMagic, 4);
    put32(s, kFormatVersion);
    put32(s, m.bits);
    put32(s, bitsOf(m.addThreshold));
    put32(s, bitsOf(m.dropThreshold));
    float maxAbs = 0.f;
    for (float w : m.weights) maxAbs = std::max(maxAbs, std::fabs(w));
    const float scale = maxAbs > 0 ? maxAbs / 32767.f : 1.f;
    put32(s, bitsOf(scale));
    for (float w : m.weights) {
        const auto q = static_cast<int16_t>(std::lround(w / scale));
        const auto u = static_cast<uint16_t>(q);
        s.push_back(static_cast<char>(u & 0xFF));
        s.push_back(static_cast<char>(u >> 8));
    }
    put32(s, fnv(s));
    return s;
}

Result<QuoteModel> deserialize(std::string_view b) {
    constexpr size_t kHeader = 24;
    if (b.size() < kHeader + 4) return Error{"quote model: too short (" + std::to_string(b.size()) + " bytes)"};
    if (std::memcmp(b.data(), kMagic, 4) != 0) return Error{"quote model: not a whosaid quote model (bad magic)"};
    const uint32_t version = get32(b, 4);
    if (version != kFormatVersion)
        return Error{"quote model: format version " + std::to_string(version) + ", this build reads version " +
                     std::to_string(kFormatVersion)};
    const uint32_t bits = get32(b, 8);
    if (bits < 4 || bits > 24) return Error{"quote model: bad table size (2^" + std::to_string(bits) + ")"};
    const size_t want = kHeader + (size_t(2) << bits) + 4;
    if (b.size() != want)
        return Error{"quote model: truncated or padded (" + std::to_string(b.size()) + " bytes, expected " +
                     std::to_string(want) + ")"};
    if (get32(b, want - 4) != fnv(b.substr(0, want - 4))) return Error{"quote model: checksum mismatch (corrupt bytes)"};
    QuoteModel m;
    m.bits = bits;
    m.addThreshold = floatOf(get32(b, 12));
    m.dropThreshold = floatOf(get32(b, 16));
    const float scale = floatOf(get32(b, 20));
    m.weights.resize(size_t(1) << bits);
    for (size_t k = 0; k < m.weights.size(); ++k) {
        const auto u = static_cast<uint16_t>(static_cast<unsigned char>(b[kHeader + 2 * k]) |
                                             (static_cast<unsigned char>(b[kHeader + 2 * k + 1]) << 8));
        m.weights[k] = static_cast<int16_t>(u) * scale;
    }
    return m;
}

// [SECTION] Training

QuoteModel trainCueTagger(const std::vector<Document>& docs, const CueTrainOptions& o) {
    QuoteModel m;
    m.bits = o.bits;
    m.addThreshold = o.addThreshold;
    m.dropThreshold = o.dropThreshold;
    const size_t size = size_t(1) << o.bits;
    const uint32_t mask = static_cast<uint32_t>(size - 1);
    std::vector<float> w(size, 0.f);
    std::vector<double> acc(size, 0.0);  // acc: sum of c * update for averaging

    // Precompute every example's features once.
    struct Example { uint32_t first; uint8_t n; int8_t y; };
    std::vector<uint32_t> feats;
    std::vector<Example> ex;
    std::vector<uint8_t> isName, classes;
    for (const Document& d : docs) {
        const DocWords words(d);
        cueNameFlags(d, isName);
        prepareCueInput(d, words, isName, classes);
        std::vector<uint8_t> gold(d.tokens.size(), 0);
        for (const Quote& q : d.quotes) {
            if (q.cue.end <= q.cue.begin) continue;
            for (size_t i = 0; i < d.tokens.size(); ++i)
                if (d.tokens[i].span.begin < q.cue.end && q.cue.begin < d.tokens[i].span.end) gold[i] = 1;
        }
        const CueInput in{d, words, isName, classes};
        uint32_t f[kMaxFeatures];
        for (uint32_t i = 0; i < d.tokens.size(); ++i) {
            if (d.tokens[i].kind != TokenKind::Word) continue;
            const int n = cueFeatures(in, i, f);
            ex.push_back({static_cast<uint32_t>(feats.size()), static_cast<uint8_t>(n), static_cast<int8_t>(gold[i] ? 1 : -1)});
            for (int k = 0; k < n; ++k) feats.push_back(f[k] & mask);
        }
    }
    std::vector<uint32_t> order(ex.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    uint64_t state = o.seed * 0x9E3779B97F4A7C15ull + 1;
    auto next = [&]() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    double c = 1.0;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[next() % k]);
        for (uint32_t id : order) {
            const Example& e = ex[id];
            float s = 0.f;
            for (int k = 0; k < e.n; ++k) s += w[feats[e.first + k]];
            if (e.y * s <= 0.f) {
                for (int k = 0; k < e.n; ++k) {
                    w[feats[e.first + k]] += e.y;
                    acc[feats[e.first + k]] += c * e.y;
                }
            }
            c += 1.0;
        }
    }
    m.weights.resize(size);
    for (size_t k = 0; k < size; ++k) m.weights[k] = static_cast<float>(w[k] - acc[k] / c);
    return m;
}

} // namespace whosaid::qm

namespace whosaid {

std::string trainQuoteModel(const std::vector<GoldDoc>& gold, const Model& model, const QuoteTrainOptions& o,
                            std::string* stats) {
    AnnotateOptions ao;
    ao.quotes = false;
    std::vector<Document> docs;
    docs.reserve(gold.size());
    size_t n = 0, cueCount = 0;
    for (const GoldDoc& g : gold) {
        Result<Document> d = annotate(g.doc.text, model, ao);
        if (!d || d->text != g.doc.text) continue;  // sanitizing changed the text: gold offsets would not match
        d->quotes = g.doc.quotes;
        n += d->quotes.size();
        for (const Quote& qq : d->quotes) cueCount += qq.cue.end > qq.cue.begin;
        docs.push_back(std::move(*d));
    }
    qm::CueTrainOptions q;
    q.epochs = o.epochs;
    q.seed = o.seed;
    q.bits = o.bits;
    q.addThreshold = o.addThreshold;
    q.dropThreshold = o.dropThreshold;
    if (stats) *stats = std::to_string(docs.size()) + " documents, " + std::to_string(n) + " attributions, " + std::to_string(cueCount) + " with a cue";
    return qm::serialize(qm::trainCueTagger(docs, q));
}

} // namespace whosaid
