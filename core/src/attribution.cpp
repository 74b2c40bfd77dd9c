// The learned attribution model: the tree view, features, reading an
// attribution off the tree, the model file and the trainer (attribution.hpp).
#include "attribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <unordered_map>

#include "binary_io.hpp"
#include "syntax.hpp"
#include "cues.hpp"
#include "train_util.hpp"
#include "whosaid/syntax.hpp"
#include "words.hpp"

namespace whosaid::attr {

namespace {

constexpr uint32_t kMagic = 0x4D415357;  // "WSAM" little endian

constexpr uint32_t mix(uint32_t a, uint32_t b) {
    uint32_t z = a ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2));
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
}

inline uint32_t f(uint32_t tmpl, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0) {
    return mix(mix(mix(tmpl * 0x9E3779B1u, a), b), c);
}

inline float sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

constexpr uint32_t kNoneWord = 0x51u;  // the "word" of a missing position

bool isFunctionWord(Upos u) {
    return u == Upos::ADP || u == Upos::SCONJ || u == Upos::PART || u == Upos::PRON || u == Upos::DET ||
           u == Upos::AUX || u == Upos::CCONJ || u == Upos::PUNCT || u == Upos::ADV;
}

uint32_t distanceBucket(int64_t d) {
    d = d < 0 ? -d : d;
    return d <= 3 ? static_cast<uint32_t>(d) : d <= 6 ? 4 : d <= 12 ? 5 : 6;
}

// What kind of word a token is for a source: a name (its label), a pronoun,
// a noun that names speakers (officials, ministry), another noun, other.
uint32_t speakerType(const Tree& tr, int64_t x) {
    if (x < 0) return 0;
    const uint32_t t = static_cast<uint32_t>(x);
    if (tr.mention[t]) return 1 + tr.mention[t];
    const WordFacts& fa = tr.words.facts(t);
    if (fa.pronoun != PronounKind::None) return 10 + static_cast<uint32_t>(fa.pronoun);
    if (fa.noun != SpeakerNoun::None) return 20 + static_cast<uint32_t>(fa.noun);
    const Upos u = tr.upos(t);
    return u == Upos::NOUN ? 30 : u == Upos::PROPN ? 31 : 40 + static_cast<uint32_t>(u);
}

uint32_t wordOf(const Tree& tr, int64_t x) {
    return x < 0 || x >= static_cast<int64_t>(tr.n()) ? kNoneWord : tr.words.facts(static_cast<size_t>(x)).hash;
}

uint32_t relOf(const Tree& tr, uint32_t t) { return tr.doc.tokens[t].deprel; }
uint32_t uposOf(const Tree& tr, int64_t t) { return t < 0 ? 0xFF : tr.doc.tokens[static_cast<size_t>(t)].upos; }
uint32_t xposOf(const Tree& tr, int64_t t) { return t < 0 ? 0xFF : tr.doc.tokens[static_cast<size_t>(t)].xpos; }

// The lexical identity of a dependent: its word if it is a function word, else its part of speech.
uint32_t shapeOf(const Tree& tr, uint32_t t) {
    return isFunctionWord(tr.upos(t)) ? tr.words.facts(t).hash : 0x1000u + uposOf(tr, t);
}

} // namespace

// [SECTION] The tree

Tree::Tree(const Document& d, const DocWords& w, const syn::SyntaxModel* syntax) : doc(d), words(w) {
    const uint32_t n = static_cast<uint32_t>(d.tokens.size());
    childStart.assign(n + 1, 0);
    for (uint32_t t = 0; t < n; ++t)
        if (d.tokens[t].head >= 0) ++childStart[d.tokens[t].head + 1];
    for (uint32_t t = 0; t < n; ++t) childStart[t + 1] += childStart[t];
    children.assign(childStart[n], 0);
    std::vector<uint32_t> fill(childStart.begin(), childStart.end() - 1);
    for (uint32_t t = 0; t < n; ++t)
        if (d.tokens[t].head >= 0) children[fill[d.tokens[t].head]++] = t;
    // subtree hulls, children before their heads: visit in an order where each
    // token comes after all its descendants (heads are in the same sentence)
    left.resize(n);
    right.resize(n);
    for (uint32_t t = 0; t < n; ++t) left[t] = right[t] = t;
    std::vector<uint32_t> order;
    order.reserve(n);
    std::vector<uint32_t> stack;
    for (uint32_t t = 0; t < n; ++t) {
        if (d.tokens[t].head >= 0) continue;
        stack.push_back(t);
        while (!stack.empty()) {  // preorder; reversed below to post-order-like
            const uint32_t x = stack.back();
            stack.pop_back();
            order.push_back(x);
            for (uint32_t k = childStart[x]; k < childStart[x + 1]; ++k) stack.push_back(children[k]);
        }
    }
    for (size_t k = order.size(); k-- > 0;) {
        const uint32_t x = order[k];
        const int32_t h = d.tokens[x].head;
        if (h < 0) continue;
        left[h] = std::min(left[h], left[x]);
        right[h] = std::max(right[h], right[x]);
    }
    // clusters, looked up once per distinct form
    cluster[0].assign(n, 0xFFFF);
    cluster[1].assign(n, 0xFFFF);
    if (syntax) {
        const syn::SyntaxModel& sm = *syntax;
        std::unordered_map<const WordFacts*, std::pair<uint16_t, uint16_t>> seen;
        for (uint32_t t = 0; t < n; ++t) {
            auto [it, fresh] = seen.try_emplace(&w.facts(t));
            if (fresh) {
                const syn::WordAtoms a = syn::wordAtoms(d.slice(d.tokens[t].span), sm.clusters);
                it->second = {a.cluster[0], a.cluster[1]};
            }
            cluster[0][t] = it->second.first;
            cluster[1][t] = it->second.second;
        }
    }
    // inside quotation marks: from an opening mark to the next closing one in
    // the same paragraph (the claim finder's regions are finer; the features
    // need the same view in training and at run time)
    inQuote.assign(n, 0);
    for (uint32_t t = 0; t < n; ++t) {
        if (d.tokens[t].kind != TokenKind::QuoteOpen) continue;
        const uint32_t para = d.sentences[d.tokens[t].sentence].paragraph;
        uint32_t e = t + 1;
        while (e < n && d.tokens[e].kind != TokenKind::QuoteClose && d.tokens[e].kind != TokenKind::QuoteOpen &&
               d.sentences[d.tokens[e].sentence].paragraph == para)
            ++e;
        if (e < n && d.tokens[e].kind == TokenKind::QuoteClose) {
            for (uint32_t k = t; k <= e; ++k) inQuote[k] = 1;
            t = e;
        }
    }
    mention.assign(n, 0);
    size_t m = 0;
    for (uint32_t t = 0; t < n; ++t) {
        while (m < d.mentions.size() && d.mentions[m].span.end <= d.tokens[t].span.begin) ++m;
        if (m < d.mentions.size() && d.mentions[m].span.contains(d.tokens[t].span.begin) &&
            d.mentions[m].kind == MentionKind::Name)
            mention[t] = static_cast<uint8_t>(1 + static_cast<int>(d.mentions[m].label));
    }
}

