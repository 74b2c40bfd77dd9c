// The browser side: WebGL2 context, input events, the main loop and the tiny
// C surface that the page's JavaScript calls. All emscripten_* calls live here.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "imgui.h"
#include "render_webgl.hpp"
#include "whosaid/document.hpp"
#include "whosaid/text.hpp"
#include <nlohmann/json.hpp>

#include "whosaid/json.hpp"

namespace {

using whosaid::web::App;
using whosaid::web::Renderer;

App* g_app = nullptr;
Renderer g_renderer;
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
float g_dpr = 1.f;
float g_fontDpr = 0.f;
double g_lastTime = 0;
std::string g_out;  // storage for strings returned to JS

const char* kCanvas = "#canvas";

std::string readFile(const char* path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// [SECTION] Frames on demand
// The page draws a frame only when something happened: input, a change made
// from JS, or an animation (smooth scroll, a fling, words still to draw).
// Each burst of input gets a few frames more (ImGui sizes popups and settles
// hover over two or three frames), then frames stop until the next event.
// The page's JS owns the requestAnimationFrame loop (Module.requestFrame).

unsigned g_frameNo = 0;
int g_framesSinceInput = 0;
double g_wokenAt = 0;  // when the last input came (ms)
uint64_t g_lastHash = 0;
bool g_forceRender = true;

void wake() {
    g_framesSinceInput = 0;
    g_wokenAt = emscripten_get_now();
    EM_ASM({ if (Module.requestFrame) Module.requestFrame(); });
}

// [SECTION] Fonts: DejaVu Sans rasterized at the device pixel ratio for crisp
// text; any other character is drawn by the browser into room kept in the
// atlas (web/glyphs.hpp).

float g_articlePx = 0;  // the article's own font in the atlas, CSS px (0: the page's font serves)

void loadFonts(float dpr, float articlePx) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static const ImWchar ranges[] = {
        0x0020, 0x024F,  // Latin, Latin-1, Latin Extended-A/B
        0x0370, 0x03FF,  // Greek
        0x0400, 0x052F,  // Cyrillic
        0x0590, 0x05FF,  // Hebrew (panels; the article has the browser shape it)
        0x0600, 0x06FF,  // Arabic (likewise)
        0x1E00, 0x1EFF,  // Latin Extended Additional
        0x2000, 0x206F,  // punctuation: dashes, curly quotes
        0x20A0, 0x20CF,  // currency
        0x2190, 0x21FF,  // arrows
        0x2212, 0x2212,  // minus (A−)
        0x2261, 0x2261,  // ≡ (the phone's Menu)
        0x25A0, 0x25FF,  // geometric shapes (menu triangles)
        0xFFFD, 0xFFFD,  // replacement character
        0,
    };
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    ImFont* font = io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", 17.f * dpr, &cfg, ranges);
    if (!font) io.Fonts->AddFontDefault();
    g_articlePx = 0;
    if (font && articlePx > 0) {
        // The article zoomed: its text rasterized at its own size, crisp (the
        // alphabets only: right-to-left and shaped words are the browser's).
        static const ImWchar articleRanges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F,
                                                0x20A0, 0x20CF, 0x2190, 0x21FF, 0xFFFD, 0xFFFD, 0};
        ImFontConfig big;
        big.OversampleH = articlePx * dpr >= 26.f ? 1 : 2;
        big.OversampleV = 1;
        if (io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", articlePx * dpr, &big, articleRanges)) g_articlePx = articlePx;
    }
    g_app->glyphs().reserve(io.Fonts);
    io.FontGlobalScale = 1.f / dpr;
    g_fontDpr = dpr;
}

double g_atlasMs = 0, g_glyphsMs = 0;  // where the fonts' time goes (whosaid.startup)

void rebuildFonts(float dpr) {
    const double t0 = emscripten_get_now();
    g_renderer.destroyFontTexture();
    loadFonts(dpr, g_app->articleFontPx(dpr));
    g_renderer.createFontTexture();
    const double t1 = emscripten_get_now();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    std::vector<ImFont*> fonts(atlas->Fonts.begin(), atlas->Fonts.end());
    g_app->glyphs().built(fonts, g_renderer.fontTexture());
    g_app->setArticleFont(fonts.size() > 1 ? fonts[1] : nullptr, g_articlePx);
    g_app->fontsChanged();
    g_atlasMs += t1 - t0;
    g_glyphsMs += emscripten_get_now() - t1;
}

// The browser draws text the page's font lacks (Module.raster in shell.html).
void setupGlyphBackend() {
    whosaid::web::GlyphBackend b;
    b.raster = [](std::string_view text, float px, bool rtl, unsigned color, whosaid::web::Raster& out) {
        static float metrics[8];
        const std::string s(text);
        const int bytes = EM_ASM_INT({ return Module.raster ? Module.raster(UTF8ToString($0), $1, $2, $3, $4) : 0; },
                                     s.c_str(), px, rtl ? 1 : 0, color, metrics);
        out.w = static_cast<int>(metrics[0]);
        out.h = static_cast<int>(metrics[1]);
        out.advance = metrics[2];
        out.ascent = metrics[3];
        out.left = metrics[4];
        out.colored = metrics[5] > 0.5f;
        if (bytes <= 0 || out.w <= 0 || out.h <= 0 || bytes != out.w * out.h * 4) return bytes == 0 && out.advance > 0 ? false : false;
        out.rgba.resize(static_cast<size_t>(bytes));
        EM_ASM({ Module.rasterCopy($0); }, out.rgba.data());
        return true;
    };
    b.measure = [](std::string_view text, float px, bool rtl) {
        const std::string s(text);
        return static_cast<float>(EM_ASM_DOUBLE({ return Module.measureText ? Module.measureText(UTF8ToString($0), $1, $2) : 0; },
                                                s.c_str(), px, rtl ? 1 : 0));
    };
    b.newTexture = [](int w, int h) { return g_renderer.newTexture(w, h); };
    b.deleteTexture = [](unsigned t) { g_renderer.deleteTexture(t); };
    b.upload = [](unsigned t, int x, int y, int w, int h, const unsigned char* rgba) { g_renderer.upload(t, x, y, w, h, rgba); };
    g_app->glyphs().setBackend(std::move(b));
}

// [SECTION] Input
// ImGui 1.86 reads key and button state once per frame, so events that
// arrive between two frames are queued and given to ImGui in order, a frame
// at a time where order matters (as ImGui 1.87's input queue does): a key
// pressed and released, a button pressed and released, text typed before an
// Enter or an arrow key, a move after a click. So a quick tap or Ctrl+Z is
// seen, and typing "a", Enter, "b" in one frame's time gives "a\nb".

struct InputEvent {
    enum class Type : uint8_t { Pos, Button, Wheel, Key, Char, Zoom } type = Type::Pos;
    float x = 0, y = 0;
    int code = 0;
    bool down = false, ctrl = false, shift = false, alt = false, super = false;
    bool significant = false;  // a key that moves the caret or edits (not a letter, not a modifier)
    unsigned ch = 0;
};
std::deque<InputEvent> g_events;

void push(const InputEvent& e) {
    g_events.push_back(e);
    wake();
}

bool isModifier(unsigned long code) { return code == 16 || code == 17 || code == 18 || code == 91 || code == 92 || code == 93 || code == 224; }

void applyEvents() {
    ImGuiIO& io = ImGui::GetIO();
    bool keyChanged[512] = {}, buttonChanged[5] = {};
    bool significant = false, chars = false, button = false;
    while (!g_events.empty()) {
        const InputEvent& e = g_events.front();
        bool stop = false;
        switch (e.type) {
        case InputEvent::Type::Pos:
            if (button) stop = true;
            else io.MousePos = ImVec2(e.x, e.y);
            break;
        case InputEvent::Type::Button:
            if (buttonChanged[e.code]) { stop = true; break; }
            io.MouseDown[e.code] = e.down;
            buttonChanged[e.code] = button = true;
            io.KeyCtrl = e.ctrl, io.KeyShift = e.shift, io.KeyAlt = e.alt, io.KeySuper = e.super;
            break;
        case InputEvent::Type::Wheel:
            io.MouseWheel += e.y;
            io.MouseWheelH += e.x;
            break;
        case InputEvent::Type::Zoom:
            g_app->zoomBy(e.x);
            break;
        case InputEvent::Type::Key:
            if (keyChanged[e.code] || (e.significant && chars)) { stop = true; break; }
            if (e.down && g_app->takeKey(e.code, e.shift)) {
                keyChanged[e.code] = true;  // the page took it (web/app.hpp): ImGui never sees it down
                break;
            }
            io.KeysDown[e.code] = e.down;
            keyChanged[e.code] = true;
            significant |= e.significant;
            io.KeyCtrl = e.ctrl, io.KeyShift = e.shift, io.KeyAlt = e.alt, io.KeySuper = e.super;
            break;
        case InputEvent::Type::Char:
            if (significant) { stop = true; break; }
            io.AddInputCharacter(e.ch);
            chars = true;
            break;
        }
        if (stop) break;
        g_events.pop_front();
    }
}

int imguiButton(unsigned short b) { return b == 0 ? 0 : b == 2 ? 1 : 2; }

EM_BOOL onMouse(int type, const EmscriptenMouseEvent* e, void*) {
    InputEvent ev;
    ev.x = static_cast<float>(e->targetX);
    ev.y = static_cast<float>(e->targetY);
    ev.ctrl = e->ctrlKey, ev.shift = e->shiftKey, ev.alt = e->altKey, ev.super = e->metaKey;
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) ev.x = ev.y = -FLT_MAX;
    push(ev);
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
        ev.type = InputEvent::Type::Button;
        ev.code = imguiButton(e->button);
        ev.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
        push(ev);
    }
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;  // let focus move to the canvas
}

