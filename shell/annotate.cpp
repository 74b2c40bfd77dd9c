// whosaid annotate: files or a JSON Lines stream in, any export format out.
//
//   whosaid annotate [FILE...|-] [--format F] [--input I] [--jsonl] [--jobs N] [--pretty] [-o DIR] [--reannotate]
//
// Records (whole files, or lines with --jsonl) go through a bounded pipeline:
// one reader, N workers calling core, and the main thread writing results in
// input order. At most 4×N batches of records are in flight, so memory stays
// flat however long the stream is. Core is reentrant (Model::builtin() is shared read-only);
// all threads live here, in the shell.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/json.hpp"

namespace whosaid::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAnnotateUsage =
    "usage: whosaid annotate [FILE...|-] [--format json|webanno|brat|conll|conllu|html] [--input auto|text|html|markdown|json|webanno]\n"
    "                        [--jsonl [--error-lines]] [--jobs N] [--pretty] [--syntax] [--fast] [-o DIR] [--reannotate]\n";

// The most bytes read for one input, a file or a --jsonl line: the text limit
// plus room for markup or JSON escaping. Reading stops there (limit + 1 bytes),
// so a device or an endless pipe is refused with bounded memory.
constexpr size_t kMaxInputBytes = kDefaultMaxBytes * 2 + 4096;

struct Options {
    ExportFormat format = ExportFormat::Json;
    std::optional<InputFormat> input;  // nullopt: auto
    bool jsonl = false, pretty = false, reannotate = false, syntax = false;
    bool fast = false;  // --fast: no tagging and parsing (the rules alone find the claims)
    bool errorLines = false;  // --jsonl: a failed record becomes {"error":…} on stdout and the exit stays 0
    unsigned jobs = 1;
    std::string outDir;
    std::string created;  // the Web Annotation "created" time (now, or SOURCE_DATE_EPOCH)
};

// The time as ISO 8601 UTC: SOURCE_DATE_EPOCH when set (reproducible output), else now.
std::string isoNow() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(epoch));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// One unit of work: a whole file, or one line of a JSON Lines stream.
struct Record {
    std::string source;  // file path ("-" for stdin)
    size_t line = 0;     // 1-based line number in --jsonl mode, else 0
    std::string data;    // the bytes (file mode: read by the worker)
    std::string error;   // set by the reader when the record is already known bad
};

struct Outcome {
    std::string out;                                        // for stdout
    std::string where;                                      // the record, for messages ("a.txt", "docs.jsonl:3")
    std::string stem;                                       // -o DIR: the files' name before its extension
    std::vector<std::pair<std::string, std::string>> files; // -o DIR: (extension, content)
    std::vector<std::string> messages;                      // for stderr, already prefixed
    int code = 0;
};

// "an array", "an integer"...: for "must be a string, not an array".
const char* typeName(const nlohmann::json& v) {
    switch (v.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::boolean: return "true or false";
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::null: return "null";
    default: return "a string";
    }
}

bool tooLarge(const Error& e) { return e.message.rfind("text too large", 0) == 0; }

// A file name from a document id: letters, digits, '-', '_' and '.' kept.
std::string safeName(std::string_view s) {
    std::string out;
    for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    while (!out.empty() && out[0] == '.') out.erase(0, 1);
    return out.substr(0, 120);
}

class Annotator {
public:
    explicit Annotator(const Options& o) : m_opt(o) {}

