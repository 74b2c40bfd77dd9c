// The browser side: WebGL2 context, input events, the main loop and the tiny
// C surface that the page's JavaScript calls. All emscripten_* calls live here.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "imgui.h"
#include "render_webgl.hpp"
#include "whosaid/document.hpp"
#include <nlohmann/json.hpp>

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

// [SECTION] Fonts: DejaVu Sans rasterized at the device pixel ratio for crisp text.

void loadFonts(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static const ImWchar ranges[] = {
        0x0020, 0x024F,  // Latin, Latin-1, Latin Extended-A/B
        0x0370, 0x03FF,  // Greek
        0x0400, 0x052F,  // Cyrillic
        0x0590, 0x05FF,  // Hebrew (drawn unshaped, left to right)
        0x0600, 0x06FF,  // Arabic (likewise: readable, not typeset)
        0x1E00, 0x1EFF,  // Latin Extended Additional
        0x2000, 0x206F,  // punctuation: dashes, curly quotes
        0x20A0, 0x20CF,  // currency
        0x2190, 0x21FF,  // arrows
        0x25A0, 0x25FF,  // geometric shapes (menu triangles)
        0xFFFD, 0xFFFD,  // replacement character
        0,
    };
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    ImFont* font = io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", 17.f * dpr, &cfg, ranges);
    if (!font) io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.f / dpr;
    g_fontDpr = dpr;
}

// [SECTION] Input
// ImGui 1.86 polls key and button state once per frame, so a press and release
// that arrive between two frames (a quick tap, or a test's click) would be
// lost: such releases wait until the frame after the press was seen.

unsigned g_frameNo = 0;
unsigned g_keyDownAt[512] = {};
unsigned g_chordAt = ~0u;  // the frame in which a key other than a modifier last went down
unsigned g_mouseDownAt[5] = {};
std::vector<int> g_deferredKeyUps, g_deferredMouseUps;

void applyDeferredReleases() {
    ImGuiIO& io = ImGui::GetIO();
    for (int k : g_deferredKeyUps) io.KeysDown[k] = false;
    for (int b : g_deferredMouseUps) io.MouseDown[b] = false;
    g_deferredKeyUps.clear();
    g_deferredMouseUps.clear();
}

int imguiButton(unsigned short b) { return b == 0 ? 0 : b == 2 ? 1 : 2; }

EM_BOOL onMouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    const int b = imguiButton(e->button);
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        io.MouseDown[b] = true;
        g_mouseDownAt[b] = g_frameNo;
    }
    if (type == EMSCRIPTEN_EVENT_MOUSEUP) {
        if (g_mouseDownAt[b] == g_frameNo) g_deferredMouseUps.push_back(b);
        else io.MouseDown[b] = false;
    }
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;  // let focus move to the canvas
}

EM_BOOL onWheel(int, const EmscriptenWheelEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    // ImGui scrolls about five lines per unit; pixel deltas come ~100 per notch.
    const double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
    io.MouseWheel -= static_cast<float>(e->deltaY * scale);
    io.MouseWheelH -= static_cast<float>(e->deltaX * scale);
    return EM_TRUE;
}

// One finger: the first touch acts as the mouse; moving it scrolls.
float g_touchY = 0;
int g_tapFrames = 0;
bool g_touchMoved = false;
EM_BOOL onTouch(int type, const EmscriptenTouchEvent* e, void*) {
    if (e->numTouches < 1) return EM_FALSE;
    ImGuiIO& io = ImGui::GetIO();
    const EmscriptenTouchPoint& t = e->touches[0];
    const ImVec2 p(static_cast<float>(t.targetX), static_cast<float>(t.targetY));
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        io.MousePos = p;
        g_touchY = p.y;
        g_touchMoved = false;
    } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        const float dy = p.y - g_touchY;
        if (std::fabs(dy) > 2.f) g_touchMoved = true;
        io.MouseWheel += dy / (5.f * 17.f);
        g_touchY = p.y;
        io.MousePos = p;
    } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
        if (!g_touchMoved) {  // a tap is a click: pressed one frame, released the next
            io.MousePos = p;
            g_tapFrames = 2;
        }
    }
    return EM_TRUE;
}

EM_BOOL onKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const unsigned long code = e->keyCode;
    const bool modifier = code == 16 || code == 17 || code == 18 || code == 91 || code == 92 || code == 93 || code == 224;
    if (code < 512) {
        if (down) {
            io.KeysDown[code] = true;
            g_keyDownAt[code] = g_frameNo;
            if (!modifier) g_chordAt = g_frameNo;
        } else if (g_keyDownAt[code] == g_frameNo || (modifier && g_chordAt == g_frameNo)) {
            // released before a frame saw it (or, for Ctrl and the like, before a frame saw the key pressed with it)
            g_deferredKeyUps.push_back(static_cast<int>(code));
        } else {
            io.KeysDown[code] = false;
        }
    }
    // Modifiers follow their keys' own (deferred) state, so that a quick
    // Ctrl+Z whose Ctrl is let go before the next frame still reads as one.
    if (down) {
        for (auto [key, on] : {std::pair{17, e->ctrlKey}, {16, e->shiftKey}, {18, e->altKey}, {91, e->metaKey}})
            if (on && !io.KeysDown[key]) io.KeysDown[key] = true, g_keyDownAt[key] = g_frameNo;
    }
    // Let the browser turn Ctrl/Cmd+C/V/X into clipboard events.
    if ((e->ctrlKey || e->metaKey) && (code == 'C' || code == 'V' || code == 'X')) return EM_FALSE;
    if (down && !e->ctrlKey && !e->metaKey) {
        // printable keys arrive as one code point in `key`
        const unsigned char* k = reinterpret_cast<const unsigned char*>(e->key);
        const size_t len = std::strlen(e->key);
        if (len > 0 && len <= 4 && (k[0] >= 0x20) && ((len == 1) || k[0] >= 0xC0)) io.AddInputCharactersUTF8(e->key);
    }
    // Keep Tab and arrows from moving browser focus or scrolling the page, and
    // undo/redo from reaching the browser.
    if ((e->ctrlKey || e->metaKey) && (code == 'Z' || code == 'Y')) return EM_TRUE;
    return code == 9 || (code >= 33 && code <= 40) || code == 8 || code == 32 ? EM_TRUE : EM_FALSE;
}