EM_BOOL onWheel(int, const EmscriptenWheelEvent* e, void*) {
    InputEvent ev;
    if (e->mouse.ctrlKey || e->mouse.metaKey) {
        // Ctrl+wheel, and a trackpad's pinch (which the browser sends as one): zoom the article.
        const double px = e->deltaMode == DOM_DELTA_PIXEL ? e->deltaY : e->deltaMode == DOM_DELTA_LINE ? e->deltaY * 33.0 : e->deltaY * 400.0;
        ev.type = InputEvent::Type::Zoom;
        ev.x = static_cast<float>(std::exp(std::clamp(-px * 0.004, -0.5, 0.5)));
        push(ev);
        return EM_TRUE;
    }
    // ImGui scrolls about five lines per unit; pixel deltas come ~100 per notch.
    const double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
    ev.type = InputEvent::Type::Wheel;
    ev.y = -static_cast<float>(e->deltaY * scale);
    ev.x = -static_cast<float>(e->deltaX * scale);
    push(ev);
    return EM_TRUE;
}

// [SECTION] Touch
// One finger scrolls (with a fling); a tap clicks; a long press (half a
// second without moving) opens the context menu, and dragging after it
// marks words; two fingers pinch the article's text size.

struct TouchState {
    int id = -1;                 // the first finger
    ImVec2 start, last;
    double startTime = 0, lastTime = 0;
    bool moved = false, held = false, selecting = false, inArticle = false;
    float velocity = 0;          // px/s, for the fling
    int id2 = -1;                // the second finger: a pinch
    ImVec2 p2;
    float pinchFrom = 0;
} g_touch;
constexpr double kLongPressMs = 500;
constexpr float kSlop = 10.f;

