// The syntax trainer: clusters, the tagger, jackknifed tags, the parser with a
// dynamic oracle, pruning and quantization. See whosaid/syntax_train.hpp.
// Only the trainer links this file; the run-time pipeline never does.
#include "whosaid/syntax_train.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "clusters.hpp"
#include "syntax.hpp"
#include "train_util.hpp"

namespace whosaid {

using namespace syn;

namespace {

// [SECTION] Perceptron

// key → row, open addressing, grows; training only.
class KeyIndex {
public:
    KeyIndex() { m_slots.assign(1 << 16, Slot{}); }
    // The row of key, or UINT32_MAX.
    uint32_t find(uint32_t key) const {
        for (uint32_t s = key & mask();; s = (s + 1) & mask()) {
            const Slot& e = m_slots[s];
            if (e.key == key) return e.row;
            if (e.key == 0) return UINT32_MAX;
        }
    }
    // The row of key, made if new (rows are numbered in order of creation).
    uint32_t insert(uint32_t key) {
        for (uint32_t s = key & mask();; s = (s + 1) & mask()) {
            Slot& e = m_slots[s];
            if (e.key == key) return e.row;
            if (e.key == 0) {
                e = {key, m_size++};
                if (m_size * 2 > m_slots.size()) grow();
                return m_size - 1;
            }
        }
    }
    uint32_t size() const { return m_size; }
    template <class F>
    void each(F&& f) const {
        for (const Slot& e : m_slots)
            if (e.key) f(e.key, e.row);
    }

private:
    struct Slot {
        uint32_t key = 0, row = 0;
    };
    uint32_t mask() const { return static_cast<uint32_t>(m_slots.size() - 1); }
    void grow() {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        for (const Slot& e : old) {
            if (!e.key) continue;
            for (uint32_t s = e.key & mask();; s = (s + 1) & mask())
                if (m_slots[s].key == 0) { m_slots[s] = e; break; }
        }
    }
    std::vector<Slot> m_slots;
    uint32_t m_size = 0;
};

// How often each feature occurs; the keys seen at least k times.
class FeatureCounter {
public:
    void add(const uint32_t* keys, int n) {
        for (int i = 0; i < n; ++i) {
            const uint32_t r = m_index.insert(keys[i]);
            if (r >= m_count.size()) m_count.resize(r + 1, 0);
            ++m_count[r];
        }
    }
    KeyIndex atLeast(uint32_t k) const {
        std::vector<uint32_t> keys;
        m_index.each([&](uint32_t key, uint32_t r) {
            if (m_count[r] >= k) keys.push_back(key);
        });
        std::sort(keys.begin(), keys.end());
        KeyIndex out;
        for (uint32_t key : keys) out.insert(key);
        return out;
    }
    size_t size() const { return m_index.size(); }

private:
    KeyIndex m_index;
    std::vector<uint32_t> m_count;
};

// An averaged multiclass perceptron over K classes (Daumé's trick: the
// average is w - u / c, with u accumulating c * update).
template <int K>
class Perceptron {
public:
    void score(const uint32_t* keys, int n, float* out) const {
        std::fill(out, out + K, 0.f);
        for (int i = 0; i < n; ++i) {
            const uint32_t r = m_index.find(keys[i]);
            if (r == UINT32_MAX) continue;
            const float* w = &m_w[static_cast<size_t>(r) * K];
            for (int k = 0; k < K; ++k) out[k] += w[k];
        }
    }
    // Only keys in `allowed` get weights (null: every key).
    void restrict(const KeyIndex* allowed) { m_allowed = allowed; }
    void update(const uint32_t* keys, int n, int good, int bad) {
        for (int i = 0; i < n; ++i) {
            if (m_allowed && m_allowed->find(keys[i]) == UINT32_MAX) continue;
            const uint32_t r = m_index.insert(keys[i]);
            if (static_cast<size_t>(r) * K >= m_w.size()) {
                m_w.resize(static_cast<size_t>(r + 1) * K, 0.f);
                m_u.resize(static_cast<size_t>(r + 1) * K, 0.0);
            }
            const size_t base = static_cast<size_t>(r) * K;
            m_w[base + good] += 1.f;
            m_w[base + bad] -= 1.f;
            m_u[base + good] += m_c;
            m_u[base + bad] -= m_c;
        }
    }
    void tick() { ++m_c; }
    // The averaged weights, row by row: f(key, const float* w[K]).
    template <class F>
    void eachAveraged(F&& f) const {
        std::vector<std::pair<uint32_t, uint32_t>> keys;
        keys.reserve(m_index.size());
        m_index.each([&](uint32_t k, uint32_t r) { keys.push_back({k, r}); });
        std::sort(keys.begin(), keys.end());
        float avg[K];
        for (const auto& [k, r] : keys) {
            const size_t base = static_cast<size_t>(r) * K;
            for (int j = 0; j < K; ++j)
                avg[j] = static_cast<float>(m_w[base + j] - m_u[base + j] / m_c);
            f(k, avg);
        }
    }
    size_t rows() const { return m_index.size(); }
    // A perceptron whose averaged weights are the mean of `runs`' averaged
    // weights (one-shot parameter mixing of runs over other shuffles).
    static Perceptron mean(const std::vector<const Perceptron*>& runs) {
        Perceptron out;
        const float share = 1.f / static_cast<float>(runs.size());
        for (const Perceptron* p : runs)
            p->eachAveraged([&](uint32_t key, const float* w) {
                const uint32_t r = out.m_index.insert(key);
                if (static_cast<size_t>(r) * K >= out.m_w.size()) {
                    out.m_w.resize(static_cast<size_t>(r + 1) * K, 0.f);
                    out.m_u.resize(static_cast<size_t>(r + 1) * K, 0.0);
                }
                for (int k = 0; k < K; ++k) out.m_w[static_cast<size_t>(r) * K + k] += w[k] * share;
            });
        return out;
    }

private:
    KeyIndex m_index;
    const KeyIndex* m_allowed = nullptr;
    std::vector<float> m_w;
    std::vector<double> m_u;
    double m_c = 1;
};

// The largest |w| of the averaged weights.
template <int K>
float largestWeight(const Perceptron<K>& p) {
    float m = 0.f;
    p.eachAveraged([&](uint32_t, const float* w) {
        for (int k = 0; k < K; ++k) m = std::max(m, std::fabs(w[k]));
    });
    return m;
}

// Sparse int8 rows; entries below prune * largest (and those that round to 0) dropped.
template <int K>
SparseTable toSparse(const Perceptron<K>& p, int classes, float prune) {
    SparseTable t;
    const float top = largestWeight(p);
    if (top <= 0.f) return t;
    t.scale = top / 127.f;
    const float cut = std::max(prune * top, t.scale * 0.5f);
    std::vector<std::pair<uint32_t, uint32_t>> items;
    p.eachAveraged([&](uint32_t key, const float* w) {
        const uint32_t offset = static_cast<uint32_t>(t.entries.size());
        uint32_t count = 0;
        for (int k = 0; k < classes && k < K; ++k) {
            if (std::fabs(w[k]) < cut) continue;
            const long q = std::lround(w[k] / t.scale);
            if (q == 0) continue;
            t.entries.push_back(static_cast<uint16_t>(k | (static_cast<uint8_t>(static_cast<int8_t>(q)) << 8)));
            ++count;
        }
        if (count) items.push_back({key, offset << 8 | count});
    });
    t.build(items);
    return t;
}

MoveTable toMoveTable(const Perceptron<kMoves>& p, float prune) {
    MoveTable t;
    const float top = largestWeight(p);
    if (top <= 0.f) return t;
    t.scale = top / 127.f;
    const float cut = std::max(prune * top, t.scale * 0.5f);
    std::vector<MoveTable::Slot> items;
    p.eachAveraged([&](uint32_t key, const float* w) {
        MoveTable::Slot e;
        e.key = key;
        bool keep = false;
        for (int k = 0; k < kMoves; ++k) {
            if (std::fabs(w[k]) < cut) continue;
            e.w[k] = static_cast<int8_t>(std::lround(w[k] / t.scale));
            keep |= e.w[k] != 0;
        }
        if (keep) items.push_back(e);
    });
    buildMoveTable(t, items);
    return t;
}

// [SECTION] Data

struct TrainSentence {
    std::vector<WordAtoms> atoms;  // [0] the root's
    std::vector<uint8_t> goldTag;  // class per position
    std::vector<uint8_t> predTag;  // jackknifed
    std::vector<uint8_t> firstTag; // jackknifed first-pass tags, what the second pass reads
    std::vector<int32_t> goldHead; // projectivized; positions, 0 = root
    std::vector<uint8_t> goldLabel;
    SentenceInput input() const {
        SentenceInput s;
        s.words.resize(atoms.size());
        for (size_t i = 0; i < atoms.size(); ++i) s.words[i] = i == 0 ? &rootAtoms() : &atoms[i];
        return s;
    }
};

// Is the arc h → d projective in heads (every word between them descends from h)?
bool projectiveArc(const std::vector<int32_t>& heads, int32_t h, int32_t d) {
    const int32_t lo = std::min(h, d), hi = std::max(h, d);
    for (int32_t k = lo + 1; k < hi; ++k) {
        int32_t x = k;
        int guard = 0;
        while (x != h && x != 0 && guard++ < 1000) x = heads[x];
        if (x != h) return false;
    }
    return true;
}

// Lifts non-projective arcs to the head's head until the tree is projective
// (Nivre & Nilsson 2005, without encoding the lifts in the labels).
int projectivize(std::vector<int32_t>& heads) {
    int lifts = 0;
    for (int round = 0; round < 1000; ++round) {
        int32_t worst = -1, shortest = 1 << 30;
        for (int32_t d = 1; d < static_cast<int32_t>(heads.size()); ++d) {
            const int32_t h = heads[d];
            if (h <= 0) continue;
            if (projectiveArc(heads, h, d)) continue;
            const int32_t len = std::abs(h - d);
            if (len < shortest) { shortest = len; worst = d; }
        }
        if (worst < 0) break;
        heads[worst] = heads[heads[worst]];
        ++lifts;
    }
    return lifts;
}

// [SECTION] Tag classes

struct TagClasses {
    std::vector<std::pair<Upos, Xpos>> classes;
    uint8_t of(Upos u, Xpos x) const {
        int sameX = -1, sameU = -1;
        for (size_t c = 0; c < classes.size(); ++c) {
            if (classes[c].first == u && classes[c].second == x) return static_cast<uint8_t>(c);
            if (sameX < 0 && classes[c].second == x) sameX = static_cast<int>(c);
            if (sameU < 0 && classes[c].first == u) sameU = static_cast<int>(c);
        }
        return static_cast<uint8_t>(sameX >= 0 ? sameX : sameU >= 0 ? sameU : 0);
    }
};

TagClasses tagClasses(const std::vector<ConlluSentence>& train) {
    std::vector<std::pair<size_t, int>> count(kUposCount * kXposCount);
    for (size_t i = 0; i < count.size(); ++i) count[i] = {0, static_cast<int>(i)};
    for (const ConlluSentence& s : train)
        for (const ConlluWord& w : s.words)
            if (w.upos != Upos::None) ++count[static_cast<int>(w.upos) * kXposCount + static_cast<int>(w.xpos)].first;
    std::sort(count.begin(), count.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    TagClasses t;
    for (const auto& [n, id] : count) {
        if (n == 0 || t.classes.size() == static_cast<size_t>(kTagClasses)) break;
        t.classes.push_back({static_cast<Upos>(id / kXposCount), static_cast<Xpos>(id % kXposCount)});
    }
    return t;
}

// [SECTION] Tagger

// One epoch of the first pass, or of the second (which reads the jackknifed
// first-pass tags).
void trainTaggerEpoch(Perceptron<kTagClasses>& p, std::vector<TrainSentence>& data,
                      const std::vector<uint32_t>& order, int classes, bool second) {
    uint32_t keys[kMaxTagFeatures];
    float scores[kTagClasses];
    for (uint32_t si : order) {
        TrainSentence& ts = data[si];
        SentenceInput s = ts.input();
        s.tag.assign(ts.atoms.size(), kTagClasses);
        if (second) s.first = ts.firstTag;
        for (uint32_t i = 1; i <= s.n(); ++i) {
            int f = tagFeatures(s, i, keys);
            if (second) f += tagRightFeatures(s, i, keys + f);
            p.score(keys, f, scores);
            int best = 0;
            for (int t = 1; t < classes; ++t)
                if (scores[t] > scores[best]) best = t;
            const int gold = ts.goldTag[i];
            if (best != gold) p.update(keys, f, gold, best);
            p.tick();
            s.tag[i] = static_cast<uint8_t>(best);
        }
    }
}

// Tags `which` sentences of data with the runtime tagger of model m into predTag.
void tagWith(const SyntaxModel& m, std::vector<TrainSentence>& data, const std::vector<uint32_t>& which) {
    for (uint32_t si : which) {
        TrainSentence& ts = data[si];
        SentenceInput s = ts.input();
        s.tag.assign(ts.atoms.size(), kTagClasses);
        tagSentence(m, s);
        ts.predTag = s.tag;
    }
}

double tagAccuracy(const std::vector<TrainSentence>& data, const std::vector<uint32_t>& which) {
    size_t right = 0, all = 0;
    for (uint32_t si : which) {
        const TrainSentence& ts = data[si];
        for (size_t i = 1; i < ts.atoms.size(); ++i) {
            right += ts.predTag[i] == ts.goldTag[i];
            ++all;
        }
    }
    return all ? 100.0 * static_cast<double>(right) / static_cast<double>(all) : 0.0;
}

// [SECTION] Dynamic oracle

// Costs of the four moves in c against gold heads g (Goldberg & Nivre 2012):
// how many gold arcs still reachable each move makes unreachable.
void moveCosts(const Config& c, const std::vector<int32_t>& g, int* cost) {
    const int32_t s0 = c.s0();
    const int32_t b = static_cast<int32_t>(c.b);
    const int32_t n = static_cast<int32_t>(c.n);
    for (int m = 0; m < kMoves; ++m) cost[m] = 0;
    if (b > n) return;
    // b's gold head, and b's gold dependents still without a head, in the stack
    int bHeadInStack = 0, bDepsInStack = 0;
    for (int32_t k : c.stack) {
        if (g[b] == k) bHeadInStack = 1;
        if (k > 0 && g[k] == b && c.head[k] == kNone) ++bDepsInStack;
    }
    // Shift puts b above all of them: no arc between stack words is possible
    cost[Shift] = bHeadInStack + bDepsInStack;
    // RightArc s0 → b: b can no longer take a gold head elsewhere (stack or buffer)
    const bool headElsewhere = g[b] != s0 && (g[b] > b || bHeadInStack);
    cost[RightArc] = (headElsewhere ? 1 : 0) + bDepsInStack;
    // Reduce and LeftArc pop s0: its gold dependents in the buffer (b too) are lost,
    // and LeftArc also loses a gold head further in the buffer
    int s0DepsInBuffer = 0;
    if (s0 > 0)
        for (int32_t k = b; k <= n; ++k)
            if (g[k] == s0) ++s0DepsInBuffer;
    cost[Reduce] = s0DepsInBuffer;
    cost[LeftArc] = s0DepsInBuffer + (s0 > 0 && g[s0] > b ? 1 : 0);
}

// [SECTION] Parser

struct ParserTrainer {
    Perceptron<kMoves> moves;
    Perceptron<kLabelClasses> labels;
    std::mt19937 rng;
    size_t updates = 0, labelUpdates = 0, steps = 0;

    void trainSentence(const TrainSentence& ts, bool explore, float p) {
        SentenceInput s = ts.input();
        s.tag = ts.predTag;
        Config c;
        c.reset(s.n());
        uint32_t keys[kMaxMoveFeatures], lkeys[kMaxLabelFeatures];
        float scores[kMoves], lscores[kLabelClasses];
        int cost[kMoves];
        while (!c.bufferEmpty()) {
            const int f = moveFeatures(c, s, keys);
            moves.score(keys, f, scores);
            moveCosts(c, ts.goldHead, cost);
            int pred = -1, gold = -1, minCost = 1 << 30;
            for (int m = 0; m < kMoves; ++m)
                if (c.can(static_cast<Move>(m))) minCost = std::min(minCost, cost[m]);
            for (int m = 0; m < kMoves; ++m) {
                if (!c.can(static_cast<Move>(m))) continue;
                if (pred < 0 || scores[m] > scores[pred]) pred = m;
                if (cost[m] == minCost && (gold < 0 || scores[m] > scores[gold])) gold = m;
            }
            if (pred < 0) break;
            ++steps;
            if (cost[pred] > minCost) {
                moves.update(keys, f, gold, pred);
                ++updates;
            }
            moves.tick();
            const bool followModel = explore && (rng() % 1000) < static_cast<uint32_t>(p * 1000);
            const Move next = static_cast<Move>(followModel ? pred : gold);
            Deprel rel = Deprel::Dep;
            if (next == LeftArc || (next == RightArc && c.s0() != 0)) {
                const int32_t h = next == LeftArc ? static_cast<int32_t>(c.b) : c.s0();
                const int32_t d = next == LeftArc ? c.s0() : static_cast<int32_t>(c.b);
                const int lf = labelFeatures(c, s, h, d, lkeys);
                labels.score(lkeys, lf, lscores);
                int best = -1;
                for (int r = 1; r < kLabelClasses; ++r) {
                    if (r == static_cast<int>(Deprel::Root)) continue;
                    if (best < 0 || lscores[r] > lscores[best]) best = r;
                }
                rel = static_cast<Deprel>(best);
                if (ts.goldHead[d] == h) {
                    const int goldLabel = ts.goldLabel[d];
                    if (best != goldLabel) {
                        labels.update(lkeys, lf, goldLabel, best);
                        ++labelUpdates;
                    }
                    labels.tick();
                    if (!followModel) rel = static_cast<Deprel>(goldLabel);
                }
            }
            c.apply(next, rel);
        }
        if (!explore) {
            size_t wrong = 0;
            for (uint32_t i = 1; i <= c.n; ++i) wrong += c.head[i] != ts.goldHead[i] && !(c.head[i] == kNone);
            size_t unattached = 0;
            for (uint32_t i = 1; i <= c.n; ++i) unattached += c.head[i] == kNone;
            oracleWrong += wrong; oracleUnattached += unattached;
        }
    }
    size_t oracleWrong = 0, oracleUnattached = 0;
};

// Counts the features the gold path visits: the tagger's with gold tags as
// context, the parser's along the static oracle's moves.
void countTagFeatures(const std::vector<TrainSentence>& data, FeatureCounter& fc, bool second) {
    uint32_t keys[kMaxTagFeatures];
    for (const TrainSentence& ts : data) {
        SentenceInput s = ts.input();
        s.tag = ts.goldTag;
        s.first = ts.goldTag;
        for (uint32_t i = 1; i <= s.n(); ++i) {
            int f = tagFeatures(s, i, keys);
            if (second) f += tagRightFeatures(s, i, keys + f);
            fc.add(keys, f);
        }
    }
}

void countParseFeatures(const std::vector<TrainSentence>& data, FeatureCounter& moves, FeatureCounter& labels) {
    uint32_t keys[kMaxMoveFeatures], lkeys[kMaxLabelFeatures];
    int cost[kMoves];
    Config c;
    for (const TrainSentence& ts : data) {
        SentenceInput s = ts.input();
        s.tag = ts.predTag;
        c.reset(s.n());
        while (!c.bufferEmpty()) {
            moves.add(keys, moveFeatures(c, s, keys));
            moveCosts(c, ts.goldHead, cost);
            int next = -1;
            for (Move m : {LeftArc, RightArc, Reduce, Shift})
                if (c.can(m) && (next < 0 || cost[m] < cost[next])) next = m;
            if (next < 0) break;
            Deprel rel = Deprel::Dep;
            if (next == LeftArc || (next == RightArc && c.s0() != 0)) {
                const int32_t h = next == LeftArc ? static_cast<int32_t>(c.b) : c.s0();
                const int32_t d = next == LeftArc ? c.s0() : static_cast<int32_t>(c.b);
                labels.add(lkeys, labelFeatures(c, s, h, d, lkeys));
                rel = static_cast<Deprel>(ts.goldLabel[d]);
            }
            c.apply(static_cast<Move>(next), rel);
        }
    }
}

// [SECTION] Model

SyntaxModel assemble(const TagClasses& tc, const SparseTable& tagger, const SparseTable& tagger2,
                     const ParserTrainer* parser, const ClusterTable& clusters, const WordClassTable& wordClasses,
                     const SyntaxTrainOptions& o) {
    SyntaxModel m;
    m.classes = tc.classes;
    m.tagger = tagger;
    m.tagger2 = tagger2;
    if (parser) {
        m.moves = toMoveTable(parser->moves, o.movePrune);
        m.labels = toSparse(parser->labels, kLabelClasses, o.labelPrune);
    }
    m.clusters = clusters;
    m.wordClasses = wordClasses;
    m.info = o.info;
    return m;
}

SyntaxScore evaluate(const SyntaxModel& m, const std::vector<ConlluSentence>& dev) {
    Document doc = documentFromConllu(dev);
    parseDocument(doc, m);
    return scoreSyntax(doc, dev);
}

// UAS with the gold tags (a diagnostic: what the parser would do with perfect tags).
double goldTagUas(const SyntaxModel& m, const TagClasses& tc, const std::vector<ConlluSentence>& dev) {
    size_t right = 0, all = 0;
    Config c;
    for (const ConlluSentence& cs : dev) {
        std::vector<WordAtoms> atoms(cs.words.size() + 1);
        SentenceInput s;
        s.words.assign(cs.words.size() + 1, &rootAtoms());
        s.tag.assign(cs.words.size() + 1, kTagClasses);
        for (size_t k = 0; k < cs.words.size(); ++k) {
            atoms[k + 1] = wordAtoms(cs.words[k].form, m.clusters, &m.wordClasses);
            s.words[k + 1] = &atoms[k + 1];
            s.tag[k + 1] = tc.of(cs.words[k].upos, cs.words[k].xpos);
        }
        parseSentence(m, s, c);
        for (size_t k = 0; k < cs.words.size(); ++k) {
            right += c.head[k + 1] == cs.words[k].head + 1;
            ++all;
        }
    }
    return 100.0 * right / all;
}

} // namespace

Result<std::string> trainSyntax(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                                const SyntaxTrainOptions& o) {
    const TrainLogger log{o.log};
    const TagClasses tc = tagClasses(train);
    if (tc.classes.empty()) return Error{"train-syntax: the training treebank has no tagged words"};
    const int classes = static_cast<int>(tc.classes.size());
    log("tag classes: %d", classes);

    // clusters
    // WordNet's word classes, when given
    WordClassTable wordClasses;
    if (!o.wordnet.empty()) {
        const auto& f = o.wordnet;
        Result<WordClassTable> t = buildWordClasses({f.indexNoun, f.indexVerb, f.indexAdj, f.indexAdv, f.nounExc,
                                                     f.verbExc, f.adjExc, f.advExc});
        if (!t) return t.error();
        wordClasses = std::move(*t);
        log("WordNet word classes: %zu words and forms", wordClasses.lemmas.size());
    }
    ClusterTable clusters;
    {
        ClusterCorpus corpus;
        for (const std::string& t : o.unlabeled) corpus.addText(t);
        std::vector<std::string_view> forms;
        for (const ConlluSentence& s : train) {
            forms.clear();
            for (const ConlluWord& w : s.words) forms.push_back(w.form);
            corpus.addSentence(forms);
        }
        ClusterOptions co;
        co.maxWords = o.clusterWords;
        co.seed = o.seed;
        LearnedClusters learned = corpus.learn(co, o.log);
        clusters.words.build(learned.words);
        clusters.parent[0] = std::move(learned.parent[0]);
        clusters.parent[1] = std::move(learned.parent[1]);
        log("clusters: %zu words", learned.words.size());
    }

    // training sentences
    std::vector<TrainSentence> data(train.size());
    size_t words = 0;
    int lifted = 0;
    for (size_t si = 0; si < train.size(); ++si) {
        const ConlluSentence& s = train[si];
        TrainSentence& ts = data[si];
        const size_t n = s.words.size();
        ts.atoms.resize(n + 1);
        ts.goldTag.assign(n + 1, kTagClasses);
        ts.goldHead.assign(n + 1, 0);
        ts.goldLabel.assign(n + 1, 0);
        for (size_t k = 0; k < n; ++k) {
            const ConlluWord& w = s.words[k];
            ts.atoms[k + 1] = wordAtoms(w.form, clusters, &wordClasses);
            ts.goldTag[k + 1] = tc.of(w.upos, w.xpos);
            ts.goldHead[k + 1] = w.head + 1;
            ts.goldLabel[k + 1] = static_cast<uint8_t>(w.deprel == Deprel::None ? Deprel::Dep : w.deprel);
        }
        lifted += projectivize(ts.goldHead);
        words += n;
    }
    log("train: %zu sentences, %zu words, %d arcs lifted to make every tree projective", data.size(), words, lifted);

    std::mt19937 rng(o.seed);
    std::vector<uint32_t> all(data.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint32_t>(i);

    // The two tagger passes. Each trains on the whole treebank for as many
    // epochs as do best on dev (UPOS + XPOS); the parser then trains on tags
    // from taggers that did not see the sentence (jackknifing), and so does
    // the second pass, on the first pass's.
    const SparseTable none;
    const int folds = std::max(1, o.jackknifeFolds);
    auto foldOf = [&](int f, std::vector<uint32_t>& in, std::vector<uint32_t>& out) {
        for (uint32_t i : all) (folds > 1 && static_cast<int>(i % folds) == f ? out : in).push_back(i);
        if (folds == 1) out = in;
    };
    // Trains one pass on `which`; with `tune`, keeps the best epoch on dev and
    // says which in *chosen, else runs `epochs`.
    auto trainPass = [&](bool second, const SparseTable& firstPass, const KeyIndex& allowed,
                         const std::vector<uint32_t>& which, int epochs, std::mt19937& r, bool tune, int* chosen) {
        Perceptron<kTagClasses> p;
        p.restrict(&allowed);
        SparseTable kept;
        double best = -1;
        for (int e = 1; e <= epochs; ++e) {
            std::vector<uint32_t> order = which;
            deterministicShuffle(order, r);
            trainTaggerEpoch(p, data, order, classes, second);
            if (!tune) continue;
            SparseTable t = toSparse(p, classes, o.tagPrune);
            const SyntaxScore sc = evaluate(second ? assemble(tc, firstPass, t, nullptr, clusters, wordClasses, o)
                                                   : assemble(tc, t, none, nullptr, clusters, wordClasses, o), dev);
            const double acc = sc.rate(sc.upos) + sc.rate(sc.xpos);
            log("tagger %s pass, epoch %d: %zu rows, dev UPOS %.2f XPOS %.2f", second ? "second" : "first", e,
                p.rows(), sc.rate(sc.upos), sc.rate(sc.xpos));
            if (acc > best) {
                best = acc;
                kept = std::move(t);
                *chosen = e;
            }
        }
        return tune ? kept : toSparse(p, classes, o.tagPrune);
    };
    FeatureCounter tagCounts, tag2Counts;
    countTagFeatures(data, tagCounts, false);
    const KeyIndex tagAllowed = tagCounts.atLeast(o.tagMinCount);
    log("tagger features: %u of %zu seen at least %u times", tagAllowed.size(), tagCounts.size(), o.tagMinCount);
    int tagEpochs = 0, tag2Epochs = 0;
    const SparseTable tagger = trainPass(false, none, tagAllowed, all, o.tagEpochs, rng, true, &tagEpochs);
    log("tagger first pass: epoch %d kept, %zu entries", tagEpochs, tagger.entries.size());
    SparseTable tagger2;
    if (o.parseEpochs > 0 || o.secondPass) {
        // the first pass's jackknifed tags
        std::vector<SparseTable> firstOf(folds);
        for (int f = 0; f < folds; ++f) {
            std::vector<uint32_t> in, out;
            foldOf(f, in, out);
            std::mt19937 frng(o.seed + 1 + f);
            firstOf[f] = folds == 1 ? tagger : trainPass(false, none, tagAllowed, in, tagEpochs, frng, false, nullptr);
            tagWith(assemble(tc, firstOf[f], none, nullptr, clusters, wordClasses, o), data, out);
            log("jackknife fold %d/%d, first pass: held-out tag accuracy %.2f", f + 1, folds, tagAccuracy(data, out));
        }
        if (o.secondPass) {
            for (TrainSentence& ts : data) ts.firstTag = ts.predTag;
            countTagFeatures(data, tag2Counts, true);
            const KeyIndex tag2Allowed = tag2Counts.atLeast(o.tagMinCount);
            tagger2 = trainPass(true, tagger, tag2Allowed, all, o.tagEpochs, rng, true, &tag2Epochs);
            log("tagger second pass: epoch %d kept, %zu entries", tag2Epochs, tagger2.entries.size());
            if (o.parseEpochs > 0)
                for (int f = 0; f < folds; ++f) {
                    std::vector<uint32_t> in, out;
                    foldOf(f, in, out);
                    std::mt19937 frng(o.seed + 101 + f);
                    const SparseTable t2 =
                        folds == 1 ? tagger2 : trainPass(true, none, tag2Allowed, in, tag2Epochs, frng, false, nullptr);
                    tagWith(assemble(tc, firstOf[f], t2, nullptr, clusters, wordClasses, o), data, out);
                    log("jackknife fold %d/%d, both passes: held-out tag accuracy %.2f", f + 1, folds,
                        tagAccuracy(data, out));
                }
        }
    }
    // --parse-epochs 0: the tagger alone (a quick way to try tagger features)
    if (o.parseEpochs <= 0) return serialize(assemble(tc, tagger, tagger2, nullptr, clusters, wordClasses, o));

    // the parser: the epoch with the best dev LAS is kept
    std::string bestBytes;
    double best = -1;
    {
        FeatureCounter moveCounts, labelCounts;
        countParseFeatures(data, moveCounts, labelCounts);
        const KeyIndex moveAllowed = moveCounts.atLeast(o.moveMinCount), labelAllowed = labelCounts.atLeast(o.labelMinCount);
        log("parser features: %u of %zu moves', %u of %zu labels' seen often enough", moveAllowed.size(),
            moveCounts.size(), labelAllowed.size(), labelCounts.size());
        // o.parseRuns parsers, each on its own shuffles; the model is the mean
        // of their weights (run 0 draws from `rng`, so one run is the plain parser)
        const int runs = std::max(1, o.parseRuns);
        std::vector<ParserTrainer> pts(static_cast<size_t>(runs));
        std::vector<std::mt19937> shuffles;
        for (int r = 0; r < runs; ++r) {
            ParserTrainer& pt = pts[static_cast<size_t>(r)];
            pt.moves.restrict(&moveAllowed);
            pt.labels.restrict(&labelAllowed);
            pt.rng.seed(o.seed + 100 + 1000 * static_cast<uint32_t>(r));
            shuffles.emplace_back(o.seed + 7919 * static_cast<uint32_t>(r));
        }
        for (int e = 1; e <= o.parseEpochs; ++e) {
            for (int r = 0; r < runs; ++r) {
                ParserTrainer& pt = pts[static_cast<size_t>(r)];
                std::vector<uint32_t> order = all;
                deterministicShuffle(order, r == 0 ? rng : shuffles[static_cast<size_t>(r)]);
                pt.updates = pt.labelUpdates = pt.steps = 0;
                for (uint32_t si : order) pt.trainSentence(data[si], e > 1, o.explore);
            }
            ParserTrainer mixed;
            if (runs > 1) {
                std::vector<const Perceptron<kMoves>*> mv;
                std::vector<const Perceptron<kLabelClasses>*> lv;
                for (const ParserTrainer& pt : pts) { mv.push_back(&pt.moves); lv.push_back(&pt.labels); }
                mixed.moves = Perceptron<kMoves>::mean(mv);
                mixed.labels = Perceptron<kLabelClasses>::mean(lv);
            }
            const ParserTrainer& pt = pts[0];
            const SyntaxModel m = assemble(tc, tagger, tagger2, runs > 1 ? &mixed : &pt, clusters, wordClasses, o);
            const SyntaxScore sc = evaluate(m, dev);
            log("  (dev UAS with gold tags: %.2f)", goldTagUas(m, tc, dev));
            if (e == 1)  // the first epoch follows the oracle alone: it must rebuild every gold tree
                log("oracle check: %zu words off the gold tree", pt.oracleWrong + pt.oracleUnattached);
            log("parser epoch %d: %zu steps, %zu move and %zu label updates, %zu/%zu rows; dev UAS %.2f LAS %.2f",
                e, pt.steps, pt.updates, pt.labelUpdates, pt.moves.rows(), pt.labels.rows(), sc.rate(sc.uas),
                sc.rate(sc.las));
            if (sc.rate(sc.las) > best) {
                best = sc.rate(sc.las);
                bestBytes = serialize(m);
                log("  kept: %zu bytes (tagger %zu rows / %zu entries, moves %zu rows, labels %zu rows / %zu entries, "
                    "clusters %zu words)", bestBytes.size(), m.tagger.index.size(), m.tagger.entries.size(),
                    static_cast<size_t>(std::count_if(m.moves.slots.begin(), m.moves.slots.end(), [](auto& e) { return e.key != 0; })),
                    m.labels.index.size(), m.labels.entries.size(), m.clusters.words.size());
            }
        }
    }
    return bestBytes;
}

} // namespace whosaid
