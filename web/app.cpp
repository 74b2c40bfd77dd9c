// The page: top bar with legend, the article with highlights, and side panels.
#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "whosaid/json.hpp"

namespace whosaid::web {

// [SECTION] Model

ImU32 labelColor(Label l, float alpha) {
    const int a = static_cast<int>(alpha * 255);
    switch (l) {
    case Label::PER: return IM_COL32(66, 133, 244, a);
    case Label::ORG: return IM_COL32(244, 160, 0, a);
    case Label::LOC: return IM_COL32(52, 168, 83, a);
    case Label::GRP: return IM_COL32(171, 71, 188, a);
    case Label::MISC: return IM_COL32(128, 128, 128, a);
    }
    return IM_COL32(128, 128, 128, a);
}

namespace {
const char* labelTitle(Label l) {
    switch (l) {
    case Label::PER: return "person";
    case Label::ORG: return "organization";
    case Label::LOC: return "place";
    case Label::GRP: return "anonymous group";
    case Label::MISC: return "other";
    }
    return "";
}
constexpr ImU32 kQuoteColor = IM_COL32(200, 40, 60, 255);
constexpr ImU32 kTextColor = IM_COL32(28, 28, 32, 255);
} // namespace

bool App::setText(std::string_view text) {
    Result<Document> doc = annotate(text, Model::builtin());
    if (!doc) {
        m_error = doc.error().message;
        m_status = "Could not read the new text: " + m_error + ". The previous article is kept.";
        return false;
    }
    m_error.clear();
    m_doc = std::move(*doc);
    m_jsonValid = false;
    const float fontSize = m_view.fontSize;
    m_view = ArticleView{};
    m_view.fontSize = fontSize;
    m_layout = TextLayout();
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu actors, %zu mentions, %zu claims", m_doc.entities.size(),
                  m_doc.mentions.size(), m_doc.quotes.size());
    m_status = buf;
    for (const std::string& w : m_doc.warnings) m_status += " · " + w;
    return true;
}

const std::string& App::documentJson() {
    if (!m_jsonValid) {
        m_json = toJson(m_doc);
        m_jsonValid = true;
    }
    return m_json;
}

std::string App::debugJson() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"highlights\":%d,\"underlines\":%d,\"links\":%d,\"visibleLines\":%d,\"hoveredQuote\":%d}",
                  m_stats.highlights, m_stats.underlines, m_stats.links, m_stats.visibleLines, m_stats.hoveredQuote);
    return buf;
}

// [SECTION] Frame

void App::frame() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
    ImGui::Begin("whosaid", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar(2);
    m_stats = DrawStats{};
    drawTopBar();
    const float side = std::clamp(ImGui::GetContentRegionAvail().x * 0.3f, 220.f, 360.f);
    const bool narrow = ImGui::GetContentRegionAvail().x < 700.f;
    ImGui::BeginChild("article", ImVec2(narrow ? 0.f : -side - 8.f, 0), false, ImGuiWindowFlags_NoMove);
    drawArticle();
    ImGui::EndChild();
    if (!narrow) {
        ImGui::SameLine();
        ImGui::BeginChild("side", ImVec2(0, 0), true);
        drawSidePanel();
        ImGui::EndChild();
    }
    ImGui::End();
}

void App::drawTopBar() {
    ImGui::TextUnformatted("whosaid");
    ImGui::SameLine();
    ImGui::TextDisabled("— who said what. Paste an article (Ctrl+V / Cmd+V).");
    // Legend
    for (Label l : {Label::PER, Label::ORG, Label::LOC, Label::GRP}) {
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + h, p.y + h), labelColor(l, 0.35f), 3.f);
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(labelTitle(l));
    }
    ImGui::SameLine();
    ImGui::TextColored(ImColor(kQuoteColor), "___ claim");
    if (!m_status.empty()) {
        if (!m_error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.f), "%s", m_status.c_str());
        else ImGui::TextDisabled("%s", m_status.c_str());
    }
    ImGui::Separator();
}