float dist(ImVec2 a, ImVec2 b) { return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)); }

void touchPos(ImVec2 p) {
    InputEvent ev;
    ev.x = p.x, ev.y = p.y;
    push(ev);
}
void touchButton(int b, bool down) {
    InputEvent ev;
    ev.type = InputEvent::Type::Button;
    ev.code = b;
    ev.down = down;
    push(ev);
}

// Called from the frame: a finger held still long enough opens the context menu.
void checkLongPress() {
    if (g_touch.id < 0 || g_touch.held || g_touch.moved || g_touch.id2 >= 0) return;
    if (emscripten_get_now() - g_touch.startTime < kLongPressMs) return;
    g_touch.held = true;
    touchPos(g_touch.start);
    touchButton(1, true);
    touchButton(1, false);
}

EM_BOOL onTouch(int type, const EmscriptenTouchEvent* e, void*) {
    g_app->setTouchUI(true);
    const double now = emscripten_get_now();
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        const ImVec2 p(static_cast<float>(t.targetX), static_cast<float>(t.targetY));
        const int id = static_cast<int>(t.identifier);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            if (g_touch.id < 0) {
                g_touch = TouchState{};
                g_touch.id = id;
                g_touch.start = g_touch.last = p;
                g_touch.startTime = g_touch.lastTime = now;
                g_touch.inArticle = g_app->articleContains(p);
                g_app->fling(0.f);
                touchPos(p);
                EM_ASM({ setTimeout(() => { if (Module.requestFrame) Module.requestFrame(); }, $0); }, kLongPressMs + 20);
            } else if (g_touch.id2 < 0) {
                // A second finger: a pinch, never a click or a selection.
                if (g_touch.selecting) g_app->touchSelect(App::TouchPhase::Cancel, p);
                g_touch.id2 = id;
                g_touch.p2 = p;
                g_touch.pinchFrom = std::max(1.f, dist(g_touch.last, p));
                g_touch.moved = true;
                g_app->pinch(1.f, true);
            }
        } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            if (id == g_touch.id2) g_touch.p2 = p;
            if (id != g_touch.id && id != g_touch.id2) continue;
            if (g_touch.id2 >= 0) {
                if (id == g_touch.id) g_touch.last = p;
                g_app->pinch(dist(g_touch.last, g_touch.p2) / g_touch.pinchFrom, false);
                wake();
                continue;
            }
            const float dy = p.y - g_touch.last.y, dx = p.x - g_touch.last.x;
            if (!g_touch.moved && dist(p, g_touch.start) > kSlop) g_touch.moved = true;
            if (g_touch.held) {
                // Long press, then drag: mark words from where the finger was held.
                if (!g_touch.selecting) {
                    g_touch.selecting = true;
                    g_app->touchSelect(App::TouchPhase::Begin, g_touch.start);
                }
                g_app->touchSelect(App::TouchPhase::Move, p);
                wake();
            } else if (g_touch.moved) {
                if (g_touch.inArticle) {
                    g_app->scrollPixels(-dy);
                    wake();
                } else {
                    // the side panel and the lists scroll as ImGui scrolls them (~85 px a unit)
                    touchPos(p);
                    InputEvent ev;
                    ev.type = InputEvent::Type::Wheel;
                    ev.y = dy / 85.f;
                    ev.x = dx / 85.f;
                    push(ev);
                }
                const double dt = std::max(1.0, now - g_touch.lastTime) / 1000.0;
                g_touch.velocity = 0.6f * g_touch.velocity + 0.4f * static_cast<float>(-dy / dt);
            }
            g_touch.last = p;
            g_touch.lastTime = now;
        } else {  // end or cancel
            if (id == g_touch.id2) {
                g_touch.id2 = -1;
                g_app->pinch(0.f, false);  // done: the text size is remembered
                if (g_touch.id < 0) g_touch = TouchState{};
                continue;
            }
            if (id != g_touch.id) continue;
            const bool cancel = type == EMSCRIPTEN_EVENT_TOUCHCANCEL;
            if (g_touch.id2 >= 0) {
                // the first finger of a pinch lifted: the second one ends it
                g_touch.id = -1;
                continue;
            }
            if (g_touch.selecting) {
                g_app->touchSelect(cancel ? App::TouchPhase::Cancel : App::TouchPhase::End, p);
            } else if (!g_touch.moved && !g_touch.held && !cancel) {
                // a tap is a click
                touchPos(p);
                touchButton(0, true);
                touchButton(0, false);
            } else if (g_touch.moved && g_touch.inArticle && now - g_touch.lastTime < 80) {
                g_app->fling(g_touch.velocity);
            }
            // no hover after the finger lifts (a tooltip would stay under it)
            if (!g_touch.held) touchPos(ImVec2(-FLT_MAX, -FLT_MAX));
            g_touch = TouchState{};
            wake();
        }
    }
    return EM_TRUE;
}