    Outcome run(Record& r) const {
        Outcome oc;
        const std::string where = r.line ? r.source + ":" + std::to_string(r.line) : r.source;
        oc.where = where;
        auto fail = [&](const std::string& msg, int code = 1) {
            oc.messages.push_back("whosaid: " + where + ": " + msg);
            if (m_opt.errorLines && r.line) {
                // one output line per input line, so that streaming jobs can line results up
                nlohmann::ordered_json e = {{"line", r.line}, {"error", msg}};
                oc.out = e.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
                escapeLineSeparators(oc.out);  // U+2028 in a message: still one line for every reader
                oc.out += '\n';
            } else {
                oc.code = code;
            }
            return oc;
        };
        if (!r.error.empty()) return fail(r.error);
        std::string name;  // output file stem for -o DIR
        std::string id;
        bool hasId = false;
        std::string fileHint;  // extension hint for format detection
        std::string bytes;
        if (r.line) {
            if (r.data.find_first_not_of(" \t\r") == std::string::npos) {
                // a blank line is no record; --error-lines still gives it its output line
                if (m_opt.errorLines) oc.out = "{\"line\":" + std::to_string(r.line) + ",\"error\":\"blank line\"}\n";
                return oc;
            }
            if (std::string deep = jsonNestingProblem(r.data); !deep.empty()) return fail("the JSON is " + deep);
            auto j = nlohmann::json::parse(r.data, nullptr, false);
            if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
            if (j.contains("schema")) {
                bytes = std::move(r.data);  // a whole whosaid/1 document on one line
                fileHint = ".json";
            } else {
                auto t = j.find("text");
                if (t == j.end()) return fail("missing string field \"text\"");
                if (!t->is_string()) return fail(std::string("text: must be a string, not ") + typeName(*t));
                bytes = t->get<std::string>();
                auto idIt = j.find("id");  // a string, or a number as many archives have them
                if (idIt != j.end() && !idIt->is_null()) {
                    if (!idIt->is_string() && !idIt->is_number())
                        return fail(std::string("id: must be a string or a number, not ") + typeName(*idIt));
                    id = idIt->is_string() ? idIt->get<std::string>() : idIt->dump();
                    hasId = true;
                }
                auto fn = j.find("file");  // optional original file name, for format detection
                if (fn != j.end() && !fn->is_null()) {
                    if (!fn->is_string()) return fail(std::string("file: must be a string, not ") + typeName(*fn));
                    fileHint = fn->get<std::string>();
                }
            }
            name = hasId ? safeName(id) : "";
            if (name.empty()) name = "line-" + std::to_string(r.line);
        } else {
            std::string err;
            const ReadStatus read = readInput(r.source, bytes, err, kMaxInputBytes);
            if (read == ReadStatus::TooLarge) return fail(err, 2);
            if (read != ReadStatus::Ok) return fail(err.substr(err.find(": ") + 2));
            fileHint = r.source == "-" ? "" : r.source;
            name = r.source == "-" ? "stdin" : fs::path(r.source).stem().string();
        }

        const InputFormat fmt = m_opt.input ? *m_opt.input : detectFormat(bytes, fileHint);
        // A brat .ann is read with the .txt beside it.
        const bool brat = !r.line && fileHint.size() > 4 && fileHint.substr(fileHint.size() - 4) == ".ann";
        std::string bratText;
        if (brat) {
            std::string err;
            const std::string txt = fileHint.substr(0, fileHint.size() - 4) + ".txt";
            const ReadStatus read = readInput(txt, bratText, err, kMaxInputBytes);
            if (read == ReadStatus::TooLarge) return fail(txt + ": " + err, 2);
            if (read != ReadStatus::Ok) return fail("a brat .ann needs its text beside it: " + err.substr(err.find(": ") + 2));
        }
        Document doc;
        if (fmt == InputFormat::WhosaidJson || fmt == InputFormat::WebAnnotation || brat) {
            Result<Document> in = brat ? documentFromBrat(bratText, bytes)
                                  : fmt == InputFormat::WebAnnotation ? documentFromWebAnnotation(bytes) : fromJson(bytes);
            if (!in) return fail(in.error().message);
            if (m_opt.reannotate) {
                Result<Document> fresh = annotate(in->text, Model::builtin(), annotateOptions());
                if (!fresh) return fail(fresh.error().message, tooLarge(fresh.error()) ? 2 : 1);
                fresh->id = in->id;
                Document base = in->edits.base == EditBase::None ? Document{} : std::move(*fresh);
                if (in->edits.base == EditBase::None) base.text = in->text;
                EditLog log = std::move(in->edits);
                if (log.base == EditBase::File) log.base = EditBase::Tool;  // the tool's markup now stands under the edits
                base.id = in->id;
                doc = replayEdits(base, log);
            } else {
                doc = std::move(*in);  // the file's markup, its edits already in it
            }
        } else {
            std::string text = fmt == InputFormat::Html       ? htmlToText(bytes)
                               : fmt == InputFormat::Markdown ? markdownToText(bytes)
                                                              : std::move(bytes);
            Result<Document> d = annotate(text, Model::builtin(), annotateOptions());
            if (!d) return fail(d.error().message, tooLarge(d.error()) ? 2 : 1);
            doc = std::move(*d);
        }
        if (hasId) doc.id = id;
        for (const std::string& w : doc.warnings) oc.messages.push_back("whosaid: " + where + ": " + w);

        ExportOptions eo;
        eo.indent = m_opt.pretty && !m_opt.jsonl ? 2 : -1;
        eo.syntax = m_opt.syntax;
        eo.created = m_opt.created;
        const ExportFormat f = m_opt.format;
        if (!m_opt.outDir.empty()) {
            oc.stem = name;  // made unique in the run when it is written (emit, in input order)
            if (f == ExportFormat::Brat) {
                BratFiles b = toBrat(doc);
                oc.files.push_back({".txt", std::move(b.txt)});
                oc.files.push_back({".ann", std::move(b.ann)});
            } else {
                std::string s = exportDocument(doc, f, eo);
                if (f == ExportFormat::Json || f == ExportFormat::WebAnnotation) s += '\n';
                oc.files.push_back({exportFileExtension(f), std::move(s)});
            }
            return oc;
        }
        if (m_opt.jsonl && f != ExportFormat::Json && f != ExportFormat::WebAnnotation) {
            // one record a line: text formats travel as JSON strings
            nlohmann::ordered_json o = nlohmann::ordered_json::object();
            if (!doc.id.empty()) o["id"] = doc.id;
            o["format"] = exportFormatName(f);
            if (f == ExportFormat::Brat) {
                BratFiles b = toBrat(doc);
                o["txt"] = std::move(b.txt);
                o["ann"] = std::move(b.ann);
            } else {
                o["content"] = exportDocument(doc, f, eo);
            }
            oc.out = o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            escapeLineSeparators(oc.out);  // nlohmann writes U+0085, U+2028 and U+2029 raw: one record, one line
            oc.out += '\n';
            return oc;
        }
        oc.out = exportDocument(doc, f, eo);
        if (f == ExportFormat::Json || f == ExportFormat::WebAnnotation) oc.out += '\n';
        if (f == ExportFormat::Brat && !m_opt.jsonl && fmt != InputFormat::Text)
            oc.messages.push_back("whosaid: " + where +
                                  ": note: brat offsets refer to the extracted text, not the input file; use -o DIR "
                                  "to get it as a .txt beside the .ann");
        return oc;
    }

private:
    const Options& m_opt;
    // --fast leaves out the tagger and the parser (10-20 times the speed; the
    // claims then come from the rules alone); --syntax and CoNLL-U need them.
    AnnotateOptions annotateOptions() const {
        AnnotateOptions o;
        o.syntax = !m_opt.fast || m_opt.syntax || m_opt.format == ExportFormat::Conllu;
        return o;
    }
};

