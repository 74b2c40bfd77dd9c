// Word clusters for the trainers: see clusters.hpp.
#include "clusters.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "train_util.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid {

using namespace ner;

namespace {

// Spherical k-means on rows of `x` (n × dim, unit length), weighted.
std::vector<int> kmeans(const std::vector<float>& x, const std::vector<float>& weight, size_t n, int dim, int k,
                        int iterations, std::mt19937& rng, std::vector<float>& centroids) {
    k = static_cast<int>(std::min<size_t>(k, n));
    centroids.assign(static_cast<size_t>(k) * dim, 0.f);
    // init: k distinct rows chosen at random
    std::vector<size_t> idx(n);
    for (size_t i = 0; i < n; ++i) idx[i] = i;
    deterministicShuffle(idx, rng);
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

} // namespace

void ClusterCorpus::addText(std::string_view text) {
    Document d;
    d.text = sanitizeUtf8(text).text;
    tokenize(d);
    std::vector<std::string_view> forms;
    for (const Sentence& s : d.sentences) {
        forms.clear();
        for (uint32_t i = s.firstToken; i < s.endToken; ++i) forms.push_back(d.slice(d.tokens[i].span));
        addSentence(forms);
    }
}

void ClusterCorpus::addSentence(const std::vector<std::string_view>& forms) {
    if (m_seq.empty()) m_seq.reserve(1 << 22);
    m_seq.push_back(-1);
    for (const std::string_view tok : forms) {
        std::string w = normalizeWord(tok);
        auto [it, fresh] = m_wordId.try_emplace(w, static_cast<int>(m_words.size()));
        if (fresh) {
            std::string l = normalizeLower(tok);
            auto [lt, lfresh] = m_lowerId.try_emplace(l, static_cast<int>(m_lowers.size()));
            if (lfresh) { m_lowers.push_back(l); m_lowerCount.push_back(0); }
            m_words.push_back(std::move(w));
            m_wordCount.push_back(0);
            m_wordLower.push_back(lt->second);
        }
        ++m_wordCount[it->second];
        ++m_lowerCount[m_wordLower[it->second]];
        m_seq.push_back(it->second);
    }
}

LearnedClusters ClusterCorpus::learn(const ClusterOptions& o, const std::function<void(const std::string&)>& logFn) const {
    auto log = [&](const char* fmt, auto... a) {
        if (!logFn) return;
        char buf[256];
        std::snprintf(buf, sizeof buf, fmt, a...);
        logFn(buf);
    };
    std::vector<int> seq = m_seq;
    seq.push_back(-1);
    const std::vector<std::string>& words = m_words;
    const std::vector<std::string>& lowers = m_lowers;
    const std::vector<int>& wordLower = m_wordLower;
    const std::vector<uint32_t>& wordCount = m_wordCount;
    const std::vector<uint32_t>& lowerCount = m_lowerCount;
    log("clusters: %zu tokens, %zu word forms", seq.size(), words.size());

    // vocabulary (most frequent forms) and contexts (most frequent lower-cased forms)
    std::vector<int> vocab;
    for (size_t w = 0; w < words.size(); ++w)
        if (wordCount[w] >= static_cast<uint32_t>(o.minCount)) vocab.push_back(static_cast<int>(w));
    auto byCount = [](const std::vector<uint32_t>& cntRef, const std::vector<std::string>& nameRef) {
        const std::vector<uint32_t>* cnt = &cntRef;
        const std::vector<std::string>* name = &nameRef;
        return [cnt, name](int a, int b) { return (*cnt)[a] != (*cnt)[b] ? (*cnt)[a] > (*cnt)[b] : (*name)[a] < (*name)[b]; };
    };
    std::sort(vocab.begin(), vocab.end(), byCount(wordCount, words));
    if (vocab.size() > o.maxWords) vocab.resize(o.maxWords);
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
    // PPMI, then a random ±1 projection to o.dims, unit length
    std::vector<double> col(dims, 0.0), row(V, 0.0);
    double total = 0;
    for (size_t v = 0; v < V; ++v)
        for (int d = 0; d < dims; ++d) {
            col[d] += cnt[v * dims + d];
            row[v] += cnt[v * dims + d];
            total += cnt[v * dims + d];
        }
    std::mt19937 rng(o.seed);
    const int D = o.dims;
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

    LearnedClusters out;
    out.parent[0].assign(mid.begin(), mid.end());
    out.parent[1].assign(coarse.begin(), coarse.end());
    std::vector<std::pair<uint32_t, uint32_t>>& items = out.words;
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
    return out;
}


} // namespace whosaid