EM_BOOL onKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const unsigned long code = e->keyCode;
    const bool command = (e->ctrlKey && !e->altKey) || e->metaKey;  // Ctrl+Alt is AltGr on some layouts
    // printable keys arrive as one code point in `key`
    const unsigned char* k = reinterpret_cast<const unsigned char*>(e->key);
    const size_t len = std::strlen(e->key);
    const bool printable = len > 0 && len <= 4 && k[0] >= 0x20 && ((len == 1) || k[0] >= 0xC0);
    if (code < 512) {
        InputEvent ev;
        ev.type = InputEvent::Type::Key;
        ev.code = static_cast<int>(code);
        ev.down = down;
        ev.ctrl = e->ctrlKey, ev.shift = e->shiftKey, ev.alt = e->altKey, ev.super = e->metaKey;
        ev.significant = !isModifier(code) && !(printable && !command);
        push(ev);
    }
    if (down && printable && !command) {
        int n = 1;
        const char32_t c = whosaid::decodeAt(std::string_view(e->key, len), 0, n);
        InputEvent ev;
        ev.type = InputEvent::Type::Char;
        ev.ch = static_cast<unsigned>(c);
        push(ev);
    }
    // Let the browser turn Ctrl/Cmd+C/V/X into clipboard events.
    if (command && (code == 'C' || code == 'V' || code == 'X')) return EM_FALSE;
    // The page's own shortcuts (undo, find, open, save, zoom, select all) instead of the browser's.
    if (command && (code == 'Z' || code == 'Y' || code == 'F' || code == 'O' || code == 'S' || code == 'A' || code == 'G' ||
                    code == 187 || code == 189 || code == 61 || code == 173 || code == 107 || code == 109 || code == '0'))
        return EM_TRUE;
    if (command) return EM_FALSE;
    // Keep Tab, arrows, Space and the function keys the page uses from moving
    // browser focus or scrolling; typed characters go to the page only.
    return printable || code == 9 || (code >= 33 && code <= 40) || code == 8 || code == 13 || code == 27 || code == 46 ||
           code == 112 || code == 114 || code == 117 || code == 121 || code == 93 ? EM_TRUE : EM_FALSE;
}

// Keys let go while the page had no focus never send their keyup here.
EM_BOOL onBlur(int, const EmscriptenFocusEvent*, void*) {
    ImGuiIO& io = ImGui::GetIO();
    for (bool& k : io.KeysDown) k = false;
    for (bool& b : io.MouseDown) b = false;
    io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
    g_events.clear();
    wake();
    return EM_FALSE;
}

void setupKeys() {
    ImGuiIO& io = ImGui::GetIO();
    // Tab is the page's (web/focus.hpp): ImGui's own tabbing between text fields is off.
    io.KeyMap[ImGuiKey_Tab] = -1;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = -1;  // the same key code as Enter in the browser
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
}

// [SECTION] Frame

double g_frameMs = 0;   // CPU time of the last frame, for ?bench=1
// Start-up phases in ms since navigation, reported with the first frame
// (whosaid.startup): where the time to the first annotated frame goes.
struct Startup {
    double main = 0, ready = 0, appReady = 0, fontsMs = 0;
} g_startup;
std::string g_lastStatus;  // the status line last passed to the page's DOM
bool g_firstFrameReported = false;

