// The CLI's larger commands, each in its own file; main.cpp dispatches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid::cli {

// whosaid train-ner [options]; args excludes the command name.
int trainNerMain(const std::vector<std::string>& args);
// whosaid train-quotes [options] (shell/train_quotes.cpp)
int trainQuotesMain(const std::vector<std::string>& args);
// whosaid annotate [FILE...|-] [options] (shell/annotate.cpp)
int annotateMain(const std::vector<std::string>& args);
// whosaid eval --gold FILE [options]
int evalMain(const std::vector<std::string>& args);
// whosaid train-syntax [options], whosaid eval-syntax --gold FILE.conllu (shell/syntax.cpp)
int trainSyntaxMain(const std::vector<std::string>& args);
int evalSyntaxMain(const std::vector<std::string>& args);

// [SECTION] Files (shell/io.cpp)

enum class ReadStatus { Ok, Failed, TooLarge };
// Reads a whole file, or stdin for "-", into `out`; a message in `err` on failure.
// A directory is an error. More than `limit` bytes is TooLarge, found by the
// file's size or after reading limit + 1 bytes of a pipe or device (never more),
// so memory stays bounded by the limit; `out` is then empty.
ReadStatus readInput(const std::string& path, std::string& out, std::string& err, size_t limit);
// readInput() without a limit (training data, models): true when read.
bool readFile(const std::string& path, std::string& out, std::string& err);
// "text too large: more than N bytes of input, ...": the message for ReadStatus::TooLarge.
std::string tooLargeMessage(const std::string& path, size_t limit);

// The final flush and close of stdout, for every command: `code`, or 3 with a
// message when stdout could not be written (a full disk, > /dev/full). Once
// stdoutFailed() said so, nothing more is said.
int finishStdout(int code);
void stdoutFailed();
bool stdoutHasFailed();

// Writes all of `data` to `fd`, retrying short writes; false with errno set.
bool writeAll(int fd, std::string_view data);
// Writes `path` as a whole or not at all: the bytes go to ".NAME.whosaid-PID.tmp"
// beside it, which is closed (errors checked) and renamed over `path`. On
// failure the temporary file is removed and `err` names the file and the errno.
bool writeFileAtomically(const std::string& path, std::string_view content, std::string& err);
// Removes the temporary files that writeFileAtomically() left in `dir` in runs
// that were killed (their process is gone); returns how many.
size_t removeStaleTemporaries(const std::string& dir);

// `s` safe to print on a terminal: control characters (C0, DEL, C1 such as
// CSI), line separators and bidi overrides become \x1b, \u009b, \u202e...;
// bytes that are not UTF-8 become \xNN. Everything else is kept as it is.
std::string terminalSafe(std::string_view s);
// Prints `message` and a line end on stderr, terminalSafe().
void say(std::string_view message);
// fprintf(stderr, ...) with each line of the result terminalSafe() (its line ends kept).
void sayf(const char* format, ...) __attribute__((format(printf, 1, 2)));

} // namespace whosaid::cli