// Keys let go while the page had no focus never send their keyup here.
EM_BOOL onBlur(int, const EmscriptenFocusEvent*, void*) {
    ImGuiIO& io = ImGui::GetIO();
    for (bool& k : io.KeysDown) k = false;
    return EM_FALSE;
}

void setupKeys() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = 9;
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
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
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
    if (curW != fbW || curH != fbH) emscripten_set_canvas_element_size(kCanvas, fbW, fbH);
    if (g_dpr != g_fontDpr) {
        const double t = emscripten_get_now();
        g_renderer.destroyFontTexture();
        loadFonts(g_dpr);
        g_renderer.createFontTexture();
        g_startup.fontsMs += emscripten_get_now() - t;
    }
    io.DisplaySize = ImVec2(static_cast<float>(cssW), static_cast<float>(cssH));
    io.DisplayFramebufferScale = ImVec2(g_dpr, g_dpr);
    const double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = g_lastTime > 0 ? static_cast<float>(std::max(now - g_lastTime, 1e-4)) : 1.f / 60.f;
    g_lastTime = now;

    if (g_tapFrames > 0) io.MouseDown[0] = g_tapFrames-- == 2;
    io.KeyCtrl = io.KeysDown[17];
    io.KeyShift = io.KeysDown[16];
    io.KeyAlt = io.KeysDown[18];
    io.KeySuper = io.KeysDown[91] || io.KeysDown[92] || io.KeysDown[93] || io.KeysDown[224];

    ImGui::NewFrame();
    g_app->frame();
    ImGui::Render();
    glViewport(0, 0, fbW, fbH);
    glClearColor(0.97f, 0.97f, 0.96f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    g_renderer.render(ImGui::GetDrawData(), fbW, fbH);
    ++g_frameNo;
    applyDeferredReleases();
    handleRequests(g_app->takeRequests());
    g_frameMs = emscripten_get_now() - frameStart;
    if (!g_firstFrameReported) {
        g_firstFrameReported = true;
        EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame({main: $0, ready: $1, appReady: $2, fontsMs: $3, firstFrameMs: $4}); },
               g_startup.main, g_startup.ready, g_startup.appReady, g_startup.fontsMs, g_frameMs);
    }
}

} // namespace

// [SECTION] The C surface for the page's JavaScript

namespace {
// Changes made from JS are saved at once, not at the next frame: the page may
// be closed or reloaded before another frame runs.
int settled(bool ok) {
    if (g_app) handleRequests(g_app->takeRequests());
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
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_mention_point(int mention) {
    g_out = g_app ? g_app->mentionPointJson(mention) : "null";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_text_point(int begin, int end) {
    g_out = g_app && begin >= 0 && end >= 0 ? g_app->textPointJson(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)) : "null";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void whosaid_scroll_by(float pixels) {
    if (g_app) g_app->scrollBy(pixels);
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
}
EMSCRIPTEN_KEEPALIVE void whosaid_open_library() {
    if (g_app) g_app->openLibrary();
}
EMSCRIPTEN_KEEPALIVE int whosaid_restore(const char* json) { return settled(g_app && g_app->restoreState(json)); }
EMSCRIPTEN_KEEPALIVE const char* whosaid_view_json() {
    g_out = g_app ? g_app->viewJson() : "{}";
    return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void whosaid_set_view(const char* json) {
    if (g_app) g_app->setView(json);
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_entry_info() {
    g_out = g_app ? g_app->entryInfoJson() : "{}";
    return g_out.c_str();
}
// Classroom: offsets are code points; label is "PER", "ORG", "LOC" or "GRP".
EMSCRIPTEN_KEEPALIVE int whosaid_save_lesson(const char* json) {
    if (!g_app) return 0;
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
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 6.f;
    style.FrameRounding = 4.f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.f);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.87f, 0.89f, 1.f);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.84f, 0.92f, 1.f);
    style.Colors[ImGuiCol_CheckMark] = ImVec4(0.15f, 0.35f, 0.80f, 1.f);
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
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, onKey);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, onKey);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, onBlur);

    g_startup.ready = emscripten_get_now();  // WebGL and ImGui set up
    static App app;
    g_app = &app;
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
    EM_ASM({ if (Module.onAppReady) Module.onAppReady(); });
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
