// Scoring against gold, mirroring ../shared/tools/score.py line by line where
// it matters (set semantics, the fallback to CoNLL `entities`, rounding).
#include "whosaid/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "span_match.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

using json = nlohmann::json;

// [SECTION] Reading gold

namespace {

Result<GoldDoc> goldFromJson(const json& j, size_t index) {
    const std::string where = "gold document " + std::to_string(index + 1);
    if (!j.is_object()) return Error{where + ": not a JSON object"};
    auto t = j.find("text");
    if (t == j.end() || !t->is_string()) return Error{where + ": missing string field \"text\""};
    GoldDoc g;
    g.doc.text = t->get<std::string>();
    if (!isValidUtf8(g.doc.text)) return Error{where + ": \"text\" is not valid UTF-8"};
    auto id = j.find("id");
    if (id != j.end()) g.doc.id = id->is_string() ? id->get<std::string>() : id->dump();
    const OffsetIndex idx(g.doc.text);
    const uint32_t cps = idx.codepointCount();
    auto span = [&](const json& o, Span& out) {
        auto s = o.find("start"), e = o.find("end");
        if (s == o.end() || e == o.end() || !s->is_number_integer() || !e->is_number_integer()) return false;
        const int64_t a = s->get<int64_t>(), b = e->get<int64_t>();
        if (a < 0 || b < a || b > cps) return false;
        out = {idx.codepointToByte(static_cast<uint32_t>(a)), idx.codepointToByte(static_cast<uint32_t>(b))};
        return true;
    };
    // entity ids ("putin", "e1") to indices, in order of first appearance
    std::map<std::string, int32_t> entityIds;
    auto entityIndex = [&](const json& v) -> int32_t {
        if (!v.is_string()) return -1;
        auto [it, fresh] = entityIds.try_emplace(v.get<std::string>(), static_cast<int32_t>(g.doc.entities.size()));
        if (fresh) g.doc.entities.push_back({v.get<std::string>(), Label::MISC});
        return it->second;
    };
    auto readList = [&](const char* key, bool needKind, std::vector<Mention>& out) -> std::string {
        auto l = j.find(key);
        if (l == j.end() || !l->is_array()) return {};
        for (const json& m : *l) {
            if (!m.is_object() || !m.contains("start")) continue;  // whosaid/1 entities have no offsets
            Mention men;
            if (!span(m, men.span)) return where + ": a " + key + " item has bad start/end";
            auto lab = m.find("label");
            if (lab == m.end() || !lab->is_string() || !parseLabel(lab->get<std::string>(), men.label))
                continue;  // a label we do not score
            men.kind = MentionKind::Name;
            if (auto en = m.find("entity"); en != m.end()) men.entity = entityIndex(*en);
            if (needKind) {
                auto k = m.find("kind");
                if (k != m.end() && k->is_string() && !parseMentionKind(k->get<std::string>(), men.kind))
                    men.kind = MentionKind::Nominal;  // unknown kinds are not names
            }
            out.push_back(men);
        }
        return {};
    };
    if (std::string e = readList("mentions", true, g.doc.mentions); !e.empty()) return Error{e};
    if (std::string e = readList("entities", false, g.spanEntities); !e.empty()) return Error{e};
    // quotes: content spans (or start/end), kind, source, speaker
    if (auto qs = j.find("quotes"); qs != j.end() && qs->is_array()) {
        auto pairSpan = [&](const json& v, Span& out) {
            if (!v.is_array() || v.size() != 2 || !v[0].is_number_integer() || !v[1].is_number_integer()) return false;
            const int64_t a = v[0].get<int64_t>(), b = v[1].get<int64_t>();
            if (a < 0 || b < a || b > cps) return false;
            out = {idx.codepointToByte(static_cast<uint32_t>(a)), idx.codepointToByte(static_cast<uint32_t>(b))};
            return true;
        };
        for (const json& q : *qs) {
            if (!q.is_object()) continue;
            Quote quote;
            if (auto cs = q.find("content_spans"); cs != q.end() && cs->is_array() && !cs->empty()) {
                for (const json& v : *cs) {
                    Span sp;
                    if (!pairSpan(v, sp)) return Error{where + ": a quote has a bad content span"};
                    quote.content.push_back(sp);
                }
            } else {
                Span sp;
                if (!span(q, sp)) return Error{where + ": a quote has no content spans nor start/end"};
                quote.content.push_back(sp);
            }
            quote.span = {quote.content.front().begin, quote.content.back().end};
            if (auto k = q.find("kind"); k != q.end() && k->is_string()) parseQuoteKind(k->get<std::string>(), quote.kind);
            if (auto src = q.find("source"); src != q.end() && !src->is_null())
                if (!pairSpan(*src, quote.source)) return Error{where + ": a quote has a bad source span"};
            if (auto cue = q.find("cue"); cue != q.end() && !cue->is_null())
                if (!pairSpan(*cue, quote.cue)) return Error{where + ": a quote has a bad cue span"};
            if (auto sp = q.find("speaker"); sp != q.end() && sp->is_string()) quote.speaker = entityIndex(*sp);
            g.doc.quotes.push_back(std::move(quote));
        }
    }
    return g;
}

} // namespace

