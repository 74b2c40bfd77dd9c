// File input for the CLI's commands: the one place that opens files for reading.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "commands.hpp"

namespace whosaid::cli {

bool readFile(const std::string& path, std::string& out, std::string& err) {
    FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        err = path + ": cannot be opened for reading (" + std::strerror(errno) + ")";
        return false;
    }
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    const bool bad = std::ferror(f);
    if (f != stdin) std::fclose(f);
    if (bad) err = path + ": read error";
    return !bad;
}

} // namespace whosaid::cli