void App::drawArticle() {
    ImFont* font = ImGui::GetFont();
    const float size = m_view.fontSize;
    const float margin = 12.f;
    const float wrap = std::max(80.f, ImGui::GetContentRegionAvail().x - 2 * margin);
    if (!m_layout.valid(m_doc.text, size, wrap)) m_layout.build(m_doc.text, font, size, wrap);

    const ImVec2 origin(ImGui::GetCursorScreenPos().x + margin, ImGui::GetCursorScreenPos().y + margin);
    ImGui::Dummy(ImVec2(wrap, m_layout.height() + 2 * margin));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y0 = ImGui::GetScrollY(), y1 = y0 + ImGui::GetWindowHeight();
    auto [l0, l1] = m_layout.visibleLines(y0 - margin, y1);
    m_stats.visibleLines = static_cast<int>(l1 - l0);
    if (l0 >= l1 || m_layout.runs().empty()) {
        if (m_doc.text.empty()) dl->AddText(origin, IM_COL32(120, 120, 120, 255), "Paste an article here (Ctrl+V / Cmd+V).");
        return;
    }
    const auto& runs = m_layout.runs();
    const auto& lines = m_layout.lines();
    const uint32_t firstRun = lines[l0].firstRun, endRun = lines[l1 - 1].endRun;
    const uint32_t visBegin = firstRun < runs.size() ? runs[firstRun].begin : 0;
    const uint32_t visEnd = endRun > 0 ? runs[endRun - 1].end : 0;
    auto shift = [&](ImRect r) { return ImRect(r.Min.x + origin.x, r.Min.y + origin.y, r.Max.x + origin.x, r.Max.y + origin.y); };

    // Mouse → byte offset, for hover.
    const ImVec2 mouse = ImGui::GetMousePos();
    const bool hovering = ImGui::IsWindowHovered();
    const int64_t hitByte = hovering ? m_layout.hitTest(ImVec2(mouse.x - origin.x, mouse.y - origin.y)) : -1;

    // Actors behind their spans.
    auto firstMention = std::lower_bound(m_doc.mentions.begin(), m_doc.mentions.end(), visBegin,
                                         [](const Mention& m, uint32_t b) { return m.span.end <= b; });
    for (auto it = firstMention; it != m_doc.mentions.end() && it->span.begin < visEnd; ++it) {
        const bool lit = m_view.selectedEntity >= 0 && it->entity == m_view.selectedEntity;
        for (const ImRect& r : m_layout.spanRects(it->span.begin, it->span.end)) {
            const ImRect s = shift(r);
            dl->AddRectFilled(ImVec2(s.Min.x - 2, s.Min.y + 1), ImVec2(s.Max.x + 2, s.Max.y - 1),
                              labelColor(it->label, lit ? 0.6f : 0.28f), 4.f);
            ++m_stats.highlights;
        }
    }

    // Claims underlined: solid for quoted words, dashed for reported speech.
    m_view.hoveredQuote = -1;
    for (size_t qi = 0; qi < m_doc.quotes.size(); ++qi) {
        const Quote& q = m_doc.quotes[qi];
        if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
        const bool selected = static_cast<int>(qi) == m_view.selectedQuote;
        for (Span c : q.content) {
            if (hitByte >= 0 && c.contains(static_cast<uint32_t>(hitByte))) m_view.hoveredQuote = static_cast<int>(qi);
            for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
                const ImRect s = shift(r);
                const float y = s.Max.y - 3.f;
                const float thick = selected ? 3.f : 2.f;
                if (q.kind == QuoteKind::Indirect) {
                    for (float x = s.Min.x; x < s.Max.x; x += 8.f)
                        dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4.f, s.Max.x), y), kQuoteColor, thick);
                } else {
                    dl->AddLine(ImVec2(s.Min.x, y), ImVec2(s.Max.x, y), kQuoteColor, thick);
                }
                ++m_stats.underlines;
            }
        }
    }

    // Text on top.
    for (uint32_t r = firstRun; r < endRun; ++r) {
        const LayoutRun& run = runs[r];
        const ImVec2 p(origin.x + run.x, origin.y + lines[run.line].y + (m_layout.lineHeight() - size) * 0.5f);
        dl->AddText(font, size, p, kTextColor, m_doc.text.data() + run.begin, m_doc.text.data() + run.end);
    }

    // The link from the hovered (or selected) claim to its source.
    const int linkQuote = m_view.hoveredQuote >= 0 ? m_view.hoveredQuote : m_view.selectedQuote;
    m_stats.hoveredQuote = m_view.hoveredQuote;
    if (linkQuote >= 0) {
        const Quote& q = m_doc.quotes[linkQuote];
        if (!q.source.empty()) {
            auto qr = m_layout.spanRects(q.content[0].begin, q.content[0].end);
            auto sr = m_layout.spanRects(q.source.begin, q.source.end);
            if (!qr.empty() && !sr.empty()) {
                const ImRect a = shift(qr.front()), b = shift(sr.front());
                const ImVec2 pa(a.Min.x + 6, a.Min.y), pb((b.Min.x + b.Max.x) * 0.5f, b.Min.y);
                const float lift = std::max(30.f, std::fabs(pa.x - pb.x) * 0.25f + std::fabs(pa.y - pb.y) * 0.2f);
                dl->AddBezierCubic(pa, ImVec2(pa.x, pa.y - lift), ImVec2(pb.x, pb.y - lift), pb, kQuoteColor, 2.f);
                dl->AddCircleFilled(pb, 4.f, kQuoteColor);
                ++m_stats.links;
            }
        }
        if (m_view.hoveredQuote >= 0) {
            ImGui::BeginTooltip();
            ImGui::Text("%s claim", quoteKindName(q.kind));
            if (!q.source.empty()) {
                const std::string src(m_doc.slice(q.source));
                ImGui::Text("source: %s", src.c_str());
            }
            if (q.speaker >= 0) ImGui::Text("speaker: %s", m_doc.entities[q.speaker].name.c_str());
            if (!q.cue.empty()) {
                const std::string cue(m_doc.slice(q.cue));
                ImGui::Text("cue: %s", cue.c_str());
            }
            ImGui::Text("why: %s (confidence %.2f)", q.why.c_str(), q.confidence);
            ImGui::EndTooltip();
        }
    }
    if (hovering && ImGui::IsMouseClicked(0)) {
        m_view.selectedQuote = m_view.hoveredQuote;
        m_view.selectedEntity = -1;
        if (hitByte >= 0)
            for (const Mention& m : m_doc.mentions)
                if (m.span.contains(static_cast<uint32_t>(hitByte))) m_view.selectedEntity = m.entity;
    }
}