int32_t Tree::child(uint32_t t, Deprel r) const {
    for (uint32_t k = childStart[t]; k < childStart[t + 1]; ++k)
        if (universalDeprel(rel(children[k])) == r) return static_cast<int32_t>(children[k]);
    return -1;
}

bool cueCandidate(const Tree& tr, uint32_t t) {
    const Token& tok = tr.doc.tokens[t];
    if (tok.kind == TokenKind::Word) return tr.upos(t) != Upos::PUNCT;
    return tok.kind == TokenKind::Punct && tr.doc.slice(tok.span) == ":";
}

// [SECTION] Features

int cueFeatures(const Tree& tr, uint32_t h, uint32_t* out) {
    int k = 0;
    const uint32_t w = wordOf(tr, h), up = uposOf(tr, h), xp = xposOf(tr, h), rl = relOf(tr, h);
    const int32_t g = tr.head(h);
    const WordFacts& fa = tr.words.facts(h);
    const uint32_t lex = static_cast<uint32_t>(fa.cue.cls) << 8 | fa.cue.flags;
    out[k++] = f(1);
    out[k++] = f(2, w);
    out[k++] = f(3, up);
    out[k++] = f(4, xp);
    out[k++] = f(5, rl);
    out[k++] = f(6, up, rl);
    out[k++] = f(7, w, rl);
    out[k++] = f(8, uposOf(tr, g), rl);
    out[k++] = f(9, w, uposOf(tr, g));
    const std::string_view lw = tr.words.lower(h);
    out[k++] = f(10, fnv1a(lw.substr(lw.size() > 3 ? lw.size() - 3 : 0)));
    out[k++] = f(15, lex);
    out[k++] = f(16, lex, rl);
    out[k++] = f(17, tr.inQuote[h], up);
    out[k++] = f(18, wordOf(tr, int64_t(h) + 1));
    out[k++] = f(19, wordOf(tr, int64_t(h) - 1));
    out[k++] = f(20, w, wordOf(tr, int64_t(h) + 1));
    uint32_t complements = 0;
    int32_t subject = -1;
    int children = 0;
    tr.eachChild(h, [&](uint32_t c) {
        const Deprel r = tr.rel(c);
        const uint32_t dir = c < h ? 1 : 2;
        if (children++ < 8) {
            out[k++] = f(11, relOf(tr, c), dir);
            out[k++] = f(13, xp, relOf(tr, c));
        }
        switch (universalDeprel(r)) {
        case Deprel::Nsubj: subject = static_cast<int32_t>(c); complements |= 1; break;
        case Deprel::Ccomp: complements |= 2; break;
        case Deprel::Xcomp: complements |= 4; break;
        case Deprel::Obj: complements |= 8; break;
        case Deprel::Parataxis: complements |= 16; break;
        case Deprel::Advcl: complements |= 32; break;
        case Deprel::Obl: complements |= 64; break;
        case Deprel::Iobj: complements |= 128; break;
        case Deprel::Nmod: complements |= 256; break;
        case Deprel::Acl: complements |= 512; break;
        default: break;
        }
    });
    out[k++] = f(14, w, complements);
    out[k++] = f(21, lex, complements);
    out[k++] = f(12, up, complements);
    out[k++] = f(22, speakerType(tr, subject));
    out[k++] = f(23, w, speakerType(tr, subject));
    const Token& tok = tr.doc.tokens[h];
    const bool capital = tok.kind == TokenKind::Word && tr.doc.tokens[h].spaceBefore &&
                         h > tr.doc.sentences[tok.sentence].firstToken && lw != tr.doc.slice(tok.span);
    out[k++] = f(24, capital, up);
    out[k++] = f(25, tr.mention[h]);
    out[k++] = f(26, tr.cluster[0][h]);
    out[k++] = f(27, tr.cluster[1][h], complements);
    out[k++] = f(28, tr.cluster[0][h], rl);
    // the form without its inflection ("says", "said", "saying" share "sa"... crudely: -s, -ed, -ing, -es)
    std::string_view stem = lw;
    for (std::string_view suf : {std::string_view("ing"), std::string_view("ed"), std::string_view("es"), std::string_view("s")})
        if (stem.size() > suf.size() + 2 && stem.ends_with(suf)) { stem.remove_suffix(suf.size()); break; }
    out[k++] = f(29, fnv1a(stem));
    out[k++] = f(39, fnv1a(stem), complements);
    return k;
}

int cueArmFeatures(const Tree& tr, uint32_t h, uint32_t c, uint32_t* out) {
    int k = 0;
    const uint32_t dir = c < h ? 1 : 2, rl = relOf(tr, c);
    out[k++] = f(30, rl, dir);
    out[k++] = f(31, rl, wordOf(tr, c));
    out[k++] = f(32, wordOf(tr, h), rl);
    out[k++] = f(33, uposOf(tr, c), rl);
    out[k++] = f(34, wordOf(tr, h), wordOf(tr, c));
    out[k++] = f(35, distanceBucket(int64_t(c) - h), rl, dir);
    out[k++] = f(36, speakerType(tr, c), rl);
    out[k++] = f(37, tr.right[c] - tr.left[c] < 4, rl);
    return k;
}

