// Word wrap over ImGui font metrics, right-to-left paragraphs, CJK breaks.
// Paragraph breaks ("\n\n") add a little more than half a line.
#include "layout.hpp"

#include <algorithm>

#include "whosaid/text.hpp"

namespace whosaid::web {

// [SECTION] Character classes

bool isRtlChar(char32_t c) {
    if (c < 0x0590) return false;
    if (c <= 0x08FF) return !(c >= 0x0660 && c <= 0x0669) && !(c >= 0x06F0 && c <= 0x06F9);  // digits are not strong
    if (c >= 0xFB1D && c <= 0xFDFF) return true;
    if (c >= 0xFE70 && c <= 0xFEFE) return true;
    return (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

bool needsShaping(char32_t c) {
    if (c < 0x0300) return false;
    if (c <= 0x036F) return true;  // combining marks
    if (isRtlChar(c)) return true;
    if ((c >= 0x0483 && c <= 0x0489) || (c >= 0x0900 && c <= 0x0FFF) || (c >= 0x1000 && c <= 0x109F)) return true;  // Indic, Thai, Lao, Tibetan, Myanmar
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x1780 && c <= 0x18AF) || (c >= 0x1AB0 && c <= 0x1B7F) || (c >= 0x1DC0 && c <= 0x1DFF)) return true;
    if (c == 0x200C || c == 0x200D || (c >= 0x20D0 && c <= 0x20FF)) return true;  // joiners, combining marks for symbols (keycap)
    if ((c >= 0xA800 && c <= 0xAAFF) || (c >= 0xABC0 && c <= 0xABFF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF)) return true;
    if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F)) return true;  // variation selectors, half marks
    if (c >= 0x11000 && c <= 0x11FFF) return true;                                     // Brahmi and other Indic
    if ((c >= 0x1F1E6 && c <= 0x1F1FF) || (c >= 0x1F3FB && c <= 0x1F3FF)) return true;  // flags, skin tones
    return (c >= 0xE0020 && c <= 0xE007F) || (c >= 0xE0100 && c <= 0xE01EF);          // emoji tags, variation selectors
}

bool isCjkBreak(char32_t c) {
    if (c < 0x2E80) return false;
    if (c <= 0x312F || (c >= 0x3190 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) return true;
    if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF)) return true;
    if (c >= 0x1F300 && c <= 0x1FAFF) return true;  // emoji break like ideographs
    return c >= 0x20000 && c <= 0x3FFFF;
}