// Carries out what the App asked for during the frame, through the page's JS.
void handleRequests(whosaid::web::AppRequests r) {
    // Library actions first: "add" stores an entry beside the one shown, before that one is saved.
    for (const auto& a : r.library)
        EM_ASM({ if (Module.libraryAction) Module.libraryAction(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2), UTF8ToString($3), UTF8ToString($4)); },
               a.action.c_str(), a.id.c_str(), a.arg.c_str(), a.kind.c_str(), a.data.c_str());
    if (r.save) {
        const std::string state = g_app->stateJson();
        const std::string info = g_app->entryInfoJson();
        EM_ASM({ if (Module.saveState) Module.saveState(UTF8ToString($0), JSON.parse(UTF8ToString($1)), $2); }, state.c_str(),
               info.c_str(), r.newEntry ? 1 : 0);
    }
    if (r.documentChanged) EM_ASM({ if (Module.onDocumentChanged) Module.onDocumentChanged(); });
    if (g_app->status() != g_lastStatus) {
        g_lastStatus = g_app->status();
        EM_ASM({ if (Module.onStatus) Module.onStatus(UTF8ToString($0), $1); }, g_lastStatus.c_str(), g_app->statusIsError() ? 1 : 0);
    }
    if (r.openFile) EM_ASM({ if (Module.openFile) Module.openFile(); });
    for (const auto& d : r.downloads)
        EM_ASM({ if (Module.download) Module.download(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); },
               d.name.c_str(), d.mime.c_str(), d.data.c_str());
    if (r.focusQuote >= 0 || r.focusEntity >= 0)
        EM_ASM({ if (Module.focusMirror) Module.focusMirror($0, $1); }, r.focusQuote, r.focusEntity);
    if (!r.copy.empty()) EM_ASM({ if (Module.copyText) Module.copyText(UTF8ToString($0)); }, r.copy.c_str());
    if (r.prefs) {
        const std::string prefs = g_app->prefsJson();
        EM_ASM({ if (Module.savePrefs) Module.savePrefs(UTF8ToString($0)); }, prefs.c_str());
    }
    for (const std::string& a : r.announce) EM_ASM({ if (Module.announce) Module.announce(UTF8ToString($0)); }, a.c_str());
}

// A fingerprint of what ImGui drew: a frame that draws the same as the last one needs no more after it.
uint64_t drawHash(const ImDrawData* d) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* p, size_t n) {
        const unsigned char* b = static_cast<const unsigned char*>(p);
        size_t i = 0;
        for (; i + 4 <= n; i += 4) {
            uint32_t w;
            std::memcpy(&w, b + i, 4);
            h = (h ^ w) * 1099511628211ull;
        }
        for (; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    };
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* l = d->CmdLists[n];
        mix(l->VtxBuffer.Data, static_cast<size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(l->IdxBuffer.Data, static_cast<size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            mix(&c.ClipRect, sizeof c.ClipRect);
            mix(&c.TextureId, sizeof c.TextureId);
            mix(&c.ElemCount, sizeof c.ElemCount);
        }
    }
    return h;
}

void frame() {
    const double frameStart = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    // The canvas's CSS size as the page's ResizeObserver last saw it: asking the
    // element (getBoundingClientRect) would force a layout of the whole page
    // each frame, and after a long article lands in the accessible mirror that
    // layout takes seconds.
    double cssW = EM_ASM_DOUBLE({ return Module.canvasCssSize ? Module.canvasCssSize()[0] : -1; });
    double cssH = EM_ASM_DOUBLE({ return Module.canvasCssSize ? Module.canvasCssSize()[1] : -1; });
    if (cssW < 0 || cssH < 0) emscripten_get_element_css_size(kCanvas, &cssW, &cssH);
    g_dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (g_dpr <= 0) g_dpr = 1;
    const int fbW = static_cast<int>(std::lround(cssW * g_dpr)), fbH = static_cast<int>(std::lround(cssH * g_dpr));
    int curW = 0, curH = 0;
    emscripten_get_canvas_element_size(kCanvas, &curW, &curH);
    if (curW != fbW || curH != fbH) {
        emscripten_set_canvas_element_size(kCanvas, fbW, fbH);
        g_forceRender = true;  // a resized canvas is blank until drawn
    }
    if (g_dpr != g_fontDpr || g_app->glyphs().wantsRebuild() || g_app->articleFontPx(g_dpr) != g_articlePx) {
        const double t = emscripten_get_now();
        rebuildFonts(g_dpr);
        g_startup.fontsMs += emscripten_get_now() - t;
        g_forceRender = true;
    }
    io.DisplaySize = ImVec2(static_cast<float>(cssW), static_cast<float>(cssH));
    io.DisplayFramebufferScale = ImVec2(g_dpr, g_dpr);
    // After an idle spell, time moves on by one frame, not by the spell (animations stay smooth).
    const double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = g_lastTime > 0 ? static_cast<float>(std::clamp(now - g_lastTime, 1e-4, 1.0 / 20.0)) : 1.f / 60.f;
    g_lastTime = now;

    checkLongPress();
    applyEvents();
    // Enter presses the focused button, as on a web page (ImGui uses Space only).
    if (io.KeysDown[13] && !io.WantTextInput) io.NavInputs[ImGuiNavInput_Activate] = 1.f;
    // While the article has the keyboard, arrows and Page keys scroll it and are not ImGui's.
    const bool articleKeys = g_app->articleOwnsKeys();
    int saved[6] = {};
    const ImGuiKey_ masked[6] = {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp, ImGuiKey_PageDown, ImGuiKey_Home, ImGuiKey_End};
    if (articleKeys)
        for (int i = 0; i < 6; ++i) saved[i] = io.KeyMap[masked[i]], io.KeyMap[masked[i]] = -1;

    ImGui::NewFrame();
    g_app->frame();
    ImGui::Render();
    if (articleKeys)
        for (int i = 0; i < 6; ++i) io.KeyMap[masked[i]] = saved[i];

    // While something moves the picture changes anyway; when things settle,
    // a frame that draws what the last one drew is not drawn again.
    bool held = false, mouseHeld = false;
    for (int k = 0; k < 512 && !held; ++k) held = io.KeysDown[k] && !isModifier(static_cast<unsigned long>(k));
    for (bool b : io.MouseDown) mouseHeld |= b;
    // A button held still draws on for a moment only (the app asks for more
    // when it scrolls on, as a drag past the edge does): no idle frames under
    // a resting finger or a pressed mouse.
    held |= mouseHeld && emscripten_get_now() - g_wokenAt < 500.0;
    const bool busy = !g_events.empty() || held || g_app->animating();
    ImDrawData* data = ImGui::GetDrawData();
    const uint64_t hash = busy ? 0 : drawHash(data);
    const bool changed = busy || hash != g_lastHash || g_forceRender;
    if (changed) {
        glViewport(0, 0, fbW, fbH);
        glClearColor(0.97f, 0.97f, 0.96f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        g_renderer.render(data, fbW, fbH);
        g_lastHash = hash;
        g_forceRender = false;
    }
    ++g_frameNo;
    handleRequests(g_app->takeRequests());
    g_frameMs = emscripten_get_now() - frameStart;
    if (!g_firstFrameReported) {
        g_firstFrameReported = true;
        EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame({main: $0, ready: $1, appReady: $2, fontsMs: $3, firstFrameMs: $4, atlasMs: $5, glyphsMs: $6}); },
               g_startup.main, g_startup.ready, g_startup.appReady, g_startup.fontsMs, g_frameMs, g_atlasMs, g_glyphsMs);
    }
    // Another frame only when something is still going on.
    const bool more = !g_events.empty() || held || g_app->animating() || ++g_framesSinceInput < 3 || changed ||
                      (g_touch.id >= 0 && !g_touch.held && !g_touch.moved);
    if (more) EM_ASM({ if (Module.requestFrame) Module.requestFrame(); });
}

} // namespace

