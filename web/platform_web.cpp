// The browser side: WebGL2 context, input events, the main loop and the tiny
// C surface that the page's JavaScript calls. All emscripten_* calls live here.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "app.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace {

using whosaid::web::App;

App* g_app = nullptr;
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
        0x1E00, 0x1EFF,  // Latin Extended Additional
        0x2000, 0x206F,  // punctuation: dashes, curly quotes
        0x20A0, 0x20CF,  // currency
        0x2190, 0x21FF,  // arrows
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

int imguiButton(unsigned short b) { return b == 0 ? 0 : b == 2 ? 1 : 2; }

EM_BOOL onMouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.MouseDown[imguiButton(e->button)] = true;
    if (type == EMSCRIPTEN_EVENT_MOUSEUP) io.MouseDown[imguiButton(e->button)] = false;
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
    if (code < 512) io.KeysDown[code] = down;
    io.KeyCtrl = e->ctrlKey;
    io.KeyShift = e->shiftKey;
    io.KeyAlt = e->altKey;
    io.KeySuper = e->metaKey;
    // Let the browser turn Ctrl/Cmd+C/V/X into clipboard events.
    if ((e->ctrlKey || e->metaKey) && (code == 'C' || code == 'V' || code == 'X')) return EM_FALSE;
    if (down && !e->ctrlKey && !e->metaKey) {
        // printable keys arrive as one code point in `key`
        const unsigned char* k = reinterpret_cast<const unsigned char*>(e->key);
        const size_t len = std::strlen(e->key);
        if (len > 0 && len <= 4 && (k[0] >= 0x20) && ((len == 1) || k[0] >= 0xC0)) io.AddInputCharactersUTF8(e->key);
    }
    // Keep Tab and arrows from moving browser focus or scrolling the page.
    return code == 9 || (code >= 33 && code <= 40) || code == 8 || code == 32 ? EM_TRUE : EM_FALSE;
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

void frame() {
    ImGuiIO& io = ImGui::GetIO();
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size(kCanvas, &cssW, &cssH);
    g_dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (g_dpr <= 0) g_dpr = 1;
    const int fbW = static_cast<int>(std::lround(cssW * g_dpr)), fbH = static_cast<int>(std::lround(cssH * g_dpr));
    int curW = 0, curH = 0;
    emscripten_get_canvas_element_size(kCanvas, &curW, &curH);
    if (curW != fbW || curH != fbH) emscripten_set_canvas_element_size(kCanvas, fbW, fbH);
    if (g_dpr != g_fontDpr) {
        loadFonts(g_dpr);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    io.DisplaySize = ImVec2(static_cast<float>(cssW), static_cast<float>(cssH));
    io.DisplayFramebufferScale = ImVec2(g_dpr, g_dpr);
    const double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = g_lastTime > 0 ? static_cast<float>(std::max(now - g_lastTime, 1e-4)) : 1.f / 60.f;
    g_lastTime = now;

    if (g_tapFrames > 0) io.MouseDown[0] = g_tapFrames-- == 2;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    g_app->frame();
    ImGui::Render();
    glViewport(0, 0, fbW, fbH);
    glClearColor(0.97f, 0.97f, 0.96f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

} // namespace

// [SECTION] The C surface for the page's JavaScript

extern "C" {

// Replaces the article (UTF-8). Returns 1 on success; on failure keeps the
// previous article and whosaid_last_error() says why.
EMSCRIPTEN_KEEPALIVE int whosaid_set_text(const char* utf8, int len) {
    return g_app && g_app->setText(std::string_view(utf8, static_cast<size_t>(len))) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_last_error() { return g_app ? g_app->lastError().c_str() : "not started"; }
EMSCRIPTEN_KEEPALIVE const char* whosaid_document_json() {
    return g_app ? g_app->documentJson().c_str() : "{}";
}
EMSCRIPTEN_KEEPALIVE const char* whosaid_debug_json() {
    g_out = g_app ? g_app->debugJson() : "{}";
    return g_out.c_str();
}

} // extern "C"

int main() {
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
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 6.f;
    style.FrameRounding = 4.f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.f);
    setupKeys();
    ImGui_ImplOpenGL3_Init("#version 300 es");

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

    static App app;
    g_app = &app;
    app.setText(readFile("/assets/sample.txt"));
    EM_ASM({ if (Module.onAppReady) Module.onAppReady(); });
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