bool isDefaultIgnorable(char32_t c) {
    return c == 0xAD || c == 0x34F || c == 0x61C || (c >= 0x115F && c <= 0x1160) || (c >= 0x17B4 && c <= 0x17B5) ||
           (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
           (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

namespace {

float measure(ImFont* font, float size, std::string_view s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.f, s.data(), s.data() + s.size()).x;
}

// White space that separates words on a line (joiners and zero-width marks stay inside words).
bool breaksWords(char32_t c) {
    return isSpace(c) && c != 0x200B && c != 0x200C && c != 0x200D && c != 0x2060 && c != 0xFEFF;
}

// CJK closing punctuation and the long-vowel mark do not start a line.
bool noBreakBefore(char32_t c) {
    switch (c) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B:
    case 0x300D: case 0x300F: case 0xFF09: case 0x3009: case 0x300B: case 0x3011: case 0x3015: case 0x30FC:
    case 0xFF5D: case 0xFF3D: case 0x2019: case 0x201D: case 0x30FB:
        return true;
    default:
        return false;
    }
}

enum class Dir : uint8_t { Neutral, Ltr, Rtl, Number };

// The paragraph from byte i on is right-to-left when its first strong character is.
bool paragraphIsRtl(std::string_view text, size_t i) {
    while (i < text.size() && text[i] != '\n') {
        int len = 1;
        const char32_t c = decodeAt(text, i, len);
        if (isRtlChar(c)) return true;
        if (isLetter(c) || isCjkBreak(c) || (c >= 0x0900 && !isSpace(c) && !isDefaultIgnorable(c) && c < 0x2000)) return false;
        i += len;
    }
    return false;
}

struct Pending {
    uint32_t begin, end;
    float width;
    bool spaceBefore;
    uint8_t flags;
    Dir dir;
};

} // namespace

void TextLayout::build(std::string_view text, ImFont* font, float size, float wrapWidth, float spacing, const Measure& measureWord) {
    m_text = text;
    m_font = font;
    m_size = size;
    m_wrap = wrapWidth;
    m_spacing = spacing;
    m_lineHeight = size * spacing;
    m_gap = std::max(0.f, m_lineHeight - size * 1.3f);
    m_runs.clear();
    m_lines.clear();
    const float space = measure(font, size, " ");
    const float paragraphGap = m_lineHeight * 0.6f;

    std::vector<Pending> line;
    std::vector<size_t> order;
    std::vector<int> level;
    std::vector<float> xs;
    bool rtl = paragraphIsRtl(text, 0);
    float x = 0, y = 0;
    m_lines.push_back({0, 0, 0, rtl});

    // Places the words of the finished line in visual order and stores them in logical order.
    auto place = [&]() {
        const size_t n = line.size();
        if (n == 0) return;
        level.assign(n, 0);
        const int base = rtl ? 1 : 0;
        for (size_t k = 0; k < n; ++k) {
            switch (line[k].dir) {
            case Dir::Rtl: level[k] = 1; break;
            case Dir::Ltr: case Dir::Number: level[k] = rtl ? 2 : 0; break;
            case Dir::Neutral: level[k] = -1; break;
            }
        }
        // Neutral words take the level of their strong neighbours when both agree, else the paragraph's.
        for (size_t k = 0; k < n; ++k) {
            if (level[k] != -1) continue;
            int before = base, after = base;
            for (size_t p = k; p-- > 0;) if (level[p] != -1) { before = level[p]; break; }
            for (size_t q = k + 1; q < n; ++q) if (level[q] != -1) { after = level[q]; break; }
            level[k] = before == after ? before : base;
        }
        order.resize(n);
        for (size_t k = 0; k < n; ++k) order[k] = k;
        bool mixed = false;
        for (size_t k = 0; k < n && !mixed; ++k) mixed = level[k] != 0;
        for (int lv : {2, 1}) {
            if (!mixed) break;  // all left to right: nothing to reverse
            for (size_t k = 0; k < n;) {
                if (level[order[k]] < lv) { ++k; continue; }
                size_t e = k;
                while (e < n && level[order[e]] >= lv) ++e;
                std::reverse(order.begin() + static_cast<long>(k), order.begin() + static_cast<long>(e));
                k = e;
            }
        }
        auto gapBetween = [&](size_t a, size_t b) {  // a and b visually next to each other
            const size_t later = std::max(a, b);
            if (a + 1 == b || b + 1 == a) return line[later].spaceBefore ? space : 0.f;
            return space;
        };
        float total = 0;
        for (size_t k = 0; k < n; ++k) total += line[order[k]].width + (k ? gapBetween(order[k - 1], order[k]) : 0.f);
        xs.assign(n, 0.f);
        float at = rtl ? std::max(0.f, wrapWidth - total) : 0.f;
        for (size_t k = 0; k < n; ++k) {
            if (k) at += gapBetween(order[k - 1], order[k]);
            xs[order[k]] = at;
            at += line[order[k]].width;
        }
        const uint32_t lineNo = static_cast<uint32_t>(m_lines.size() - 1);
        for (size_t k = 0; k < n; ++k) {
            const Pending& p = line[k];
            const uint8_t flags = p.flags | (p.dir == Dir::Rtl && (p.flags & LayoutRun::kImage) ? LayoutRun::kRtl : 0);
            // Ideographs placed one by one join into one run again when they touch.
            if (!m_runs.empty() && m_runs.size() > m_lines.back().firstRun && !p.spaceBefore && flags == 0 &&
                m_runs.back().flags == 0 && m_runs.back().end == p.begin && std::abs(m_runs.back().x + m_runs.back().width - xs[k]) < 0.01f) {
                m_runs.back().end = p.end;
                m_runs.back().width += p.width;
                continue;
            }
            m_runs.push_back({p.begin, p.end, xs[k], p.width, lineNo, flags});
        }
        line.clear();
    };
    auto newLine = [&](float extra) {
        place();
        m_lines.back().endRun = static_cast<uint32_t>(m_runs.size());
        y += m_lineHeight + extra;
        x = 0;
        m_lines.push_back({y, static_cast<uint32_t>(m_runs.size()), 0, rtl});
    };

    size_t i = 0;
    bool pendingSpace = false;
    while (i < text.size()) {
        int len = 1;
        const char32_t c = decodeAt(text, i, len);
        if (c == '\n') {
            // A run of line breaks: one ends the line, more add a paragraph gap.
            size_t j = i;
            int breaks = 0;
            while (j < text.size() && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t')) breaks += text[j++] == '\n';
            place();
            m_lines.back().endRun = static_cast<uint32_t>(m_runs.size());
            rtl = paragraphIsRtl(text, j);  // the new line's direction is the next paragraph's
            y += m_lineHeight + (breaks > 1 ? paragraphGap : 0.f);
            x = 0;
            m_lines.push_back({y, static_cast<uint32_t>(m_runs.size()), 0, rtl});
            i = j;
            pendingSpace = false;
            continue;
        }
        if (breaksWords(c)) { pendingSpace = true; i += len; continue; }
        // A word: up to the next white space, or just after an ideograph.
        size_t j = i;
        bool shaped = false, strongRtl = false, strongLtr = false, digits = false;
        while (j < text.size()) {
            int l = 1;
            const char32_t d = decodeAt(text, j, l);
            if (breaksWords(d) || d == '\n') break;
            shaped |= needsShaping(d);
            strongRtl |= isRtlChar(d);
            strongLtr |= isLetter(d) || isCjkBreak(d) || (d >= 0x0900 && d < 0x2000 && !isRtlChar(d));
            digits |= isDigit(d) || (d >= 0x0660 && d <= 0x0669) || (d >= 0x06F0 && d <= 0x06F9);
            j += l;
            if (isCjkBreak(d) && j < text.size()) {
                int l2 = 1;
                const char32_t next = decodeAt(text, j, l2);
                if (!needsShaping(next) && !noBreakBefore(next)) break;
            }
        }
        std::string_view word = text.substr(i, j - i);
        // A word the browser draws whole; a huge one (no spaces for pages) is drawn letter by letter.
        const bool image = shaped && measureWord && word.size() <= 256;
        const Dir dir = strongRtl ? Dir::Rtl : strongLtr ? Dir::Ltr : digits ? Dir::Number : Dir::Neutral;
        float w = image ? measureWord(word, size, strongRtl) : measure(font, size, word);
        float gap = (pendingSpace && x > 0) ? space : 0.f;
        if (x > 0 && x + gap + w > wrapWidth) { newLine(0.f); gap = 0; }
        // A word wider than the whole line is broken between characters, each
        // measured once (a pasted run of megabytes without a space stays linear).
        if (!image && w > wrapWidth && word.size() > 1) {
            const float scale = size / font->FontSize;
            size_t cut = i;
            float lineWidth = 0;
            for (size_t k = i; k < j;) {
                int l = 1;
                const char32_t ch = decodeAt(text, k, l);
                const float cw = font->GetCharAdvance(static_cast<ImWchar>(ch)) * scale;
                if (lineWidth + cw > wrapWidth && k > cut) {
                    line.push_back({static_cast<uint32_t>(cut), static_cast<uint32_t>(k), lineWidth, false, 0, dir == Dir::Rtl ? Dir::Ltr : dir});
                    newLine(0.f);
                    cut = k;
                    lineWidth = 0;
                }
                lineWidth += cw;
                k += l;
            }
            i = cut;
            w = lineWidth;
            gap = 0;
        }
        line.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), w, gap > 0, static_cast<uint8_t>(image ? LayoutRun::kImage : 0),
                        !image && dir == Dir::Rtl ? Dir::Ltr : dir});
        x += gap + w;
        i = j;
        pendingSpace = false;
    }
    place();
    m_lines.back().endRun = static_cast<uint32_t>(m_runs.size());
    m_height = y + m_lineHeight;
}

