// whosaid train-ner: reads the corpora and word lists, calls trainNer() in core,
// writes the model. Deterministic for a given seed and inputs.
//
//   whosaid train-ner [--data DIR] [--out FILE] [--lexicon DIR] [--iso-codes DIR]
//                     [--wordnet DIR | --no-wordnet] [--epochs N] [--seed S] [--max-rows N] [--prune X] [--no-unlabeled] [--gum]
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "whosaid/ner_train.hpp"
#include "whosaid/text.hpp"

namespace whosaid::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kUsage =
    "usage: whosaid train-ner [--data DIR] [--out FILE] [--lexicon DIR] [--iso-codes DIR]\n"
    "                         [--wordnet DIR | --no-wordnet] [--epochs N] [--seed S] [--max-rows N] [--prune X] [--no-unlabeled] [--gum]\n"
    "  --data DIR       the shared data (default ../shared/data); reads conll2003/train.docs.jsonl,\n"
    "                   and for word clusters the texts of gum_news/train, polnear/train and ud/train\n"
    "  --out FILE       where to write the model (default assets/ner.bin)\n"
    "  --lexicon DIR    gazetteer word lists, one file per class (default assets/lexicon)\n"
    "  --iso-codes DIR  Debian iso-codes JSON for country and region names (default /usr/share/iso-codes/json)\n"
    "  --wordnet DIR    WordNet 3.0's data.noun, for its proper nouns as gazetteer classes\n"
    "                   (default /usr/share/wordnet, Debian's wordnet-base; --no-wordnet: none)\n";

// Calls f(json object) for each line of a JSONL file.
template <class F>
bool eachLine(const std::string& path, F&& f, std::string& err) {
    std::string all;
    if (!readFile(path, all, err)) return false;
    size_t pos = 0, lineNo = 0;
    while (pos < all.size()) {
        size_t nl = all.find('\n', pos);
        if (nl == std::string::npos) nl = all.size();
        ++lineNo;
        std::string_view line(all.data() + pos, nl - pos);
        pos = nl + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        json j = json::parse(line.begin(), line.end(), nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            err = path + ":" + std::to_string(lineNo) + ": not a JSON object";
            return false;
        }
        f(j);
    }
    return true;
}

// A document with code point `entities` [{start, end, label}] → byte spans.
bool toTrainDoc(const json& j, NerTrainDoc& d) {
    if (!j.contains("text") || !j["text"].is_string()) return false;
    d.text = j["text"].get<std::string>();
    const OffsetIndex idx(d.text);
    for (const json& e : j.value("entities", json::array())) {
        if (!e.contains("start") || !e.contains("end") || !e.contains("label")) continue;
        Mention m;
        if (!parseLabel(e["label"].get<std::string>(), m.label) || m.label == Label::GRP) continue;
        m.span = {idx.codepointToByte(e["start"].get<uint32_t>()), idx.codepointToByte(e["end"].get<uint32_t>())};
        d.names.push_back(m);
    }
    return true;
}

// GUM has nested mentions: keep the outermost of overlapping ones.
void keepOutermost(std::vector<Mention>& ms) {
    std::sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) {
        return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    std::vector<Mention> out;
    for (const Mention& m : ms)
        if (out.empty() || m.span.begin >= out.back().span.end) out.push_back(m);
    ms = std::move(out);
}

// The sentences of a treebank's training split ("# text = …"), one text per
// document, for the clusters.
void addTreebankText(const std::string& path, std::vector<std::string>& texts) {
    std::string conllu, err;
    if (!readFile(path, conllu, err)) return;
    std::string doc;
    forEachLine(conllu, [&](std::string_view line) {
        if (line.starts_with("# newdoc") && !doc.empty()) texts.push_back(std::move(doc)), doc.clear();
        if (line.starts_with("# text = ")) {
            doc.append(line.substr(9));
            doc.push_back('\n');
        }
    });
    if (!doc.empty()) texts.push_back(std::move(doc));
}