int contentFeatures(const Tree& tr, uint32_t h, uint32_t c, uint32_t* out) {
    int k = 0;
    const uint32_t dir = c < h ? 1 : 2, rl = relOf(tr, c), wh = wordOf(tr, h);
    out[k++] = f(40, rl, dir);
    out[k++] = f(41, rl, uposOf(tr, c), dir);
    out[k++] = f(42, wh, rl);
    out[k++] = f(43, wh, rl, dir);
    out[k++] = f(44, shapeOf(tr, c), rl);
    uint32_t clause = 0;
    tr.eachChild(c, [&](uint32_t d) {
        const Deprel r = universalDeprel(tr.rel(d));
        if (r == Deprel::Mark) clause |= 1;
        else if (r == Deprel::Nsubj) clause |= 2;
        else if (r == Deprel::Aux) clause |= 4;
        else if (r == Deprel::Cop) clause |= 8;
        else if (r == Deprel::Cc) clause |= 16;
    });
    out[k++] = f(45, rl, clause);
    const WordFacts& fa = tr.words.facts(c);
    out[k++] = f(46, static_cast<uint32_t>(fa.cue.cls), rl);
    out[k++] = f(47, rl, tr.inQuote[c], tr.inQuote[h]);
    out[k++] = f(48, distanceBucket(int64_t(c) - h), rl);
    out[k++] = f(49, rl, uposOf(tr, h));
    out[k++] = f(50, distanceBucket(int64_t(tr.right[c]) - tr.left[c]), rl);
    out[k++] = f(51, wh, shapeOf(tr, c));
    // the first word of the dependent's subtree ("that", "to", "whether", a quotation mark)
    out[k++] = f(52, wordOf(tr, tr.left[c]), rl);
    out[k++] = f(53, tr.cluster[1][h], rl);
    return k;
}

int contentUpFeatures(const Tree& tr, uint32_t h, uint32_t* out) {
    int k = 0;
    const int32_t g = tr.head(h);
    const uint32_t rl = relOf(tr, h), dir = g >= 0 && static_cast<int32_t>(h) < g ? 1 : 2;
    bool complement = false, subject = false;
    tr.eachChild(h, [&](uint32_t c) {
        const Deprel r = universalDeprel(tr.rel(c));
        if (r == Deprel::Ccomp || r == Deprel::Xcomp || r == Deprel::Obj) complement = true;
        if (r == Deprel::Nsubj) subject = true;
    });
    out[k++] = f(60);
    out[k++] = f(61, rl, dir);
    out[k++] = f(62, wordOf(tr, h), rl);
    out[k++] = f(63, uposOf(tr, g), rl);
    out[k++] = f(64, g >= 0 ? tr.inQuote[g] : 2u, rl);
    out[k++] = f(65, complement, subject, rl);
    out[k++] = f(66, h > 0 ? wordOf(tr, tr.left[h] > 0 ? int64_t(tr.left[h]) - 1 : -1) : kNoneWord, dir);
    out[k++] = f(67, wordOf(tr, h), complement);
    return k;
}

int sourceHeadFeatures(const Tree& tr, uint32_t h, uint32_t x, SourceWay how, uint32_t* out) {
    int k = 0;
    const uint32_t way = static_cast<uint32_t>(how), dir = x < h ? 1 : 2;
    out[k++] = f(70, way);
    out[k++] = f(71, way, relOf(tr, x));
    out[k++] = f(72, way, uposOf(tr, x));
    out[k++] = f(73, way, speakerType(tr, x));
    out[k++] = f(75, wordOf(tr, h), way);
    out[k++] = f(76, way, isFunctionWord(tr.upos(x)) || tr.upos(x) == Upos::PRON ? wordOf(tr, x) : 0u);
    out[k++] = f(77, dir, way);
    out[k++] = f(78, distanceBucket(int64_t(x) - h), way);
    out[k++] = f(79, tr.inQuote[x], way);
    out[k++] = f(74, uposOf(tr, h), way, uposOf(tr, x));
    return k;
}

int sourceArmFeatures(const Tree& tr, uint32_t s, uint32_t c, uint32_t* out) {
    int k = 0;
    const uint32_t dir = c < s ? 1 : 2, rl = relOf(tr, c);
    out[k++] = f(90, rl, dir);
    out[k++] = f(91, rl, uposOf(tr, c));
    out[k++] = f(92, rl, shapeOf(tr, c));
    out[k++] = f(93, uposOf(tr, s), rl);
    out[k++] = f(94, tr.mention[c] && tr.mention[c] == tr.mention[s], rl);
    out[k++] = f(95, speakerType(tr, c), rl, dir);
    out[k++] = f(96, distanceBucket(int64_t(tr.right[c]) - tr.left[c]), rl);
    return k;
}

void sourceCandidates(const Tree& tr, uint32_t h, std::vector<std::pair<uint32_t, SourceWay>>& out) {
    out.clear();
    auto add = [&](int64_t x, SourceWay w) {
        if (x < 0 || x == h) return;
        for (const auto& e : out)
            if (e.first == static_cast<uint32_t>(x)) return;
        out.push_back({static_cast<uint32_t>(x), w});
    };
    tr.eachChild(h, [&](uint32_t c) {
        switch (tr.rel(c)) {
        case Deprel::Nsubj: case Deprel::NsubjOuter: add(c, SourceWay::Subject); break;
        case Deprel::NsubjPass: add(c, SourceWay::Object); break;
        case Deprel::NmodPoss: add(c, SourceWay::Possessor); break;
        case Deprel::OblAgent: add(c, SourceWay::PassiveAgent); break;
        case Deprel::Obl: case Deprel::Nmod:
            // "by X" of a passive or a nominal cue ("a statement by the ministry")
            if (const int32_t cs = tr.child(c, Deprel::Case); cs >= 0 && tr.words.lower(static_cast<uint32_t>(cs)) == "by")
                add(c, SourceWay::PassiveAgent);
            else if (const int32_t cs2 = tr.child(c, Deprel::Case);
                     cs2 >= 0 && (tr.words.lower(static_cast<uint32_t>(cs2)) == "from" || tr.words.lower(static_cast<uint32_t>(cs2)) == "of"))
                add(c, SourceWay::Other);
            break;
        case Deprel::Obj: case Deprel::Iobj: add(c, SourceWay::Object); break;
        default: break;
        }
    });
    const int32_t g = tr.head(h);
    // "according to X": the cue hangs off X
    if (g >= 0 && tr.words.lower(h) == "according") add(g, SourceWay::AccordingTo);
    // a cue with no subject of its own shares its governor's ("X told Y and added Z",
    // "X wants to say", "X, saying Z"), or names the word it modifies ("the ministry's statement")
    if (g >= 0) {
        const Deprel r = universalDeprel(tr.rel(h));
        if (r == Deprel::Conj || r == Deprel::Xcomp || r == Deprel::Advcl || r == Deprel::Acl || r == Deprel::Ccomp ||
            r == Deprel::Parataxis) {
            int32_t s = tr.child(static_cast<uint32_t>(g), Deprel::Nsubj);
            int32_t up = g;
            for (int depth = 0; s < 0 && depth < 3 && up >= 0; ++depth) {
                const Deprel ur = universalDeprel(tr.rel(static_cast<uint32_t>(up)));
                if (ur != Deprel::Conj && ur != Deprel::Xcomp && ur != Deprel::Advcl && ur != Deprel::Ccomp) break;
                up = tr.head(static_cast<uint32_t>(up));
                if (up >= 0) s = tr.child(static_cast<uint32_t>(up), Deprel::Nsubj);
            }
            if (s >= 0) add(s, SourceWay::Inherited);
            if (r == Deprel::Acl && tr.upos(static_cast<uint32_t>(g)) != Upos::VERB) add(g, SourceWay::Inherited);
        }
        if (r == Deprel::Nsubj || r == Deprel::Obj || r == Deprel::Obl || r == Deprel::Nmod)
            if (const int32_t poss = tr.child(h, Deprel::Nmod); poss >= 0) add(poss, SourceWay::Possessor);
    }
}

