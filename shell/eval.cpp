// whosaid eval: annotates the text of every gold document and scores the
// result (core's score.hpp, the same numbers as ../shared/tools/score.py).
//
//   whosaid eval --gold FILE [--labels PER,ORG,LOC,MISC] [--pred-out FILE] [--model FILE]
//
// Prints a table, then a one-line JSON summary as the last line.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"
#include "whosaid/score.hpp"

namespace whosaid::cli {

namespace {
constexpr const char* kUsage =
    "usage: whosaid eval --gold FILE [--labels PER,ORG,LOC,MISC] [--pred-out FILE] [--model FILE] [--quote-model FILE]\n"
    "  --gold FILE      whosaid/1 JSON or JSONL, or CoNLL-style docs with \"text\" and \"entities\"\n"
    "  --labels L,...   labels to score (default PER,ORG,LOC,MISC)\n"
    "  --pred-out FILE  also write the predictions as JSONL (for score.py)\n"
    "  --model FILE     use this tagger model instead of the built-in one\n"
    "  --quote-model FILE  use this attribution model (whosaid train-quotes) instead of the built-in one\n";
}

int evalMain(const std::vector<std::string>& args) {
    std::string gold, labels = "PER,ORG,LOC,MISC", predOut, modelPath, quoteModelPath;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") { std::fputs(kUsage, stdout); return 0; }
        if (i + 1 >= args.size()) { sayf("whosaid: %s needs a value\n%s", a.c_str(), kUsage); return 1; }
        const std::string& v = args[++i];
        if (a == "--gold") gold = v;
        else if (a == "--labels") labels = v;
        else if (a == "--pred-out") predOut = v;
        else if (a == "--model") modelPath = v;
        else if (a == "--quote-model") quoteModelPath = v;
        else { sayf("whosaid: unknown option %s\n%s", a.c_str(), kUsage); return 1; }
    }
    if (gold.empty()) { sayf("whosaid: eval needs --gold FILE\n%s", kUsage); return 1; }
    std::vector<Label> want;
    for (size_t p = 0; p <= labels.size();) {
        size_t c = labels.find(',', p);
        if (c == std::string::npos) c = labels.size();
        Label l;
        if (!parseLabel(labels.substr(p, c - p), l)) {
            sayf("whosaid: unknown label %s\n", labels.substr(p, c - p).c_str());
            return 1;
        }
        want.push_back(l);
        p = c + 1;
    }
    std::string text, err;
    if (!readFile(gold, text, err)) { sayf("whosaid: %s\n", err.c_str()); return 1; }
    Result<std::vector<GoldDoc>> g = readGold(text);
    if (!g) { sayf("whosaid: %s: %s\n", gold.c_str(), g.error().message.c_str()); return 1; }

    Model own;
    const Model* model = &Model::builtin();
    if (!modelPath.empty()) {
        std::string bytes;
        if (!readFile(modelPath, bytes, err)) { sayf("whosaid: %s\n", err.c_str()); return 1; }
        Result<Model> m = Model::load(bytes);
        if (!m) { sayf("whosaid: %s: %s\n", modelPath.c_str(), m.error().message.c_str()); return 1; }
        own = std::move(*m);
        model = &own;
    }
    if (!quoteModelPath.empty()) {
        std::string bytes;
        if (!readFile(quoteModelPath, bytes, err)) { sayf("whosaid: %s\n", err.c_str()); return 1; }
        Result<Model> m = model->withQuotes(bytes);
        if (!m) { sayf("whosaid: %s: %s\n", quoteModelPath.c_str(), m.error().message.c_str()); return 1; }
        own = std::move(*m);
        model = &own;
    }
    FILE* out = nullptr;
    if (!predOut.empty() && !(out = std::fopen(predOut.c_str(), "wb"))) {
        sayf("whosaid: %s: cannot be written\n", predOut.c_str());
        return 1;
    }
    std::vector<Document> pred;
    pred.reserve(g->size());
    for (const GoldDoc& gd : *g) {
        Result<Document> d = annotate(gd.doc.text, *model);
        if (!d) {
            sayf("whosaid: %s: %s\n", gd.doc.id.c_str(), d.error().message.c_str());
            pred.emplace_back();
            continue;
        }
        d->id = gd.doc.id;
        if (out) {
            const std::string j = toJson(*d);
            std::fwrite(j.data(), 1, j.size(), out);
            std::fputc('\n', out);
        }
        pred.push_back(std::move(*d));
    }
    if (out && (std::ferror(out) | std::fclose(out))) {
        sayf("whosaid: %s: cannot be written (%s)\n", predOut.c_str(), std::strerror(errno));
        return 3;
    }
    EvalReport report;
    report.hasEntities = true;
    report.entities = scoreEntities(*g, pred, want);
    for (const GoldDoc& gd : *g)
        if (!gd.doc.quotes.empty()) report.hasQuotes = true;
    if (report.hasQuotes) report.quotes = scoreQuotes(*g, pred);
    std::fputs(toText(report).c_str(), stdout);
    std::printf("%s\n", toJson(report).c_str());
    return 0;
}

} // namespace whosaid::cli
