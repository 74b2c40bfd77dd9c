// whosaid — command-line front end over core.
//
//   whosaid annotate [FILE...|-] [--format F] [--input I] [--jsonl] [--jobs N] [-o DIR]   (shell/annotate.cpp)
//   whosaid bench FILE [--seconds S] [--stage all|fast|syntax|tokens]   (syntax: tokens, tags and trees only)
//   whosaid eval --gold FILE [--labels L,...] [--pred-out FILE] [--model FILE]
//   whosaid train-ner [--data DIR] [--out FILE] ...
//   whosaid train-syntax [--data DIR] [--out FILE] ...     (shell/syntax.cpp)
//   whosaid eval-syntax --gold FILE.conllu
//   whosaid version
//
// Reads files, calls core, prints JSON. Errors go to stderr (control characters
// shown as \x1b and the like) with exit 1 (bad usage or input file), 2 (input
// over the size limit) or 3 (output that could not be written: stdout or a file
// under -o DIR; annotate stops at the first such failure).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/json.hpp"

namespace {

constexpr const char* kUsage =
    "usage: whosaid annotate [FILE...|-] [--format json|webanno|brat|conll|html] [--input auto|text|html|markdown|json|webanno]\n"
    "                        [--jsonl [--error-lines]] [--jobs N] [--pretty] [-o DIR] [--reannotate]\n"
    "       whosaid bench FILE [--seconds S] [--stage all|fast|syntax|tokens]\n"
    "       whosaid eval --gold FILE [--labels PER,ORG,LOC,MISC] [--pred-out FILE] [--model FILE]\n"
    "       whosaid train-ner [--data DIR] [--out FILE] [--epochs N] [--seed S] (see train-ner --help)\n"
    "       whosaid train-quotes [--data DIR] [--out FILE] [--seed S] (see train-quotes --help)\n"
    "       whosaid train-syntax [--data DIR] [--out FILE] [--seed S] (see train-syntax --help)\n"
    "       whosaid eval-syntax --gold FILE.conllu [--model FILE] [--pred-out FILE]\n"
    "       whosaid version\n";

int usage(const char* problem = nullptr) {
    if (problem) whosaid::cli::sayf("whosaid: %s\n", problem);
    std::fputs(kUsage, stderr);
    return 1;
}

int bench(const std::string& path, double seconds, const std::string& stage) {
    std::string text, err;
    if (!whosaid::cli::readFile(path, text, err)) return whosaid::cli::sayf("whosaid: %s\n", err.c_str()), 1;
    using clock = std::chrono::steady_clock;
    const whosaid::Model& model = whosaid::Model::builtin();
    whosaid::AnnotateOptions ao;
    if (stage == "syntax") ao.entities = ao.quotes = false;              // tokens, tags and trees only
    else if (stage == "tokens") ao.syntax = ao.entities = ao.quotes = false;
    else if (stage == "fast") ao.syntax = false;                          // annotate --fast: no tagger and parser
    size_t sink = 0;
    for (int i = 0; i < 2; ++i) sink += whosaid::annotate(text, model, ao)->tokens.size();  // warm-up
    std::vector<double> runs, cpu;  // wall and process CPU seconds per run
    const auto start = clock::now();
    while (std::chrono::duration<double>(clock::now() - start).count() < seconds || runs.size() < 3) {
        const auto t0 = clock::now();
        const std::clock_t c0 = std::clock();
        auto doc = whosaid::annotate(text, model, ao);
        cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        runs.push_back(std::chrono::duration<double>(clock::now() - t0).count());
        sink += doc ? doc->mentions.size() + doc->quotes.size() : 0;
    }
    std::sort(runs.begin(), runs.end());
    std::sort(cpu.begin(), cpu.end());
    const double median = runs[runs.size() / 2], cpuMedian = cpu[cpu.size() / 2];
    const double mb = text.size() / 1e6;
    // CPU time is what a busy machine disturbs least (other processes take turns, not cycles)
    std::printf("{\"bytes\":%zu,\"runs\":%zu,\"median_s\":%.6f,\"best_s\":%.6f,\"mb_per_s\":%.2f,\"cpu_median_s\":%.6f,"
                "\"cpu_mb_per_s\":%.2f,\"checksum\":%zu}\n",
                text.size(), runs.size(), median, runs.front(), mb / median, cpuMedian, cpuMedian > 0 ? mb / cpuMedian : 0.0, sink);
    return 0;
}

} // namespace

int run(int argc, char** argv);

// Every command's stdout is checked when it is flushed and closed (exit 3).
int main(int argc, char** argv) { return whosaid::cli::finishStdout(run(argc, argv)); }

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage();
    const std::string cmd = args[0];
    if (cmd == "train-ner") return whosaid::cli::trainNerMain({args.begin() + 1, args.end()});
    if (cmd == "train-quotes") return whosaid::cli::trainQuotesMain({args.begin() + 1, args.end()});
    if (cmd == "eval") return whosaid::cli::evalMain({args.begin() + 1, args.end()});
    if (cmd == "train-syntax") return whosaid::cli::trainSyntaxMain({args.begin() + 1, args.end()});
    if (cmd == "eval-syntax") return whosaid::cli::evalSyntaxMain({args.begin() + 1, args.end()});
    if (cmd == "annotate") return whosaid::cli::annotateMain({args.begin() + 1, args.end()});
    bool jsonl = false, pretty = false;
    double seconds = 3.0;
    std::string stage = "all";
    std::vector<std::string> files;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--jsonl") jsonl = true;
        else if (a == "--pretty") pretty = true;
        else if (a == "--seconds" && i + 1 < args.size()) seconds = std::atof(args[++i].c_str());
        else if (a == "--stage" && i + 1 < args.size()) stage = args[++i];
        else if (a == "-h" || a == "--help") { std::fputs(kUsage, stdout); return 0; }
        else if (a.size() > 1 && a[0] == '-' ) return usage(("unknown option " + a).c_str());
        else files.push_back(a);
    }
    if (cmd == "version") { std::printf("whosaid 0.1.0 (schema whosaid/1)\n"); return 0; }
    if (cmd == "bench") {
        if (files.size() != 1) return usage("bench takes one FILE");
        if (stage != "all" && stage != "syntax" && stage != "tokens" && stage != "fast")
            return usage("--stage takes all, fast, syntax or tokens");
        return bench(files[0], seconds, stage);
    }
    return usage(("unknown command " + cmd).c_str());
}
