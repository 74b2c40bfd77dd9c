// The glyph cache: a shelf packer in room kept free in ImGui's atlas, and one
// for whole words in a texture of their own.
#include "glyphs.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "layout.hpp"
#include "whosaid/text.hpp"

namespace whosaid::web {

void GlyphCache::reserve(ImFontAtlas* atlas) {
    m_atlas = atlas;
    if (m_reset) {
        m_full = false;  // the same room, emptied (built() adds nothing back)
    } else if (m_full) {
        // none → 512×256 → 1016×512 → 2040×512 → 2040×1024 (narrower than the
        // atlas by ImGui's padding: a room as wide as the atlas is never placed)
        if (m_roomW == 0) m_roomW = 512, m_roomH = 256;
        else if (m_roomW < 1016) m_roomW = 1016, m_roomH = 512;
        else if (m_roomW < kMaxRoomW) m_roomW = kMaxRoomW;
        else m_roomH = kMaxRoomH;
        m_full = false;
    }
    m_rect = -1;
    if (m_roomW == 0) return;
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    // The atlas is wider than the room by ImGui's padding, else the room is never placed.
    atlas->TexDesiredWidth = m_roomW > 1016 ? 2048 : 1024;
    m_rect = atlas->AddCustomRectRegular(m_roomW, m_roomH);
}

void GlyphCache::built(std::vector<ImFont*> fonts, unsigned texture) {
    m_fonts = std::move(fonts);
    ImFont* font = m_fonts.empty() ? nullptr : m_fonts.front();
    m_font = font;
    m_texture = texture;
    m_shelfX = m_shelfY = m_shelfH = 0;
    m_full = false;
    m_dropped = 0;
    m_calibrated = false;
    m_widths.clear();
    clearWords();
    if (m_rect >= 0 && !m_atlas->GetCustomRectByIndex(m_rect)->IsPacked()) m_rect = -1;  // (no room: asks for more)
    if (!font || m_rect < 0 || !hasBackend()) return;
    // Glyphs added for an atlas of another size or resolution: drawn again
    // (after a reset, only those the article shown needs, through ensure()).
    std::vector<char32_t> again;
    again.swap(m_codepoints);
    if (m_reset) {
        m_reset = false;
        m_resetDone = true;
        again.clear();
    }
    for (char32_t c : again) add(c);
    if (!again.empty())
        for (ImFont* f : m_fonts) f->BuildLookupTable();
}

// The same letters, measured by ImGui and by the browser at the same size, give
// the size at which the browser draws as big as ImGui does (0.86 for DejaVu
// Sans: ImGui sizes a font by its line, CSS by its em). Done the first time the
// browser is asked to draw, not before: its text machinery takes a while to wake.
void GlyphCache::calibrate() {
    if (m_calibrated || !m_font || !m_backend.measure) return;
    m_calibrated = true;
    const char* probe = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const float ours = m_font->CalcTextSizeA(m_font->FontSize, FLT_MAX, 0.f, probe).x;
    const float theirs = m_backend.measure(probe, m_font->FontSize, false);
    m_em = ours > 0 && theirs > 0 ? std::clamp(ours / theirs, 0.5f, 1.5f) : 1.f;
}

bool GlyphCache::place(int w, int h, int& x, int& y) {
    const ImFontAtlasCustomRect* room = m_atlas->GetCustomRectByIndex(m_rect);
    if (w > m_roomW || h > m_roomH) return false;
    if (m_shelfX + w > m_roomW) {
        m_shelfY += m_shelfH + 1;
        m_shelfX = 0;
        m_shelfH = 0;
    }
    if (m_shelfY + h > m_roomH) return false;
    x = room->X + m_shelfX;
    y = room->Y + m_shelfY;
    m_shelfX += w + 1;
    m_shelfH = std::max(m_shelfH, h);
    return true;
}

std::vector<int> GlyphCache::roomRect() const {
    if (!m_atlas || m_rect < 0) return {};
    const ImFontAtlasCustomRect* room = m_atlas->GetCustomRectByIndex(m_rect);
    return {room->X, room->Y, m_roomW, m_roomH, m_atlas->TexWidth, m_atlas->TexHeight};
}

bool GlyphCache::lacks(char32_t c) const {
    for (ImFont* f : m_fonts)
        if (!f->FindGlyphNoFallback(static_cast<ImWchar>(c))) return true;
    return false;
}

bool GlyphCache::add(char32_t c) {
    // The browser draws it once, for the page's font; the article's font (a
    // zoom) gets the same pixels, scaled: the room holds each character once,
    // and a zoom never draws them all again at another size.
    ImFontGlyph g;
    if (const ImFontGlyph* own = m_font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
        g = *own;  // the page's font has it (Hebrew, Arabic): the article's font does not
    } else {
        if (!addTo(m_font, c)) return false;
        g = m_font->Glyphs.back();
        m_codepoints.push_back(c);
    }
    for (ImFont* f : m_fonts) {
        if (f == m_font || f->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
        const float s = f->FontSize / m_font->FontSize, dy = f->Ascent - m_font->Ascent * s;
        f->AddGlyph(nullptr, static_cast<ImWchar>(c), g.X0 * s, g.Y0 * s + dy, g.X1 * s, g.Y1 * s + dy, g.U0, g.V0, g.U1, g.V1,
                    g.AdvanceX * s);
        f->Glyphs.back().Colored = g.Colored;
    }
    return true;
}

bool GlyphCache::addTo(ImFont* font, char32_t c) {
    const float texW = static_cast<float>(m_atlas->TexWidth), texH = static_cast<float>(m_atlas->TexHeight);
    const ImVec2 white = m_atlas->TexUvWhitePixel;
    if (isDefaultIgnorable(c) || c < 0x20 || (c >= 0x7F && c < 0xA0)) {
        // drawn as nothing, never as the replacement character
        font->AddGlyph(nullptr, static_cast<ImWchar>(c), 0, 0, 0, 0, white.x, white.y, white.x, white.y, 0.f);
        return true;
    }
    if (m_rect < 0) {
        m_full = true;  // no room yet: the next frame builds the atlas with some
        ++m_dropped;
        return false;
    }
    calibrate();
    std::string s;
    appendUtf8(s, c);
    Raster r;
    if (!m_backend.raster(s, font->FontSize * m_em, isRtlChar(c), 0, r) || r.w <= 0 || r.h <= 0) {
        font->AddGlyph(nullptr, static_cast<ImWchar>(c), 0, 0, 0, 0, white.x, white.y, white.x, white.y, std::max(0.f, r.advance));
        return true;
    }
    int x = 0, y = 0;
    if (!place(r.w, r.h, x, y)) {
        m_full = true;
        ++m_dropped;
        return false;
    }
    m_backend.upload(m_texture, x, y, r.w, r.h, r.rgba.data());
    const float x0 = -r.left, y0 = font->Ascent - r.ascent;
    font->AddGlyph(nullptr, static_cast<ImWchar>(c), x0, y0, x0 + r.w, y0 + r.h, x / texW, y / texH, (x + r.w) / texW,
                   (y + r.h) / texH, r.advance);
    font->Glyphs.back().Colored = r.colored;
    return true;
}

bool GlyphCache::ensure(std::string_view text) {
    if (!m_font || !hasBackend()) return false;
    // In the order they first appear (when room runs short, the start of the article has its glyphs).
    m_missing.clear();
    std::unordered_set<char32_t> seen;
    for (size_t i = 0; i < text.size();) {
        const unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) { ++i; continue; }
        int len = 1;
        const char32_t c = decodeAt(text, i, len);
        i += len;
        if (c > IM_UNICODE_CODEPOINT_MAX || !lacks(c)) continue;
        if (seen.insert(c).second) m_missing.push_back(c);
        if (m_missing.size() > 60000) break;
    }
    const size_t before = m_codepoints.size();
    size_t dropped = 0;
    bool any = false;
    for (char32_t c : m_missing)
        if (!m_full || isDefaultIgnorable(c)) any |= add(c);
        else ++m_dropped, ++dropped;
    if (any)
        for (ImFont* f : m_fonts) f->BuildLookupTable();
    if (dropped && atMax() && before > 0 && !m_resetDone) m_reset = true;  // make room for this article
    return any;
}

// A fresh (transparent) texture rather than the old one drawn over: the
// texels around a new word would still hold pieces of old ones, and a word
// drawn between pixels blends its edge with them.
void GlyphCache::clearWords() {
    m_words.clear();
    m_wx = m_wy = m_wh = 0;
    if (m_wordTexture && m_backend.deleteTexture) {
        m_backend.deleteTexture(m_wordTexture);
        m_wordTexture = 0;
    }
}

void GlyphCache::newFrame() {
    m_budget = 48;
    m_pending = 0;
    if (m_wordsFull || m_words.size() > 20000) {
        // Words are drawn again as they come back into view.
        clearWords();
        m_wordsFull = false;
    }
    if (m_widths.size() > 200000) m_widths.clear();
}

float GlyphCache::measureWord(std::string_view text, float px, bool rtl) {
    if (!m_backend.measure) return 0.f;
    std::string key(text);
    key += '\x01';
    key += std::to_string(static_cast<int>(std::lround(px * 8)));
    key += rtl ? 'r' : 'l';
    auto it = m_widths.find(key);
    if (it != m_widths.end()) return it->second;
    calibrate();
    const float w = m_backend.measure(text, px * m_em, rtl);
    m_widths.emplace(std::move(key), w);
    return w;
}

const GlyphCache::Word* GlyphCache::word(std::string_view text, float px, bool rtl, unsigned color) {
    if (!hasBackend()) return nullptr;
    std::string key(text);
    key += '\x01';
    key += std::to_string(static_cast<int>(std::lround(px * 8)));
    key += rtl ? 'r' : 'l';
    auto it = m_words.find(key);
    if (it != m_words.end()) return &it->second;
    if (m_budget <= 0 || m_wordsFull) {
        ++m_pending;
        return nullptr;
    }
    --m_budget;
    calibrate();
    Raster r;
    if (!m_backend.raster(text, px * m_em, rtl, color, r) || r.w <= 0 || r.h <= 0) {
        return &m_words.emplace(std::move(key), Word{}).first->second;  // nothing to draw
    }
    if (!m_wordTexture) {
        m_wordSize = px > 30 ? 2048 : 1024;
        m_wordTexture = m_backend.newTexture(m_wordSize, m_wordSize);
    }
    if (r.w > m_wordSize || r.h > m_wordSize) return &m_words.emplace(std::move(key), Word{}).first->second;
    if (m_wx + r.w > m_wordSize) {
        m_wy += m_wh + 2;
        m_wx = 0;
        m_wh = 0;
    }
    if (m_wy + r.h > m_wordSize) {
        m_wordsFull = true;
        ++m_pending;
        return nullptr;
    }
    m_backend.upload(m_wordTexture, m_wx, m_wy, r.w, r.h, r.rgba.data());
    const float s = static_cast<float>(m_wordSize);
    Word w{m_wordTexture, ImVec2(m_wx / s, m_wy / s), ImVec2((m_wx + r.w) / s, (m_wy + r.h) / s),
           static_cast<float>(r.w), static_cast<float>(r.h), r.ascent, r.left};
    m_wx += r.w + 2;
    m_wh = std::max(m_wh, r.h);
    return &m_words.emplace(std::move(key), w).first->second;
}

} // namespace whosaid::web