// [SECTION] Scores

float AttrModel::raw(const uint32_t* keys, int n) const {
    if (weights.empty()) return 0.f;
    const uint32_t mask = (1u << bits) - 1;
    int32_t s = 0;
    for (int i = 0; i < n; ++i) s += weights[keys[i] & mask];
    return static_cast<float>(s) * scale;
}

float AttrModel::prob(Task t, const uint32_t* keys, int n) const {
    return sigmoid(cal[t].a * raw(keys, n) + cal[t].b);
}

namespace {
float logit(float p) {
    p = std::clamp(p, 1e-4f, 1.f - 1e-4f);
    return std::log(p / (1.f - p));
}
} // namespace

float AttrModel::calibrated(int kind, float raw) const {
    if (kind < 0 || kind >= kClaimKinds) return raw;
    const auto [a, b] = claimCal[kind];
    // never certain, never impossible: a reader sees at most 99 % (and the
    // JSON, rounded to hundredths, never says 1.0)
    return std::clamp(sigmoid(a * logit(raw) + b), 0.01f, 0.99f);
}

void fitClaimCalibration(AttrModel& m, const std::vector<std::tuple<int, float, bool>>& claims) {
    for (int k = 0; k < kClaimKinds; ++k) {
        std::vector<std::pair<float, float>> xs;  // (logit(raw), label)
        for (const auto& [kind, raw, ok] : claims)
            if (kind == k) xs.push_back({logit(raw), ok ? 1.f : 0.f});
        if (xs.size() < 40) { m.claimCal[k] = {1.f, 0.f}; continue; }
        // Newton's method on the log loss of sigmoid(a x + b), with an L2 pull
        // toward (1, 0) and steps of at most 1 (a kind whose confidences are
        // all alike gives a flat direction)
        double a = 1, b = 0;
        constexpr double kPull = 1.0;
        for (int it = 0; it < 100; ++it) {
            double ga = kPull * (a - 1), gb = kPull * b, haa = kPull, hab = 0, hbb = kPull;
            for (const auto& [x, y] : xs) {
                const double p = 1 / (1 + std::exp(-(a * x + b)));
                const double w = p * (1 - p);
                ga += (p - y) * x;
                gb += (p - y);
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            const double det = haa * hbb - hab * hab;
            if (std::fabs(det) < 1e-12) break;
            const double da = std::clamp((hbb * ga - hab * gb) / det, -1.0, 1.0);
            const double db = std::clamp((haa * gb - hab * ga) / det, -1.0, 1.0);
            a -= da;
            b -= db;
            if (std::fabs(da) + std::fabs(db) < 1e-7) break;
        }
        m.claimCal[k] = {static_cast<float>(a), static_cast<float>(b)};
    }
}

// [SECTION] Reading an attribution

namespace {

bool isEdgePunct(const Tree& tr, uint32_t t) {
    const Token& tok = tr.doc.tokens[t];
    if (tok.kind != TokenKind::Punct) return false;
    const std::string_view s = tr.doc.slice(tok.span);
    return s != "(" && s != ")";
}

// Trims punctuation (not quotation marks) off both ends of [b, e]; false when nothing is left.
bool trim(const Tree& tr, uint32_t& b, uint32_t& e) {
    while (b <= e && isEdgePunct(tr, b)) ++b;
    while (e >= b && e > 0 && isEdgePunct(tr, e)) --e;
    if (b > e) return false;
    for (uint32_t t = b; t <= e; ++t)
        if (tr.doc.tokens[t].kind == TokenKind::Word || tr.doc.tokens[t].kind == TokenKind::Number) return true;
    return false;
}

} // namespace

// A verb whose own cue probability is above this, heading a clause after a
// comma inside a content, starts a claim of its own.
constexpr float kNestedCue = 0.5f;

bool read(const Tree& tr, const AttrModel& m, uint32_t h, const std::vector<uint8_t>& blocked, Reading& out) {
    uint32_t keys[kMaxFeatures];
    out = Reading();
    out.cue = h;
    out.pCue = m.prob(Cue, keys, cueFeatures(tr, h, keys));
    // source first: its words leave the content
    std::vector<std::pair<uint32_t, SourceWay>> cands;
    sourceCandidates(tr, h, cands);
    float best = m.cal[SourceHead].threshold;
    for (const auto& [x, way] : cands) {
        if (blocked[x]) continue;
        const float p = m.prob(SourceHead, keys, sourceHeadFeatures(tr, h, x, way, keys));
        if (p > best) {
            best = p;
            out.sourceHead = static_cast<int32_t>(x);
            out.sourceWay = way;
            out.pSource = p;
        }
    }
    if (out.sourceHead >= 0) {
        const uint32_t s = static_cast<uint32_t>(out.sourceHead);
        uint32_t b = s, e = s;
        tr.eachChild(s, [&](uint32_t c) {
            if (c == h || (tr.left[c] <= h && h <= tr.right[c])) return;  // never across the cue
            if (m.prob(SourceArm, keys, sourceArmFeatures(tr, s, c, keys)) > m.cal[SourceArm].threshold) {
                b = std::min(b, tr.left[c]);
                e = std::max(e, tr.right[c]);
            }
        });
        if (b <= h && h <= e) { if (s < h) e = h - 1; else b = h + 1; }  // keep the cue out
        if (trim(tr, b, e)) {
            out.sourceFirst = static_cast<int32_t>(b);
            out.sourceLast = static_cast<int32_t>(e);
            // what names the speaker: the head's name (to its last word), or a
            // name in apposition to a common noun
            // a name heads it: the last name in the run of words the head holds
            // together with (flat, compound, a possessor: "Al Jazeera's Resul Serdar")
            uint32_t core = s;
            if (tr.mention[s]) {
                for (uint32_t t = s + 1; t <= e; ++t) {
                    const int32_t ht = tr.head(t);
                    const Deprel r = universalDeprel(tr.rel(t));
                    const bool joined = ht >= static_cast<int32_t>(s) && ht < static_cast<int32_t>(t) &&
                                        (r == Deprel::Flat || r == Deprel::Compound || r == Deprel::Case);
                    if (!joined) break;
                    if (tr.mention[t]) core = t;
                }
            } else {
                // a title heading its name ("Sen. Paul Whitmore": flat) or a noun its apposition
                tr.eachChild(s, [&](uint32_t c) {
                    if ((tr.rel(c) == Deprel::Appos || (tr.rel(c) == Deprel::Flat && core == s)) && tr.mention[c] && c >= b && c <= e) {
                        core = c;
                        while (core + 1 <= e && tr.mention[core + 1] == tr.mention[c]) ++core;
                    }
                });
            }
            out.sourceCore = static_cast<int32_t>(core);
        } else {
            out.sourceHead = -1;
        }
    }
    auto inSource = [&](uint32_t t) {
        return out.sourceFirst >= 0 && static_cast<int32_t>(t) >= out.sourceFirst && static_cast<int32_t>(t) <= out.sourceLast;
    };
    // the cue's words
    out.cueFirst = out.cueLast = h;
    std::vector<uint8_t> armOf;  // per child: 1 cue arm
    tr.eachChild(h, [&](uint32_t c) {
        if (inSource(c) || static_cast<int32_t>(c) == out.sourceHead) return;
        if (m.prob(CueArm, keys, cueArmFeatures(tr, h, c, keys)) > m.cal[CueArm].threshold) {
            out.cueFirst = std::min(out.cueFirst, tr.left[c]);
            out.cueLast = std::max(out.cueLast, tr.right[c]);
        }
    });
    // the content: dependents of the cue, or the clause that governs it
    uint32_t cb = UINT32_MAX, ce = 0;
    tr.eachChild(h, [&](uint32_t c) {
        if (static_cast<int32_t>(c) == out.sourceHead || inSource(c)) return;
        if (tr.left[c] >= out.cueFirst && tr.right[c] <= out.cueLast) return;  // a cue arm
        if (tr.upos(c) == Upos::PUNCT) return;
        if (m.prob(Content, keys, contentFeatures(tr, h, c, keys)) > m.cal[Content].threshold) {
            cb = std::min(cb, tr.left[c]);
            ce = std::max(ce, tr.right[c]);
            if (!out.contentParts++) out.contentRel = tr.doc.tokens[c].deprel;
        }
    });
    if (cb == UINT32_MAX) {
        // "…, she said": the content is the clause the cue hangs in; for
        // "according to X", the clause X hangs in
        int32_t g = tr.head(h);
        uint32_t inner = h;
        if (g >= 0 && tr.words.lower(h) == "according") {
            inner = static_cast<uint32_t>(g);
            g = tr.head(inner);
        }
        if (g < 0) return false;
        if (m.prob(ContentUp, keys, contentUpFeatures(tr, h, keys)) <= m.cal[ContentUp].threshold) return false;
        const uint32_t G = static_cast<uint32_t>(g);
        // the governing clause minus the cue's part: the longer side of it
        const uint32_t lb = tr.left[G], le = tr.left[inner] > 0 ? tr.left[inner] - 1 : 0;
        const uint32_t rb = tr.right[inner] + 1, re = tr.right[G];
        const int64_t leftLen = tr.left[inner] > lb ? int64_t(le) - lb + 1 : 0;
        const int64_t rightLen = re >= rb ? int64_t(re) - rb + 1 : 0;
        if (leftLen <= 0 && rightLen <= 0) return false;
        if (leftLen >= rightLen) { cb = lb; ce = le; } else { cb = rb; ce = re; }
        out.governor = true;
        out.contentRel = tr.doc.tokens[h].deprel;
        out.contentParts = 1;
    }
    // keep the cue and the source out, and stop at words other claims hold
    if (cb <= out.cueLast && out.cueFirst <= ce) {
        if (out.cueFirst > cb) ce = out.cueFirst - 1;
        else cb = out.cueLast + 1;
    }
    if (out.sourceFirst >= 0 && static_cast<int32_t>(cb) <= out.sourceLast && out.sourceFirst <= static_cast<int32_t>(ce)) {
        if (static_cast<uint32_t>(out.sourceFirst) > cb) ce = static_cast<uint32_t>(out.sourceFirst) - 1;
        else cb = static_cast<uint32_t>(out.sourceLast) + 1;
    }
    if (cb > ce || ce >= tr.n()) return false;
    for (uint32_t t = cb; t <= ce; ++t)
        if (blocked[t]) {
            if (t == cb) { ++cb; continue; }
            ce = t - 1;
            break;
        }
    if (cb > ce || !trim(tr, cb, ce)) return false;
    // a clause of its own with another cue ends the content: "…, adding that…",
    // "…, and told reporters…"
    for (uint32_t t = cb + 2; t <= ce; ++t) {
        const Deprel r = universalDeprel(tr.rel(t));
        if ((r != Deprel::Advcl && r != Deprel::Conj && r != Deprel::Parataxis) || tr.upos(t) != Upos::VERB) continue;
        const uint32_t lt = tr.left[t];
        if (lt <= cb || lt > t) continue;
        const std::string_view before = tr.doc.slice(tr.doc.tokens[lt - 1].span);
        const bool comma = before == "," || before == ";" || (tr.doc.tokens[lt - 1].kind == TokenKind::QuoteClose && lt >= 2 &&
                                                              tr.doc.slice(tr.doc.tokens[lt - 2].span) == ",");
        if (!comma && tr.words.lower(lt) != "and") continue;
        if (m.prob(Cue, keys, cueFeatures(tr, t, keys)) <= kNestedCue) continue;
        ce = lt - 1;
        if (!trim(tr, cb, ce)) return false;
        break;
    }
    // a quotation mark opened or closed in the content is closed or opened in it too
    int open = 0;
    for (uint32_t t = cb; t <= ce; ++t) {
        const TokenKind k = tr.doc.tokens[t].kind;
        if (k == TokenKind::QuoteOpen) ++open;
        else if (k == TokenKind::QuoteClose) open = open > 0 ? open - 1 : open;
    }
    for (uint32_t t = ce + 1; open > 0 && t < tr.n() && t <= ce + 40 && !blocked[t]; ++t) {
        if (tr.doc.tokens[t].kind == TokenKind::QuoteClose) { ce = t; --open; }
        else if (tr.doc.tokens[t].sentence != tr.doc.tokens[ce].sentence) break;
    }
    // "commented on X", "pointed to X": the preposition right after the cue is the cue's
    if (cb == out.cueLast + 1 && cb < ce && tr.upos(cb) == Upos::ADP && tr.rel(cb) == Deprel::Case &&
        m.prob(CueArm, keys, cueArmFeatures(tr, h, cb, keys)) > m.cal[CueArm].threshold) {
        out.cueLast = cb;
        ++cb;
    }
    out.contentFirst = cb;
    out.contentLast = ce;
    return true;
}

// [SECTION] The verifier

namespace {
uint32_t stemHash(std::string_view lw) {
    std::string_view stem = lw;
    for (std::string_view suf : {std::string_view("ing"), std::string_view("ed"), std::string_view("es"), std::string_view("s")})
        if (stem.size() > suf.size() + 2 && stem.ends_with(suf)) { stem.remove_suffix(suf.size()); break; }
    return fnv1a(stem);
}
uint32_t bucket10(float p) { return static_cast<uint32_t>(std::clamp(p, 0.f, 0.999f) * 10.f); }
} // namespace

int verifyFeatures(const Tree& tr, const Reading& r, uint32_t* out) {
    int k = 0;
    const uint32_t h = r.cue, stem = stemHash(tr.words.lower(h));
    const uint32_t ctype = (r.governor ? 0x100u : 0u) | r.contentRel;
    const uint32_t src = r.sourceHead >= 0 ? (static_cast<uint32_t>(r.sourceWay) << 8 | speakerType(tr, r.sourceHead)) : 0xFFFFu;
    const uint32_t words = static_cast<uint32_t>(r.contentLast - r.contentFirst + 1);
    const uint32_t len = words <= 2 ? words : words <= 5 ? 3 : words <= 12 ? 4 : 5;
    const WordFacts& fa = tr.words.facts(h);
    const uint32_t lex = static_cast<uint32_t>(fa.cue.cls) << 8 | fa.cue.flags;
    bool quoted = false;
    for (uint32_t t = r.contentFirst; t <= r.contentLast && !quoted; ++t) quoted = tr.inQuote[t];
    out[k++] = f(100);
    out[k++] = f(101, stem);
    out[k++] = f(102, stem, ctype);
    out[k++] = f(103, ctype);
    out[k++] = f(104, src);
    out[k++] = f(105, stem, r.sourceHead >= 0);
    out[k++] = f(106, bucket10(r.pCue));
    out[k++] = f(107, bucket10(r.pSource), r.sourceHead >= 0);
    out[k++] = f(108, wordOf(tr, r.contentFirst), ctype);
    out[k++] = f(109, len, ctype);
    out[k++] = f(110, relOf(tr, h), uposOf(tr, h));
    out[k++] = f(111, lex, ctype);
    out[k++] = f(112, quoted, ctype);
    out[k++] = f(113, tr.cluster[1][h], ctype);
    out[k++] = f(114, r.contentParts, ctype);
    out[k++] = f(115, lex, src);
    out[k++] = f(116, bucket10(r.pCue), ctype);
    out[k++] = f(117, uposOf(tr, r.contentFirst), ctype);
    return k;
}

float verify(const Tree& tr, const AttrModel& m, const Reading& r) {
    uint32_t keys[kMaxFeatures];
    return m.prob(Verify, keys, verifyFeatures(tr, r, keys));
}

// [SECTION] Serialization

std::string serialize(const AttrModel& m) {
    ByteWriter w;
    w.u32(kMagic);
    w.u32(kFormatVersion);
    w.u32(m.bits);
    w.f32(m.scale);
    for (const auto& c : m.cal) {
        w.f32(c.a);
        w.f32(c.b);
        w.f32(c.threshold);
    }
    for (int16_t v : m.weights) w.u16(static_cast<uint16_t>(v));
    for (const auto& [a, b] : m.claimCal) {
        w.f32(a);
        w.f32(b);
    }
    w.u32(modelChecksum(w.out));
    return w.out;
}

Result<AttrModel> deserialize(std::string_view bytes) {
    if (bytes.size() < 20) return Error{"attribution model: truncated (" + std::to_string(bytes.size()) + " bytes)"};
    ByteReader r{bytes.substr(0, bytes.size() - 4)};
    if (r.u32("header") != kMagic) return Error{"attribution model: not a whosaid attribution model (wrong magic number)"};
    const uint32_t version = r.u32("header");
    if (version != kFormatVersion)
        return Error{"attribution model: format version " + std::to_string(version) + ", this build reads version " +
                     std::to_string(kFormatVersion)};
    AttrModel m;
    m.bits = r.u32("header");
    if (m.bits < 4 || m.bits > 24) return Error{"attribution model: table size 2^" + std::to_string(m.bits) + " out of range"};
    m.scale = r.f32("header");
    for (auto& c : m.cal) {
        c.a = r.f32("calibration");
        c.b = r.f32("calibration");
        c.threshold = r.f32("calibration");
    }
    const size_t n = size_t(1) << m.bits;
    if (bytes.size() - 4 - r.pos != n * 2 + kClaimKinds * 8)
        return Error{"attribution model: " + std::to_string(bytes.size()) + " bytes do not fit a table of " +
                     std::to_string(n) + " weights"};
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i) stored |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[bytes.size() - 4 + i])) << (8 * i);
    if (stored != modelChecksum(bytes.substr(0, bytes.size() - 4)))
        return Error{"attribution model: checksum mismatch (the data is corrupted)"};
    m.weights.resize(n);
    for (auto& v : m.weights) v = static_cast<int16_t>(r.u16("weights"));
    for (auto& c : m.claimCal) {
        c[0] = r.f32("claim calibration");
        c[1] = r.f32("claim calibration");
    }
    if (!r.error.empty()) return Error{"attribution " + r.error};
    return m;
}

