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

#include "ner.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

using namespace ner;

namespace {

struct Logger {
    const std::function<void(const std::string&)>& fn;
    std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
    template <class... A>
    void operator()(const char* fmt, A... a) const {
        if (!fn) return;
        char buf[512];
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        int k = std::snprintf(buf, sizeof buf, "[%6.1fs] ", s);
        std::snprintf(buf + k, sizeof buf - k, fmt, a...);
        fn(buf);
    }
};

// Deterministic shuffle (std::shuffle's algorithm differs between libraries).
template <class T>
void shuffle(std::vector<T>& v, std::mt19937& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

Document tokenized(std::string_view text) {
    Document d;
    d.text = sanitizeUtf8(text).text;
    tokenize(d);
    return d;
}

// [SECTION] Clusters

// Spherical k-means on rows of `x` (n × dim, unit length), weighted.
std::vector<int> kmeans(const std::vector<float>& x, const std::vector<float>& weight, size_t n, int dim, int k,
                        int iterations, std::mt19937& rng, std::vector<float>& centroids) {
    k = static_cast<int>(std::min<size_t>(k, n));
    centroids.assign(static_cast<size_t>(k) * dim, 0.f);
    // init: k distinct rows chosen at random
    std::vector<size_t> idx(n);
    for (size_t i = 0; i < n; ++i) idx[i] = i;
    shuffle(idx, rng);
    for (int c = 0; c < k; ++c)
        std::copy_n(&x[idx[c] * dim], dim, &centroids[static_cast<size_t>(c) * dim]);
    std::vector<int> assign(n, 0);
    for (int it = 0; it < iterations; ++it) {
        for (size_t i = 0; i < n; ++i) {
            const float* xi = &x[i * dim];
            float best = -1e30f;
            int arg = 0;
            for (int c = 0; c < k; ++c) {
                const float* cc = &centroids[static_cast<size_t>(c) * dim];
                float d = 0;
                for (int j = 0; j < dim; ++j) d += xi[j] * cc[j];
                if (d > best) { best = d; arg = c; }
            }
            assign[i] = arg;
        }
        std::vector<float> sum(static_cast<size_t>(k) * dim, 0.f);
        std::vector<float> cnt(k, 0.f);
        for (size_t i = 0; i < n; ++i) {
            float* s = &sum[static_cast<size_t>(assign[i]) * dim];
            for (int j = 0; j < dim; ++j) s[j] += weight[i] * x[i * dim + j];
            cnt[assign[i]] += weight[i];
        }
        for (int c = 0; c < k; ++c) {
            if (cnt[c] == 0) continue;  // empty: keep the old centroid
            float norm = 0;
            for (int j = 0; j < dim; ++j) norm += sum[static_cast<size_t>(c) * dim + j] * sum[static_cast<size_t>(c) * dim + j];
            norm = std::sqrt(norm) + 1e-12f;
            for (int j = 0; j < dim; ++j) centroids[static_cast<size_t>(c) * dim + j] = sum[static_cast<size_t>(c) * dim + j] / norm;
        }
    }
    return assign;
}

void learnClusters(const std::vector<std::string_view>& texts, const NerTrainOptions& o, NerModel& m,
                   const Logger& log) {
    std::unordered_map<std::string, int> wordId, lowerId;
    std::vector<std::string> words, lowers;
    std::vector<int> wordLower;  // word id → lower id
    std::vector<uint32_t> wordCount, lowerCount;
    std::vector<int> seq;  // word ids, -1 between sentences
    seq.reserve(1 << 22);
    for (std::string_view text : texts) {
        Document d = tokenized(text);
        for (const Sentence& s : d.sentences) {
            seq.push_back(-1);
            for (uint32_t i = s.firstToken; i < s.endToken; ++i) {
                const std::string_view tok = d.slice(d.tokens[i].span);
                std::string w = normalizeWord(tok);
                auto [it, fresh] = wordId.try_emplace(w, static_cast<int>(words.size()));
                if (fresh) {
                    std::string l = normalizeLower(tok);
                    auto [lt, lfresh] = lowerId.try_emplace(l, static_cast<int>(lowers.size()));
                    if (lfresh) { lowers.push_back(l); lowerCount.push_back(0); }
                    words.push_back(std::move(w));
                    wordCount.push_back(0);
                    wordLower.push_back(lt->second);
                }
                ++wordCount[it->second];
                ++lowerCount[wordLower[it->second]];
                seq.push_back(it->second);
            }
        }
    }
    seq.push_back(-1);
    log("clusters: %zu tokens, %zu word forms", seq.size(), words.size());

    // vocabulary (most frequent forms) and contexts (most frequent lower-cased forms)
    std::vector<int> vocab;
    for (size_t w = 0; w < words.size(); ++w)
        if (wordCount[w] >= static_cast<uint32_t>(o.clusterMinCount)) vocab.push_back(static_cast<int>(w));
    auto byCount = [](const std::vector<uint32_t>& cntRef, const std::vector<std::string>& nameRef) {
        const std::vector<uint32_t>* cnt = &cntRef;
        const std::vector<std::string>* name = &nameRef;
        return [cnt, name](int a, int b) { return (*cnt)[a] != (*cnt)[b] ? (*cnt)[a] > (*cnt)[b] : (*name)[a] < (*name)[b]; };
    };
    std::sort(vocab.begin(), vocab.end(), byCount(wordCount, words));
    if (vocab.size() > o.clusterMaxWords) vocab.resize(o.clusterMaxWords);
    std::vector<int> ctxOrder(lowers.size());
    for (size_t l = 0; l < lowers.size(); ++l) ctxOrder[l] = static_cast<int>(l);
    std::sort(ctxOrder.begin(), ctxOrder.end(), byCount(lowerCount, lowers));
    const int C = std::min<int>(o.contextWords, static_cast<int>(ctxOrder.size()));
    std::vector<int> ctxIndex(lowers.size(), C);  // C = "other" / boundary
    for (int c = 0; c < C; ++c) ctxIndex[ctxOrder[c]] = c;
    std::vector<int> vocabIndex(words.size(), -1);
    for (size_t v = 0; v < vocab.size(); ++v) vocabIndex[vocab[v]] = static_cast<int>(v);

    const size_t V = vocab.size();
    const int dims = 2 * (C + 1);
    std::vector<float> cnt(V * dims, 0.f);
    for (size_t i = 1; i + 1 < seq.size(); ++i) {
        if (seq[i] < 0) continue;
        const int v = vocabIndex[seq[i]];
        if (v < 0) continue;
        const int left = seq[i - 1] < 0 ? C : ctxIndex[wordLower[seq[i - 1]]];
        const int right = seq[i + 1] < 0 ? C : ctxIndex[wordLower[seq[i + 1]]];
        cnt[static_cast<size_t>(v) * dims + left] += 1;
        cnt[static_cast<size_t>(v) * dims + (C + 1) + right] += 1;
    }
    // PPMI, then a random ±1 projection to o.clusterDims, unit length
    std::vector<double> col(dims, 0.0), row(V, 0.0);
    double total = 0;
    for (size_t v = 0; v < V; ++v)
        for (int d = 0; d < dims; ++d) {
            col[d] += cnt[v * dims + d];
            row[v] += cnt[v * dims + d];
            total += cnt[v * dims + d];
        }
    std::mt19937 rng(o.seed);
    const int D = o.clusterDims;
    std::vector<float> proj(static_cast<size_t>(dims) * D);
    for (auto& p : proj) p = (rng() & 1) ? 1.f : -1.f;
    std::vector<float> x(V * D, 0.f), weight(V, 1.f);
    for (size_t v = 0; v < V; ++v) {
        float* xv = &x[v * D];
        for (int d = 0; d < dims; ++d) {
            const float c = cnt[v * dims + d];
            if (c <= 0) continue;
            const double pmi = std::log(c * total / (row[v] * col[d]));
            if (pmi <= 0) continue;
            const float* pd = &proj[static_cast<size_t>(d) * D];
            for (int j = 0; j < D; ++j) xv[j] += static_cast<float>(pmi) * pd[j];
        }
        float norm = 0;
        for (int j = 0; j < D; ++j) norm += xv[j] * xv[j];
        norm = std::sqrt(norm) + 1e-12f;
        for (int j = 0; j < D; ++j) xv[j] /= norm;
    }
    cnt.clear();
    cnt.shrink_to_fit();
    log("clusters: %zu words, %d contexts, projected to %d dims", V, C, D);

    std::vector<float> cent0, cent1, cent2;
    const std::vector<int> fine = kmeans(x, weight, V, D, o.clusters[0], o.kmeansIterations, rng, cent0);
    const size_t k0 = cent0.size() / D;
    std::vector<float> w0(k0, 0.f);
    for (size_t v = 0; v < V; ++v) w0[fine[v]] += 1;
    for (auto& w : w0) w = std::max(w, 1e-3f);
    const std::vector<int> mid = kmeans(cent0, w0, k0, D, o.clusters[1], o.kmeansIterations * 2, rng, cent1);
    const size_t k1 = cent1.size() / D;
    std::vector<float> w1(k1, 0.f);
    for (size_t c = 0; c < k0; ++c) w1[mid[c]] += w0[c];
    for (auto& w : w1) w = std::max(w, 1e-3f);
    const std::vector<int> coarse = kmeans(cent1, w1, k1, D, o.clusters[2], o.kmeansIterations * 2, rng, cent2);
    log("clusters: %zu / %zu / %zu", k0, k1, cent2.size() / D);

    m.clusterParent[0].assign(mid.begin(), mid.end());
    m.clusterParent[1].assign(coarse.begin(), coarse.end());
    std::vector<std::pair<uint32_t, uint32_t>> items;
    std::vector<int> bestVariant(lowers.size(), -1);
    for (size_t v = 0; v < V; ++v) {
        const WordHashes h = hashWord(words[vocab[v]]);
        items.push_back({foldKey(mix(kSeedClusterExact, h.word)), static_cast<uint32_t>(fine[v])});
        int& b = bestVariant[wordLower[vocab[v]]];
        if (b < 0) b = static_cast<int>(v);  // vocab is sorted by count: the first is the most frequent
    }
    for (size_t l = 0; l < lowers.size(); ++l) {
        if (bestVariant[l] < 0) continue;
        items.push_back({foldKey(mix(kSeedClusterLower, hashWord(lowers[l]).lower)),
                         static_cast<uint32_t>(fine[bestVariant[l]])});
    }
    m.clusters.build(items);
}

// [SECTION] Gazetteers

bool gazClass(const std::string& name, int& out) {
    static const char* kNames[kGazClasses] = {"country", "capital", "demonym", "region", "title",
                                               "org-suffix", "org", "first-name", "person-word", "calendar"};
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
    const Logger log{o.log};
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
        std::vector<std::string_view> texts;
        for (const std::string& t : o.unlabeled) texts.push_back(t);
        for (const NerTrainDoc& d : docs) texts.push_back(d.text);
        learnClusters(texts, o, m, log);
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

    const size_t F = kept.size();
    std::vector<float> W(F * kTags, 0.f), U(F * kTags, 0.f);
    std::vector<float> T((kTags + 1) * kTags, 0.f), TU((kTags + 1) * kTags, 0.f);
    double c = 1;
    std::mt19937 rng(o.seed);
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::vector<float> scores;
    std::vector<int32_t> ids;
    std::vector<uint32_t> idStart;
    std::vector<uint8_t> pred, sentPred;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        shuffle(order, rng);
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
        log("epoch %d: %zu candidate tokens, %.4f wrong", epoch + 1, seen, seen ? double(wrong) / seen : 0.0);
    }

    // average, prune, quantize
    const float inv = static_cast<float>(1.0 / c);
    std::vector<std::pair<float, uint32_t>> rows;  // (max |w|, feature)
    for (size_t f = 0; f < F; ++f) {
        float mx = 0;
        for (int t = 0; t < kTags; ++t) {
            const size_t k = f * kTags + t;
            W[k] -= U[k] * inv;
            mx = std::max(mx, std::fabs(W[k]));
        }
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
    for (size_t k = 0; k < T.size(); ++k) m.transitions[k] = T[k] - TU[k] * inv;
    m.info = o.info;
    log("model: %zu of %zu weight rows kept", rows.size(), F);
    return serialize(m);
}

} // namespace whosaid