Result<std::vector<GoldDoc>> readGold(std::string_view text) {
    while (!text.empty() && isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    std::vector<json> docs;
    if (text.empty()) return std::vector<GoldDoc>{};
    json whole = json::parse(text.begin(), text.end(), nullptr, false);
    if (!whole.is_discarded()) {
        if (whole.is_array()) docs.assign(whole.begin(), whole.end());
        else docs.push_back(std::move(whole));
    } else {
        size_t lineNo = 0;
        while (!text.empty()) {
            const size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
            ++lineNo;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            json j = json::parse(line.begin(), line.end(), nullptr, false);
            if (j.is_discarded()) return Error{"gold line " + std::to_string(lineNo) + ": not valid JSON"};
            docs.push_back(std::move(j));
        }
    }
    std::vector<GoldDoc> out;
    out.reserve(docs.size());
    for (size_t i = 0; i < docs.size(); ++i) {
        Result<GoldDoc> g = goldFromJson(docs[i], i);
        if (!g) return g.error();
        out.push_back(std::move(*g));
    }
    return out;
}

// [SECTION] Entity scores

Prf makePrf(size_t tp, size_t pred, size_t gold) {
    Prf s{tp, pred, gold};
    const double p = pred ? double(tp) / pred : 0.0, r = gold ? double(tp) / gold : 0.0;
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    auto round4 = [](double x) { return std::nearbyint(x * 10000.0) / 10000.0; };  // Python round(): half to even
    s.p = round4(p);
    s.r = round4(r);
    s.f1 = round4(f);
    return s;
}

namespace {

using Key = std::tuple<uint32_t, uint32_t, int>;

std::set<Key> nameSet(const Document& d, const std::vector<Mention>* spanEntities, const std::vector<Label>& labels) {
    auto wanted = [&](Label l) { return std::find(labels.begin(), labels.end(), l) != labels.end(); };
    std::set<Key> out;
    for (const Mention& m : d.mentions)
        if (m.kind == MentionKind::Name && wanted(m.label)) out.insert({m.span.begin, m.span.end, int(m.label)});
    if (out.empty() && spanEntities)
        for (const Mention& m : *spanEntities)
            if (wanted(m.label)) out.insert({m.span.begin, m.span.end, int(m.label)});
    return out;
}

} // namespace

EntityScore scoreEntities(const std::vector<GoldDoc>& gold, const std::vector<Document>& pred,
                          const std::vector<Label>& labels) {
    EntityScore s;
    s.docs = gold.size();
    size_t tp = 0, np = 0, ng = 0;
    std::vector<std::array<size_t, 3>> per(labels.size(), {0, 0, 0});
    static const Document kEmpty;
    for (size_t i = 0; i < gold.size(); ++i) {
        const Document* p = i < pred.size() ? &pred[i] : nullptr;
        std::string err;
        if (!p) err = "missing prediction for " + gold[i].doc.id;
        else if (p->text != gold[i].doc.text) err = "text differs for " + gold[i].doc.id;
        if (!err.empty()) {
            if (s.errors.size() < 5) s.errors.push_back(err);
            ++s.nErrors;
            p = &kEmpty;
        }
        const std::set<Key> gs = nameSet(gold[i].doc, &gold[i].spanEntities, labels), ps = nameSet(*p, nullptr, labels);
        size_t both = 0;
        for (const Key& k : ps) both += gs.count(k);
        tp += both;
        np += ps.size();
        ng += gs.size();
        for (size_t l = 0; l < labels.size(); ++l) {
            const int lab = int(labels[l]);
            for (const Key& k : gs) if (std::get<2>(k) == lab) { ++per[l][2]; per[l][0] += ps.count(k); }
            for (const Key& k : ps) if (std::get<2>(k) == lab) ++per[l][1];
        }
    }
    s.overall = makePrf(tp, np, ng);
    for (size_t l = 0; l < labels.size(); ++l) s.perLabel.push_back({labels[l], makePrf(per[l][0], per[l][1], per[l][2])});
    return s;
}

// [SECTION] Quote scores

namespace {

// Code point spans of one quote's content after score.py's trim(); empty spans dropped.
using CpSpan = std::pair<uint32_t, uint32_t>;

std::vector<CpSpan> trimmedSpans(const std::u32string& cps, const OffsetIndex& idx, const Quote& q) {
    std::vector<CpSpan> out;
    for (Span sp : q.content) {
        uint32_t s = idx.byteToCodepoint(sp.begin), e = idx.byteToCodepoint(sp.end);
        while (s < e && isTrimmedChar(cps[s])) ++s;
        while (e > s && isTrimmedChar(cps[e - 1])) --e;
        if (s + 5 <= cps.size()) {
            bool that = true;
            const char32_t* w = U"that ";
            for (int k = 0; k < 5 && that; ++k) that = toLower(cps[s + k]) == w[k];
            if (that) s += 5;
        }
        if (e > s) out.push_back({s, e});
    }
    return out;
}

uint64_t overlapCp(const std::vector<CpSpan>& a, const std::vector<CpSpan>& b) {
    uint64_t o = 0;
    for (const CpSpan& x : a)
        for (const CpSpan& y : b) {
            const uint32_t lo = std::max(x.first, y.first), hi = std::min(x.second, y.second);
            if (hi > lo) o += hi - lo;
        }
    return o;
}

std::u32string decodeAll(std::string_view text) {
    std::u32string out;
    for (size_t i = 0; i < text.size();) {
        int len = 1;
        out.push_back(decodeAt(text, i, len));
        i += len;
    }
    return out;
}

} // namespace

QuoteScore scoreQuotes(const std::vector<GoldDoc>& gold, const std::vector<Document>& pred) {
    QuoteScore s;
    s.docs = gold.size();
    size_t strictTp = 0, lenTp = 0;
    static const Document kEmpty;
    for (size_t i = 0; i < gold.size(); ++i) {
        const Document& g = gold[i].doc;
        const Document* p = i < pred.size() ? &pred[i] : nullptr;
        std::string err;
        if (!p) err = "missing prediction for " + g.id;
        else if (p->text != g.text) err = "text differs for " + g.id;
        if (!err.empty()) {
            if (s.errors.size() < 5) s.errors.push_back(err);
            ++s.nErrors;
            p = &kEmpty;
        }
        const std::u32string cps = decodeAll(g.text);
        const OffsetIndex idx(g.text);
        std::vector<std::pair<const Quote*, std::vector<CpSpan>>> gq, pq;
        for (const Quote& q : g.quotes)
            if (auto t = trimmedSpans(cps, idx, q); !t.empty()) gq.push_back({&q, std::move(t)});
        for (const Quote& q : p->quotes)
            if (auto t = trimmedSpans(cps, idx, q); !t.empty()) pq.push_back({&q, std::move(t)});
        s.gold += gq.size();
        s.pred += pq.size();
        const auto pairs = pairByOverlap(gq.size(), pq.size(),
                                         [&](size_t a, size_t b) { return overlapCp(gq[a].second, pq[b].second); });
        for (const auto& [a, b] : pairs) {
            const Quote& gqq = *gq[a].first;
            const Quote& pqq = *pq[b].first;
            QuoteKindScore& k = s.byKind[static_cast<int>(gqq.kind)];
            ++lenTp;
            ++k.found;
            const auto& gs = gq[a].second;
            const auto& ps = pq[b].second;
            uint32_t gmin = UINT32_MAX, gmax = 0, pmin = UINT32_MAX, pmax = 0;  // hulls, as score.py
            for (auto [x, y] : gs) { gmin = std::min(gmin, x); gmax = std::max(gmax, y); }
            for (auto [x, y] : ps) { pmin = std::min(pmin, x); pmax = std::max(pmax, y); }
            strictTp += gmin == pmin && gmax == pmax;
            if (!gqq.source.empty()) {
                ++s.srcN;
                ++k.srcN;
                if (!pqq.source.empty() && gqq.source.overlaps(pqq.source)) { ++s.srcOk; ++k.srcOk; }
            }
            if (gqq.speaker >= 0) {
                bool hasMentions = false, ok = false;
                for (const Mention& gm : g.mentions) {
                    if (gm.entity != gqq.speaker) continue;
                    hasMentions = true;
                    if (pqq.speaker < 0) continue;
                    for (const Mention& pm : p->mentions)
                        if (pm.entity == pqq.speaker && pm.span.overlaps(gm.span)) ok = true;
                }
                if (hasMentions) {
                    ++s.spkN;
                    s.spkOk += ok;
                }
            }
        }
        for (const auto& [q, t] : gq) ++s.byKind[static_cast<int>(q->kind)].gold;
    }
    s.strict = makePrf(strictTp, s.pred, s.gold);
    s.lenient = makePrf(lenTp, s.pred, s.gold);
    return s;
}

// [SECTION] Reports

std::string toJson(const EvalReport& r) {
    json j = json::object();
    if (r.hasEntities) {
        const EntityScore& e = r.entities;
        j["docs"] = e.docs;
        j["P"] = e.overall.p;
        j["R"] = e.overall.r;
        j["F1"] = e.overall.f1;
        json per = json::object();
        for (const auto& [l, s] : e.perLabel) per[labelName(l)] = {{"P", s.p}, {"R", s.r}, {"F", s.f1}};
        j["per_label"] = per;
        j["errors"] = e.errors;
        j["n_errors"] = e.nErrors;
    }
    if (r.hasQuotes) {
        const QuoteScore& q = r.quotes;
        auto ratio = [](size_t a, size_t b) { return b ? json(std::nearbyint(double(a) / b * 10000.0) / 10000.0) : json(nullptr); };
        json o = {{"docs", q.docs}, {"gold", q.gold}, {"pred", q.pred},
                  {"strict", {{"P", q.strict.p}, {"R", q.strict.r}, {"F1", q.strict.f1}}},
                  {"lenient", {{"P", q.lenient.p}, {"R", q.lenient.r}, {"F1", q.lenient.f1}}},
                  {"source_acc", ratio(q.srcOk, q.srcN)},
                  {"speaker_acc", ratio(q.spkOk, q.spkN)}};
        json kinds = json::object();
        for (int k = 0; k < 3; ++k) {
            const QuoteKindScore& ks = q.byKind[k];
            kinds[quoteKindName(static_cast<QuoteKind>(k))] = {
                {"recall", ratio(ks.found, ks.gold)}, {"source_acc", ratio(ks.srcOk, ks.srcN)}, {"gold", ks.gold}};
        }
        o["by_kind"] = kinds;
        o["errors"] = q.errors;
        o["n_errors"] = q.nErrors;
        j["quotes"] = o;
    }
    return j.dump();
}

std::string toText(const EvalReport& r) {
    std::string out;
    char buf[160];
    if (r.hasEntities) {
        const EntityScore& e = r.entities;
        std::snprintf(buf, sizeof buf, "entities over %zu documents (exact span and label, name mentions)\n", e.docs);
        out += buf;
        std::snprintf(buf, sizeof buf, "  %-6s %7s %7s %7s %7s %7s %7s\n", "label", "P", "R", "F1", "tp", "pred", "gold");
        out += buf;
        auto line = [&](const char* name, const Prf& s) {
            std::snprintf(buf, sizeof buf, "  %-6s %7.4f %7.4f %7.4f %7zu %7zu %7zu\n", name, s.p, s.r, s.f1, s.tp, s.pred, s.gold);
            out += buf;
        };
        for (const auto& [l, s] : e.perLabel) line(labelName(l), s);
        line("all", e.overall);
        for (const std::string& err : e.errors) out += "  error: " + err + "\n";
    }
    if (r.hasQuotes) {
        const QuoteScore& q = r.quotes;
        auto pct = [](size_t a, size_t b) { return b ? double(a) / b : 0.0; };
        std::snprintf(buf, sizeof buf, "quotes over %zu documents: %zu gold, %zu predicted\n", q.docs, q.gold, q.pred);
        out += buf;
        std::snprintf(buf, sizeof buf, "  strict   P %.4f  R %.4f  F1 %.4f\n", q.strict.p, q.strict.r, q.strict.f1);
        out += buf;
        std::snprintf(buf, sizeof buf, "  lenient  P %.4f  R %.4f  F1 %.4f\n", q.lenient.p, q.lenient.r, q.lenient.f1);
        out += buf;
        std::snprintf(buf, sizeof buf, "  source   %.4f (%zu/%zu)   speaker %.4f (%zu/%zu)\n", pct(q.srcOk, q.srcN), q.srcOk,
                      q.srcN, pct(q.spkOk, q.spkN), q.spkOk, q.spkN);
        out += buf;
        for (int k = 0; k < 3; ++k) {
            const QuoteKindScore& ks = q.byKind[k];
            std::snprintf(buf, sizeof buf, "  %-8s recall %.4f (%zu/%zu)  source %.4f\n", quoteKindName(static_cast<QuoteKind>(k)),
                          pct(ks.found, ks.gold), ks.found, ks.gold, pct(ks.srcOk, ks.srcN));
            out += buf;
        }
        for (const std::string& err : q.errors) out += "  error: " + err + "\n";
    }
    return out;
}

} // namespace whosaid