// [SECTION] Training

namespace {

struct Example {
    uint32_t first, count;  // into the key pool
    uint8_t task;
    uint8_t label;
};

struct Pool {
    std::vector<uint32_t> keys;
    std::vector<Example> examples;
    void add(Task t, const uint32_t* k, int n, bool label) {
        examples.push_back({static_cast<uint32_t>(keys.size()), static_cast<uint32_t>(n), static_cast<uint8_t>(t),
                            static_cast<uint8_t>(label)});
        keys.insert(keys.end(), k, k + n);
    }
};

// Token index sets of a gold quote's parts.
struct GoldParts {
    std::vector<uint8_t> cue, content, source;  // per token
};

void markSpan(const Document& d, Span s, std::vector<uint8_t>& mark) {
    if (s.empty()) return;
    for (size_t t = 0; t < d.tokens.size(); ++t)
        if (d.tokens[t].span.overlaps(s)) mark[t] = 1;
}

// The head of a token set: the member whose head is not a member (the first such).
int32_t setHead(const Tree& tr, const std::vector<uint8_t>& in, uint32_t b, uint32_t e) {
    int32_t best = -1;
    for (uint32_t t = b; t <= e && t < tr.n(); ++t) {
        if (!in[t]) continue;
        const int32_t h = tr.head(t);
        if (h >= 0 && in[static_cast<uint32_t>(h)]) continue;
        if (best < 0 || (tr.upos(static_cast<uint32_t>(best)) == Upos::AUX && tr.upos(t) != Upos::AUX)) best = static_cast<int32_t>(t);
    }
    return best;
}

// The share of t's subtree's words (punctuation left out) that are marked.
float shareMarked(const Tree& tr, uint32_t c, const std::vector<uint8_t>& mark) {
    int in = 0, all = 0;
    for (uint32_t t = tr.left[c]; t <= tr.right[c]; ++t) {
        if (tr.upos(t) == Upos::PUNCT) continue;
        ++all;
        in += mark[t];
    }
    return all ? static_cast<float>(in) / static_cast<float>(all) : 0.f;
}

} // namespace