// [SECTION] The C surface for the page's JavaScript

namespace {
// Changes made from JS are saved at once, not at the next frame: the page may
// be closed or reloaded before another frame runs.
int settled(bool ok) {
    if (g_app) handleRequests(g_app->takeRequests());
    wake();
    return ok ? 1 : 0;
}
} // namespace

extern "C" {

// Replaces the article (UTF-8). Returns 1 on success; on failure keeps the
// previous article and whosaid_last_error() says why.
EMSCRIPTEN_KEEPALIVE int whosaid_set_text(const char* utf8, int len) {
    return settled(g_app && g_app->setText(std::string_view(utf8, static_cast<size_t>(len))));
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_last_error() { return g_app ? g_app->lastError().c_str() : "not started"; }
EMSCRIPTEN_KEEPALIVE const char* whosaid_document_json() {
    return g_app ? g_app->documentJson().c_str() : "{}";
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_debug_json() {
    g_out = g_app ? g_app->debugJson() : "{}";
    return g_out.c_str();
}
// A file the user dropped or picked (text, Markdown, HTML or whosaid/1 JSON).
EMSCRIPTEN_KEEPALIVE int whosaid_import(const char* name, const char* bytes, int len) {
    return settled(g_app && g_app->importFile(name, std::string_view(bytes, static_cast<size_t>(len))));
}
// A brat export's two files, read together.
EMSCRIPTEN_KEEPALIVE int whosaid_import_brat(const char* name, const char* txt, int txtLen, const char* ann, int annLen) {
    return settled(g_app && g_app->importBrat(name, std::string_view(txt, static_cast<size_t>(txtLen)),
                                              std::string_view(ann, static_cast<size_t>(annLen))));
}
// Pasted text: into the editor when it is open, else it replaces the article.
EMSCRIPTEN_KEEPALIVE int whosaid_paste(const char* utf8, int len) {
    if (!g_app) return 0;
    if (g_app->wantsTextInput()) {
        ImGui::GetIO().AddInputCharactersUTF8(std::string(utf8, static_cast<size_t>(len)).c_str());
        return 1;
    }
    return settled(g_app->setText(std::string_view(utf8, static_cast<size_t>(len))));
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_state_json() {
    g_out = g_app ? g_app->stateJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_claim_point(int quote) {
    g_out = g_app ? g_app->claimPointJson(quote) : "null";
    wake();  // it may scroll
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_mention_point(int mention) {
    g_out = g_app ? g_app->mentionPointJson(mention) : "null";
    wake();
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_text_point(int begin, int end) {
    g_out = g_app && begin >= 0 && end >= 0 ? g_app->textPointJson(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)) : "null";
    wake();
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void whosaid_scroll_by(float pixels) {
    if (g_app) g_app->scrollBy(pixels);
    wake();
}
// One frame, from the page's requestAnimationFrame (Module.requestFrame).
EMSCRIPTEN_KEEPALIVE void whosaid_frame() {
    if (g_app) frame();
}
// Something outside the canvas changed (its size, the page's focus): draw again.
EMSCRIPTEN_KEEPALIVE void whosaid_wake() { wake(); }
// The words selected in the article, as plain text ("" if none), for Ctrl/Cmd+C.
EMSCRIPTEN_KEEPALIVE const char* whosaid_selection_text() {
    g_out = g_app ? g_app->selectionText() : "";
    return g_out.c_str();
}
// The reader's settings kept across articles and reloads ({"fontSize"}).
EMSCRIPTEN_KEEPALIVE void whosaid_set_prefs(const char* json) {
    if (g_app) g_app->setPrefs(json);
    wake();
}
// A touch screen (or a coarse pointer): bigger targets.
EMSCRIPTEN_KEEPALIVE void whosaid_set_touch(int on) {
    if (g_app) g_app->setTouchUI(on != 0);
    wake();
}
// The code points of a text the page would draw as the fallback glyph (none, once the browser drew them).
EMSCRIPTEN_KEEPALIVE const char* whosaid_missing_glyphs(const char* text) {
    g_out = g_app ? g_app->missingGlyphsJson(text) : "[]";
    return g_out.c_str();
}
// Finds text in the article as the find bar does; returns the number of matches.
EMSCRIPTEN_KEEPALIVE int whosaid_find(const char* query) {
    const int n = g_app ? g_app->find(query) : 0;
    wake();
    return n;
}
EMSCRIPTEN_KEEPALIVE double whosaid_last_frame_ms() { return g_frameMs; }
// Hand corrections and export, by index (the same calls the UI makes).
EMSCRIPTEN_KEEPALIVE int whosaid_reassign_speaker(int quote, int mention) {
    return settled(g_app && g_app->reassignSpeaker(quote, mention));
}
EMSCRIPTEN_KEEPALIVE int whosaid_remove_mention(int mention) { return settled(g_app && g_app->removeMention(mention)); }
EMSCRIPTEN_KEEPALIVE int whosaid_rename_entity(int entity, const char* name) {
    return settled(g_app && g_app->renameEntity(entity, name));
}
EMSCRIPTEN_KEEPALIVE int whosaid_export(const char* format) { return settled(g_app && g_app->exportAs(format)); }
// The edit log: one edit as JSON (edits.hpp's form), undo, redo, the log itself.
EMSCRIPTEN_KEEPALIVE int whosaid_edit(const char* json) { return settled(g_app && g_app->editJson(json)); }
EMSCRIPTEN_KEEPALIVE int whosaid_undo() { return settled(g_app && g_app->undo()); }
EMSCRIPTEN_KEEPALIVE int whosaid_redo() { return settled(g_app && g_app->redo()); }
EMSCRIPTEN_KEEPALIVE const char* whosaid_edits_json() {
    g_out = g_app ? g_app->editsJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void whosaid_set_author(const char* name) {
    if (g_app) g_app->setAuthor(name);
}
// The library (kept by the page's JS): its list, and an entry to show.
EMSCRIPTEN_KEEPALIVE void whosaid_set_library(const char* json) {
    if (g_app) g_app->setLibrary(json);
    wake();
}
EMSCRIPTEN_KEEPALIVE void whosaid_open_library() {
    if (g_app) g_app->openLibrary();
    wake();
}
EMSCRIPTEN_KEEPALIVE int whosaid_restore(const char* json) { return settled(g_app && g_app->restoreState(json)); }
EMSCRIPTEN_KEEPALIVE const char* whosaid_view_json() {
    g_out = g_app ? g_app->viewJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void whosaid_set_view(const char* json) {
    if (g_app) g_app->setView(json);
    wake();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_entry_info() {
    g_out = g_app ? g_app->entryInfoJson() : "{}";
    return g_out.c_str();
}
// Classroom: offsets are code points; label is "PER", "ORG", "LOC" or "GRP".
EMSCRIPTEN_KEEPALIVE int whosaid_save_lesson(const char* json) {
    if (!g_app || whosaid::jsonNestingExceeded(json) != std::string_view::npos) return 0;
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object()) return 0;
    std::vector<std::string> questions;
    if (j.contains("questions") && j["questions"].is_array())
        for (const auto& q : j["questions"]) if (q.is_string()) questions.push_back(q.get<std::string>());
    return settled(g_app->saveLesson(j.value("title", ""), j.value("instructions", ""), std::move(questions)));
}
EMSCRIPTEN_KEEPALIVE int whosaid_student_mark(int begin, int end, const char* label) {
    whosaid::Label l;
    if (!g_app || !whosaid::parseLabel(label, l)) return 0;
    return settled(g_app->studentMark(static_cast<uint32_t>(begin), static_cast<uint32_t>(end), l));
}
EMSCRIPTEN_KEEPALIVE int whosaid_student_claim(int begin, int end) {
    return settled(g_app && g_app->studentClaim(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)));
}
EMSCRIPTEN_KEEPALIVE void whosaid_set_student_name(const char* name) {
    if (g_app) g_app->setStudentName(name);
    settled(true);
}
EMSCRIPTEN_KEEPALIVE int whosaid_reveal() { return settled(g_app && g_app->reveal()); }
EMSCRIPTEN_KEEPALIVE int whosaid_save_work() { return settled(g_app && g_app->saveWork()); }
EMSCRIPTEN_KEEPALIVE const char* whosaid_comparison_json() {
    g_out = g_app ? g_app->comparisonJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_class_summary_json() {
    g_out = g_app ? g_app->classSummaryJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_stats_json() {
    g_out = g_app ? g_app->statsJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_text() { return g_app ? g_app->text().c_str() : ""; }
EMSCRIPTEN_KEEPALIVE const char* whosaid_ledger_json() {
    g_out = g_app ? g_app->ledgerJson() : "[]";
    return g_out.c_str();
}

} // extern "C"

int main() {
    g_startup.main = emscripten_get_now();
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.alpha = false;
    attrs.antialias = false;
    g_gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (g_gl <= 0) {
        EM_ASM({ if (Module.onNoWebGL) Module.onNoWebGL(); });
        return 1;
    }
    emscripten_webgl_make_context_current(g_gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no files; the page keeps its own state
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows, Space and Enter; Tab is web/focus.hpp's
    io.ConfigInputTextCursorBlink = false;                  // a blinking caret would need frames while idle
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 6.f;
    style.FrameRounding = 4.f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.f);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.87f, 0.89f, 1.f);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.84f, 0.92f, 1.f);
    style.Colors[ImGuiCol_CheckMark] = ImVec4(0.15f, 0.35f, 0.80f, 1.f);
    style.Colors[ImGuiCol_NavHighlight] = ImVec4(0.05f, 0.35f, 0.95f, 1.f);  // the keyboard focus ring
    setupKeys();
    if (!g_renderer.init()) {
        EM_ASM({ if (Module.onNoWebGL) Module.onNoWebGL(); });
        return 1;
    }

    emscripten_set_mousedown_callback(kCanvas, nullptr, true, onMouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, onMouse);
    emscripten_set_mousemove_callback(kCanvas, nullptr, true, onMouse);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, true, onMouse);
    emscripten_set_wheel_callback(kCanvas, nullptr, true, onWheel);
    emscripten_set_touchstart_callback(kCanvas, nullptr, true, onTouch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, true, onTouch);
    emscripten_set_touchend_callback(kCanvas, nullptr, true, onTouch);
    emscripten_set_touchcancel_callback(kCanvas, nullptr, true, onTouch);
    // Keys go to the page while the canvas has the focus (a message's buttons or
    // the accessible mirror keep theirs).
    emscripten_set_keydown_callback(kCanvas, nullptr, true, onKey);
    emscripten_set_keyup_callback(kCanvas, nullptr, true, onKey);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, onBlur);

    g_startup.ready = emscripten_get_now();  // WebGL and ImGui set up
    static App app;
    g_app = &app;
    setupGlyphBackend();
    app.clock = [] {
        char* s = reinterpret_cast<char*>(EM_ASM_INT({
            const t = new Date().toISOString().slice(0, 19) + 'Z';
            const p = _malloc(32);
            stringToUTF8(t, p, 32);
            return p;
        }));
        std::string out = s ? s : "";
        std::free(s);
        return out;
    };
    // Saved work first (a reload loses nothing), else the team's sample article.
    char* saved = reinterpret_cast<char*>(EM_ASM_INT({
        const s = Module.loadState ? Module.loadState() : null;
        if (!s) return 0;
        const n = lengthBytesUTF8(s) + 1;
        const p = _malloc(n);
        stringToUTF8(s, p, n);
        return p;
    }));
    bool restored = false;
    if (saved) {
        restored = app.restoreState(saved);
        std::free(saved);
    }
    if (!restored) {
        const std::string problem = app.lastError();
        app.setText(readFile("/assets/sample.txt"));
        app.markPristine();  // the sample as it ships: no library entry until it is changed
        if (!problem.empty()) app.setStatus("Saved work could not be restored (" + problem + "); showing the sample.", true);
    }
    g_startup.appReady = emscripten_get_now();  // models loaded, the article annotated
    // The reader's settings (text size) from earlier visits.
    char* prefs = reinterpret_cast<char*>(EM_ASM_INT({
        const s = Module.loadPrefs ? Module.loadPrefs() : null;
        if (!s) return 0;
        const n = lengthBytesUTF8(s) + 1;
        const p = _malloc(n);
        stringToUTF8(s, p, n);
        return p;
    }));
    if (prefs) {
        app.setPrefs(prefs);
        std::free(prefs);
    }
    app.setTouchUI(EM_ASM_INT({ return Module.touchUI ? (Module.touchUI() ? 1 : 0) : 0; }) != 0);
    EM_ASM({ if (Module.onAppReady) Module.onAppReady(); });
    wake();  // the first frame; after it, frames come only when something happens
    return 0;
}
