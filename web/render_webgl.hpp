// web/render_webgl.hpp — a lean WebGL2 renderer for ImGui draw data.
//
// ImGui's stock OpenGL3 backend saves and restores all GL state around every
// frame with glGet* queries. In a browser each such query is a synchronous
// round trip to the GPU process, which made frames cost 50 ms under
// SwiftShader. We own the whole context, so this renderer sets the state it
// needs and never reads any back.
//
// Usage:
//   Renderer r; r.init(); r.createFontTexture();
//   each frame: r.render(ImGui::GetDrawData(), framebufferWidth, framebufferHeight);
#pragma once

#include "imgui.h"

namespace whosaid::web {

class Renderer {
public:
    bool init();                 // compiles shaders, makes buffers; false if WebGL2 refuses
    void createFontTexture();    // uploads io.Fonts and sets its TexID
    void destroyFontTexture();
    unsigned fontTexture() const { return m_font; }
    unsigned newTexture(int w, int h);  // a blank (transparent) RGBA texture
    void deleteTexture(unsigned texture);
    void upload(unsigned texture, int x, int y, int w, int h, const unsigned char* rgba);  // RGBA pixels into a texture
    void render(ImDrawData* data, int fbWidth, int fbHeight);

private:
    unsigned m_program = 0, m_vao = 0, m_vbo = 0, m_ebo = 0, m_font = 0;
    int m_projLoc = -1, m_texLoc = -1;
};

} // namespace whosaid::web