namespace {

struct TrainDoc {
    const Document* doc;
    std::unique_ptr<DocWords> words;
    std::unique_ptr<Tree> tree;
};

// Examples of the six questions a reading asks, from one document's gold attributions.
void addBaseExamples(const TrainDoc& td, Pool& pool, size_t& goldQuotes, size_t& cueHeads) {
    const Document& d = *td.doc;
    const Tree& tr = *td.tree;
    const uint32_t n = tr.n();
    uint32_t keys[kMaxFeatures];
    std::vector<std::pair<uint32_t, SourceWay>> cands;
    std::vector<uint8_t> isCueHead(n, 0);
    for (const Quote& q : d.quotes) {
        ++goldQuotes;
        GoldParts g{std::vector<uint8_t>(n, 0), std::vector<uint8_t>(n, 0), std::vector<uint8_t>(n, 0)};
        markSpan(d, q.cue, g.cue);
        for (Span s : q.content) markSpan(d, s, g.content);
        markSpan(d, q.source, g.source);
        uint32_t cb = n, ce = 0;
        for (uint32_t t = 0; t < n; ++t)
            if (g.cue[t]) { cb = std::min(cb, t); ce = std::max(ce, t); }
        if (cb == n) continue;
        const int32_t h = setHead(tr, g.cue, cb, ce);
        if (h < 0 || !cueCandidate(tr, static_cast<uint32_t>(h))) continue;
        const uint32_t H = static_cast<uint32_t>(h);
        isCueHead[H] = 1;
        ++cueHeads;
        // the cue's own words, and the dependents that carry the content
        bool contentChild = false;
        tr.eachChild(H, [&](uint32_t c) {
            if (c > H && tr.left[c] > H) {  // "commented on X": is the dependent's first word the cue's?
                const uint32_t first = tr.left[c];
                if (tr.upos(first) == Upos::ADP && tr.rel(first) == Deprel::Case && tr.head(first) == static_cast<int32_t>(c))
                    pool.add(CueArm, keys, cueArmFeatures(tr, H, first, keys), g.cue[first]);
            }
            pool.add(CueArm, keys, cueArmFeatures(tr, H, c, keys), g.cue[c] && shareMarked(tr, c, g.cue) >= 0.5f);
            if (g.cue[c] || g.source[c] || tr.upos(c) == Upos::PUNCT) return;
            const bool yes = shareMarked(tr, c, g.content) >= 0.5f;
            contentChild |= yes;
            pool.add(Content, keys, contentFeatures(tr, H, c, keys), yes);
        });
        // the governing clause, when no dependent carries the content
        // (for "according to X", the clause X hangs in, as read() takes it)
        uint32_t inner = H;
        int32_t gov = tr.head(H);
        if (gov >= 0 && tr.words.lower(H) == "according") {
            inner = static_cast<uint32_t>(gov);
            gov = tr.head(inner);
        }
        if (gov >= 0 && !contentChild) {
            const uint32_t G = static_cast<uint32_t>(gov);
            int in = 0, outside = 0;
            for (uint32_t t = tr.left[G]; t <= tr.right[G]; ++t) {
                if (t >= tr.left[inner] && t <= tr.right[inner]) continue;
                if (tr.upos(t) == Upos::PUNCT) continue;
                (g.content[t] ? in : outside) += 1;
            }
            pool.add(ContentUp, keys, contentUpFeatures(tr, H, keys), in > outside);
        }
        // the source: which candidate heads it, and which of its dependents it takes
        int32_t sb = -1, se = -1;
        for (uint32_t t = 0; t < n; ++t)
            if (g.source[t]) { if (sb < 0) sb = static_cast<int32_t>(t); se = static_cast<int32_t>(t); }
        const int32_t s = sb >= 0 ? setHead(tr, g.source, static_cast<uint32_t>(sb), static_cast<uint32_t>(se)) : -1;
        sourceCandidates(tr, H, cands);
        for (const auto& [x, way] : cands)
            pool.add(SourceHead, keys, sourceHeadFeatures(tr, H, x, way, keys), static_cast<int32_t>(x) == s);
        if (s >= 0) {
            const uint32_t S = static_cast<uint32_t>(s);
            tr.eachChild(S, [&](uint32_t c) {
                if (c == H) return;
                pool.add(SourceArm, keys, sourceArmFeatures(tr, S, c, keys), shareMarked(tr, c, g.source) >= 0.5f);
            });
        }
    }
    for (uint32_t t = 0; t < n; ++t)
        if (cueCandidate(tr, t)) pool.add(Cue, keys, cueFeatures(tr, t, keys), isCueHead[t]);
}

// The verifier's examples: every word of the document the model would read,
// labelled by whether its reading meets a gold attribution (the cue on the
// gold cue, the content overlapping the gold content).
void addVerifyExamples(const TrainDoc& td, const AttrModel& m, float readFrom, Pool& pool) {
    const Document& d = *td.doc;
    const Tree& tr = *td.tree;
    const uint32_t n = tr.n();
    uint32_t keys[kMaxFeatures];
    const std::vector<uint8_t> blocked(n, 0);
    for (uint32_t h = 0; h < n; ++h) {
        if (!cueCandidate(tr, h) || tr.inQuote[h]) continue;
        if (m.prob(Cue, keys, cueFeatures(tr, h, keys)) <= readFrom) continue;
        Reading r;
        if (!read(tr, m, h, blocked, r)) continue;
        const Span cue{d.tokens[h].span.begin, d.tokens[h].span.end};
        const Span content{d.tokens[r.contentFirst].span.begin, d.tokens[r.contentLast].span.end};
        bool yes = false;
        for (const Quote& q : d.quotes) {
            if (!q.cue.overlaps(cue)) continue;
            for (Span s : q.content) yes |= s.overlaps(content);
        }
        pool.add(Verify, keys, verifyFeatures(tr, r, keys), yes);
    }
}

void trainLR(const Pool& pool, std::vector<float>& w, int epochs, float rate0, float l2, std::mt19937& rng) {
    const uint32_t mask = static_cast<uint32_t>(w.size() - 1);
    std::vector<uint32_t> order(pool.examples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
    // Averaged SGD: from the second epoch on, the weights returned are the
    // mean of the weights after every step (kept lazily: u sums step × change,
    // mean = w − u / steps). The last steps of plain SGD move the weights by
    // chance, so that retraining on a slightly different reading of the data
    // moved the claims' precision and recall by a point each; the mean does not.
    std::vector<double> u;
    double steps = 1;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        deterministicShuffle(order, rng);
        const float rate = rate0 / (1.f + static_cast<float>(epoch));
        const bool averaging = epoch >= 1;
        if (averaging && u.empty()) u.assign(w.size(), 0.0);
        for (uint32_t i : order) {
            const Example& e = pool.examples[i];
            const uint32_t* k = &pool.keys[e.first];
            float s = 0.f;
            for (uint32_t j = 0; j < e.count; ++j) s += w[k[j] & mask];
            const float g = sigmoid(s) - static_cast<float>(e.label);
            for (uint32_t j = 0; j < e.count; ++j) {
                float& x = w[k[j] & mask];
                const float d = -rate * (g + l2 * x);
                x += d;
                if (averaging) u[k[j] & mask] += steps * d;
            }
            if (averaging) steps += 1;
        }
    }
    if (!u.empty())
        for (size_t j = 0; j < w.size(); ++j) w[j] = static_cast<float>(w[j] - u[j] / steps);
}

AttrModel quantize(const std::vector<float>& w, uint32_t bits, const std::array<float, kTasks>& thresholds) {
    AttrModel m;
    m.bits = bits;
    float top = 0.f;
    for (float x : w) top = std::max(top, std::fabs(x));
    m.scale = top > 0 ? top / 32767.f : 1.f;
    m.weights.resize(w.size());
    for (size_t i = 0; i < w.size(); ++i) m.weights[i] = static_cast<int16_t>(std::lround(w[i] / m.scale));
    for (int t = 0; t < kTasks; ++t) m.cal[t].threshold = thresholds[t];
    return m;
}

void merge(Pool& into, const Pool& from) {
    const uint32_t base = static_cast<uint32_t>(into.keys.size());
    into.keys.insert(into.keys.end(), from.keys.begin(), from.keys.end());
    for (Example e : from.examples) {
        e.first += base;
        into.examples.push_back(e);
    }
}

} // namespace