// WordNet's proper nouns (data.noun of Debian's wordnet-base): every
// capitalized word of an instance synset ("Einstein", "Danube", "Trimurti"),
// and of a group synset ("United Nations"), classed by the synset's
// lexicographer file: 18 people, 15 places, 17 natural objects (rivers,
// mountains), 14 groups; other instances are wn-other.
bool addWordNetNames(const std::string& dir, std::vector<GazetteerList>& lists, std::string& err) {
    std::string text;
    if (!readFile(dir + "/data.noun", text, err)) return false;
    GazetteerList person{"wn-person", {}}, place{"wn-place", {}}, org{"wn-org", {}}, other{"wn-other", {}};
    forEachLine(text, [&](std::string_view line) {
        if (line.empty() || line[0] == ' ') return;  // the licence header
        // offset lex_filenum ss_type w_cnt (hex) word lex_id ... p_cnt pointers | gloss
        std::vector<std::string_view> f;
        const std::string_view head = line.substr(0, line.find(" | "));
        for (size_t b = 0; b < head.size();) {
            size_t e = head.find(' ', b);
            if (e == std::string_view::npos) e = head.size();
            if (e > b) f.push_back(head.substr(b, e - b));
            b = e + 1;
        }
        if (f.size() < 4) return;
        const int lexFile = std::atoi(std::string(f[1]).c_str());
        const size_t words = std::strtoul(std::string(f[3]).c_str(), nullptr, 16);
        if (f.size() < 4 + 2 * words) return;
        const bool instance = head.find(" @i ") != std::string_view::npos;
        GazetteerList* to = lexFile == 18 ? &person : lexFile == 15 || lexFile == 17 ? &place : lexFile == 14 ? &org : &other;
        if (!instance && lexFile != 14) return;
        for (size_t w = 0; w < words; ++w) {
            std::string lemma(f[4 + 2 * w]);
            if (const size_t paren = lemma.find('('); paren != std::string::npos) lemma.resize(paren);  // "(a)" markers
            if (lemma.empty() || !(lemma[0] >= 'A' && lemma[0] <= 'Z')) continue;
            std::replace(lemma.begin(), lemma.end(), '_', ' ');
            to->entries.push_back(std::move(lemma));
        }
    });
    for (GazetteerList* g : {&person, &place, &org, &other}) lists.push_back(std::move(*g));
    return true;
}

void addIsoCodes(const std::string& dir, std::vector<GazetteerList>& lists, std::string& note) {
    std::string text, err;
    GazetteerList country{"country", {}}, region{"region", {}};
    if (readFile(dir + "/iso_3166-1.json", text, err)) {
        json j = json::parse(text, nullptr, false);
        if (!j.is_discarded())
            for (const json& c : j.value("3166-1", json::array()))
                for (const char* k : {"name", "common_name", "official_name"})
                    if (c.contains(k)) {
                        std::string n = c[k].get<std::string>();
                        const size_t comma = n.find(',');  // "Korea, Republic of" → "Korea"
                        if (comma != std::string::npos) n = n.substr(0, comma);
                        country.entries.push_back(n);
                    }
    } else {
        note += " (no iso-codes: " + err + ")";
    }
    text.clear();
    if (readFile(dir + "/iso_3166-2.json", text, err)) {
        json j = json::parse(text, nullptr, false);
        if (!j.is_discarded())
            for (const json& c : j.value("3166-2", json::array()))
                if (c.contains("name")) region.entries.push_back(c["name"].get<std::string>());
    }
    lists.push_back(std::move(country));
    lists.push_back(std::move(region));
}

bool readLexicon(const std::string& dir, std::vector<GazetteerList>& lists, std::string& err) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    if (ec) { err = dir + ": " + ec.message(); return false; }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
        std::string text;
        if (!readFile(p.string(), text, err)) return false;
        GazetteerList g{p.stem().string(), {}};
        forEachLine(text, [&](std::string_view l) {
            std::string line(l);
            if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
            while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
            if (!line.empty()) g.entries.push_back(line);
        });
        lists.push_back(std::move(g));
    }
    return true;
}

} // namespace

