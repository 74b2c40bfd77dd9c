// web/glyphs.hpp — characters the page's own font lacks, drawn with the
// browser's (the system's) fonts, without growing the page.
//
// The page ships one font, DejaVu Sans (Latin, Greek, Cyrillic and more).
// For any other character an article contains (CJK, emoji in colour,
// Devanagari, ...) the cache has the browser draw it on a 2D canvas and puts
// the pixels into room kept free in ImGui's font atlas, as a glyph of the
// font: the panels, tooltips and fields draw it like any other. Words that
// need shaping (Arabic joining, Indic conjuncts, emoji sequences, combining
// marks; layout.hpp's kImage runs) are drawn whole by the browser into a
// texture of their own, for the article.
//
// Usage:
//   GlyphCache glyphs; glyphs.setBackend({...});        // platform_web.cpp
//   glyphs.reserve(io.Fonts, dpr); io.Fonts->Build(); glyphs.built(font, texture);
//   if (glyphs.ensure(doc.text)) relayout();
//   if (const auto* w = glyphs.word("مرحبا", 17 * dpr, true)) drawList->AddImage(...);
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "imgui.h"

namespace whosaid::web {

// A piece of text the browser drew: RGBA pixels, non-premultiplied.
struct Raster {
    int w = 0, h = 0;
    float advance = 0;     // pen advance, pixels
    float ascent = 0;      // from the top row to the baseline, pixels
    float left = 0;        // from the left column to the pen position, pixels
    bool colored = false;  // has colours of its own (emoji): not to be tinted
    std::vector<unsigned char> rgba;
};

// What the platform provides: drawing with the system's fonts, textures.
struct GlyphBackend {
    // Draws `text` at `px` pixels; `color` 0 draws white (tinted later), else 0xRRGGBB.
    std::function<bool(std::string_view text, float px, bool rtl, unsigned color, Raster& out)> raster;
    std::function<float(std::string_view text, float px, bool rtl)> measure;  // advance width, pixels
    std::function<unsigned(int w, int h)> newTexture;                        // blank RGBA texture
    std::function<void(unsigned texture, int x, int y, int w, int h, const unsigned char* rgba)> upload;
    std::function<void(unsigned texture)> deleteTexture;
};

class GlyphCache {
public:
    void setBackend(GlyphBackend b) { m_backend = std::move(b); }
    bool hasBackend() const { return static_cast<bool>(m_backend.raster); }

    // Before the atlas is built: keeps room in it for glyphs added later
    // (more after wantsRebuild() said it ran out).
    void reserve(ImFontAtlas* atlas);
    // After the atlas texture is made: where the room is, and the fonts that
    // get the glyphs (the page's, and the article's at its zoom if it has one).
    // The glyphs added before (another DPI, a bigger room) are drawn again.
    void built(std::vector<ImFont*> fonts, unsigned texture);
    // Adds a glyph for each code point of `text` the font lacks. True when
    // glyphs were added (layouts measured before are stale).
    bool ensure(std::string_view text);
    // The atlas needs room (the first character beyond the font), or more of
    // it: the platform builds the atlas again. A page that needs no other
    // script never pays for the room nor for the browser's text machinery.
    // At its largest and full of an earlier article's characters, the room is
    // emptied for the article shown (once: an article too big for it keeps the rest drawn as fallbacks).
    bool wantsRebuild() const { return (m_full && !atMax()) || m_reset; }
    // Another article is shown: if the room is full of the last one's characters, it may be emptied once.
    void newText() { m_resetDone = false; }
    // Code points drawn by the browser so far, and those that found no room.
    size_t added() const { return m_codepoints.size(); }
    size_t dropped() const { return m_dropped; }
    // Where the room is in the atlas and how big the atlas is (x, y, w, h, atlas w, atlas h), for tests.
    std::vector<int> roomRect() const;

    // A word the browser shapes and draws whole, in the article's text colour
    // (`color`, 0xRRGGBB). Null when this frame's budget of new words is spent:
    // draw it next frame (pending() says how many waited).
    struct Word {
        unsigned texture = 0;
        ImVec2 uv0, uv1;
        float w = 0, h = 0, ascent = 0, left = 0;  // pixels at the size asked for
    };
    const Word* word(std::string_view text, float px, bool rtl, unsigned color);
    float measureWord(std::string_view text, float px, bool rtl);
    void newFrame();               // a new budget; a full word texture is cleared
    int pending() const { return m_pending; }
    size_t words() const { return m_words.size(); }

    static constexpr int kMaxRoomW = 2040, kMaxRoomH = 1024;

private:
    bool add(char32_t c);
    bool addTo(ImFont* font, char32_t c);
    bool lacks(char32_t c) const;
    bool place(int w, int h, int& x, int& y);
    void clearWords();

    GlyphBackend m_backend;
    ImFontAtlas* m_atlas = nullptr;
    ImFont* m_font = nullptr;              // the page's font (fonts.front())
    std::vector<ImFont*> m_fonts;
    unsigned m_texture = 0;
    int m_rect = -1;                       // the custom rect kept for glyphs
    float m_em = 1.f;                      // the browser's font size for ImGui's: ImGui sizes a font by its line, CSS by its em
    int m_roomW = 0, m_roomH = 0;          // its size: none until needed, then grows up to kMaxRoom*
    bool m_calibrated = false;
    bool m_reset = false, m_resetDone = false;
    bool atMax() const { return m_roomW >= kMaxRoomW && m_roomH >= kMaxRoomH; }
    void calibrate();
    int m_shelfX = 0, m_shelfY = 0, m_shelfH = 0;
    bool m_full = false;
    size_t m_dropped = 0;
    std::vector<char32_t> m_codepoints;    // added to the font, in order
    std::vector<char32_t> m_missing;       // scratch

    // words
    unsigned m_wordTexture = 0;
    int m_wordSize = 0;                    // square texture side
    int m_wx = 0, m_wy = 0, m_wh = 0;      // shelf packer
    bool m_wordsFull = false;
    int m_budget = 0, m_pending = 0;
    std::unordered_map<std::string, Word> m_words;
    std::unordered_map<std::string, float> m_widths;
};

} // namespace whosaid::web
