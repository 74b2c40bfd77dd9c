// Scoring against gold, mirroring ../shared/tools/score.py line by line where
// it matters (set semantics, the fallback to CoNLL `entities`, rounding).
#include "whosaid/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

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
    return out;
}

} // namespace whosaid
