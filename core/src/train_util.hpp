// Private: what the trainers share: timestamped progress lines and a shuffle
// that gives the same order on every platform.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace whosaid {

// printf-style progress to an optional callback, each line prefixed with the
// seconds since the logger was made.
struct TrainLogger {
    const std::function<void(const std::string&)>& fn;
    std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
    template <class... A>
    void operator()(const char* fmt, A... a) const {
        if (!fn) return;
        char buf[512];
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        int k = std::snprintf(buf, sizeof buf, "[%6.1fs] ", s);
        std::snprintf(buf + k, sizeof buf - k, fmt, a...);
        fn(buf);
    }
};

// Deterministic shuffle (std::shuffle's algorithm differs between libraries).
template <class T>
void deterministicShuffle(std::vector<T>& v, std::mt19937& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

} // namespace whosaid
