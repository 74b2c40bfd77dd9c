// The tagger's trainer: clusters, gazetteers, averaged structured perceptron,
// pruning and quantization. Single-threaded and seeded, so reruns give the same
// bytes. Only the trainer links this file; the run-time pipeline never does.
#include "whosaid/ner_train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "clusters.hpp"
#include "ner.hpp"
#include "train_util.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

using namespace ner;

namespace {

Document tokenized(std::string_view text) {
    Document d;
    d.text = sanitizeUtf8(text).text;
    tokenize(d);
    return d;
}

// [SECTION] Gazetteers

bool gazClass(const std::string& name, int& out) {
    static const char* kNames[kGazClasses] = {"country", "capital", "demonym", "region", "title",
                                               "org-suffix", "org", "first-name", "person-word", "calendar",
                                               "wn-person", "wn-place", "wn-org", "wn-other"};
    for (int i = 0; i < kGazClasses; ++i)
        if (name == kNames[i]) { out = i; return true; }
    return false;
}

// [SECTION] Perceptron

struct TrainItem {
    Document doc;
    DocFeatures df;
    std::vector<uint8_t> gold;
};

} // namespace

Result<std::string> trainNer(const std::vector<NerTrainDoc>& docs, const NerTrainOptions& o) {
    const TrainLogger log{o.log};
    NerModel m;

    // gazetteers
    std::unordered_map<uint32_t, uint32_t> gaz;
    for (const GazetteerList& g : o.gazetteers) {
        int cls;
        if (!gazClass(g.cls, cls)) return Error{"train-ner: unknown gazetteer class \"" + g.cls + "\""};
        for (const std::string& e : g.entries) {
            Document d = tokenized(e);
            if (d.tokens.empty() || d.tokens.size() > static_cast<size_t>(kGazMaxTokens)) continue;
            uint64_t k = kSeedGaz;
            for (size_t j = 0; j < d.tokens.size(); ++j) {
                if (j > 0) gaz[foldKey(k)] |= kGazContinues;  // the entry so far is a prefix
                k = mix(k, hashWord(d.slice(d.tokens[j].span)).lower);
            }
            gaz[foldKey(k)] |= 1u << cls;
        }
    }
    {
        std::vector<std::pair<uint32_t, uint32_t>> items(gaz.begin(), gaz.end());
        std::sort(items.begin(), items.end());
        m.gazetteer.build(items);
        m.gazPrefixes = true;
        log("gazetteer: %zu entries and prefixes", items.size());
    }

    // clusters
    {
        ClusterCorpus corpus;
        for (const std::string& t : o.unlabeled) corpus.addText(t);
        for (const NerTrainDoc& d : docs) corpus.addText(d.text);
        ClusterOptions co;
        co.minCount = o.clusterMinCount;
        co.maxWords = o.clusterMaxWords;
        co.contextWords = o.contextWords;
        co.dims = o.clusterDims;
        std::copy(std::begin(o.clusters), std::end(o.clusters), std::begin(co.clusters));
        co.kmeansIterations = o.kmeansIterations;
        co.seed = o.seed;
        LearnedClusters learned = corpus.learn(co, o.log);
        m.clusters.build(learned.words);
        m.clusterParent[0] = std::move(learned.parent[0]);
        m.clusterParent[1] = std::move(learned.parent[1]);
    }

    // training items: tokens, static features, gold BILOU tags
    std::vector<TrainItem> items(docs.size());
    size_t names = 0, misaligned = 0, unreachable = 0, tokens = 0;
    for (size_t di = 0; di < docs.size(); ++di) {
        TrainItem& it = items[di];
        it.doc = tokenized(docs[di].text);
        prepare(it.doc, m, it.df);
        const auto& tok = it.doc.tokens;
        it.gold.assign(tok.size(), 0);
        tokens += tok.size();
        for (const Mention& men : docs[di].names) {
            ++names;
            auto first = std::lower_bound(tok.begin(), tok.end(), men.span.begin,
                                          [](const Token& t, uint32_t b) { return t.span.begin < b; });
            size_t a = static_cast<size_t>(first - tok.begin()), b = a;
            if (a == tok.size() || tok[a].span.begin != men.span.begin) { ++misaligned; continue; }
            while (b < tok.size() && tok[b].span.end < men.span.end) ++b;
            if (b == tok.size() || tok[b].span.end != men.span.end || tok[a].sentence != tok[b].sentence) {
                ++misaligned;
                continue;
            }
            bool reachable = true;
            for (size_t i = a; i <= b; ++i) reachable &= it.df.info[i].candidate;
            if (!reachable) { ++unreachable; continue; }
            const int label = static_cast<int>(men.label);
            if (label >= kEntityLabels) continue;
            if (a == b) it.gold[a] = static_cast<uint8_t>(tagOf(PartU, label));
            else
                for (size_t i = a; i <= b; ++i)
                    it.gold[i] = static_cast<uint8_t>(tagOf(i == a ? PartB : i == b ? PartL : PartI, label));
        }
    }
    if (names == 0) return Error{"train-ner: the training documents have no names"};
    log("training: %zu docs, %zu tokens, %zu names (%zu not on token boundaries, %zu with a non-candidate token)",
        docs.size(), tokens, names, misaligned, unreachable);

    // feature counts (history from gold labels, so that history features exist)
    std::unordered_map<uint64_t, uint32_t> counts;
    counts.reserve(1 << 22);
    uint64_t feats[kMaxFeatures];
    for (TrainItem& it : items) {
        it.df.clearHistory();
        for (uint32_t si = 0; si < it.doc.sentences.size(); ++si) {
            const Sentence& s = it.doc.sentences[si];
            readHistory(it.doc, it.df, si);
            for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
                if (!it.df.info[i].candidate) continue;
                const int nf = features(it.doc, it.df, i, feats);
                for (int f = 0; f < nf; ++f) ++counts[feats[f]];
            }
            updateHistory(it.doc, it.df, si, &it.gold[s.firstToken]);
        }
    }
    std::vector<uint64_t> kept;
    for (const auto& [h, c] : counts)
        if (c >= static_cast<uint32_t>(o.minFeatureCount)) kept.push_back(h);
    std::sort(kept.begin(), kept.end());
    std::unordered_map<uint64_t, int32_t> id;
    id.reserve(kept.size() * 2);
    for (size_t i = 0; i < kept.size(); ++i) id[kept[i]] = static_cast<int32_t>(i);
    log("features: %zu seen, %zu kept (count >= %d)", counts.size(), kept.size(), o.minFeatureCount);
    counts = {};

    // Each run trains an averaged perceptron on its own order of the documents
    // (seeds seed, seed+1, …); the model is the mean of the runs' weights, so
    // its accuracy does not hang on one shuffle.
    const size_t F = kept.size();
    const int runs = std::max(1, o.runs);
    std::vector<float> meanW(F * kTags, 0.f), meanT((kTags + 1) * kTags, 0.f);
    std::vector<float> W, U, T, TU;
    std::vector<size_t> order(items.size());
    std::vector<float> scores;
    std::vector<int32_t> ids;
    std::vector<uint32_t> idStart;
    std::vector<uint8_t> pred, sentPred;
    for (int run = 0; run < runs; ++run) {
    W.assign(F * kTags, 0.f);
    U.assign(F * kTags, 0.f);
    T.assign((kTags + 1) * kTags, 0.f);
    TU.assign((kTags + 1) * kTags, 0.f);
    double c = 1;
    std::mt19937 rng(o.seed + static_cast<uint32_t>(run));
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        deterministicShuffle(order, rng);
        size_t seen = 0, wrong = 0;
        for (size_t di : order) {
            TrainItem& it = items[di];
            it.df.clearHistory();
            for (uint32_t si = 0; si < it.doc.sentences.size(); ++si) {
                const Sentence& s = it.doc.sentences[si];
                readHistory(it.doc, it.df, si);
                sentPred.assign(s.endToken - s.firstToken, 0);
                for (uint32_t a = s.firstToken; a < s.endToken;) {
                    if (!it.df.info[a].candidate) { ++a; continue; }
                    uint32_t b = a;
                    while (b < s.endToken && it.df.info[b].candidate) ++b;
                    const size_t len = b - a;
                    scores.assign(len * kTags, 0.f);
                    ids.clear();
                    idStart.clear();
                    for (uint32_t i = a; i < b; ++i) {
                        idStart.push_back(static_cast<uint32_t>(ids.size()));
                        float* sc = &scores[static_cast<size_t>(i - a) * kTags];
                        const int nf = features(it.doc, it.df, i, feats);
                        for (int f = 0; f < nf; ++f) {
                            auto found = id.find(feats[f]);
                            if (found == id.end()) continue;
                            ids.push_back(found->second);
                            const float* w = &W[static_cast<size_t>(found->second) * kTags];
                            for (int t = 0; t < kTags; ++t) sc[t] += w[t];
                        }
                    }
                    idStart.push_back(static_cast<uint32_t>(ids.size()));
                    pred.assign(len, 0);
                    const int startFrom = a == s.firstToken ? -1 : 0;
                    const bool followedByO = b < s.endToken;
                    viterbi(scores.data(), len, T.data(), startFrom, followedByO, pred.data());
                    const uint8_t* gold = &it.gold[a];
                    const float cc = static_cast<float>(c);
                    int prevG = startFrom, prevP = startFrom;
                    for (size_t k = 0; k < len; ++k) {
                        const int g = gold[k], p = pred[k];
                        seen++;
                        if (g != p) {
                            wrong++;
                            for (uint32_t q = idStart[k]; q < idStart[k + 1]; ++q) {
                                const size_t base = static_cast<size_t>(ids[q]) * kTags;
                                W[base + g] += 1; U[base + g] += cc;
                                W[base + p] -= 1; U[base + p] -= cc;
                            }
                        }
                        if (g != p || prevG != prevP) {
                            T[(prevG + 1) * kTags + g] += 1; TU[(prevG + 1) * kTags + g] += cc;
                            T[(prevP + 1) * kTags + p] -= 1; TU[(prevP + 1) * kTags + p] -= cc;
                        }
                        prevG = g;
                        prevP = p;
                    }
                    if (followedByO && prevG != prevP) {
                        T[(prevG + 1) * kTags] += 1; TU[(prevG + 1) * kTags] += cc;
                        T[(prevP + 1) * kTags] -= 1; TU[(prevP + 1) * kTags] -= cc;
                    }
                    std::copy(pred.begin(), pred.end(), sentPred.begin() + (a - s.firstToken));
                    a = b;
                }
                updateHistory(it.doc, it.df, si, sentPred.data());
                c += 1;
            }
        }
        log("run %d, epoch %d: %zu candidate tokens, %.4f wrong", run + 1, epoch + 1, seen, seen ? double(wrong) / seen : 0.0);
    }
    // this run's averaged weights, into the mean
    const float inv = static_cast<float>(1.0 / c), share = 1.f / static_cast<float>(runs);
    for (size_t k = 0; k < W.size(); ++k) meanW[k] += (W[k] - U[k] * inv) * share;
    for (size_t k = 0; k < T.size(); ++k) meanT[k] += (T[k] - TU[k] * inv) * share;
    }
    W = std::move(meanW);

    // prune, quantize
    std::vector<std::pair<float, uint32_t>> rows;  // (max |w|, feature)
    for (size_t f = 0; f < F; ++f) {
        float mx = 0;
        for (int t = 0; t < kTags; ++t) mx = std::max(mx, std::fabs(W[f * kTags + t]));
        if (mx > 0 && mx >= o.pruneBelow) rows.push_back({mx, static_cast<uint32_t>(f)});
    }
    std::sort(rows.begin(), rows.end(), [](auto& x, auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
    if (o.maxRows && rows.size() > o.maxRows) rows.resize(o.maxRows);
    std::sort(rows.begin(), rows.end(), [&](auto& x, auto& y) { return kept[x.second] < kept[y.second]; });
    std::vector<std::pair<uint32_t, uint32_t>> keyRow;
    std::unordered_map<uint32_t, bool> usedKeys;
    for (const auto& [mx, f] : rows) {
        if (!usedKeys.emplace(foldKey(kept[f]), true).second) continue;  // 32-bit key collision: first wins
        const uint32_t r = static_cast<uint32_t>(m.rows.size());
        NerModel::Row& row = m.rows.emplace_back();
        row.scale = mx / 127.f;
        for (int t = 0; t < kTags; ++t)
            row.w[t] = static_cast<int8_t>(std::lround(W[static_cast<size_t>(f) * kTags + t] / row.scale));
        keyRow.push_back({foldKey(kept[f]), r});
    }
    m.features.build(keyRow);
    for (size_t k = 0; k < meanT.size(); ++k) m.transitions[k] = meanT[k];
    m.info = o.info;
    log("model: %zu of %zu weight rows kept", rows.size(), F);
    return serialize(m);
}

} // namespace whosaid