// [SECTION] Reading records

// Reads lines of any length in 64 KB pieces; a line over kMaxInputBytes is
// skipped to its end and handed on as an error, so no line is held whole.
// Bytes are bytes: a NUL inside a line is kept (and fails as JSON), a read
// error ends the stream with a message.
class LineReader {
public:
    explicit LineReader(int fd) : m_fd(fd) {}
    bool next(Record& r) {
        r.data.clear();
        r.error.clear();
        bool any = false, tooLong = false;
        for (;;) {
            if (m_pos == m_len && !fill()) break;
            any = true;
            const char* start = m_buf + m_pos;
            const void* nl = std::memchr(start, '\n', m_len - m_pos);
            const size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : m_len - m_pos;
            if (!tooLong) {
                r.data.append(start, n);
                if (r.data.size() > kMaxInputBytes) {
                    tooLong = true;
                    r.data.clear();
                    r.data.shrink_to_fit();
                }
            }
            m_pos += n + (nl ? 1 : 0);
            if (nl) break;
        }
        if (!any) return false;
        r.line = ++m_line;
        if (tooLong) r.error = "line longer than " + std::to_string(kMaxInputBytes) + " bytes, skipped";
        return true;
    }
    // The read error that ended the stream, or 0.
    int error() const { return m_errno; }

private:
    bool fill() {
        m_pos = m_len = 0;
        for (;;) {
            const ssize_t n = ::read(m_fd, m_buf, sizeof m_buf);
            if (n > 0) {
                m_len = static_cast<size_t>(n);
                return true;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) m_errno = errno;
            return false;
        }
    }
    int m_fd;
    char m_buf[1 << 16];
    size_t m_pos = 0, m_len = 0;
    size_t m_line = 0;
    int m_errno = 0;
};