void App::drawSidePanel() {
    ImGui::TextUnformatted("Actors");
    ImGui::Separator();
    std::vector<int> counts(m_doc.entities.size(), 0);
    for (const Mention& m : m_doc.mentions)
        if (m.entity >= 0) ++counts[m.entity];
    for (size_t e = 0; e < m_doc.entities.size(); ++e) {
        ImGui::PushID(static_cast<int>(e));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 6, p.y + h), labelColor(m_doc.entities[e].label), 2.f);
        ImGui::Dummy(ImVec2(8, h));
        ImGui::SameLine();
        char label[256];
        std::snprintf(label, sizeof label, "%s (%d)", m_doc.entities[e].name.c_str(), counts[e]);
        if (ImGui::Selectable(label, m_view.selectedEntity == static_cast<int>(e)))
            m_view.selectedEntity = m_view.selectedEntity == static_cast<int>(e) ? -1 : static_cast<int>(e);
        ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Claims");
    ImGui::Separator();
    for (size_t qi = 0; qi < m_doc.quotes.size(); ++qi) {
        const Quote& q = m_doc.quotes[qi];
        ImGui::PushID(static_cast<int>(qi) + 100000);
        std::string who = q.speaker >= 0 ? m_doc.entities[q.speaker].name
                          : !q.source.empty() ? std::string(m_doc.slice(q.source)) : std::string("(unsourced)");
        std::string_view content = m_doc.slice(q.content[0]);
        size_t cut = std::min<size_t>(content.size(), 60);
        while (cut < content.size() && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
        std::string what(content.substr(0, cut));
        char label[512];
        std::snprintf(label, sizeof label, "%s: %s", who.c_str(), what.c_str());
        if (ImGui::Selectable(label, m_view.selectedQuote == static_cast<int>(qi)))
            m_view.selectedQuote = static_cast<int>(qi);
        ImGui::PopID();
    }
}

} // namespace whosaid::web
