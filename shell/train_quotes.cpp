// whosaid train-quotes: trains the attribution model (core/src/attribution.hpp)
// on polnear/train.jsonl and writes assets/quotes.bin. Never reads dev: the
// thresholds are tuned on dev by measuring with `whosaid eval --quote-model`.
//
//   whosaid train-quotes [--data DIR] [--out FILE] [--epochs N] [--seed S] [--bits B] [--thresholds T,T,T,T,T,T,T]
//   whosaid train-quotes --retune FILE --thresholds T,T,T,T,T,T,T [--out FILE]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/quote_train.hpp"
#include "whosaid/score.hpp"

namespace whosaid::cli {

namespace {
constexpr const char* kTrainQuotesUsage =
    "usage: whosaid train-quotes [--data DIR] [--out FILE] [--epochs N] [--seed S] [--bits B] [--thresholds T,...]\n"
    "       whosaid train-quotes --retune FILE --thresholds T,T,T,T,T,T,T [--out FILE]\n"
    "  --data DIR        the shared data (default ../shared/data); reads polnear/train.jsonl only\n"
    "  --out FILE        where to write the model (default assets/quotes.bin)\n"
    "  --thresholds T,.. the probabilities above which the model says yes: cue (read from), cue word,\n"
    "                    content, governing clause, source head, source word, verifier (stored in the model)\n"
    "  --retune FILE     only set the thresholds of an existing model\n";

bool parseThresholds(const std::string& s, std::array<float, 7>& out) {
    size_t pos = 0;
    for (int k = 0; k < 7; ++k) {
        char* end = nullptr;
        out[k] = std::strtof(s.c_str() + pos, &end);
        if (end == s.c_str() + pos) return false;
        pos = static_cast<size_t>(end - s.c_str());
        if (k < 6) {
            if (pos >= s.size() || s[pos] != ',') return false;
            ++pos;
        }
    }
    return pos == s.size();
}

bool writeBytes(const std::string& path, const std::string& blob) {
    FILE* f = std::fopen(path.c_str(), "wb");
    bool ok = f && std::fwrite(blob.data(), 1, blob.size(), f) == blob.size();
    if (f && std::fclose(f) != 0) ok = false;
    if (!ok) sayf("whosaid: %s: cannot be written\n", path.c_str());
    return ok;
}
} // namespace

int trainQuotesMain(const std::vector<std::string>& args) {
    std::string data = "../shared/data", out = "assets/quotes.bin", retune;
    QuoteTrainOptions opt;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool more = i + 1 < args.size();
        if (a == "--data" && more) data = args[++i];
        else if (a == "--out" && more) out = args[++i];
        else if (a == "--retune" && more) retune = args[++i];
        else if (a == "--epochs" && more) opt.epochs = std::atoi(args[++i].c_str());
        else if (a == "--seed" && more) opt.seed = static_cast<uint32_t>(std::strtoul(args[++i].c_str(), nullptr, 10));
        else if (a == "--bits" && more) opt.bits = static_cast<uint32_t>(std::strtoul(args[++i].c_str(), nullptr, 10));
        else if (a == "--thresholds" && more) {
            if (!parseThresholds(args[++i], opt.thresholds)) {
                sayf("whosaid: --thresholds takes seven comma-separated probabilities\n");
                return 1;
            }
        } else if (a == "-h" || a == "--help") { std::fputs(kTrainQuotesUsage, stdout); return 0; }
        else { sayf("whosaid: train-quotes: bad argument %s\n", a.c_str()); std::fputs(kTrainQuotesUsage, stderr); return 1; }
    }
    std::string bytes, err;
    if (!retune.empty()) {
        if (!readFile(retune, bytes, err)) { sayf("whosaid: %s\n", err.c_str()); return 1; }
        Result<std::string> blob = retuneQuoteModel(bytes, opt.thresholds);
        if (!blob) { sayf("whosaid: %s: %s\n", retune.c_str(), blob.error().message.c_str()); return 1; }
        return writeBytes(out, *blob) ? 0 : 1;
    }
    if (opt.bits < 4 || opt.bits > 24) { sayf("whosaid: --bits must be 4..24\n"); return 1; }
    const std::string path = data + "/polnear/train.jsonl";
    if (!readFile(path, bytes, err)) { sayf("whosaid: %s\n", err.c_str()); return 1; }
    Result<std::vector<GoldDoc>> gold = readGold(bytes);
    if (!gold) { sayf("whosaid: %s: %s\n", path.c_str(), gold.error().message.c_str()); return 1; }
    std::string stats;
    const std::string blob = trainQuoteModel(*gold, Model::builtin(), opt, &stats);
    sayf("train-quotes: %s from %s\n", stats.c_str(), path.c_str());
    if (!writeBytes(out, blob)) return 1;
    sayf("train-quotes: wrote %s (%zu bytes)\n", out.c_str(), blob.size());
    return 0;
}

} // namespace whosaid::cli