// [SECTION] The ordered pipeline

// Runs `work` over records from `next` on `jobs` threads and hands results to
// `emit` on the calling thread in input order. Records travel in batches (up
// to 64 records or 1 MB of input) so that short documents do not drown in
// locking; at most 4 × jobs batches are in flight, which bounds memory.
void runOrdered(unsigned jobs, const std::function<bool(Record&)>& next, const std::function<Outcome(Record&)>& work,
                const std::function<void(Outcome&)>& emit) {
#ifdef __EMSCRIPTEN__
    jobs = 1;  // the Node build has no threads
#endif
    if (jobs <= 1) {
        Record r;
        while (next(r)) {
            Outcome o = work(r);
            emit(o);
        }
        return;
    }
    constexpr size_t kBatchRecords = 64, kBatchBytes = 1u << 20;
    using Batch = std::vector<Record>;
    using Results = std::vector<Outcome>;
    const size_t capacity = size_t(jobs) * 4;
    std::mutex mu;
    std::condition_variable cvWork, cvSpace, cvDone;
    std::deque<std::pair<size_t, Batch>> queue;
    std::vector<std::optional<Results>> ring(capacity);
    size_t nextRead = 0, nextWrite = 0;
    bool eof = false;

    std::thread reader([&] {
        bool more = true;
        while (more) {
            Batch batch;
            size_t bytes = 0;
            Record r;
            while (batch.size() < kBatchRecords && bytes < kBatchBytes && (more = next(r))) {
                bytes += r.data.size();
                batch.push_back(std::move(r));
                r = Record{};
            }
            if (batch.empty()) break;
            std::unique_lock lock(mu);
            cvSpace.wait(lock, [&] { return nextRead - nextWrite < capacity; });
            queue.emplace_back(nextRead++, std::move(batch));
            cvWork.notify_one();
        }
        std::unique_lock lock(mu);
        eof = true;
        cvWork.notify_all();
        cvDone.notify_all();
    });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs; ++i)
        workers.emplace_back([&] {
            for (;;) {
                std::unique_lock lock(mu);
                cvWork.wait(lock, [&] { return !queue.empty() || eof; });
                if (queue.empty()) return;
                auto [seq, batch] = std::move(queue.front());
                queue.pop_front();
                lock.unlock();
                Results out;
                out.reserve(batch.size());
                for (Record& r : batch) out.push_back(work(r));
                batch.clear();
                lock.lock();
                ring[seq % capacity] = std::move(out);
                cvDone.notify_one();
            }
        });
    for (;;) {
        std::unique_lock lock(mu);
        cvDone.wait(lock, [&] { return ring[nextWrite % capacity].has_value() || (eof && nextWrite == nextRead); });
        if (!ring[nextWrite % capacity]) break;
        Results out = std::move(*ring[nextWrite % capacity]);
        ring[nextWrite % capacity].reset();
        ++nextWrite;
        cvSpace.notify_one();
        lock.unlock();
        for (Outcome& o : out) emit(o);
    }
    reader.join();
    for (std::thread& t : workers) t.join();
}

