// web/layout.hpp — our own text layout for the article view.
//
// Breaks the article into words placed on wrapped lines with ImGui's font
// metrics, so that highlights, underlines and links can be drawn behind exact
// byte spans. The layout is rebuilt only when the text, font size or width
// changes; drawing looks up visible lines by binary search.
//
// Usage:
//   TextLayout lay;
//   lay.build(doc.text, ImGui::GetFont(), fontSize, wrapWidth);
//   for (const ImRect& r : lay.spanRects(span.begin, span.end)) ...
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // ImRect

namespace whosaid::web {

// A run of non-space text placed at (x, y) relative to the layout's origin.
struct LayoutRun {
    uint32_t begin = 0, end = 0;  // UTF-8 bytes into the text
    float x = 0, width = 0;
    uint32_t line = 0;
};

struct LayoutLine {
    float y = 0;                  // top of the line
    uint32_t firstRun = 0, endRun = 0;
};

class TextLayout {
public:
    // Lays out `text` (valid UTF-8) with `font` at `size` pixels, wrapping at `wrapWidth`.
    void build(std::string_view text, ImFont* font, float size, float wrapWidth);

    // Rectangles (relative to the origin) covering bytes [begin, end), one per line touched.
    std::vector<ImRect> spanRects(uint32_t begin, uint32_t end) const;
    // The x offset within a run of byte `b` (b inside [run.begin, run.end]).
    float xAt(const LayoutRun& run, uint32_t b) const;
    // Index of the run holding byte `b`, or the nearest run after it; runs().size() if none.
    size_t runAt(uint32_t b) const;
    // Byte offset under point p (relative to the origin), or -1.
    int64_t hitTest(ImVec2 p) const;

    // Lines whose vertical extent overlaps [y0, y1).
    std::pair<size_t, size_t> visibleLines(float y0, float y1) const;

    const std::vector<LayoutRun>& runs() const { return m_runs; }
    const std::vector<LayoutLine>& lines() const { return m_lines; }
    float lineHeight() const { return m_lineHeight; }
    float height() const { return m_height; }
    bool valid(std::string_view text, float size, float wrapWidth) const {
        return m_text.data() == text.data() && m_text.size() == text.size() && m_size == size && m_wrap == wrapWidth;
    }

private:
    std::string_view m_text;
    ImFont* m_font = nullptr;
    float m_size = 0, m_wrap = 0, m_lineHeight = 0, m_height = 0;
    std::vector<LayoutRun> m_runs;
    std::vector<LayoutLine> m_lines;
};

} // namespace whosaid::web
