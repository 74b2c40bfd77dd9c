// web/app.hpp — the whosaid page as an ImGui application over core.
//
// The Document is the model; the App keeps view state (scroll, hover,
// selection) and draws the article and panels each frame. It has no
// Emscripten calls: platform_web.cpp feeds it input and text, and the JS glue
// reads its state through the small C surface there.
//
// Usage:
//   App app;
//   app.setText(sample);          // annotate and show
//   every frame: ImGui::NewFrame(); app.frame(); ImGui::Render();
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/document.hpp"

namespace whosaid::web {

// What the last frame drew, for tests (reported by whosaid.debug()).
struct DrawStats {
    int highlights = 0, underlines = 0, links = 0, visibleLines = 0;
    int hoveredQuote = -1;
};

struct ArticleView {
    int hoveredQuote = -1;
    int selectedQuote = -1;
    int selectedEntity = -1;
    float fontSize = 17.f;
};

class App {
public:
    // Annotates `text` and shows it. On failure (too large) keeps the current
    // document, shows the message, and returns false.
    bool setText(std::string_view text);
    const std::string& documentJson();
    const std::string& lastError() const { return m_error; }
    std::string debugJson() const;

    // Builds this frame's UI. Call between ImGui::NewFrame() and ImGui::Render().
    void frame();

private:
    void drawTopBar();
    void drawArticle();
    void drawSidePanel();

    Document m_doc;
    std::string m_json;
    bool m_jsonValid = false;
    std::string m_error, m_status;
    TextLayout m_layout;
    ArticleView m_view;
    DrawStats m_stats;
};

// Colors shared by the article, the legend and the panels.
ImU32 labelColor(Label l, float alpha = 1.f);

} // namespace whosaid::web