int parseArgs(const std::vector<std::string>& args, Options& o, std::vector<std::string>& files) {
    auto bad = [](const std::string& problem) {
        say("whosaid: " + problem);
        std::fputs(kAnnotateUsage, stderr);
        return 1;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--jsonl") o.jsonl = true;
        else if (a == "--pretty") o.pretty = true;
        else if (a == "--syntax") o.syntax = true;
        else if (a == "--reannotate") o.reannotate = true;
        else if (a == "--fast") o.fast = true;
        else if (a == "--error-lines") o.errorLines = true;
        else if (a == "--format" || a == "-f") {
            if (!value(v) || !parseExportFormat(v, o.format)) return bad("--format takes json, webanno, brat, conll, conllu or html");
        } else if (a == "--input") {
            if (!value(v)) return bad("--input takes auto, text, html, markdown, json or webanno");
            if (v == "auto") o.input.reset();
            else if (v == "text") o.input = InputFormat::Text;
            else if (v == "html") o.input = InputFormat::Html;
            else if (v == "markdown" || v == "md") o.input = InputFormat::Markdown;
            else if (v == "json") o.input = InputFormat::WhosaidJson;
            else if (v == "webanno") o.input = InputFormat::WebAnnotation;
            else return bad("--input takes auto, text, html, markdown, json or webanno");
        } else if (a == "--jobs" || a == "-j") {
            if (!value(v)) return bad("--jobs takes a number");
            const int n = std::atoi(v.c_str());
            if (n < 0 || n > 256) return bad("--jobs takes a number from 0 (all cores) to 256");
            o.jobs = n == 0 ? std::max(1u, std::thread::hardware_concurrency()) : static_cast<unsigned>(n);
        } else if (a == "-o" || a == "--out-dir") {
            if (!value(o.outDir)) return bad("-o takes a directory");
        } else if (a == "-h" || a == "--help") {
            std::fputs(kAnnotateUsage, stdout);
            return -1;
        } else if (a.size() > 1 && a[0] == '-') return bad("unknown option " + a);
        else files.push_back(a);
    }
    if (files.empty()) files.push_back("-");
    if (std::count(files.begin(), files.end(), "-") > 1) return bad("stdin (-) can be read only once");
    return 0;
}

// [SECTION] Output

// Where results go: stdout, or files under -o DIR. Every write is checked; the
// first failure is reported (the file and the errno) and stops the run, with
// exit 3, since a full disk or a closed pipe fails every write after it.
class Output {
public:
    explicit Output(const Options& o) : m_opt(o) {}

    // Names taken before the run writes anything: the inputs that sit in DIR
    // (so that "-o . x.txt --format brat" never writes over its own input).
    void reserveInputs(const std::vector<std::string>& files) {
        if (m_opt.outDir.empty()) return;
        std::error_code ec;
        const fs::path dir = fs::weakly_canonical(m_opt.outDir, ec);
        for (const std::string& f : files) {
            if (f == "-") continue;
            const fs::path p = fs::weakly_canonical(f, ec);
            if (!ec && p.parent_path() == dir) m_taken.insert(key(p.filename().string()));
        }
    }

    bool failed() const { return m_failed.load(); }
    int code() const { return m_code; }

    void emit(Outcome& o) {
        for (const std::string& m : o.messages) say(m);
        m_code = std::max(m_code, o.code);
        if (failed()) return;
        if (!o.out.empty()) {
            if (std::fwrite(o.out.data(), 1, o.out.size(), stdout) != o.out.size()) return stdoutFailed();
            // a stream's reader (Spark, parallel, a pipe) gets each document whole, at once
            if (m_opt.jsonl && std::fflush(stdout) != 0) return stdoutFailed();
        }
        if (o.files.empty()) return;
        const std::string stem = uniqueStem(o);
        for (const auto& [ext, content] : o.files) {
            std::string err;
            if (!writeFileAtomically((fs::path(m_opt.outDir) / (stem + ext)).string(), content, err)) return writeFailed(err);
        }
    }
    // A file of the run's own (brat's annotation.conf).
    void file(const std::string& name, const std::string& content) {
        std::string err;
        if (!failed() && !writeFileAtomically((fs::path(m_opt.outDir) / name).string(), content, err)) writeFailed(err);
    }
    // The final flush of stdout: where a full disk shows up for most output
    // (main() closes it, and checks that too).
    void finish() {
        if (failed()) return;
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) stdoutFailed();
    }

