// whosaid train-syntax: trains the tagger and parser on ud/train.conllu,
// choosing epochs on ud/dev.conllu, and writes assets/syntax.bin.
// whosaid eval-syntax: tags and parses a treebank's own words and sentences
// and prints one JSON line of scores.
//
//   whosaid train-syntax [--data DIR] [--out FILE] [--seed S] [--tag-epochs N] [--parse-epochs N] [--no-unlabeled]
//   whosaid eval-syntax --gold FILE.conllu [--model FILE] [--pred-out FILE]
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/syntax.hpp"
#include "whosaid/syntax_train.hpp"

namespace whosaid::cli {

namespace {

constexpr const char* kTrainUsage =
    "usage: whosaid train-syntax [--data DIR] [--out FILE] [--seed S] [--tag-epochs N] [--parse-epochs N]\n"
    "                            [--parse-runs R] [--jackknife K] [--no-unlabeled] [--two-pass]\n"
    "                            [--wordnet DIR | --no-wordnet]\n"
    "  --data DIR     the treebanks (default ../shared/data/ud): trains on DIR/train.conllu, picks the\n"
    "                 epochs on DIR/dev.conllu; the word clusters also read the train splits of\n"
    "                 DIR/../{polnear,conll2003,gum_news} when they are there (--no-unlabeled: not)\n"
    "  --out FILE     where to write the model (default assets/syntax.bin)\n"
    "  --wordnet DIR  WordNet's database (default /usr/share/wordnet, Debian's wordnet-base): the parts\n"
    "                 of speech it gives each word, a tagger feature stored in the model (--no-wordnet: none)\n"
    "  --parse-epochs 0  the tagger alone, no parser (to try tagger features quickly)\n"
    "  --parse-runs R the parser is the mean of R parsers trained on other shuffles (default 1; 3 gains\n"
    "                 0.3 UAS on ud/dev for 0.16 MB: see the README)\n"
    "  --two-pass     tag twice, the second pass reading the first's tags of the next words (more\n"
    "                 accurate, slower and larger: see the README's Syntax section)\n";

constexpr const char* kEvalUsage =
    "usage: whosaid eval-syntax --gold FILE.conllu [--model FILE] [--pred-out FILE]\n"
    "  tags and parses the file's own words and sentences; prints {\"sentences\",\"words\",\"upos\",\n"
    "  \"xpos\",\"uas\",\"las\",\"las_universal\",\"seconds\",\"words_per_s\"} (percentages over all words,\n"
    "  punctuation included; las_universal compares relations without subtypes, as CoNLL 2018 did)\n";

bool readConllu(const std::string& path, std::vector<ConlluSentence>& out, std::string& err) {
    std::string text;
    if (!readFile(path, text, err)) return false;
    Result<std::vector<ConlluSentence>> s = parseConllu(text);
    if (!s) {
        err = path + ": " + s.error().message;
        return false;
    }
    out = std::move(*s);
    return true;
}

// Appends the "text" of every line of a JSONL file.
void readTexts(const std::string& path, std::vector<std::string>& out) {
    std::string all, err;
    if (!readFile(path, all, err)) return;
    for (size_t pos = 0; pos < all.size();) {
        size_t end = all.find('\n', pos);
        if (end == std::string::npos) end = all.size();
        nlohmann::json j = nlohmann::json::parse(all.begin() + static_cast<std::ptrdiff_t>(pos),
                                                 all.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
        pos = end + 1;
        if (j.is_object() && j.contains("text") && j["text"].is_string()) out.push_back(j["text"].get<std::string>());
    }
}

bool writeFile(const std::string& path, const std::string& bytes) {
    FILE* f = std::fopen(path.c_str(), "wb");
    bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    if (f && std::fclose(f) != 0) ok = false;
    if (!ok) sayf("whosaid: %s: cannot be written (%s)\n", path.c_str(), std::strerror(errno));
    return ok;
}

} // namespace

int trainSyntaxMain(const std::vector<std::string>& args) {
    std::string data = "../shared/data/ud", out = "assets/syntax.bin", wordnet = "/usr/share/wordnet";
    SyntaxTrainOptions o;
    bool unlabeled = true;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool more = i + 1 < args.size();
        if (a == "--data" && more) data = args[++i];
        else if (a == "--out" && more) out = args[++i];
        else if (a == "--seed" && more) o.seed = static_cast<uint32_t>(std::strtoul(args[++i].c_str(), nullptr, 10));
        else if (a == "--tag-epochs" && more) o.tagEpochs = std::atoi(args[++i].c_str());
        else if (a == "--parse-epochs" && more) o.parseEpochs = std::atoi(args[++i].c_str());
        else if (a == "--parse-runs" && more) o.parseRuns = std::atoi(args[++i].c_str());
        else if (a == "--jackknife" && more) o.jackknifeFolds = std::atoi(args[++i].c_str());
        else if (a == "--no-unlabeled") unlabeled = false;
        else if (a == "--two-pass") o.secondPass = true;
        else if (a == "--wordnet" && more) wordnet = args[++i];
        else if (a == "--no-wordnet") wordnet.clear();
        else if (a == "--prune" && more) o.tagPrune = o.movePrune = o.labelPrune = std::strtof(args[++i].c_str(), nullptr);
        else if (a == "--min-count" && more) o.tagMinCount = o.moveMinCount = o.labelMinCount = static_cast<uint32_t>(std::atoi(args[++i].c_str()));
        else if (a == "--tag-min-count" && more) o.tagMinCount = static_cast<uint32_t>(std::atoi(args[++i].c_str()));
        else if (a == "--move-min-count" && more) o.moveMinCount = static_cast<uint32_t>(std::atoi(args[++i].c_str()));
        else if (a == "--label-min-count" && more) o.labelMinCount = static_cast<uint32_t>(std::atoi(args[++i].c_str()));
        else if (a == "-h" || a == "--help") { std::fputs(kTrainUsage, stdout); return 0; }
        else { sayf("whosaid: train-syntax: bad argument %s\n%s", a.c_str(), kTrainUsage); return 1; }
    }
    std::vector<ConlluSentence> train, dev;
    std::string err;
    if (!readConllu(data + "/train.conllu", train, err) || !readConllu(data + "/dev.conllu", dev, err)) {
        sayf("whosaid: %s\n", err.c_str());
        return 1;
    }
    if (!wordnet.empty()) {
        auto& wn = o.wordnet;
        for (auto [file, text] : {std::pair{"index.noun", &wn.indexNoun}, std::pair{"index.verb", &wn.indexVerb},
                                  std::pair{"index.adj", &wn.indexAdj}, std::pair{"index.adv", &wn.indexAdv},
                                  std::pair{"noun.exc", &wn.nounExc}, std::pair{"verb.exc", &wn.verbExc},
                                  std::pair{"adj.exc", &wn.adjExc}, std::pair{"adv.exc", &wn.advExc}}) {
            if (!readFile(wordnet + "/" + file, *text, err)) {
                sayf("whosaid: %s\nwhosaid: train-syntax reads WordNet from %s (Debian's wordnet-base: "
                     "source shell/deps.sh; whosaid_deps native installs it), or pass --no-wordnet\n",
                     err.c_str(), wordnet.c_str());
                return 1;
            }
        }
    }
    if (unlabeled) {
        const std::string up = data + "/..";
        readTexts(up + "/polnear/train.jsonl", o.unlabeled);
        readTexts(up + "/conll2003/train.docs.jsonl", o.unlabeled);
        readTexts(up + "/gum_news/train.jsonl", o.unlabeled);
    }
    o.info = "whosaid syntax: ud train (" + std::to_string(train.size()) + " sentences), epochs chosen on ud dev, " +
             std::to_string(o.unlabeled.size()) + " unlabeled texts for clusters, seed " + std::to_string(o.seed);
    if (!wordnet.empty())
        o.info += "; word classes from WordNet 3.0, Copyright 2006 by Princeton University, all rights reserved, "
                  "provided as is without warranties of any kind (its licence: /usr/share/doc/wordnet-base/copyright)";
    o.log = [](const std::string& s) { sayf("%s\n", s.c_str()); };
    sayf("%s\n", o.info.c_str());
    Result<std::string> bytes = trainSyntax(train, dev, o);
    if (!bytes) {
        sayf("whosaid: %s\n", bytes.error().message.c_str());
        return 1;
    }
    if (!writeFile(out, *bytes)) return 1;
    sayf("wrote %s (%zu bytes)\n", out.c_str(), bytes->size());
    return 0;
}

int evalSyntaxMain(const std::vector<std::string>& args) {
    std::string gold, modelPath, predOut;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool more = i + 1 < args.size();
        if (a == "--gold" && more) gold = args[++i];
        else if (a == "--model" && more) modelPath = args[++i];
        else if (a == "--pred-out" && more) predOut = args[++i];
        else if (a == "-h" || a == "--help") { std::fputs(kEvalUsage, stdout); return 0; }
        else { sayf("whosaid: eval-syntax: bad argument %s\n%s", a.c_str(), kEvalUsage); return 1; }
    }
    if (gold.empty()) {
        sayf("whosaid: eval-syntax needs --gold FILE.conllu\n%s", kEvalUsage);
        return 1;
    }
    std::vector<ConlluSentence> sentences;
    std::string err;
    if (!readConllu(gold, sentences, err)) {
        sayf("whosaid: %s\n", err.c_str());
        return 1;
    }
    const Model* model = &Model::builtin();
    Result<Model> loaded = Error{""};
    if (!modelPath.empty()) {
        std::string bytes;
        if (!readFile(modelPath, bytes, err)) {
            sayf("whosaid: %s\n", err.c_str());
            return 1;
        }
        loaded = Model::builtin().withSyntax(bytes);
        if (!loaded) {
            sayf("whosaid: %s: %s\n", modelPath.c_str(), loaded.error().message.c_str());
            return 1;
        }
        model = &*loaded;
    }
    Document doc = documentFromConllu(sentences);
    const auto t0 = std::chrono::steady_clock::now();
    parseSyntax(doc, *model);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const SyntaxScore s = scoreSyntax(doc, sentences);
    if (!predOut.empty() && !writeFile(predOut, toConllu(doc))) return 1;
    auto pct = [&](size_t k) { return std::round(s.rate(k) * 100.0) / 100.0; };
    nlohmann::json j = {{"sentences", s.sentences},
                        {"words", s.words},
                        {"upos", pct(s.upos)},
                        {"xpos", pct(s.xpos)},
                        {"uas", pct(s.uas)},
                        {"las", pct(s.las)},
                        {"las_universal", pct(s.lasUniversal)},
                        {"seconds", std::round(seconds * 1e4) / 1e4},
                        {"words_per_s", seconds > 0 ? std::round(static_cast<double>(s.words) / seconds) : 0.0}};
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

} // namespace whosaid::cli
