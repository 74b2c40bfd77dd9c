// Word wrap over ImGui font metrics. Paragraph breaks ("\n\n") add half a line.
#include "layout.hpp"

#include <algorithm>

#include "whosaid/text.hpp"

namespace whosaid::web {

namespace {
float measure(ImFont* font, float size, std::string_view s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.f, s.data(), s.data() + s.size()).x;
}
} // namespace

void TextLayout::build(std::string_view text, ImFont* font, float size, float wrapWidth) {
    m_text = text;
    m_font = font;
    m_size = size;
    m_wrap = wrapWidth;
    m_lineHeight = size * 1.45f;
    m_runs.clear();
    m_lines.clear();
    const float space = measure(font, size, " ");
    const float paragraphGap = m_lineHeight * 0.6f;

    float x = 0, y = 0;
    m_lines.push_back({0, 0, 0});
    auto newLine = [&](float extra) {
        m_lines.back().endRun = static_cast<uint32_t>(m_runs.size());
        y += m_lineHeight + extra;
        x = 0;
        m_lines.push_back({y, static_cast<uint32_t>(m_runs.size()), 0});
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
            newLine(breaks > 1 ? paragraphGap : 0.f);
            i = j;
            pendingSpace = false;
            continue;
        }
        if (isSpace(c)) { pendingSpace = true; i += len; continue; }
        // A word: up to the next white space.
        size_t j = i;
        while (j < text.size()) {
            int l = 1;
            const char32_t d = decodeAt(text, j, l);
            if (isSpace(d)) break;
            j += l;
        }
        std::string_view word = text.substr(i, j - i);
        float w = measure(font, size, word);
        float gap = (pendingSpace && x > 0) ? space : 0.f;
        if (x > 0 && x + gap + w > wrapWidth) { newLine(0.f); gap = 0; }
        // A word wider than the whole line is broken between characters, each
        // measured once (a pasted run of megabytes without a space stays linear).
        if (w > wrapWidth && word.size() > 1) {
            const float scale = size / font->FontSize;
            size_t cut = i;
            float lineWidth = 0;
            for (size_t k = i; k < j;) {
                int l = 1;
                const char32_t c = decodeAt(text, k, l);
                const float cw = font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale;
                if (lineWidth + cw > wrapWidth && k > cut) {
                    m_runs.push_back({static_cast<uint32_t>(cut), static_cast<uint32_t>(k), 0.f, lineWidth,
                                      static_cast<uint32_t>(m_lines.size() - 1)});
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
        x += gap;
        m_runs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), x, w, static_cast<uint32_t>(m_lines.size() - 1)});
        x += w;
        i = j;
        pendingSpace = false;
    }
    m_lines.back().endRun = static_cast<uint32_t>(m_runs.size());
    m_height = y + m_lineHeight;
}

float TextLayout::xAt(const LayoutRun& run, uint32_t b) const {
    b = std::clamp(b, run.begin, run.end);
    if (b == run.begin) return run.x;
    if (b == run.end) return run.x + run.width;
    return run.x + measure(m_font, m_size, m_text.substr(run.begin, b - run.begin));
}

size_t TextLayout::runAt(uint32_t b) const {
    auto it = std::upper_bound(m_runs.begin(), m_runs.end(), b, [](uint32_t v, const LayoutRun& r) { return v < r.end; });
    return static_cast<size_t>(it - m_runs.begin());
}

std::vector<ImRect> TextLayout::spanRects(uint32_t begin, uint32_t end) const {
    std::vector<ImRect> out;
    for (size_t r = runAt(begin); r < m_runs.size() && m_runs[r].begin < end; ++r) {
        const LayoutRun& run = m_runs[r];
        const float x0 = xAt(run, begin), x1 = xAt(run, end);
        const float y = m_lines[run.line].y;
        if (!out.empty() && m_runs[r - 1].line == run.line && r > 0 && m_runs[r - 1].end <= end &&
            out.back().Min.y == y) {
            out.back().Max.x = x1;  // join words of one span on one line, spaces included
        } else {
            out.push_back(ImRect(x0, y, x1, y + m_lineHeight));
        }
    }
    return out;
}

int64_t TextLayout::hitTest(ImVec2 p) const {
    auto [l0, l1] = visibleLines(p.y, p.y + 0.01f);
    for (size_t l = l0; l < l1; ++l) {
        const LayoutLine& line = m_lines[l];
        if (p.y < line.y || p.y >= line.y + m_lineHeight) continue;
        for (uint32_t r = line.firstRun; r < line.endRun; ++r) {
            const LayoutRun& run = m_runs[r];
            if (p.x < run.x || p.x >= run.x + run.width) continue;
            // walk the characters of the run
            uint32_t b = run.begin;
            while (b < run.end) {
                int len = 1;
                decodeAt(m_text, b, len);
                if (xAt(run, b + len) > p.x) return b;
                b += len;
            }
            return run.end - 1;
        }
    }
    return -1;
}

std::pair<size_t, size_t> TextLayout::visibleLines(float y0, float y1) const {
    auto first = std::upper_bound(m_lines.begin(), m_lines.end(), y0 - m_lineHeight,
                                  [](float v, const LayoutLine& l) { return v < l.y; });
    auto last = std::lower_bound(first, m_lines.end(), y1, [](const LayoutLine& l, float v) { return l.y < v; });
    return {static_cast<size_t>(first - m_lines.begin()), static_cast<size_t>(last - m_lines.begin())};
}

} // namespace whosaid::web