private:
    static std::string key(std::string name) {
        // compared without case: two names that differ only in case are one file on macOS and Windows
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return name;
    }
    // The record's stem, or stem-2, stem-3...: the first whose files no earlier
    // record of this run wrote. Renaming is said on stderr; nothing is overwritten.
    std::string uniqueStem(const Outcome& o) {
        auto free = [&](const std::string& stem) {
            for (const auto& f : o.files)
                if (m_taken.count(key(stem + f.first))) return false;
            return true;
        };
        std::string stem = o.stem;
        for (size_t n = 2; !free(stem); ++n) stem = o.stem + "-" + std::to_string(n);
        for (const auto& f : o.files) m_taken.insert(key(stem + f.first));
        if (stem != o.stem)
            say("whosaid: " + o.where + ": warning: " + o.stem + o.files.front().first +
                " would overwrite another output or an input of this run; written as " + stem + o.files.front().first);
        return stem;
    }
    void stdoutFailed() {
        cli::stdoutFailed();  // says so, once
        m_failed = true;
        m_code = 3;
    }
    void writeFailed(const std::string& err) {
        say("whosaid: " + err + "; stopped");
        m_failed = true;
        m_code = 3;
    }

    const Options& m_opt;
    std::set<std::string> m_taken;
    std::atomic<bool> m_failed{false};
    int m_code = 0;
};

} // namespace

int annotateMain(const std::vector<std::string>& args) {
    Options opt;
    std::vector<std::string> files;
    if (int rc = parseArgs(args, opt, files)) return rc < 0 ? 0 : rc;
    opt.created = isoNow();
    if (!opt.outDir.empty()) {
        std::error_code ec;
        fs::create_directories(opt.outDir, ec);
        if (ec) return say("whosaid: " + opt.outDir + ": cannot be created (" + ec.message() + ")"), 1;
        removeStaleTemporaries(opt.outDir);  // what killed runs left behind
    }
    const Annotator annotator(opt);
    Output output(opt);
    output.reserveInputs(files);
    int code = 0;
    auto emit = [&](Outcome& o) { output.emit(o); };
    auto work = [&](Record& r) { return annotator.run(r); };

    if (opt.jsonl) {
        for (const std::string& path : files) {
            if (output.failed()) break;
            const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                say("whosaid: " + path + ": cannot be opened for reading (" + std::strerror(errno) + ")");
                code = std::max(code, 1);
                continue;
            }
            struct stat st {};
            if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
                say("whosaid: " + path + ": is a directory, not a JSON Lines file");
                code = std::max(code, 1);
                if (fd != STDIN_FILENO) ::close(fd);
                continue;
            }
            LineReader lines(fd);
            runOrdered(opt.jobs, [&](Record& r) { r.source = path; return !output.failed() && lines.next(r); }, work, emit);
            if (lines.error() && !output.failed()) {
                say("whosaid: " + path + ": cannot be read (" + std::strerror(lines.error()) + ")");
                code = std::max(code, 1);
            }
            if (fd != STDIN_FILENO) ::close(fd);
        }
    } else {
        size_t i = 0;
        runOrdered(opt.jobs, [&](Record& r) {
            if (i >= files.size() || output.failed()) return false;
            r = Record{files[i++], 0, {}, {}};
            return true;
        }, work, emit);
    }
    if (!opt.outDir.empty() && opt.format == ExportFormat::Brat) output.file("annotation.conf", bratConfig());
    output.finish();
    code = std::max(code, output.code());
    // in a stream, one bad record fails the run (exit 1) but never stops it; 2 is for single documents
    if (opt.jsonl && code == 2) code = 1;
    return code;
}

} // namespace whosaid::cli
