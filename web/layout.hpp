// web/layout.hpp — our own text layout for the article view.
//
// Breaks the article into words placed on wrapped lines with ImGui's font
// metrics, so that highlights, underlines and links can be drawn behind exact
// byte spans. Each line box has a free band above its text (gap()) where the
// links run, so that they never cross words. The layout is rebuilt only when
// the text, font size, spacing or width changes; drawing looks up visible
// lines by binary search.
//
// Scripts: a paragraph whose first strong character is Hebrew or Arabic
// (or another right-to-left script) is right-to-left: its lines are right-
// aligned and its words placed right to left, left-to-right words (names,
// numbers) keeping their order inside it (the Unicode bidi algorithm at word
// granularity). Words that need shaping (Arabic joining, Indic conjuncts,
// combining marks, emoji sequences) are flagged kImage: the page has the
// browser draw them whole, and `measure` gives their width. CJK text breaks
// between any two ideographs or kana.
//
// Usage:
//   TextLayout lay;
//   lay.build(doc.text, ImGui::GetFont(), fontSize, wrapWidth, 1.6f, measureWord);
//   for (const ImRect& r : lay.spanRects(span.begin, span.end)) ...
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // ImRect

namespace whosaid::web {

// A run of non-space text placed at (x, y) relative to the layout's origin.
struct LayoutRun {
    uint32_t begin = 0, end = 0;  // UTF-8 bytes into the text
    float x = 0, width = 0;       // visual left edge and width
    uint32_t line = 0;
    uint8_t flags = 0;            // kImage, kRtl
    static constexpr uint8_t kImage = 1;  // drawn whole by the browser (shaping)
    static constexpr uint8_t kRtl = 2;    // its characters run right to left
};

struct LayoutLine {
    float y = 0;                  // top of the line box
    uint32_t firstRun = 0, endRun = 0;
    bool rtl = false;             // in a right-to-left paragraph
};

// Character classes the layout uses (exposed for the page's glyph cache and tests).
bool isRtlChar(char32_t c);          // strong right-to-left (Hebrew, Arabic, Syriac, Thaana, N'Ko...)
bool needsShaping(char32_t c);       // a word with it is drawn whole: joining, conjuncts, marks, emoji sequences
bool isCjkBreak(char32_t c);         // a line may break after it without a space
bool isDefaultIgnorable(char32_t c); // drawn as nothing (joiners, variation selectors, BOM)

class TextLayout {
public:
    // Width of a kImage word (text, size in pixels, right to left) as the browser draws it.
    using Measure = std::function<float(std::string_view, float, bool)>;

    // Lays out `text` (valid UTF-8) with `font` at `size` pixels, wrapping at
    // `wrapWidth`; line boxes are `spacing` × size tall.
    void build(std::string_view text, ImFont* font, float size, float wrapWidth, float spacing = 1.6f,
               const Measure& measure = {});

    // Rectangles (relative to the origin) covering the text of bytes [begin, end),
    // one per line touched (more where a line mixes directions).
    std::vector<ImRect> spanRects(uint32_t begin, uint32_t end) const;
    // The x offset of byte `b` (b inside [run.begin, run.end]): its left edge, or
    // for a right-to-left run its right edge.
    float xAt(const LayoutRun& run, uint32_t b) const;
    // Index of the run holding byte `b`, or the nearest run after it; runs().size() if none.
    size_t runAt(uint32_t b) const;
    // Byte offset under point p (relative to the origin), or -1. With `nearest`,
    // a point beside the words of a line gives the closest character on it.
    int64_t hitTest(ImVec2 p, bool nearest = false) const;

    // Lines whose vertical extent overlaps [y0, y1).
    std::pair<size_t, size_t> visibleLines(float y0, float y1) const;

    const std::vector<LayoutRun>& runs() const { return m_runs; }
    const std::vector<LayoutLine>& lines() const { return m_lines; }
    float lineHeight() const { return m_lineHeight; }
    float gap() const { return m_gap; }              // the free band at the top of each line box
    float textHeight() const { return m_lineHeight - m_gap; }
    float height() const { return m_height; }
    float size() const { return m_size; }
    bool valid(std::string_view text, const ImFont* font, float size, float wrapWidth, float spacing) const {
        return m_text.data() == text.data() && m_text.size() == text.size() && m_font == font && m_size == size &&
               m_wrap == wrapWidth && m_spacing == spacing;
    }

private:
    float measureRun(const LayoutRun& run, uint32_t b) const;  // width of [run.begin, b)
    std::string_view m_text;
    ImFont* m_font = nullptr;
    float m_size = 0, m_wrap = 0, m_spacing = 0, m_lineHeight = 0, m_gap = 0, m_height = 0;
    std::vector<LayoutRun> m_runs;
    std::vector<LayoutLine> m_lines;
};

} // namespace whosaid::web
