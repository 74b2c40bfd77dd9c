// File input and output for the CLI's commands: the one place that opens files.
//
// Reading is bounded (a device or a pipe that never ends is refused at the
// limit, with the memory of the limit); writing is checked down to the final
// close, and files under -o DIR appear only when complete (a temporary name,
// then rename()).
#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.hpp"
#include "whosaid/annotate.hpp"

namespace whosaid::cli {

// [SECTION] Reading

ReadStatus readInput(const std::string& path, std::string& out, std::string& err, size_t limit) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        err = path + ": cannot be opened for reading (" + std::strerror(errno) + ")";
        return ReadStatus::Failed;
    }
    auto done = [&](ReadStatus s) {
        if (f != stdin) std::fclose(f);
        return s;
    };
    struct stat st {};
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            err = path + ": is a directory, not a file";
            return done(ReadStatus::Failed);
        }
        // A regular file says its size: one allocation, and no reading at all when it is too large.
        if (S_ISREG(st.st_mode) && limit != SIZE_MAX && static_cast<uint64_t>(st.st_size) > limit) {
            err = tooLargeMessage(path, limit);
            return done(ReadStatus::TooLarge);
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size) + 1);
    }
    char buf[1 << 16];
    for (;;) {
        const size_t room = limit == SIZE_MAX ? sizeof buf : std::min(sizeof buf, limit - std::min(limit, out.size()) + 1);
        const size_t n = std::fread(buf, 1, room, f);
        if (n == 0) break;
        if (limit != SIZE_MAX && out.size() + n > limit) {
            // the limit plus one byte: enough to know, and nothing more is read
            out.clear();
            out.shrink_to_fit();
            err = tooLargeMessage(path, limit);
            return done(ReadStatus::TooLarge);
        }
        // grow by doubling, but never past the limit (a stream of unknown length)
        if (out.size() + n > out.capacity())
            out.reserve(std::min(limit == SIZE_MAX ? SIZE_MAX : limit + 1, std::max(out.capacity() * 2, size_t(1) << 20)));
        out.append(buf, n);
    }
    if (std::ferror(f)) {
        err = path + ": cannot be read (" + std::strerror(errno) + ")";
        return done(ReadStatus::Failed);
    }
    return done(ReadStatus::Ok);
}

bool readFile(const std::string& path, std::string& out, std::string& err) {
    return readInput(path, out, err, SIZE_MAX) == ReadStatus::Ok;
}

std::string tooLargeMessage(const std::string& path, size_t limit) {
    (void)path;
    return "text too large: more than " + std::to_string(limit) + " bytes of input (the limit for one file or --jsonl line: a " +
           std::to_string(kDefaultMaxBytes >> 20) + " MB text with room for markup); nothing past it was read";
}

// [SECTION] Writing

bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) {
            errno = EIO;
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

namespace {
bool g_stdoutFailed = false;
} // namespace

void stdoutFailed() {
    if (g_stdoutFailed) return;
    g_stdoutFailed = true;
    say(std::string("whosaid: stdout: cannot be written (") + std::strerror(errno ? errno : EIO) + "); stopped");
}

bool stdoutHasFailed() { return g_stdoutFailed; }

int finishStdout(int code) {
    if (!g_stdoutFailed && (std::fflush(stdout) != 0 || std::ferror(stdout))) stdoutFailed();
    const bool closed = std::fclose(stdout) == 0;
    if (!closed && !g_stdoutFailed) stdoutFailed();
    return g_stdoutFailed ? std::max(code, 3) : code;
}

namespace {

constexpr const char* kTempMark = ".whosaid-";
constexpr const char* kTempEnd = ".tmp";

// ".NAME.whosaid-PID.tmp" beside `path`: hidden, and telling which run made it.
std::string tempNameFor(const std::string& path) {
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + kTempMark + std::to_string(static_cast<long>(getpid())) + kTempEnd;
}

} // namespace

bool writeFileAtomically(const std::string& path, std::string_view content, std::string& err) {
    const std::string tmp = tempNameFor(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        err = path + ": cannot be written (" + std::strerror(errno) + ")";
        return false;
    }
    bool ok = writeAll(fd, content);
    int saved = errno;
    if (::close(fd) != 0 && ok) ok = false, saved = errno;
    if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) ok = false, saved = errno;
    if (!ok) {
        ::unlink(tmp.c_str());
        err = path + ": cannot be written (" + std::strerror(saved) + ")";
    }
    return ok;
}

size_t removeStaleTemporaries(const std::string& dir) {
    size_t removed = 0;
    DIR* d = ::opendir(dir.c_str());
    if (!d) return 0;
    const std::string mark = kTempMark, end = kTempEnd;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() < 2 || name[0] != '.' || name.size() < end.size() || name.compare(name.size() - end.size(), end.size(), end) != 0)
            continue;
        const size_t at = name.rfind(mark);
        if (at == std::string::npos) continue;
        const std::string pid = name.substr(at + mark.size(), name.size() - end.size() - at - mark.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) continue;
        const long p = std::atol(pid.c_str());
#ifndef __EMSCRIPTEN__
        // a run that is still going (another whosaid writing here) keeps its files
        if (p == static_cast<long>(getpid()) || ::kill(static_cast<pid_t>(p), 0) == 0 || errno != ESRCH) continue;
#else
        if (p == static_cast<long>(getpid())) continue;
#endif
        if (::unlink((dir + "/" + name).c_str()) == 0) ++removed;
    }
    ::closedir(d);
    return removed;
}

// [SECTION] Messages

std::string terminalSafe(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    auto hexByte = [&](unsigned char c) {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    };
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) {
            hexByte(c);
            ++i;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        // a well-formed UTF-8 sequence is kept, but for C1 controls (U+0080..U+009F:
        // CSI is U+009B), line and paragraph separators and the bidi overrides;
        // a byte that starts no well-formed sequence is shown as \xNN
        const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        char32_t cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0F : c & 0x1F;
        bool ok = len > 0 && c <= 0xF4 && i + len <= s.size();
        for (size_t k = 1; ok && k < len; ++k) {
            const unsigned char b = static_cast<unsigned char>(s[i + k]);
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        ok = ok && !(len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
        if (!ok) {
            hexByte(c);
            ++i;
            continue;
        }
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069)) {
            char u[8];
            std::snprintf(u, sizeof u, "\\u%04x", static_cast<unsigned>(cp));
            out += u;
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

void sayf(const char* format, ...) {
    std::va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string s(n > 0 ? static_cast<size_t>(n) : 0, '\0');
    if (n > 0) std::vsnprintf(s.data(), s.size() + 1, format, again);
    va_end(again);
    std::string out;
    for (size_t at = 0; at <= s.size();) {
        const size_t nl = s.find('\n', at);
        out += terminalSafe(std::string_view(s).substr(at, nl == std::string::npos ? std::string::npos : nl - at));
        if (nl == std::string::npos) break;
        out += '\n';
        at = nl + 1;
    }
    (void)writeAll(STDERR_FILENO, out);
}

void say(std::string_view message) {
    const std::string line = terminalSafe(message) + '\n';
    (void)writeAll(STDERR_FILENO, line);
}

} // namespace whosaid::cli