float TextLayout::measureRun(const LayoutRun& run, uint32_t b) const {
    if (b <= run.begin) return 0.f;
    if (b >= run.end) return run.width;
    if (run.flags & LayoutRun::kImage) {
        // The browser shapes the word as a whole: a share of its width per character.
        const std::string_view all = m_text.substr(run.begin, run.end - run.begin);
        const uint32_t total = countCodepoints(all), before = countCodepoints(m_text.substr(run.begin, b - run.begin));
        return total ? run.width * static_cast<float>(before) / static_cast<float>(total) : 0.f;
    }
    return measure(m_font, m_size, m_text.substr(run.begin, b - run.begin));
}

float TextLayout::xAt(const LayoutRun& run, uint32_t b) const {
    b = std::clamp(b, run.begin, run.end);
    const float w = measureRun(run, b);
    return (run.flags & LayoutRun::kRtl) ? run.x + run.width - w : run.x + w;
}

size_t TextLayout::runAt(uint32_t b) const {
    auto it = std::upper_bound(m_runs.begin(), m_runs.end(), b, [](uint32_t v, const LayoutRun& r) { return v < r.end; });
    return static_cast<size_t>(it - m_runs.begin());
}

std::vector<ImRect> TextLayout::spanRects(uint32_t begin, uint32_t end) const {
    std::vector<ImRect> out;
    const float reach = m_size * 0.6f;  // how far apart two pieces of one span may be and still join
    size_t prev = SIZE_MAX;
    for (size_t r = runAt(begin); r < m_runs.size() && m_runs[r].begin < end; ++r) {
        const LayoutRun& run = m_runs[r];
        const float xa = xAt(run, std::max(begin, run.begin)), xb = xAt(run, std::min(end, run.end));
        const float x0 = std::min(xa, xb), x1 = std::max(xa, xb);
        const float y = m_lines[run.line].y + m_gap;
        if (!out.empty() && prev + 1 == r && m_runs[prev].line == run.line && x0 <= out.back().Max.x + reach &&
            x1 >= out.back().Min.x - reach) {
            // words of one span on one line, spaces included
            out.back().Min.x = std::min(out.back().Min.x, x0);
            out.back().Max.x = std::max(out.back().Max.x, x1);
        } else {
            out.push_back(ImRect(x0, y, x1, y + textHeight()));
        }
        prev = r;
    }
    return out;
}

