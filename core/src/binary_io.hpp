// Private: little-endian writing and bounded reading of the trained models'
// files (ner.bin, syntax.bin), and the FNV-1a checksum that closes them.
//
// Usage:
//   ByteWriter w;  w.u32(kMagic);  w.f32(scale);  ...  w.u32(modelChecksum(w.out));
//   ByteReader r{bytes};  uint32_t n = r.count(4, "rows");  if (!r.error.empty()) fail(r.error);
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace whosaid {

inline uint32_t modelChecksum(std::string_view s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

struct ByteWriter {
    std::string out;
    void u32(uint32_t v) { for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i))); }
    void u16(uint16_t v) { out.push_back(static_cast<char>(v)); out.push_back(static_cast<char>(v >> 8)); }
    void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
    void f32(float f) { uint32_t v; std::memcpy(&v, &f, 4); u32(v); }
    void bytes(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
    // LEB128: 7 bits a byte, low first (small numbers, such as the gaps between
    // sorted keys, take one or two bytes).
    void varint(uint32_t v) {
        while (v >= 0x80) { out.push_back(static_cast<char>((v & 0x7F) | 0x80)); v >>= 7; }
        out.push_back(static_cast<char>(v));
    }
    // Overwrites 4 bytes at `at` (a size field written as 0 first).
    void patch32(size_t at, uint32_t v) { for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>(v >> (8 * i)); }
};

// Every read checks the remaining size; the first failure sets `error`
// ("model: truncated in section X") and later reads return 0.
struct ByteReader {
    std::string_view in;
    size_t pos = 0;
    std::string error;
    bool need(size_t n, const char* what) {
        if (!error.empty()) return false;
        if (in.size() - pos < n) {
            error = std::string("model: truncated in section ") + what;
            return false;
        }
        return true;
    }
    uint32_t u32(const char* what) {
        if (!need(4, what)) return 0;
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(in[pos + i])) << (8 * i);
        pos += 4;
        return v;
    }
    uint16_t u16(const char* what) {
        if (!need(2, what)) return 0;
        const uint16_t v = static_cast<uint16_t>(static_cast<unsigned char>(in[pos]) |
                                                 (static_cast<unsigned char>(in[pos + 1]) << 8));
        pos += 2;
        return v;
    }
    uint8_t u8(const char* what) {
        if (!need(1, what)) return 0;
        return static_cast<uint8_t>(in[pos++]);
    }
    uint32_t varint(const char* what) {
        uint32_t v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!need(1, what)) return 0;
            const uint8_t b = static_cast<uint8_t>(in[pos++]);
            v |= static_cast<uint32_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        error = std::string("model: a number too long in section ") + what;
        return 0;
    }
    float f32(const char* what) {
        const uint32_t v = u32(what);
        float f;
        std::memcpy(&f, &v, 4);
        return f;
    }
    // Copies n raw bytes into `to` (zeros after a failure).
    void bytes(void* to, size_t n, const char* what) {
        if (!need(n, what)) { std::memset(to, 0, n); return; }
        std::memcpy(to, in.data() + pos, n);
        pos += n;
    }
    // A count that must fit the remaining bytes at `each` bytes per item.
    uint32_t count(size_t each, const char* what) {
        const uint32_t n = u32(what);
        if (error.empty() && static_cast<uint64_t>(n) * each > in.size() - pos)
            error = std::string("model: truncated in section ") + what;
        return error.empty() ? n : 0;
    }
};

} // namespace whosaid