int trainNerMain(const std::vector<std::string>& args) {
    std::string data = "../shared/data", out = "assets/ner.bin", lexicon = "assets/lexicon",
                iso = "/usr/share/iso-codes/json", wordnet = "/usr/share/wordnet";
    NerTrainOptions o;
    bool unlabeled = true, gum = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        const std::string* v = nullptr;
        if (a == "--no-unlabeled") unlabeled = false;
        else if (a == "--no-wordnet") wordnet.clear();
        else if (a == "--gum") gum = true;
        else if (a == "-h" || a == "--help") { std::fputs(kUsage, stdout); return 0; }
        else if (!(v = next())) { sayf("whosaid: %s needs a value\n%s", a.c_str(), kUsage); return 1; }
        else if (a == "--data") data = *v;
        else if (a == "--out") out = *v;
        else if (a == "--lexicon") lexicon = *v;
        else if (a == "--iso-codes") iso = *v;
        else if (a == "--wordnet") wordnet = *v;
        else if (a == "--epochs") o.epochs = std::atoi(v->c_str());
        else if (a == "--seed") o.seed = static_cast<uint32_t>(std::strtoul(v->c_str(), nullptr, 10));
        else if (a == "--max-rows") o.maxRows = std::strtoul(v->c_str(), nullptr, 10);
        else if (a == "--prune") o.pruneBelow = std::strtof(v->c_str(), nullptr);
        else if (a == "--min-count") o.minFeatureCount = std::atoi(v->c_str());
        else if (a == "--runs") o.runs = std::atoi(v->c_str());
        else if (a == "--clusters") std::sscanf(v->c_str(), "%d,%d,%d", &o.clusters[0], &o.clusters[1], &o.clusters[2]);
        else if (a == "--cluster-min-count") o.clusterMinCount = std::atoi(v->c_str());
        else { sayf("whosaid: unknown option %s\n%s", a.c_str(), kUsage); return 1; }
    }
    std::string err;
    std::vector<NerTrainDoc> docs;
    bool badDoc = false;
    if (!eachLine(data + "/conll2003/train.docs.jsonl", [&](const json& j) {
            NerTrainDoc d;
            if (!toTrainDoc(j, d)) badDoc = true;
            else docs.push_back(std::move(d));
        }, err) || badDoc) {
        sayf("whosaid: %s\n", badDoc ? "a training document has no text" : err.c_str());
        return 1;
    }
    const size_t conllDocs = docs.size();
    if (gum || unlabeled) {
        const std::string path = data + "/gum_news/train.jsonl";
        eachLine(path, [&](const json& j) {
            if (!j.contains("text")) return;
            if (unlabeled) o.unlabeled.push_back(j["text"].get<std::string>());
            if (gum) {
                NerTrainDoc d;
                if (!toTrainDoc(j, d)) return;
                keepOutermost(d.names);
                docs.push_back(std::move(d));
            }
        }, err);
    }
    if (unlabeled)
        eachLine(data + "/polnear/train.jsonl", [&](const json& j) {
            if (j.contains("text") && j["text"].is_string()) o.unlabeled.push_back(j["text"].get<std::string>());
        }, err);
    if (unlabeled) addTreebankText(data + "/ud/train.conllu", o.unlabeled);
    std::string note;
    addIsoCodes(iso, o.gazetteers, note);
    if (!wordnet.empty()) {
        if (!addWordNetNames(wordnet, o.gazetteers, err)) {
            sayf("whosaid: %s\nwhosaid: train-ner reads WordNet's proper nouns from %s (Debian's wordnet-base: "
                 "source shell/deps.sh; whosaid_deps native installs it), or pass --no-wordnet\n",
                 err.c_str(), wordnet.c_str());
            return 1;
        }
        note += "; proper nouns from WordNet 3.0, Copyright 2006 by Princeton University, all rights reserved, "
                "provided as is without warranties of any kind (its licence: /usr/share/doc/wordnet-base/copyright)";
    }
    if (!readLexicon(lexicon, o.gazetteers, err)) {
        sayf("whosaid: %s\n", err.c_str());
        return 1;
    }
    o.info = "whosaid tagger: conll2003 train (" + std::to_string(conllDocs) + " docs)" +
             (gum ? " + gum_news train" : "") + ", " + std::to_string(o.unlabeled.size()) +
             " unlabeled texts for clusters, seed " + std::to_string(o.seed) + ", " + std::to_string(o.epochs) +
             " epochs" + note;
    o.log = [](const std::string& s) { sayf("%s\n", s.c_str()); };
    sayf("%s\n", o.info.c_str());
    Result<std::string> bytes = trainNer(docs, o);
    if (!bytes) {
        sayf("whosaid: %s\n", bytes.error().message.c_str());
        return 1;
    }
    FILE* f = std::fopen(out.c_str(), "wb");
    if (!f || std::fwrite(bytes->data(), 1, bytes->size(), f) != bytes->size()) {
        sayf("whosaid: %s: cannot be written (%s)\n", out.c_str(), std::strerror(errno));
        if (f) std::fclose(f);
        return 3;
    }
    if (std::fclose(f) != 0) {
        sayf("whosaid: %s: cannot be written (%s)\n", out.c_str(), std::strerror(errno));
        return 3;
    }
    sayf("wrote %s (%zu bytes)\n", out.c_str(), bytes->size());
    return 0;
}

} // namespace whosaid::cli