AttrModel trainAttribution(const std::vector<Document>& docs, const AttrTrainOptions& o, std::string* stats) {
    std::vector<TrainDoc> tds;
    tds.reserve(docs.size());
    for (const Document& d : docs) {
        if (d.tokens.empty()) continue;
        TrainDoc td;
        td.doc = &d;
        td.words = std::make_unique<DocWords>(d);
        td.tree = std::make_unique<Tree>(d, *td.words, o.syntax);
        tds.push_back(std::move(td));
    }
    const int folds = std::max(1, o.folds);
    std::vector<Pool> pools(folds);
    size_t goldQuotes = 0, cueHeads = 0;
    for (size_t i = 0; i < tds.size(); ++i) addBaseExamples(tds[i], pools[i % folds], goldQuotes, cueHeads);
    const uint32_t size = 1u << o.bits;
    // the verifier's readings, each fold read by weights trained on the others
    Pool verifyPool;
    if (folds > 1) {
        for (int f = 0; f < folds; ++f) {
            Pool train;
            for (int g = 0; g < folds; ++g)
                if (g != f) merge(train, pools[g]);
            std::vector<float> w(size, 0.f);
            std::mt19937 rng(o.seed + 1 + f);
            trainLR(train, w, o.epochs, o.rate, o.l2, rng);
            const AttrModel m = quantize(w, o.bits, o.thresholds);
            for (size_t i = f; i < tds.size(); i += folds) addVerifyExamples(tds[i], m, o.readFrom, verifyPool);
        }
    }
    Pool all;
    for (const Pool& p : pools) merge(all, p);
    std::vector<float> w(size, 0.f);
    std::mt19937 rng(o.seed);
    trainLR(all, w, o.epochs, o.rate, o.l2, rng);
    trainLR(verifyPool, w, o.epochs, o.rate, o.l2, rng);  // its keys are its own
    AttrModel m = quantize(w, o.bits, o.thresholds);
    if (stats) {
        static const char* kNames[kTasks] = {"cue", "cue arm", "content", "content up", "source head", "source arm", "verify"};
        std::array<size_t, kTasks> count{}, positives{};
        for (const Pool* p : {&all, &verifyPool})
            for (const Example& e : p->examples) {
                ++count[e.task];
                positives[e.task] += e.label;
            }
        *stats = std::to_string(goldQuotes) + " gold attributions, " + std::to_string(cueHeads) + " cue heads on candidates;";
        for (int t = 0; t < kTasks; ++t)
            *stats += std::string(" ") + kNames[t] + " " + std::to_string(positives[t]) + "/" + std::to_string(count[t]);
    }
    return m;
}

} // namespace whosaid::attr