int64_t TextLayout::hitTest(ImVec2 p, bool nearest) const {
    if (m_lines.empty() || m_runs.empty()) return -1;
    size_t l = 0;
    {
        auto [l0, l1] = visibleLines(p.y, p.y + 0.01f);
        l = l0;
        bool found = false;
        for (size_t k = l0; k < l1; ++k)
            if (p.y >= m_lines[k].y && p.y < m_lines[k].y + m_lineHeight) { l = k; found = true; break; }
        if (!found) {
            if (!nearest) return -1;
            if (p.y < 0) l = 0;
            else l = std::min(l, m_lines.size() - 1);
            // a point between two paragraphs: the line above it
            while (l > 0 && m_lines[l].y > p.y) --l;
        }
    }
    const LayoutLine& line = m_lines[l];
    const LayoutRun* best = nullptr;
    float bestDist = FLT_MAX;
    for (uint32_t r = line.firstRun; r < line.endRun; ++r) {
        const LayoutRun& run = m_runs[r];
        if (p.x >= run.x && p.x < run.x + run.width) {
            if (run.flags & LayoutRun::kImage) {
                float f = run.width > 0 ? (p.x - run.x) / run.width : 0.f;
                if (run.flags & LayoutRun::kRtl) f = 1.f - f;
                const std::string_view word = m_text.substr(run.begin, run.end - run.begin);
                const uint32_t total = countCodepoints(word), want = std::min(total - 1, static_cast<uint32_t>(f * total));
                uint32_t b = run.begin;
                for (uint32_t k = 0; k < want; ++k) {
                    int len = 1;
                    decodeAt(m_text, b, len);
                    b += len;
                }
                return b;
            }
            uint32_t b = run.begin;
            while (b < run.end) {
                int len = 1;
                decodeAt(m_text, b, len);
                if (xAt(run, b + len) > p.x) return b;
                b += len;
            }
            return run.end - 1;
        }
        const float d = p.x < run.x ? run.x - p.x : p.x - (run.x + run.width);
        if (d < bestDist) { bestDist = d; best = &run; }
    }
    if (!nearest || !best) return -1;
    const bool right = p.x >= best->x + best->width;
    const bool atEnd = (best->flags & LayoutRun::kRtl) ? !right : right;
    if (!atEnd) return best->begin;
    uint32_t b = best->end;
    // the last character of the run
    do { --b; } while (b > best->begin && (static_cast<unsigned char>(m_text[b]) & 0xC0) == 0x80);
    return b;
}

std::pair<size_t, size_t> TextLayout::visibleLines(float y0, float y1) const {
    auto first = std::upper_bound(m_lines.begin(), m_lines.end(), y0 - m_lineHeight,
                                  [](float v, const LayoutLine& l) { return v < l.y; });
    auto last = std::lower_bound(first, m_lines.end(), y1, [](const LayoutLine& l, float v) { return l.y < v; });
    return {static_cast<size_t>(first - m_lines.begin()), static_cast<size_t>(last - m_lines.begin())};
}

} // namespace whosaid::web
