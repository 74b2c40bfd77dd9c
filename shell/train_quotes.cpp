// whosaid train-quotes: trains the cue tagger (core/src/quote_model.hpp) on
// polnear/train.jsonl and writes assets/quotes.bin. Never reads dev: the
// thresholds are tuned on dev by measuring with `whosaid eval` only.
//
//   whosaid train-quotes [--data DIR] [--out FILE] [--epochs N] [--seed S] [--bits B]
//                        [--add T] [--drop T]
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/quote_train.hpp"
#include "whosaid/score.hpp"

namespace whosaid::cli {

namespace {
constexpr const char* kTrainQuotesUsage =
    "usage: whosaid train-quotes [--data DIR] [--out FILE] [--epochs N] [--seed S] [--bits B] [--add T] [--drop T]\n"
    "  --data DIR   the shared data (default ../shared/data); reads polnear/train.jsonl only\n"
    "  --out FILE   where to write the model (default assets/quotes.bin)\n"
    "  --add T      score above which a word outside the lexicon is a cue (stored in the model)\n"
    "  --drop T     score below which a lexicon word is not a cue (stored in the model)\n";
} // namespace

int trainQuotesMain(const std::vector<std::string>& args) {
    std::string data = "../shared/data", out = "assets/quotes.bin";
    QuoteTrainOptions opt;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool more = i + 1 < args.size();
        if (a == "--data" && more) data = args[++i];
        else if (a == "--out" && more) out = args[++i];
        else if (a == "--epochs" && more) opt.epochs = std::stoi(args[++i]);
        else if (a == "--seed" && more) opt.seed = static_cast<uint32_t>(std::stoul(args[++i]));
        else if (a == "--bits" && more) opt.bits = static_cast<uint32_t>(std::stoul(args[++i]));
        else if (a == "--add" && more) opt.addThreshold = std::stof(args[++i]);
        else if (a == "--drop" && more) opt.dropThreshold = std::stof(args[++i]);
        else if (a == "-h" || a == "--help") { std::fputs(kTrainQuotesUsage, stdout); return 0; }
        else { std::fprintf(stderr, "whosaid: train-quotes: bad argument %s\n", a.c_str()); std::fputs(kTrainQuotesUsage, stderr); return 1; }
    }
    if (opt.bits < 4 || opt.bits > 24) { std::fprintf(stderr, "whosaid: --bits must be 4..24\n"); return 1; }
    const std::string path = data + "/polnear/train.jsonl";
    std::string bytes, err;
    if (!readFile(path, bytes, err)) { std::fprintf(stderr, "whosaid: %s\n", err.c_str()); return 1; }
    Result<std::vector<GoldDoc>> gold = readGold(bytes);
    if (!gold) { std::fprintf(stderr, "whosaid: %s: %s\n", path.c_str(), gold.error().message.c_str()); return 1; }
    std::string stats;
    const std::string blob = trainQuoteModel(*gold, Model::builtin(), opt, &stats);
    std::fprintf(stderr, "train-quotes: %s from %s\n", stats.c_str(), path.c_str());
    FILE* f = std::fopen(out.c_str(), "wb");
    if (!f || std::fwrite(blob.data(), 1, blob.size(), f) != blob.size()) {
        std::fprintf(stderr, "whosaid: %s: cannot be written\n", out.c_str());
        if (f) std::fclose(f);
        return 1;
    }
    std::fclose(f);
    std::fprintf(stderr, "train-quotes: wrote %s (%zu bytes)\n", out.c_str(), blob.size());
    return 0;
}

} // namespace whosaid::cli
