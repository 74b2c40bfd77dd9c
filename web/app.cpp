// The page: top bar, the article with highlights and links, side panels, the
// editor, hand corrections. Immediate mode over the Document; no NLP here.
#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "focus.hpp"
#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/json.hpp"
#include "whosaid/syntax.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid::web {

// [SECTION] Colors and names

ImU32 labelColor(Label l, float alpha) {
    const int a = static_cast<int>(alpha * 255);
    switch (l) {
    case Label::PER: return IM_COL32(66, 133, 244, a);
    case Label::ORG: return IM_COL32(240, 150, 0, a);
    case Label::LOC: return IM_COL32(52, 168, 83, a);
    case Label::GRP: return IM_COL32(171, 71, 188, a);
    case Label::MISC: return IM_COL32(140, 140, 140, a);
    }
    return IM_COL32(128, 128, 128, a);
}

namespace {

const char* labelPlural(Label l) {
    switch (l) {
    case Label::PER: return "People";
    case Label::ORG: return "Organizations";
    case Label::LOC: return "Places";
    case Label::GRP: return "Anonymous groups";
    case Label::MISC: return "Other names";
    }
    return "";
}
const char* quoteKindTitle(QuoteKind k) {
    switch (k) {
    case QuoteKind::Direct: return "direct quote";
    case QuoteKind::Mixed: return "partial quote";
    case QuoteKind::Indirect: return "reported speech";
    }
    return "";
}
const char* sourceKindTitle(SourceKind k) {
    switch (k) {
    case SourceKind::Named: return "named person";
    case SourceKind::Organization: return "organization / government";
    case SourceKind::Anonymous: return "anonymous";
    case SourceKind::Unsourced: return "unsourced";
    }
    return "";
}

constexpr ImU32 kQuoteColor = IM_COL32(205, 45, 65, 255);
constexpr ImU32 kTextColor = IM_COL32(28, 28, 32, 255);
constexpr unsigned kTextRgb = 0x1C1C20;  // kTextColor for the browser (words it draws whole)
constexpr ImU32 kSelectColor = IM_COL32(90, 140, 255, 90);
constexpr ImU32 kFindColor = IM_COL32(255, 214, 0, 150), kFindCurrent = IM_COL32(255, 140, 0, 200);
constexpr Label kLabels[] = {Label::PER, Label::ORG, Label::LOC, Label::GRP, Label::MISC};
// One colour per source actor for the links: distinct hues, dark enough on white.
constexpr ImU32 kLinkPalette[] = {IM_COL32(31, 110, 180, 255), IM_COL32(200, 40, 40, 255), IM_COL32(30, 140, 60, 255),
                                  IM_COL32(140, 80, 190, 255), IM_COL32(230, 110, 0, 255), IM_COL32(0, 150, 165, 255),
                                  IM_COL32(200, 70, 160, 255), IM_COL32(130, 80, 60, 255), IM_COL32(120, 130, 20, 255),
                                  IM_COL32(70, 70, 150, 255)};
constexpr int kPaletteSize = static_cast<int>(sizeof kLinkPalette / sizeof kLinkPalette[0]);
constexpr ImU32 kNoActorColor = IM_COL32(110, 110, 110, 255);
ImU32 withAlpha(ImU32 c, float a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a * 255.f) << IM_COL32_A_SHIFT); }

// The first `max` bytes of `s`, cut at a character boundary, with "…" when cut.
std::string clip(std::string_view s, size_t max) {
    if (s.size() <= max) return std::string(s);
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

// Draws a small swatch and keeps the cursor on the same line.
void swatch(ImU32 color, float w = 0) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    if (w <= 0) w = h;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + w, p.y + h - 1), color, 3.f);
    ImGui::Dummy(ImVec2(w, h));
    ImGui::SameLine(0, 4);
}

} // namespace

// [SECTION] Document and state

void App::setDocument(Document doc, bool newArticle) {
    if (newArticle) {
        m_mode = Mode::Annotate;  // a new article ends a lesson (it stays in the library)
        if (!m_doc.text.empty() && !m_pristine) m_req.newEntry = true;
        m_pristine = false;
    }
    m_doc = std::move(doc);
    m_jsonValid = false;
    const float fontSize = m_view.fontSize;
    const bool links = m_view.showAllLinks, grammar = m_view.showGrammar;
    m_view = ArticleView{};
    m_view.fontSize = fontSize;
    m_view.showAllLinks = links;
    m_view.showGrammar = grammar;
    m_view.markMode = m_mode == Mode::Student;  // students mark words; others select them, as on a web page
    m_layout = TextLayout();
    m_glyphs.newText();
    m_glyphs.ensure(m_doc.text);
    m_find.searched.clear();  // matches are found again in the new text
    m_editing = false;
    rebuildCaches();
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu actors, %zu claims", m_doc.entities.size() - m_credited.size(), m_doc.quotes.size());
    m_status = buf;
    m_statusIsError = false;
    for (const std::string& w : m_doc.warnings) m_status += " \xC2\xB7 " + w;
    m_error.clear();
    m_req.save = m_req.documentChanged = true;
}

void App::replay() {
    const ArticleView keep = m_view;
    const bool editing = m_editing;
    EditLog log = std::move(m_doc.edits);
    m_doc = replayEdits(m_base, log);
    m_jsonValid = false;
    m_editing = editing;
    m_view.selectedQuote = keep.selectedQuote < static_cast<int>(m_doc.quotes.size()) ? keep.selectedQuote : -1;
    m_view.selectedEntity = keep.selectedEntity < static_cast<int>(m_doc.entities.size()) ? keep.selectedEntity : -1;
    rebuildCaches();
    m_glyphs.ensure(m_doc.text);  // a renamed actor may bring new characters
    if (m_mode == Mode::Student) m_work.marks = m_doc;
    m_pristine = false;
    m_req.save = m_req.documentChanged = true;
}

namespace {
size_t unplacedCount(const EditLog& log) {
    return static_cast<size_t>(std::count_if(log.done.begin(), log.done.end(), [](const Edit& e) { return !e.unplaced.empty(); }));
}
std::string countOf(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }
} // namespace

bool App::setText(std::string_view text, bool revise) {
    Result<Document> doc = annotate(text, Model::builtin());
    if (!doc) {
        m_error = doc.error().message;
        setStatus("Could not use the new text: " + m_error + ". The previous article is kept.", true);
        return false;
    }
    const bool same = m_mode == Mode::Annotate && doc->text == m_doc.text;
    const bool similar = m_mode == Mode::Annotate && !m_doc.text.empty() && !m_pristine &&
                         (revise || same || textSimilarity(doc->text, m_doc.text) >= 0.5);
    if (similar && !m_doc.edits.empty()) {
        // The same article (again, or changed a little): its edits find their words anew.
        EditLog log = std::move(m_doc.edits);
        if (log.base == EditBase::File) log.base = EditBase::Tool;
        const ArticleView keep = m_view;
        doc->id = m_doc.id;
        m_base = std::move(*doc);
        m_doc = replayEdits(m_base, log);
        setDocument(std::move(m_doc), false);
        if (same) m_view.scroll = keep.scroll, m_view.scrollTarget = keep.scrollTarget;
        const size_t n = m_doc.edits.done.size(), lost = unplacedCount(m_doc.edits);
        m_status = (same ? "The same article again: " : "The article changed: ") + countOf(n - lost, "correction", "corrections") + " kept";
        if (lost) m_status += ", " + std::to_string(lost) + " could not be placed (see Edits)";
        m_status += ".";
        m_statusIsError = lost > 0;
        return true;
    }
    const bool wasNew = !similar && !m_doc.text.empty() && !m_pristine;
    m_base = *doc;
    if (similar) doc->id = m_doc.id;
    setDocument(std::move(*doc), !similar);
    if (wasNew) m_status += " \xC2\xB7 the previous article is in the Library";
    return true;
}

bool App::restoreState(std::string_view json) {
    // Storage holds what any page of this origin wrote: nothing deeper than our
    // own files is parsed (dump() and the readers recurse once a level; 10,000
    // levels threw an uncaught RangeError)
    if (std::string deep = jsonNestingProblem(json); !deep.empty()) {
        m_error = "the saved JSON is " + deep;
        setStatus("Could not restore the saved work: " + m_error, true);
        return false;
    }
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    const auto schemaIt = j.is_object() ? j.find("schema") : j.end();
    const std::string schema = j.is_object() && schemaIt != j.end() && schemaIt->is_string() ? schemaIt->get<std::string>() : "";
    if (schema == "whosaid-session/1" && j.contains("lesson") && j.contains("work")) {
        Result<Lesson> lesson = lessonFromJson(j["lesson"].dump());
        Result<StudentWork> work = studentWorkFromJson(j["work"].dump());
        if (!lesson || !work) {
            m_error = !lesson ? lesson.error().message : work.error().message;
            setStatus("Could not restore the saved lesson: " + m_error, true);
            return false;
        }
        return openLesson(std::move(*lesson), &*work);
    }
    // A library entry wraps the document; an older page stored the document itself.
    const bool entry = schema == "whosaid-entry/1" && j.contains("document") && j["document"].is_object();
    Result<Document> saved = fromJson(entry ? j["document"].dump() : std::string(json));
    if (!saved) {
        m_error = saved.error().message;
        setStatus("Could not restore the saved work: " + m_error, true);
        return false;
    }
    Document base;
    if (entry && j.contains("base") && j["base"].is_object()) {
        Result<Document> b = fromJson(j["base"].dump());
        if (!b) {
            m_error = b.error().message;
            setStatus("Could not restore the saved work: " + m_error, true);
            return false;
        }
        base = std::move(*b);
        tokenize(base);
    } else if (saved->edits.base == EditBase::None) {
        base.text = saved->text;
        tokenize(base);
    } else {
        Result<Document> doc = annotate(saved->text, Model::builtin());
        if (!doc) {
            m_error = doc.error().message;
            setStatus("Could not restore the saved work: " + m_error, true);
            return false;
        }
        base = std::move(*doc);
        if (saved->edits.base == EditBase::File) saved->edits.base = EditBase::Tool;
    }
    base.id = saved->id;
    m_mode = Mode::Annotate;
    m_base = std::move(base);
    setDocument(replayEdits(m_base, saved->edits), false);
    m_pristine = false;
    if (const size_t lost = unplacedCount(m_doc.edits)) {
        m_status += " \xC2\xB7 " + countOf(lost, "correction", "corrections") + " could not be placed (see Edits)";
        m_statusIsError = true;
    }
    return true;
}

std::string App::stateJson() const {
    if (m_mode != Mode::Annotate) {
        // A lesson in progress: the lesson and the student's marks.
        nlohmann::json j = {{"schema", "whosaid-session/1"},
                            {"lesson", nlohmann::json::parse(lessonToJson(m_lesson))},
                            {"work", nlohmann::json::parse(studentWorkToJson(m_work))}};
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    Document state;
    state.id = m_doc.id;
    state.text = m_doc.text;
    state.edits = m_doc.edits;
    JsonOptions history;
    history.history = true;
    std::string out = "{\"schema\":\"whosaid-entry/1\",\"document\":" + toJson(state, history);
    if (m_doc.edits.base == EditBase::File) out += ",\"base\":" + toJson(m_base);
    return out + "}";
}

std::string App::entryInfoJson() const {
    nlohmann::json j;
    j["kind"] = m_mode == Mode::Annotate ? "article" : "work";
    std::string title = m_mode == Mode::Annotate ? std::string() : m_lesson.title + " \xE2\x80\x94 " + (m_work.student.empty() ? "my work" : m_work.student);
    if (title.empty()) {
        const std::string_view t = m_doc.text;
        const size_t start = t.find_first_not_of(" \n\t\r");
        title = start == std::string_view::npos ? std::string("(empty)") : clip(t.substr(start, t.find('\n', start) - start), 70);
    }
    j["title"] = title;
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(textHash(m_doc.text)));
    j["hash"] = hash;
    j["pristine"] = m_pristine;
    j["edits"] = m_doc.edits.done.size();
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string App::viewJson() const {
    char buf[128];
    std::snprintf(buf, sizeof buf, "{\"scroll\":%.1f,\"allLinks\":%s}", m_view.scrollTarget, m_view.showAllLinks ? "true" : "false");
    return buf;
}

std::string App::prefsJson() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "{\"fontSize\":%.2f}", m_view.fontSize);
    return buf;
}

void App::setPrefs(std::string_view json) {
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (!j.is_object()) return;
    auto it = j.find("fontSize");
    if (it != j.end() && it->is_number()) m_view.fontSize = std::clamp(it->get<float>(), 10.f, 48.f);
}

void App::setView(std::string_view json) {
    if (jsonNestingExceeded(json) != std::string_view::npos) return;
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (!j.is_object()) return;
    auto it = j.find("scroll");
    if (it != j.end() && it->is_number()) m_view.scroll = m_view.scrollTarget = std::max(0.f, it->get<float>());
    // (entries saved before the text size became the reader's setting carry a fontSize: it is left alone)
    it = j.find("allLinks");
    if (it != j.end() && it->is_boolean()) m_view.showAllLinks = it->get<bool>();
}

void App::setLibrary(std::string_view json) {
    if (jsonNestingExceeded(json) != std::string_view::npos) return;  // the page's own list is flat
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (!j.is_object()) return;
    // Field readers that never throw: the list comes from storage any page may have written.
    auto str = [](const nlohmann::json& o, const char* k) {
        auto it = o.find(k);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto num = [](const nlohmann::json& o, const char* k) {
        auto it = o.find(k);
        return it != o.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    m_library.clear();
    m_entryId = str(j, "current");
    auto entries = j.find("entries");
    if (entries != j.end() && entries->is_array())
        for (const auto& e : *entries) {
            if (!e.is_object()) continue;
            LibraryItem it;
            it.id = str(e, "id");
            it.title = str(e, "title");
            it.kind = str(e, "kind").empty() ? std::string("article") : str(e, "kind");
            it.updated = num(e, "updated");
            it.bytes = num(e, "bytes");
            if (!it.id.empty()) m_library.push_back(std::move(it));
        }
}

bool App::importBrat(std::string_view name, std::string_view txt, std::string_view ann) {
    return openDocument(name, documentFromBrat(txt, ann));
}

// A document read from a file with its markup (and its edits, if any).
bool App::openDocument(std::string_view name, Result<Document> doc) {
    if (!doc) {
        m_error = doc.error().message;
        setStatus(std::string(name) + ": " + m_error + ". The previous article is kept.", true);
        return false;
    }
    // With edits made over the tool's markup, the markup under them is made
    // again here, so that they can be undone; a file's own markup is kept.
    Document base;
    if (!doc->edits.done.empty() && doc->edits.base == EditBase::Tool) {
        Result<Document> fresh = annotate(doc->text, Model::builtin());
        if (!fresh) {
            m_error = fresh.error().message;
            setStatus(std::string(name) + ": " + m_error + ". The previous article is kept.", true);
            return false;
        }
        base = std::move(*fresh);
    } else if (!doc->edits.done.empty() && doc->edits.base == EditBase::None) {
        base.text = doc->text;
        tokenize(base);
    } else {
        // The file's own markup (another tool's, a gold file): the edits to come apply over it.
        base = *doc;
        base.edits = {};
        base.edits.base = EditBase::File;
        tokenize(base);
    }
    base.id = doc->id;
    // Edits made over another file's markup are in this markup already, and
    // that markup is not in the file: they are kept as its markup, not as edits.
    const size_t folded = doc->edits.base == EditBase::File ? doc->edits.done.size() : 0;
    EditLog log = doc->edits;
    if (folded) log = {};
    log.base = base.edits.base == EditBase::File ? EditBase::File : log.base;
    m_base = std::move(base);
    Document shown = replayEdits(m_base, log);
    setDocument(std::move(shown), true);
    m_req.newEntry = true;
    m_status = std::string(name) + " opened with its markup \xC2\xB7 " + m_status;
    if (folded)
        m_status += " \xC2\xB7 its " + countOf(folded, "correction is", "corrections are") +
                    " part of its markup now (made over another file's markup, they cannot be undone here)";
    return true;
}

bool App::importFile(std::string_view name, std::string_view bytes) {
    const InputFormat format = detectFormat(bytes, name);
    switch (classroomFileKind(bytes)) {
    case ClassroomFile::Lesson: {
        Result<Lesson> lesson = lessonFromJson(bytes);
        if (!lesson) {
            m_error = lesson.error().message;
            setStatus(std::string(name) + ": " + m_error + ". Nothing was changed.", true);
            return false;
        }
        return openLesson(std::move(*lesson), nullptr);
    }
    case ClassroomFile::StudentWork: return addStudentWork(name, bytes);
    default: break;
    }
    if (format == InputFormat::WhosaidJson || format == InputFormat::WebAnnotation)
        return openDocument(name, format == InputFormat::WebAnnotation ? documentFromWebAnnotation(bytes) : fromJson(bytes));
    const std::string text = importText(bytes, name);
    if (text.find_first_not_of(" \n\t\r") == std::string::npos) {
        m_error = "no article text found";
        setStatus(std::string(name) + ": no article text found. The previous article is kept.", true);
        return false;
    }
    if (!setText(text)) return false;
    m_status = std::string(name) + " \xC2\xB7 " + m_status;
    return true;
}

bool App::wantsTextInput() const { return m_editing || ImGui::GetIO().WantTextInput; }

const std::string& App::documentJson() {
    if (!m_jsonValid) {
        m_json = toJson(m_doc);
        m_jsonValid = true;
    }
    return m_json;
}

std::string App::debugJson() const {
    // What the last frame drew: the counts the tests read, and every control with its place.
    nlohmann::json items = nlohmann::json::array();
    auto rect = [](const ImRect& r) { return nlohmann::json{{"x", (r.Min.x + r.Max.x) * 0.5f}, {"y", (r.Min.y + r.Max.y) * 0.5f},
                                                          {"w", r.GetWidth()}, {"h", r.GetHeight()}}; };
    for (size_t i = 0; i < m_stats.items.size(); ++i) {
        const auto& [label, r] = m_stats.items[i];
        nlohmann::json it = rect(r);
        it["label"] = label;
        if (i < m_stats.itemShortcuts.size() && !m_stats.itemShortcuts[i].empty()) it["shortcut"] = m_stats.itemShortcuts[i];
        items.push_back(std::move(it));
    }
    const ImGuiID focused = GImGui ? GImGui->NavId : 0;
    std::string focusLabel;
    for (const focus::Item& f : focus::drawn()) {
        if (f.id == focused) focusLabel = f.label.empty() ? "(unnamed)" : f.label;
        if (f.rect.GetWidth() <= 0) continue;
        nlohmann::json it = rect(f.rect);
        it["label"] = f.label;  // empty: a control without a name (tests look for none among the Tab stops)
        it["control"] = true;
        it["group"] = f.group;
        if (!f.noNav) it["nav"] = true;
        it["window"] = f.window ? f.window->Name : "";
        if (f.disabled) it["disabled"] = true;
        items.push_back(std::move(it));
    }
    const DrawStats& st = m_stats;  // between two frames: the last one
    auto box = [](const ImRect& r) { return r.Min.x < r.Max.x ? nlohmann::json{r.Min.x, r.Min.y, r.Max.x, r.Max.y} : nlohmann::json(nullptr); };
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& path : st.linkPaths) {
        nlohmann::json pts = nlohmann::json::array();
        for (const ImVec2& p : path) pts.push_back({p.x, p.y});
        paths.push_back(std::move(pts));
    }
    nlohmann::json linksDrawn = nlohmann::json::array(), underlines = nlohmann::json::array();
    for (const auto& l : st.linksDrawn)
        linksDrawn.push_back({{"quote", l.quote}, {"entity", l.entity}, {"color", l.color}, {"arrow", l.arrow}});
    for (const auto& u : st.underlinesDrawn)
        underlines.push_back({{"quote", u.quote}, {"confidence", u.confidence}, {"alpha", u.alpha}, {"thickness", u.thickness}});
    const OffsetIndex idx(m_doc.text);
    nlohmann::json j = {
        {"highlights", st.highlights}, {"underlines", st.underlines}, {"links", st.links}, {"offscreenLinks", st.offscreenLinks},
        {"visibleLines", st.visibleLines}, {"hoveredQuote", st.hoveredQuote}, {"selectedQuote", m_view.selectedQuote},
        {"selectedEntity", m_view.selectedEntity}, {"scroll", m_view.scroll}, {"height", m_layout.height()},
        {"layoutBuilds", m_stats.layoutBuilds}, {"articleMs", st.articleMs}, {"sideMs", st.sideMs}, {"articleTop", m_articleOrigin.y},
        {"pick", static_cast<int>(m_view.pick)}, {"linkCrossings", st.linkCrossings}, {"linkPaths", paths},
        {"missingGlyphs", st.missingGlyphs}, {"imageWords", st.imageWords}, {"fontSize", m_view.fontSize},
        {"articleFontPx", st.articleFontPx},
        {"linksDrawn", linksDrawn}, {"underlinesDrawn", underlines}, {"mentionColors", st.mentionColors},
        {"actorRowColors", st.actorRowColors}, {"tooltipConfidence", st.tooltipConfidence},
        {"grammar", {{"on", m_view.showGrammar}, {"arcs", st.grammarArcs}, {"note", st.grammarNote}}}, {"fullText", st.fullText},
        {"lineHeight", m_layout.lineHeight()}, {"gap", m_layout.gap()}, {"tooltip", box(st.tooltip)}, {"tooltipFor", box(st.tooltipFor)},
        {"find", {{"open", m_find.open}, {"query", m_find.query}, {"count", m_find.matches.size()}, {"current", m_find.current},
                  {"highlights", st.findHighlights}}},
        {"selection", m_view.selection.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json{idx.byteToCodepoint(m_view.selection.begin), idx.byteToCodepoint(m_view.selection.end)}},
        {"markMode", m_view.markMode}, {"touchUI", m_touchUI}, {"phone", m_phone}, {"sheetOpen", m_sheetOpen},
        {"field", m_field.buf ? nlohmann::json{{"kind", m_field.kind}, {"text", m_field.buf->size() < 20000 ? *m_field.buf : std::string()},
                                               {"changed", *m_field.buf != m_field.initial}} : nlohmann::json(nullptr)},
        {"discardAsk", m_discardAsk}, {"helpOpen", m_helpOpen},
        {"focus", focusLabel}, {"focusVisible", focused == m_articleFocusId ? m_keyboard : focus::visibleFocus() != 0}, {"editing", m_editing},
        {"glyphs", {{"added", m_glyphs.added()}, {"dropped", m_glyphs.dropped()}, {"words", m_glyphs.words()}, {"room", m_glyphs.roomRect()}}},
        {"article", box(m_articleRect)}, {"items", items}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
// The way a row's claims are mostly sourced, in one word.
const char* sourcing(const LedgerRow& r) {
    if (r.entity < 0) return "unsourced";
    const size_t most = std::max({r.named, r.organization, r.anonymous, r.unsourced});
    return most == r.anonymous ? "anonymous" : most == r.organization ? "organization" : most == r.named ? "named" : "unsourced";
}
} // namespace

std::string App::statsJson() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "{\"bytes\":%zu,\"mentions\":%zu,\"quotes\":%zu,\"entities\":%zu}", m_doc.text.size(),
                  m_doc.mentions.size(), m_doc.quotes.size(), m_doc.entities.size());
    return buf;
}

std::string App::ledgerJson() const {
    nlohmann::json rows = nlohmann::json::array();
    for (const LedgerRow& r : m_ledger)
        rows.push_back({{"name", r.name}, {"entity", r.entity}, {"kind", sourcing(r)}, {"claims", r.claims},
                        {"words", r.words}, {"quoted_words", r.quotedWords}, {"direct", r.direct}, {"mixed", r.mixed},
                        {"reported", r.indirect}});
    return rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool App::tracked(bool pressed, std::string_view label, const char* shortcut) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    m_stats.items.push_back({std::string(label), ImRect(a, b)});
    m_stats.itemShortcuts.emplace_back(shortcut ? shortcut : "");
    return pressed;
}

std::string App::mentionPointJson(int mention) {
    if (mention < 0 || mention >= static_cast<int>(m_doc.mentions.size())) return "null";
    return spanPointJson(m_doc.mentions[mention].span);
}

std::string App::textPointJson(uint32_t cpBegin, uint32_t cpEnd) {
    const OffsetIndex idx(m_doc.text);
    if (cpBegin >= cpEnd || cpEnd > idx.codepointCount()) return "null";
    return spanPointJson({idx.codepointToByte(cpBegin), idx.codepointToByte(cpEnd)});
}

// Where a span's first line is drawn, in CSS pixels: its middle, and its left
// and right ends ({"x","y","x0","x1","visible"}); scrolls it into view.
std::string App::spanPointJson(Span s) {
    if (m_layout.runs().empty()) return "null";
    auto rects = m_layout.spanRects(s.begin, s.end);
    if (rects.empty()) return "null";
    const ImRect r = rects.front();
    const bool visible = r.Min.y >= m_view.scroll && r.Max.y <= m_view.scroll + m_articleHeight - 20;
    if (!visible) scrollToByte(s.begin);
    char buf[192];
    const float x = m_articleOrigin.x;
    std::snprintf(buf, sizeof buf, "{\"x\":%.1f,\"y\":%.1f,\"x0\":%.1f,\"x1\":%.1f,\"visible\":%s}", x + (r.Min.x + r.Max.x) * 0.5f,
                  m_articleOrigin.y + (r.Min.y + r.Max.y) * 0.5f - m_view.scroll, x + r.Min.x + 2.f, x + r.Max.x - 2.f,
                  visible ? "true" : "false");
    return buf;
}

std::string App::claimPointJson(int quote) {
    if (quote < 0 || quote >= static_cast<int>(m_doc.quotes.size()) || m_layout.runs().empty()) return "null";
    const Span c = m_doc.quotes[quote].content.front();
    auto rects = m_layout.spanRects(c.begin, c.end);
    if (rects.empty()) return "null";
    const ImRect r = rects.front();
    const bool visible = r.Min.y >= m_view.scroll && r.Max.y <= m_view.scroll + m_articleHeight - 20;
    if (!visible) scrollToByte(c.begin);
    char buf[128];
    const float x = m_articleOrigin.x + std::min(r.Min.x + 12.f, (r.Min.x + r.Max.x) * 0.5f);
    const float y = m_articleOrigin.y + (r.Min.y + r.Max.y) * 0.5f - m_view.scroll;
    std::snprintf(buf, sizeof buf, "{\"x\":%.1f,\"y\":%.1f,\"visible\":%s}", x, y, visible ? "true" : "false");
    return buf;
}

void App::rebuildCaches() {
    const size_t ne = m_doc.entities.size();
    m_mentionCount.assign(ne, 0);
    m_firstMention.assign(ne, -1);
    for (size_t i = 0; i < m_doc.mentions.size(); ++i) {
        const int e = m_doc.mentions[i].entity;
        if (e < 0 || e >= static_cast<int>(ne)) continue;
        if (m_mentionCount[e]++ == 0) m_firstMention[e] = static_cast<int>(i);
    }
    m_byLabel.assign(kLabelCount, {});
    m_credited.clear();
    const std::vector<uint8_t> credited = creditedOnly(m_doc);
    for (size_t e = 0; e < ne; ++e) {
        if (m_mentionCount[e] == 0) continue;
        if (credited[e]) m_credited.push_back(static_cast<int>(e));
        else m_byLabel[static_cast<size_t>(m_doc.entities[e].label)].push_back(static_cast<int>(e));
    }
    for (auto& v : m_byLabel)
        std::stable_sort(v.begin(), v.end(), [&](int a, int b) { return m_mentionCount[a] > m_mentionCount[b]; });

    m_ledger = buildLedger(m_doc);
    // One colour per source actor, in the order they first speak.
    m_speakerColor.assign(ne, -1);
    int next = 0;
    for (const Quote& q : m_doc.quotes)
        if (q.speaker >= 0 && q.speaker < static_cast<int>(ne) && m_speakerColor[q.speaker] < 0) m_speakerColor[q.speaker] = next++ % kPaletteSize;
}

ImU32 App::actorColor(int entity, float alpha) const {
    if (entity < 0 || entity >= static_cast<int>(m_speakerColor.size()) || m_speakerColor[entity] < 0) return withAlpha(kNoActorColor, alpha);
    return withAlpha(kLinkPalette[m_speakerColor[entity]], alpha);
}

// The type an actor's mention is coloured with: its actor's, as the lists
// show it, unless a hand edit gave this mention a type of its own.
Label App::shownLabel(const Mention& m) const {
    if (m.entity >= 0 && m.entity < static_cast<int>(m_doc.entities.size()) && m.edit < 0) return m_doc.entities[m.entity].label;
    return m.label;
}

// [SECTION] Edits and export

bool App::edit(Edit e) {
    if (m_mode == Mode::Reveal) {
        setStatus("The answers are shown: go back to your marks to change them.", true);
        return false;
    }
    if (!completeEdit(m_doc.text, e)) {
        m_error = e.unplaced;
        setStatus("That correction cannot be made: " + e.unplaced + ".", true);
        return false;
    }
    if (e.author.empty()) e.author = m_mode == Mode::Annotate ? m_author : (m_work.student.empty() ? "student" : m_work.student);
    if (e.time.empty() && clock) e.time = clock();
    const std::string what = describeEdit(e);
    pushEdit(m_doc.edits, std::move(e));
    replay();
    const Edit& done = m_doc.edits.done.back();
    if (!done.unplaced.empty()) {
        // Placed against the text but not against the markup (no mention there, say): it stays, undoable.
        setStatus("Not applied: " + done.unplaced + ". (Undo removes it.)", true);
        return true;
    }
    setStatus("Done: " + what + ". Saved; Undo (Ctrl+Z) takes it back.");
    return true;
}

bool App::editJson(std::string_view json) {
    Result<Edit> e = editFromJson(json, m_doc.text);
    if (!e) {
        m_error = e.error().message;
        setStatus("That correction cannot be made: " + m_error + ".", true);
        return false;
    }
    return edit(std::move(*e));
}

bool App::undo() {
    if (m_mode == Mode::Reveal || m_doc.edits.done.empty()) return false;
    const std::string what = describeEdit(m_doc.edits.done.back());
    undoEdit(m_doc.edits);
    replay();
    setStatus("Undone: " + what + ". Redo (Ctrl+Shift+Z) brings it back.");
    return true;
}

bool App::redo() {
    if (m_mode == Mode::Reveal || m_doc.edits.undone.empty()) return false;
    const std::string what = describeEdit(m_doc.edits.undone.back());
    redoEdit(m_doc.edits);
    replay();
    setStatus("Redone: " + what + ".");
    return true;
}

std::string App::editsJson() const {
    Document state;
    state.text = m_doc.text;
    state.edits = m_doc.edits;
    JsonOptions o;
    o.history = true;
    const nlohmann::json j = nlohmann::json::parse(toJson(state, o));
    nlohmann::json out = {{"edits", j.value("edits", nlohmann::json::array())}, {"undone", j.value("undone", nlohmann::json::array())},
                          {"base", editBaseName(m_doc.edits.base)}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool App::claimEdit(EditOp op, int quote, Edit e) {
    if (quote < 0 || quote >= static_cast<int>(m_doc.quotes.size())) return false;
    e.op = op;
    e.at = anchor(m_doc.quotes[quote].content.front());
    return edit(std::move(e));
}

bool App::mentionEdit(EditOp op, int mention, Edit e) {
    if (mention < 0 || mention >= static_cast<int>(m_doc.mentions.size())) return false;
    e.op = op;
    e.at = anchor(m_doc.mentions[mention].span);
    return edit(std::move(e));
}

bool App::reassignSpeaker(int quote, int mention) {
    if (mention < 0 || mention >= static_cast<int>(m_doc.mentions.size())) return false;
    Edit e;
    e.source = anchor(m_doc.mentions[mention].span);
    return claimEdit(EditOp::ClaimSource, quote, std::move(e));
}

bool App::addMention(Span span, Label label) {
    if (span.empty() || span.end > m_doc.text.size()) return false;
    Edit e;
    e.op = EditOp::AddMention;
    e.at = anchor(span);
    e.label = label;
    e.mentionKind = label == Label::GRP ? MentionKind::Nominal : MentionKind::Name;
    return edit(std::move(e));
}

bool App::removeMention(int mention) { return mentionEdit(EditOp::RemoveMention, mention); }

bool App::renameEntity(int entity, std::string name) {
    if (entity < 0 || entity >= static_cast<int>(m_doc.entities.size()) || name.empty() || m_firstMention[entity] < 0)
        return false;
    Edit e;
    e.name = std::move(name);
    return mentionEdit(EditOp::RenameActor, m_firstMention[entity], std::move(e));
}

bool App::exportAs(std::string_view format) {
    ExportFormat f;
    if (!parseExportFormat(format, f)) return false;
    const std::string base = m_doc.id.empty() ? std::string("whosaid") : m_doc.id;
    ExportOptions options;
    options.indent = 2;
    if (clock) options.created = clock();  // the markup is made again from the text whenever it is shown
    if (f == ExportFormat::Brat) {
        // brat wants the text and the standoff side by side: two downloads.
        const BratFiles brat = toBrat(m_doc);
        m_req.downloads.push_back({base + ".txt", "text/plain", brat.txt});
        m_req.downloads.push_back({base + ".ann", "text/plain", brat.ann});
    } else {
        m_req.downloads.push_back({base + exportFileExtension(f), exportMimeType(f), exportDocument(m_doc, f, options)});
    }
    return true;
}

// [SECTION] Selection

void App::scrollToByte(uint32_t b) {
    auto rects = m_layout.spanRects(b, b + 1);
    if (rects.empty()) return;
    m_view.fling = 0;  // a jump ends a flick
    m_view.scrollTarget = std::max(0.f, rects.front().Min.y - m_articleHeight * 0.3f);
}

void App::selectQuote(int q, bool scroll) {
    m_view.selectedQuote = q;
    m_view.selectedEntity = -1;
    if (q >= 0 && scroll) scrollToByte(m_doc.quotes[q].content.front().begin);
    m_req.focusQuote = q;
    if (q >= 0 && q < static_cast<int>(m_doc.quotes.size())) {
        const Quote& c = m_doc.quotes[q];
        const std::string who = c.speaker >= 0 ? m_doc.entities[c.speaker].name : !c.source.empty() ? std::string(m_doc.sourceWords(c)) : "no source found";
        char head[96];
        std::snprintf(head, sizeof head, "Claim %d of %zu, %s: ", q + 1, m_doc.quotes.size(), quoteKindTitle(c.kind));
        char tail[48];
        std::snprintf(tail, sizeof tail, ", confidence %.0f%%.", c.confidence * 100.f);
        m_req.announce.push_back(head + clip(m_doc.slice(c.span), 300) + " \xE2\x80\x94 said by " + who + " (" + sourceKindTitle(c.sourceKind) + ")" + tail);
        if (m_phone) m_sheetOpen = true;
    }
}

void App::selectEntity(int e, bool scroll) {
    m_view.selectedEntity = e;
    m_view.selectedQuote = -1;
    m_renameBuffer = e >= 0 ? m_doc.entities[e].name : std::string();
    if (e >= 0 && scroll && m_firstMention[e] >= 0) scrollToByte(m_doc.mentions[m_firstMention[e]].span.begin);
    m_req.focusEntity = e;
    if (e >= 0 && e < static_cast<int>(m_doc.entities.size())) {
        m_req.announce.push_back(m_doc.entities[e].name + ", " + labelTitle(m_doc.entities[e].label) + ", " +
                                 countOf(static_cast<size_t>(m_mentionCount[e]), "mention", "mentions") + ".");
        if (m_phone) m_sheetOpen = true;
    }
}

// [SECTION] Reading like a web page: zoom, find, selection, touch

void App::setFontSize(float px) {
    px = std::clamp(px, 10.f, 48.f);
    if (std::fabs(px - m_view.fontSize) < 0.01f) return;
    // The words at the top of the view stay at the top.
    if (m_anchorByte < 0 && !m_layout.runs().empty()) {
        const int64_t b = m_layout.hitTest(ImVec2(0.f, m_view.scroll + 1.f), true);
        if (b >= 0) {
            const auto rects = m_layout.spanRects(static_cast<uint32_t>(b), static_cast<uint32_t>(b) + 1);
            m_anchorByte = b;
            m_anchorY = rects.empty() ? 0.f : rects.front().Min.y - m_view.scroll;
        }
    }
    m_view.fontSize = px;
    m_zoomedAt = ImGui::GetTime();
    m_req.prefs = true;
}

float App::articleFontPx(float dpr) const {
    if (m_zoomedAt >= 0 && ImGui::GetTime() - m_zoomedAt < 0.3) return m_articlePx;  // still zooming
    const float px = std::round(m_view.fontSize);
    if (std::fabs(px - 17.f) < 1.f) return 0.f;
    // past 48 device pixels the glyphs would take much of the atlas: scaled from there
    return std::min(px, std::floor(48.f / std::max(1.f, dpr)));
}

void App::zoomBy(float factor) {
    setFontSize(m_view.fontSize * factor);
    char buf[64];
    std::snprintf(buf, sizeof buf, "Text size %.0f%%.", m_view.fontSize / ArticleView::kDefaultFontSize * 100.f);
    m_req.announce.assign(1, buf);
}

void App::pinch(float scale, bool begin) {
    if (begin) {
        m_pinchFrom = m_view.fontSize;
        return;
    }
    if (scale <= 0.f) {
        m_req.prefs = true;
        return;
    }
    if (m_pinchFrom > 0) setFontSize(m_pinchFrom * scale);
}

bool App::articleContains(ImVec2 p) const {
    return m_articleRect.Contains(p) && (!GImGui || GImGui->OpenPopupStack.Size == 0) && !m_editing;
}

void App::scrollPixels(float dy) {
    m_view.scroll = m_view.scrollTarget = std::max(0.f, m_view.scrollTarget + dy);
    m_view.fling = 0;
}

void App::fling(float velocity) { m_view.fling = std::fabs(velocity) > 60.f ? std::clamp(velocity, -6000.f, 6000.f) : 0.f; }

bool App::animating() const {
    return std::fabs(m_view.scrollTarget - m_view.scroll) > 0.5f || m_view.fling != 0.f || m_glyphs.pending() > 0 || m_find.focusInput ||
           m_anchorByte >= 0 || (m_zoomedAt >= 0 && ImGui::GetTime() - m_zoomedAt < 0.35);
}

std::string App::missingGlyphsJson(std::string_view text) {
    nlohmann::json out = nlohmann::json::array();
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    if (!font) return "[]";
    m_glyphs.ensure(text);
    for (size_t i = 0; i < text.size() && out.size() < 100;) {
        int len = 1;
        const char32_t c = decodeAt(text, i, len);
        i += len;
        if (c >= 0x20 && c != 0x7F && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) out.push_back(static_cast<uint32_t>(c));
    }
    return out.dump();
}

void App::fontsChanged() {
    m_layout = TextLayout();  // measured with the old font
    m_glyphs.ensure(m_doc.text);
    if (m_editing) m_glyphs.ensure(m_editBuffer);
}

Span App::snapToTokens(Span s) const {
    if (s.empty()) return s;
    Span out = s;
    auto first = std::upper_bound(m_doc.tokens.begin(), m_doc.tokens.end(), s.begin, [](uint32_t b, const Token& t) { return b < t.span.end; });
    if (first != m_doc.tokens.end() && first->span.contains(s.begin)) out.begin = first->span.begin;
    auto last = std::upper_bound(m_doc.tokens.begin(), m_doc.tokens.end(), s.end - 1, [](uint32_t b, const Token& t) { return b < t.span.end; });
    if (last != m_doc.tokens.end() && last->span.contains(s.end - 1)) out.end = last->span.end;
    // no white space at the edges
    auto blank = [&](uint32_t i) { const char c = m_doc.text[i]; return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    while (out.begin < out.end && blank(out.begin)) ++out.begin;
    while (out.end > out.begin && blank(out.end - 1)) --out.end;
    return out;
}

std::string App::selectionText() const {
    const Span s = m_view.selection;
    if (s.empty() || s.end > m_doc.text.size()) return {};
    return std::string(m_doc.slice(s));
}

void App::touchSelect(TouchPhase phase, ImVec2 p) {
    // Stored for the frame (ImGui calls happen there); a drag after a long press.
    const ImVec2 local(p.x - m_articleOrigin.x, p.y - m_articleOrigin.y + m_view.scroll);
    const int64_t hit = m_layout.hitTest(local, true);
    switch (phase) {
    case TouchPhase::Begin:
        m_view.touchSelecting = true;
        m_view.dragFrom = hit;
        m_view.selection = hit >= 0 ? snapToTokens({static_cast<uint32_t>(hit), static_cast<uint32_t>(hit) + 1}) : Span{};
        break;
    case TouchPhase::Move:
        if (m_view.dragFrom >= 0 && hit >= 0) {
            const uint32_t a = static_cast<uint32_t>(std::min(m_view.dragFrom, hit)), b = static_cast<uint32_t>(std::max(m_view.dragFrom, hit));
            m_view.selection = snapToTokens({a, b + 1});
        }
        // near the edges the article scrolls on
        if (p.y > m_articleRect.Max.y - 40) m_view.scrollTarget += 12.f;
        if (p.y < m_articleRect.Min.y + 40) m_view.scrollTarget -= 12.f;
        break;
    case TouchPhase::End:
        m_view.touchSelecting = false;
        m_view.dragFrom = -1;
        if (!m_view.selection.empty() && m_mode != Mode::Reveal) m_openSelectionMenu = true;
        break;
    case TouchPhase::Cancel:
        m_view.touchSelecting = false;
        m_view.dragFrom = -1;
        m_view.selection = {};
        break;
    }
}

void App::openFind() {
    m_find.open = true;
    m_find.focusInput = true;
    // the selected words are the query, as in browsers
    if (!m_view.selection.empty() && m_view.selection.size() < 200) m_find.query = selectionText();
}

void App::updateMatches() {
    if (m_find.searched == m_find.query && m_find.text == m_doc.text.data() && m_find.textSize == m_doc.text.size() &&
        m_find.caseWas == m_find.matchCase)
        return;
    m_find.searched = m_find.query;
    m_find.text = m_doc.text.data();
    m_find.textSize = m_doc.text.size();
    m_find.caseWas = m_find.matchCase;
    m_find.matches.clear();
    const int keep = m_find.current;
    m_find.current = -1;
    if (m_find.query.empty()) return;
    // Case-insensitive by default: lowercase() keeps every byte offset (text.hpp).
    const std::string hay = m_find.matchCase ? m_doc.text : lowercase(m_doc.text);
    const std::string needle = m_find.matchCase ? m_find.query : lowercase(m_find.query);
    if (hay.size() != m_doc.text.size() || needle.empty()) return;
    for (size_t at = hay.find(needle); at != std::string::npos && m_find.matches.size() < 100000; at = hay.find(needle, at + needle.size()))
        m_find.matches.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())});
    if (m_find.matches.empty()) return;
    // the first match at or after the view's top
    const int64_t top = m_layout.runs().empty() ? 0 : m_layout.hitTest(ImVec2(0.f, m_view.scroll + 1.f), true);
    m_find.current = 0;
    for (size_t k = 0; k < m_find.matches.size(); ++k)
        if (top < 0 || m_find.matches[k].begin >= static_cast<uint32_t>(top)) { m_find.current = static_cast<int>(k); break; }
    (void)keep;
    scrollToByte(m_find.matches[m_find.current].begin);
}

void App::findStep(int dir) {
    updateMatches();
    const int n = static_cast<int>(m_find.matches.size());
    if (n == 0) {
        if (!m_find.query.empty()) m_req.announce.assign(1, "No matches.");
        return;
    }
    m_find.current = m_find.current < 0 ? 0 : (m_find.current + dir + n) % n;
    scrollToByte(m_find.matches[m_find.current].begin);
    m_view.selection = m_find.matches[m_find.current];  // so that Mark as, Copy and the context key act on it
    char buf[64];
    std::snprintf(buf, sizeof buf, "Match %d of %d.", m_find.current + 1, n);
    m_req.announce.assign(1, buf);
}

int App::find(std::string_view query) {
    m_find.open = true;
    m_find.query = std::string(query);
    updateMatches();
    return static_cast<int>(m_find.matches.size());
}

bool App::articleOwnsKeys() const {
    const ImGuiContext& g = *GImGui;
    if (ImGui::GetIO().WantTextInput || m_editing || g.OpenPopupStack.Size > 0) return false;
    if (g.NavId == 0 || g.NavId == m_articleFocusId || !g.NavWindow) return true;
    // after a click on the toolbar (no focus ring shown), the keys scroll the article as on a web page
    const bool inSide = m_sideWindow && g.NavWindow->RootWindowForNav == m_sideWindow->RootWindowForNav &&
                        std::string_view(g.NavWindow->Name).find("side") != std::string_view::npos;
    return g.NavDisableHighlight && !inSide;
}

void App::openContextFor(int mention, int quote) {
    m_view.contextMention = mention;
    m_view.contextQuote = quote;
    m_openContext = true;
}

namespace {
// ImGui 1.86 takes the platform's key index (the browser's key code here).
bool pressed(int code, bool repeat = true) { return ImGui::IsKeyPressed(code, repeat); }
} // namespace

void App::handleKeys() {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *GImGui;
    const bool command = io.KeyCtrl || io.KeySuper;
    for (int k = 8; k < 256; ++k)
        if (io.KeysDown[k] && io.KeysDownDuration[k] == 0.f) { m_keyboard = true; break; }
    if (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1)) m_keyboard = false;

    // Esc in a text field with nothing typed cancels it (with text typed,
    // takeKey() took the Esc and drawDiscard() asks).
    if (pressed(27, false) && m_field.id && g.ActiveId == m_field.id && !m_discardAsk) {
        if (m_field.kind == kFieldFind) {
            m_find.open = false;  // the query stays for the next Ctrl+F: nothing is lost
            m_find.matches.clear();
            m_find.searched.clear();
            ImGui::ClearActiveID();
            m_field = {};
            focus::request(m_articleFocusId, false, m_keyboard);
        } else {
            cancelField();
        }
        return;
    }
    if (m_editing && pressed(27, false) && g.ActiveId == 0 && !m_discardAsk && g.OpenPopupStack.Size == 0) {
        m_editing = false;  // the editor, unchanged (takeKey() asks when it was changed)
        return;
    }
    // Tab and Shift+Tab move the focus through the toolbar, the panels and the dialogs.
    if (pressed(9) && !command && !io.KeyAlt) {
        if (!m_navStarted) g.NavId = 0;  // the first Tab of the page: the first control, as on a web page
        m_navStarted = true;
        focus::move(io.KeyShift);
        m_keyboard = true;
    }
    // F6 jumps between the regions: the toolbar, the article, the side panel.
    if (pressed(117, false)) {
        m_navStarted = true;  // a Tab after this goes on from the region
        m_keyboard = true;
        const auto& items = focus::last();
        const ImGuiID at = g.NavId;
        int region = 0;  // 0 toolbar, 1 article, 2 side
        for (const focus::Item& it : items)
            if (it.id == at) region = it.id == m_articleFocusId ? 1 : (m_sideWindow && it.window == m_sideWindow) || std::string_view(it.window->Name).find("side") != std::string_view::npos ? 2 : 0;
        const int want = (region + (io.KeyShift ? 2 : 1)) % 3;
        if (want == 1) focus::request(m_articleFocusId);
        else
            for (const focus::Item& it : items) {
                const bool side = std::string_view(it.window->Name).find("side") != std::string_view::npos;
                if (!it.disabled && !it.noNav && it.id != m_articleFocusId && side == (want == 2) &&
                    it.window->RootWindow->Name == std::string_view("whosaid") && std::string_view(it.window->Name).find("article") == std::string_view::npos) {
                    // a list or the tabs: their current row, as Tab would stop there
                    ImGuiID id = it.id;
                    if (it.group != 0)
                        for (const focus::Item& other : items)
                            if (other.group == it.group && other.checked && other.window == it.window) id = other.id;
                    focus::request(id);
                    break;
                }
            }
    }
    // Page-wide shortcuts, also while typing in a field.
    if (command && pressed('F', false)) openFind();
    if (command && pressed('O', false)) m_req.openFile = true;
    if (command && pressed('S', false)) exportAs("json");
    if (command && (pressed(187) || pressed(61) || pressed(107))) zoomBy(1.1f);
    if (command && (pressed(189) || pressed(173) || pressed(109))) zoomBy(1.f / 1.1f);
    if (command && pressed('0', false)) { setFontSize(ArticleView::kDefaultFontSize); zoomBy(1.f); }
    if (pressed(114) || (command && pressed('G'))) {
        if (!m_find.open) openFind();
        findStep(io.KeyShift ? -1 : 1);
    }
    if (pressed(112, false)) m_helpOpen = true;  // F1
    if (io.WantTextInput || m_editing) return;

    // Undo and redo: Ctrl+Z / Cmd+Z, Ctrl+Shift+Z / Cmd+Shift+Z (and Ctrl+Y).
    if (command && pressed('Z')) {
        if (io.KeyShift) redo();
        else undo();
        return;
    }
    if (command && pressed('Y')) {
        redo();
        return;
    }
    if (command && pressed('A', false) && !m_doc.text.empty()) {
        m_view.selection = {0, static_cast<uint32_t>(m_doc.text.size())};
        m_req.announce.assign(1, "All the article's text is selected.");
    }
    if (command || io.KeyAlt) return;
    // Single keys, read as characters so that they follow the keyboard's layout.
    const int n = static_cast<int>(m_doc.quotes.size());
    for (ImWchar c : io.InputQueueCharacters) {
        if ((c == 'j' || c == ']' || c == 'n') && n > 0) {
            const int q = m_view.selectedQuote;
            selectQuote(q < 0 || q >= n - 1 ? 0 : q + 1, true);
        } else if ((c == 'k' || c == '[' || c == 'p') && n > 0) {
            const int q = m_view.selectedQuote;
            selectQuote(q <= 0 ? n - 1 : q - 1, true);
        } else if (c == '?') {
            m_helpOpen = true;
        } else if (c == 'l') {
            m_view.showAllLinks = !m_view.showAllLinks;
            m_req.announce.assign(1, m_view.showAllLinks ? "All links shown." : "Links hidden.");
        } else if (c == 'g') {
            m_view.showGrammar = !m_view.showGrammar;
            toggleGrammarSaid();
        } else if (c == 'm' && m_mode != Mode::Reveal) {
            m_view.markMode = !m_view.markMode;
            m_req.announce.assign(1, m_view.markMode ? "Mark mode: dragging over words marks them." : "Select mode: dragging selects text.");
        }
    }
    // The context menu key and Shift+F10: the menu of the selection, else of the selected claim or actor.
    if (pressed(93, false) || (io.KeyShift && pressed(121, false))) {
        if (!m_view.selection.empty()) m_openSelectionMenu = true;
        else if (m_view.selectedQuote >= 0) openContextFor(-1, m_view.selectedQuote);
        else if (m_view.selectedEntity >= 0 && m_firstMention[m_view.selectedEntity] >= 0) openContextFor(m_firstMention[m_view.selectedEntity], -1);
        m_menuAtFocus = true;
    }
    if (pressed(27, false) && g.OpenPopupStack.Size == 0 && !m_discardAsk && !m_helpOpen) {
        if (m_find.open) {
            m_find.open = false;
            m_find.searched.clear();
            m_find.matches.clear();
        } else {
            m_view.selectedQuote = m_view.selectedEntity = m_view.pickFor = -1;
            m_view.pick = Pick::None;
            m_view.selection = {};
            m_req.focusQuote = m_req.focusEntity = -1;
        }
    }
    if (!articleOwnsKeys()) return;
    const float line = m_layout.lineHeight() > 0 ? m_layout.lineHeight() : 24.f;
    const float page = std::max(line, m_articleHeight - 2 * line);
    if (pressed(40)) m_view.scrollTarget += 3 * line;
    if (pressed(38)) m_view.scrollTarget -= 3 * line;
    if (pressed(34) || (pressed(32) && !io.KeyShift)) m_view.scrollTarget += page;
    if (pressed(33) || (pressed(32) && io.KeyShift)) m_view.scrollTarget -= page;
    if (pressed(36)) m_view.scrollTarget = 0;
    if (pressed(35)) m_view.scrollTarget = 1e9f;
}

bool App::takeKey(int code, bool shift) {
    const ImGuiContext& g = *GImGui;
    const bool active = m_field.id && g.ActiveId == m_field.id && m_field.buf;
    if (code == 27 && !m_discardAsk) {
        if (active && m_field.kind != kFieldFind && *m_field.buf != m_field.initial && !m_field.buf->empty()) {
            m_discardAsk = true;  // drawDiscard() asks; ImGui never sees this Esc (it would throw the text away)
            return true;
        }
        if (m_editing && g.ActiveId == 0 && g.OpenPopupStack.Size == 0 && m_editBuffer != m_doc.text && !m_editBuffer.empty()) {
            m_field = {m_editorId, &m_editBuffer, m_doc.text, kFieldEditor};
            m_discardAsk = true;
            return true;
        }
    }
    if (code == 13 && active && m_field.kind == kFieldFind) {
        m_findStep = shift ? -1 : 1;  // done in the frame; the field keeps the caret
        return true;
    }
    return false;
}

void App::cancelField() {
    const int kind = m_field.kind;
    if (m_field.buf) *m_field.buf = m_field.initial;
    ImGui::ClearActiveID();
    m_field = {};
    switch (kind) {
    case kFieldEditor:
        m_editing = false;
        setStatus("Editing cancelled; the article is as it was.");
        break;
    case kFieldLibraryRename: m_libraryRenameId.clear(); break;
    case kFieldFind:
        m_find.open = false;
        m_find.matches.clear();
        m_find.searched.clear();
        break;
    default: break;
    }
    focus::request(m_articleFocusId, false, m_keyboard);
}

// [SECTION] Frame

void App::applyStyle() {
    ImGuiStyle& st = ImGui::GetStyle();
    if (m_touchUI) {
        // Touch: every target at least 44 px tall (17 px text + 2 × 13.5 px).
        st.FramePadding = ImVec2(12.f, 13.5f);
        st.ItemSpacing = ImVec2(8.f, 8.f);
        st.ItemInnerSpacing = ImVec2(8.f, 6.f);
        st.CellPadding = ImVec2(6.f, 13.5f);
        st.ScrollbarSize = 18.f;
        st.GrabMinSize = 24.f;
        st.TouchExtraPadding = ImVec2(2.f, 2.f);
    } else {
        st.FramePadding = ImVec2(4.f, 3.f);
        st.ItemSpacing = ImVec2(8.f, 4.f);
        st.ItemInnerSpacing = ImVec2(4.f, 4.f);
        st.CellPadding = ImVec2(4.f, 2.f);
        st.ScrollbarSize = 14.f;
        st.GrabMinSize = 10.f;
        st.TouchExtraPadding = ImVec2(0.f, 0.f);
    }
}

namespace {
// Menu rows and list rows of 44 px on touch screens: ImGui's selectables take the item spacing into their height.
struct TouchRows {
    bool on;
    explicit TouchRows(bool touch) : on(touch) {
        if (on) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8.f, 27.f));
    }
    ~TouchRows() {
        if (on) ImGui::PopStyleVar();
    }
};
} // namespace

void App::frame() {
    focus::newFrame();
    m_glyphs.newFrame();
    ImGuiIO& io = ImGui::GetIO();
    m_phone = io.DisplaySize.x <= 480.f;
    applyStyle();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
    if (m_phone) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6.f, 6.f));
    ImGui::Begin("whosaid", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar(m_phone ? 3 : 2);
    const int builds = m_stats.layoutBuilds;
    m_drawnItems = std::move(m_stats.items);
    m_stats = DrawStats{};
    m_stats.layoutBuilds = builds;
    handleKeys();
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); };
    drawTopBar();
    if (m_find.open && !m_editing) drawFindBar();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // Phone: the panels are a bottom sheet (a handle when closed). Tablet and
    // desktop: beside the article when there is room, else below it.
    const bool below = m_phone || avail.x < 900.f;
    const float handle = ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y;
    const float sideW = below ? 0.f : std::clamp(avail.x * 0.32f, 300.f, 420.f);
    const float bottom = !below ? 0.f : m_phone ? (m_sheetOpen ? std::max(handle, avail.y * 0.55f) : handle) : avail.y * 0.38f;
    ImGui::BeginChild("article", ImVec2(below ? 0.f : -sideW - 8.f, below ? -bottom - spacing : 0.f), false,
                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNavInputs);
    const auto t0 = Clock::now();
    if (m_editing) drawEditor();
    else drawArticle();
    m_stats.articleMs = ms(t0);
    ImGui::EndChild();
    if (!below) ImGui::SameLine();
    ImGui::BeginChild("side", ImVec2(0, 0), true, m_phone && !m_sheetOpen ? ImGuiWindowFlags_NoScrollbar : 0);
    m_sideWindow = ImGui::GetCurrentWindow();
    const auto t1 = Clock::now();
    if (m_phone) {
        // The sheet's handle: a bar to tap, with what the sheet holds.
        char label[128];
        std::snprintf(label, sizeof label, "%s  Actors \xC2\xB7 Sources \xC2\xB7 Claims (%zu)###sheet", m_sheetOpen ? "\xE2\x96\xBC" : "\xE2\x96\xB2",
                      m_doc.quotes.size());
        if (tracked(ImGui::Button(label, ImVec2(-1, 0)), "Panels")) m_sheetOpen = !m_sheetOpen;
        if (m_sheetOpen) {
            drawLegend(true);
            drawSidePanel();
        }
    } else {
        drawSidePanel();
    }
    m_stats.sideMs = ms(t1);
    ImGui::EndChild();
    drawLessonDialog();
    drawClassSummary();
    drawLibrary();
    drawHelp();
    drawDiscard();
    ImGui::End();
}

bool App::fits(const char* label, float extra) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = std::max(ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2, st.FramePadding.y >= 13.f ? 44.f : 0.f) + extra;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right) {
        ImGui::SameLine();
        return true;
    }
    return false;
}

namespace {
// The narrowest a touch target may be (its height comes from the style's padding).
float minTargetWidth() { return ImGui::GetStyle().FramePadding.y >= 13.f ? 44.f : 0.f; }

// A button with a tooltip that names its shortcut.
bool toolButton(const char* label, const char* tip, bool enabled = true) {
    ImGui::BeginDisabled(!enabled);
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const bool pressed = ImGui::Button(label, ImVec2(std::max(w, minTargetWidth()), 0.f));
    ImGui::EndDisabled();
    if (tip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.f);
        ImGui::TextUnformatted(tip);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    return pressed;
}
} // namespace

void App::drawExportItems(bool inline_) {
    const char* pre = inline_ ? "Export: " : "";
    auto item = [&](const char* label, const char* shortcut, const char* format) {
        const std::string l = std::string(pre) + label;
        if (tracked(ImGui::MenuItem(l.c_str(), inline_ ? nullptr : shortcut), l, inline_ ? nullptr : shortcut)) exportAs(format);
    };
    item(inline_ ? "whosaid JSON (.json)" : "whosaid JSON (.json): everything, corrections included", "Ctrl+S", "json");
    item("Printable handout (.html)", nullptr, "html");
    item("W3C Web Annotation (.jsonld)", nullptr, "webanno");
    item("brat standoff (.txt + .ann)", nullptr, "brat");
    item("CoNLL tokens with IOB tags (.conll)", nullptr, "conll");
}

void App::drawTopBar() {
    const bool canUndo = !m_doc.edits.done.empty() && m_mode != Mode::Reveal;
    const bool canRedo = !m_doc.edits.undone.empty() && m_mode != Mode::Reveal;
    const std::string undoTip = m_doc.edits.done.empty() ? "Nothing to undo" : "Undo: " + describeEdit(m_doc.edits.done.back()) + " (Ctrl+Z / Cmd+Z)";
    const std::string redoTip = m_doc.edits.undone.empty() ? "Nothing to redo" : "Redo: " + describeEdit(m_doc.edits.undone.back()) + " (Ctrl+Shift+Z)";
    auto newArticle = [&] {
        Document empty;
        m_base = empty;
        setDocument(std::move(empty), true);
        m_editing = true;
        m_editBuffer.clear();
        m_status = "New article: paste or type it, then press Annotate. The previous one is in the Library.";
    };
    if (m_phone) {
        // Phone: the actions are in the menu; the most used stay on the bar.
        if (tracked(ImGui::Button("\xE2\x89\xA1 Menu"), "Menu")) m_menuOpen = true;
        const float menuBottom = ImGui::GetItemRectMax().y;
        ImGui::SameLine();
        if (tracked(toolButton("Undo##bar", undoTip.c_str(), canUndo), "Undo")) undo();
        ImGui::SameLine();
        if (tracked(toolButton("Redo##bar", redoTip.c_str(), canRedo), "Redo")) redo();
        ImGui::SameLine();
        if (tracked(toolButton("Find", "Find in the article (Ctrl+F)"), "Find")) openFind();
        ImGui::SameLine();
        if (tracked(toolButton("?", "Keyboard shortcuts (?)"), "?")) m_helpOpen = true;
        if (m_mode != Mode::Annotate) {
            ImGui::SameLine();
            if (m_mode == Mode::Student && tracked(ImGui::Button("Reveal"), "Reveal")) reveal();
            else if (m_mode == Mode::Reveal && tracked(ImGui::Button("Marks"), "Back to my marks")) backToMarks();
        }
        if (m_menuOpen) {
            ImGui::OpenPopup("menu");
            m_menuOpen = false;
        }
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 4.f, menuBottom + 2.f));
        ImGui::SetNextWindowSizeConstraints(ImVec2(vp->WorkSize.x - 8.f, 0.f), ImVec2(vp->WorkSize.x - 8.f, vp->WorkSize.y - menuBottom - 8.f));
        if (ImGui::BeginPopup("menu")) {
            if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
            drawPhoneMenu();
            ImGui::EndPopup();
        }
        drawPickPrompt();
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(20, 20, 24, 255));
    ImGui::TextUnformatted("whosaid");
    ImGui::PopStyleColor();
    if (ImGui::GetContentRegionAvail().x > 1100.f) {
        ImGui::SameLine();
        ImGui::TextDisabled("who said what");
    }
    ImGui::SameLine(0, 16);
    if (tracked(toolButton("Open\xE2\x80\xA6", "Open a .txt, .md, .html or whosaid .json file, or drop it on the page (Ctrl+O)"), "Open")) m_req.openFile = true;
    fits(m_editing ? "Editing\xE2\x80\xA6" : "Edit text");
    if (tracked(toolButton(m_editing ? "Editing\xE2\x80\xA6" : "Edit text", "Change the article's text; corrections follow their words",
                           m_mode == Mode::Annotate), "Edit text") && !m_editing) {
        m_editing = true;
        m_editBuffer = m_doc.text;
        m_focusEditor = true;
    }
    fits("New");
    if (tracked(toolButton("New", "Start an empty article (the one shown stays in the Library)"), "New")) newArticle();
    fits("Library\xE2\x80\xA6");
    if (tracked(toolButton("Library\xE2\x80\xA6", "Your saved articles, lessons and students' work: open, rename, duplicate, delete"), "Library"))
        m_libraryOpen = true;
    fits("\xE2\x86\xB6 Undo");
    if (tracked(toolButton("\xE2\x86\xB6 Undo", undoTip.c_str(), canUndo), "Undo")) undo();
    fits("\xE2\x86\xB7 Redo");
    if (tracked(toolButton("\xE2\x86\xB7 Redo", redoTip.c_str(), canRedo), "Redo")) redo();
    fits("Export \xE2\x96\xBE");
    if (tracked(toolButton("Export \xE2\x96\xBE", "Download the article with its markup: whosaid JSON (Ctrl+S), handout, W3C, brat, CoNLL"), "Export"))
        ImGui::OpenPopup("export");
    {
        TouchRows rows(m_touchUI);
        if (ImGui::BeginPopup("export")) {
            if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
            drawExportItems(false);
            ImGui::EndPopup();
        }
    }
    fits("Classroom \xE2\x96\xBE");
    drawClassroomMenu();
    const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    fits("All links", box);
    if (tracked(ImGui::Checkbox("All links", &m_view.showAllLinks), "All links"))
        m_req.announce.assign(1, m_view.showAllLinks ? "All links shown." : "Links hidden.");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw every claim's link to its source (L)");
    fits("Grammar", box);
    if (tracked(ImGui::Checkbox("Grammar", &m_view.showGrammar), "Grammar")) toggleGrammarSaid();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(m_touchUI ? "Tap a word: how it fits its sentence (G)" : "Point at a word: how it fits its sentence (G)");
    if (m_mode != Mode::Reveal) {
        fits("Mark words", box);
        tracked(ImGui::Checkbox("Mark words", &m_view.markMode), "Mark words");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("On: dragging over words marks them (a menu asks as what). Off: dragging selects text to copy; right-click it to mark it (M)");
    }
    fits("Find\xE2\x80\xA6");
    if (tracked(toolButton("Find\xE2\x80\xA6", "Find in the article (Ctrl+F / Cmd+F)"), "Find")) openFind();
    fits("A\xE2\x88\x92");
    if (tracked(toolButton("A\xE2\x88\x92##smaller", "Smaller text (Ctrl+\xE2\x88\x92, Ctrl+wheel, pinch)"), "Smaller text")) zoomBy(1.f / 1.1f);
    ImGui::SameLine(0, 2);
    if (tracked(toolButton("A+##bigger", "Bigger text (Ctrl++, Ctrl+wheel, pinch)"), "Bigger text")) zoomBy(1.1f);
    fits("?");
    if (tracked(toolButton("?", "Keyboard shortcuts (?)"), "?")) m_helpOpen = true;
    drawLegend(true);
    drawPickPrompt();
    ImGui::Separator();
}

void App::drawPhoneMenu() {
    TouchRows rows(true);
    auto newArticle = [&] {
        Document empty;
        m_base = empty;
        setDocument(std::move(empty), true);
        m_editing = true;
        m_editBuffer.clear();
        m_status = "New article: paste or type it, then press Annotate. The previous one is in the Library.";
    };
    if (tracked(ImGui::MenuItem("Open\xE2\x80\xA6", nullptr), "Open")) m_req.openFile = true;
    if (tracked(ImGui::MenuItem("Edit text", nullptr, false, m_mode == Mode::Annotate && !m_editing), "Edit text")) {
        m_editing = true;
        m_editBuffer = m_doc.text;
        m_focusEditor = true;
    }
    if (tracked(ImGui::MenuItem("New"), "New")) newArticle();
    if (tracked(ImGui::MenuItem("Library\xE2\x80\xA6"), "Library")) m_libraryOpen = true;
    ImGui::Separator();
    if (tracked(ImGui::MenuItem("\xE2\x86\xB6 Undo", nullptr, false, !m_doc.edits.done.empty() && m_mode != Mode::Reveal), "Undo")) undo();
    if (tracked(ImGui::MenuItem("\xE2\x86\xB7 Redo", nullptr, false, !m_doc.edits.undone.empty() && m_mode != Mode::Reveal), "Redo")) redo();
    ImGui::Separator();
    drawExportItems(true);
    ImGui::Separator();
    drawClassroomItems(true);
    ImGui::Separator();
    if (tracked(ImGui::MenuItem("All links", nullptr, m_view.showAllLinks), "All links")) m_view.showAllLinks = !m_view.showAllLinks;
    if (tracked(ImGui::MenuItem("Grammar (tap a word)", nullptr, m_view.showGrammar), "Grammar")) {
        m_view.showGrammar = !m_view.showGrammar;
        toggleGrammarSaid();
    }
    if (m_mode != Mode::Reveal && tracked(ImGui::MenuItem("Mark words (drag marks them)", nullptr, m_view.markMode), "Mark words"))
        m_view.markMode = !m_view.markMode;
    if (tracked(ImGui::MenuItem("Find in the article\xE2\x80\xA6", nullptr), "Find")) openFind();
    if (tracked(ImGui::MenuItem("Bigger text", nullptr), "Bigger text")) zoomBy(1.1f);
    if (tracked(ImGui::MenuItem("Smaller text", nullptr), "Smaller text")) zoomBy(1.f / 1.1f);
    if (tracked(ImGui::MenuItem("Keyboard shortcuts", nullptr), "Keyboard shortcuts")) m_helpOpen = true;
}

void App::drawLegend(bool wrap) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    bool first = true;
    auto place = [&](float w) {
        if (first) { first = false; return; }
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (!wrap || ImGui::GetItemRectMax().x + 14.f + w <= right) ImGui::SameLine(0, 14);
    };
    for (Label l : kLabels) {
        place(h + 4 + ImGui::CalcTextSize(labelTitle(l)).x);
        ImGui::BeginGroup();
        swatch(labelColor(l, 0.35f));
        ImGui::TextUnformatted(labelTitle(l));
        ImGui::EndGroup();
    }
    auto sample = [&](const char* name, int kind) {
        place(32 + ImGui::CalcTextSize(name).x);
        ImGui::BeginGroup();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + h - 2;
        if (kind == 0) dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + 26, y), kQuoteColor, 2.f);
        if (kind == 1) for (float x = 0; x < 26; x += 8) dl->AddLine(ImVec2(p.x + x, y), ImVec2(p.x + x + 4, y), kQuoteColor, 2.f);
        if (kind == 2) dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + 26, y), withAlpha(kQuoteColor, 0.35f), 1.2f);
        ImGui::Dummy(ImVec2(28, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(name);
        ImGui::EndGroup();
    };
    sample("quoted words", 0);
    sample("reported speech", 1);
    sample("faint: the tool is unsure (< 50 %)", 2);
}

void App::drawFindBar() {
    ImGui::PushID("find");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Find");
    ImGui::SameLine();
    const float w = std::clamp(ImGui::GetContentRegionAvail().x * 0.35f, 110.f, 320.f);
    const ImGuiID queryId = ImGui::GetID("##query");
    if (m_find.focusInput) {
        focus::request(queryId, true, true);
        m_find.focusInput = false;
    }
    ImGui::SetNextItemWidth(w);
    const std::string before = m_find.query;
    const bool enter = textField("##query", &m_find.query, kFieldFind, ImVec2(0, 0), ImGuiInputTextFlags_EnterReturnsTrue, "word or phrase");
    focus::labelLast("Find in the article");
    if (m_find.query != before) {
        updateMatches();
        char buf[64];
        std::snprintf(buf, sizeof buf, m_find.matches.empty() ? "No matches." : "%zu matches.", m_find.matches.size());
        if (!m_find.query.empty()) m_req.announce.assign(1, buf);
    }
    if (enter) {
        findStep(ImGui::GetIO().KeyShift ? -1 : 1);
        focus::request(queryId, true, true);  // Enter again finds the next one
    }
    if (m_findStep) {
        findStep(m_findStep);  // Enter in the query (takeKey)
        m_findStep = 0;
    }
    updateMatches();
    const int n = static_cast<int>(m_find.matches.size());
    char count[48];
    if (m_find.query.empty()) std::snprintf(count, sizeof count, "type to find");
    else if (n == 0) std::snprintf(count, sizeof count, "no matches");
    else std::snprintf(count, sizeof count, "%d of %d", m_find.current + 1, n);
    // (the row wraps on narrow screens, like the toolbar)
    const float countW = ImGui::CalcTextSize(count).x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + countW <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (m_find.query.empty()) ImGui::TextDisabled("%s", count);
    else if (n == 0) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.f), "%s", count);
    else ImGui::TextUnformatted(count);
    fits("\xE2\x86\x91");
    if (tracked(toolButton("\xE2\x86\x91##prev", "Previous match (Shift+Enter, Shift+F3)", n > 0), "Previous match")) findStep(-1);
    ImGui::SameLine(0, 2);
    if (tracked(toolButton("\xE2\x86\x93##next", "Next match (Enter, F3)", n > 0), "Next match")) findStep(1);
    fits("Match case", ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    if (tracked(ImGui::Checkbox("Match case", &m_find.matchCase), "Match case")) updateMatches();
    fits("Close");
    if (tracked(toolButton("Close##find", "Close the find bar (Esc)"), "Close find")) {
        m_find.open = false;
        m_find.matches.clear();
        m_find.searched.clear();
        focus::request(m_articleFocusId, false, m_keyboard);
    }
    ImGui::PopID();
}

void App::drawHelp() {
    if (m_helpOpen && !ImGui::IsPopupOpen("Keyboard shortcuts")) ImGui::OpenPopup("Keyboard shortcuts");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(vp->WorkSize.x - 16.f, vp->WorkSize.y - 16.f));
    bool open = true;
    if (!ImGui::BeginPopupModal("Keyboard shortcuts", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        m_helpOpen = false;
        return;
    }
    if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
    static const char* rows[][2] = {
        {"Tab / Shift+Tab", "next / previous control: the toolbar, the article, the panels, a dialog's fields"},
        {"Enter or Space", "press the focused button, open the focused menu"},
        {"arrows", "move in a menu or a list; scroll the article when it has the focus"},
        {"F6", "jump between the toolbar, the article and the side panel"},
        {"J / K  (or ] / [)", "next / previous claim (its words are read, then who said it)"},
        {"Shift+F10, Menu key", "the menu of the selection or of the selected claim or actor"},
        {"Esc", "close a menu or a dialog; clear the selection"},
        {"Ctrl+F / Cmd+F", "find in the article; Enter / Shift+Enter (F3 / Shift+F3): next / previous"},
        {"Ctrl+C / Cmd+C", "copy the selected words as plain text"},
        {"Ctrl+A / Cmd+A", "select all of the article's text"},
        {"Ctrl+Z, Ctrl+Shift+Z", "undo, redo a correction (Cmd on a Mac; Ctrl+Y redoes too)"},
        {"Ctrl + / \xE2\x88\x92 / 0", "bigger, smaller, normal text (also Ctrl+wheel, a pinch)"},
        {"Ctrl+O, Ctrl+S", "open a file; export the article as whosaid JSON"},
        {"L", "show or hide all links"},
        {"G", "grammar: a word's part in its sentence, where the pointer is (or the last word tapped)"},
        {"M", "mark mode: dragging over words marks them instead of selecting them"},
        {"Page Up / Down, Space, Home / End", "scroll the article"},
        {"?  or F1", "this list"},
    };
    if (vp->WorkSize.x < 600.f) {
        // narrow: the key, and what it does under it
        ImGui::PushTextWrapPos(vp->WorkSize.x - 40.f);
        for (const auto& r : rows) {
            ImGui::TextUnformatted(r[0]);
            ImGui::Indent(12.f);
            ImGui::TextDisabled("%s", r[1]);
            ImGui::Unindent(12.f);
        }
        ImGui::PopTextWrapPos();
    } else if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[0]);
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(std::min(vp->WorkSize.x - 60.f, ImGui::GetCursorPosX() + 460.f));
            ImGui::TextWrapped("%s", r[1]);
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%s", "Touch: one finger scrolls, a long press opens the menu, a long press then a drag marks words, two fingers zoom.");
    if (tracked(ImGui::Button("Close"), "Close") || (ImGui::IsKeyPressed(27, false) && !ImGui::IsWindowAppearing()) || !open) {
        m_helpOpen = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void App::drawDiscard() {
    const char* title = "Discard what you typed?";
    if (m_discardAsk && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), true);
    ImGui::PushTextWrapPos(std::min(420.f, vp->WorkSize.x - 40.f));
    ImGui::TextWrapped("%s", m_field.kind == kFieldEditor ? "You changed the article's text. Esc would throw the changes away."
                                                          : "You typed in this field. Esc would throw what you typed away.");
    ImGui::PopTextWrapPos();
    const bool keep = tracked(ImGui::Button("Keep editing"), "Keep editing") || (ImGui::IsKeyPressed(27, false) && !ImGui::IsWindowAppearing());
    ImGui::SameLine();
    const bool discard = tracked(ImGui::Button("Discard"), "Discard");
    if (keep || discard) {
        m_discardAsk = false;
        ImGui::CloseCurrentPopup();
        if (discard) cancelField();
        else if (m_field.id) focus::request(m_field.id, true, m_keyboard);
    }
    ImGui::EndPopup();
}

// The status line, or what the page is waiting for: always exactly one line,
// so that neither moves the article under the pointer.
void App::drawPickPrompt() {
    const char* prompt = nullptr;
    switch (m_view.pick) {
    case Pick::Speaker: prompt = m_touchUI ? "Tap the mention of the real speaker in the text." : "Click the mention of the real speaker in the text (Esc cancels)."; break;
    case Pick::SameActor: prompt = m_touchUI ? "Tap another mention of the same actor." : "Click another mention of the same actor (Esc cancels)."; break;
    case Pick::Content: prompt = "Drag over the words the claim really is (Esc cancels)."; break;
    case Pick::Cue: prompt = "Drag over (or click) the cue word, such as \xE2\x80\x9Csaid\xE2\x80\x9D (Esc cancels)."; break;
    case Pick::None: break;
    }
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushClipRect(p, ImVec2(p.x + w, p.y + h), true);
    if (prompt) ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.8f, 1.f), "%s", prompt);
    else if (m_statusIsError) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.f), "%s", m_status.c_str());
    else ImGui::TextDisabled("%s", m_status.c_str());
    ImGui::PopClipRect();
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(1.f, h));
}

void App::drawEditor() {
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextWrapped("%s", "Edit the article, then press Annotate. Your corrections find their words again in the new text.");
    ImGui::PopTextWrapPos();
    if (tracked(ImGui::Button("Annotate"), "Annotate")) {
        const std::string text = m_editBuffer;
        if (setText(text, true)) m_editing = false;
    }
    ImGui::SameLine();
    if (tracked(ImGui::Button("Cancel"), "Cancel")) m_editing = false;
    const ImGuiID id = ImGui::GetID("##edit");
    m_editorId = id;
    if (m_focusEditor) {
        focus::request(id, true, m_keyboard);
        m_focusEditor = false;
    }
    if (m_editBuffer.size() != m_editSeen) {
        m_editSeen = m_editBuffer.size();
        m_glyphs.ensure(m_editBuffer);  // pasted or typed characters beyond the page's font
    }
    textField("##edit", &m_editBuffer, kFieldEditor, ImVec2(-1, -1));
    focus::labelLast("Article text");
}

bool App::textField(const char* label, std::string* buf, int kind, ImVec2 size, ImGuiInputTextFlags flags, const char* hint) {
    bool r = false;
    if (size.y != 0.f) r = ImGui::InputTextMultiline(label, buf, size, flags);
    else if (hint) r = ImGui::InputTextWithHint(label, hint, buf, flags);
    else r = ImGui::InputText(label, buf, flags);
    const ImGuiID id = ImGui::GetItemID();
    if (ImGui::IsItemActive() && m_field.id != id) {
        // the article's text is "unchanged" while it is the article's; other fields while they hold what they held when focused
        m_field = {id, buf, kind == kFieldEditor ? m_doc.text : *buf, kind};
    }
    if (ImGui::IsItemDeactivated() && m_field.id == id && !m_discardAsk) m_field = {};
    return r;
}

// A selectable row whose text is cut with "…" to fit, the whole of it in a tooltip.
void App::ellipsized(const char* id, const std::string& text, bool selected, ImGuiSelectableFlags flags, bool* pressed) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // the text cell's right edge (the row may span more columns than this one)
    const float cellRight = at.x + ImGui::GetContentRegionAvail().x;
    const bool p = ImGui::Selectable(id, selected, flags, ImVec2(0, 0));
    if (pressed) *pressed = p;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float x1 = std::min(b.x, cellRight) - 2.f;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float y = a.y + (b.y - a.y - size.y) * 0.5f;
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), ImVec2(at.x, y), ImVec2(x1, y + size.y), x1, x1, text.c_str(), nullptr, &size);
    if (ImGui::IsItemHovered() && at.x + size.x > x1) {
        m_stats.fullText = text;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(std::min(420.f, ImGui::GetIO().DisplaySize.x - 24.f));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

// True when a point of the layout lies on a word (not in the gap between lines or in the margin).
bool App::overWords(ImVec2 p) const {
    const auto& lines = m_layout.lines();
    const auto& runs = m_layout.runs();
    auto [l0, l1] = m_layout.visibleLines(p.y, p.y + 0.01f);
    for (size_t l = l0; l < l1; ++l) {
        const float top = lines[l].y + m_layout.gap(), bottom = top + m_layout.textHeight();
        if (p.y < top + 1.f || p.y > bottom - 1.f) continue;
        for (uint32_t r = lines[l].firstRun; r < lines[l].endRun; ++r)
            if (p.x > runs[r].x + 1.f && p.x < runs[r].x + runs[r].width - 1.f) return true;
    }
    return false;
}

void App::drawArticle() {
    // The article's own font when the zoom has one (crisp), else the page's, scaled.
    ImFont* font = m_articleFont && std::fabs(m_articlePx - m_view.fontSize) < 1.5f ? m_articleFont : ImGui::GetFont();
    m_stats.articleFontPx = font == m_articleFont ? m_articlePx : 0.f;
    ImGuiIO& io = ImGui::GetIO();
    const float size = m_view.fontSize;
    const float dpr = std::max(1.f, io.DisplayFramebufferScale.x);
    // The left margin holds the links' vertical lanes; wider when all links are drawn.
    const float margin = m_view.showAllLinks ? 36.f : m_phone ? 12.f : 16.f;
    const float spacing = m_view.showAllLinks ? 2.0f : 1.6f;
    const float wrap = std::max(80.f, ImGui::GetContentRegionAvail().x - margin - 12.f - ImGui::GetStyle().ScrollbarSize);
    if (!m_layout.valid(m_doc.text, font, size, wrap, spacing)) {
        TextLayout::Measure measure;
        if (m_glyphs.hasBackend())
            measure = [this, dpr](std::string_view w, float px, bool rtl) { return m_glyphs.measureWord(w, px * dpr, rtl) / dpr; };
        const float oldHeight = m_layout.height(), oldScroll = m_view.scroll;
        if (m_anchorByte < 0 && !m_layout.runs().empty()) {
            // keep the words at the top of the view where they are (the width or the spacing changed)
            const int64_t b = m_layout.hitTest(ImVec2(0.f, m_view.scroll + 1.f), true);
            if (b >= 0) {
                const auto r = m_layout.spanRects(static_cast<uint32_t>(b), static_cast<uint32_t>(b) + 1);
                m_anchorByte = b;
                m_anchorY = r.empty() ? 0.f : r.front().Min.y - m_view.scroll;
            }
        }
        m_layout.build(m_doc.text, font, size, wrap, spacing, measure);
        ++m_stats.layoutBuilds;
        if (m_anchorByte >= 0 && m_anchorByte < static_cast<int64_t>(m_doc.text.size())) {
            const auto r = m_layout.spanRects(static_cast<uint32_t>(m_anchorByte), static_cast<uint32_t>(m_anchorByte) + 1);
            if (!r.empty()) m_view.scroll = m_view.scrollTarget = std::max(0.f, r.front().Min.y - m_anchorY);
        } else if (oldHeight > 0) {
            m_view.scroll = m_view.scrollTarget = oldScroll;
        }
        m_anchorByte = -1;
    }
    m_articleHeight = ImGui::GetWindowHeight();
    const ImVec2 winPos = ImGui::GetWindowPos();
    m_articleRect = ImRect(winPos, ImVec2(winPos.x + ImGui::GetWindowWidth(), winPos.y + m_articleHeight));

    // Smooth scrolling: wheel, keys and jumps move the target; the view eases toward it.
    const float maxScroll = std::max(0.f, m_layout.height() + 2 * 14.f - m_articleHeight);
    // The scrollbar, dragged by the user, wins over our own scrolling.
    if (std::fabs(ImGui::GetScrollY() - m_scrollSet) > 1.f) m_view.scroll = m_view.scrollTarget = ImGui::GetScrollY();
    if (ImGui::IsWindowHovered() && io.MouseWheel != 0.f) m_view.scrollTarget -= io.MouseWheel * m_layout.lineHeight() * 3.f;
    if (m_view.fling != 0.f) {
        // a flick goes on, slowing down
        const float step = m_view.fling * io.DeltaTime;
        m_view.scroll = m_view.scrollTarget = m_view.scrollTarget + step;
        m_view.fling *= std::exp(-3.5f * io.DeltaTime);
        if (std::fabs(m_view.fling) < 30.f || m_view.scrollTarget <= 0.f || m_view.scrollTarget >= maxScroll) m_view.fling = 0.f;
    }
    m_view.scrollTarget = std::clamp(m_view.scrollTarget, 0.f, maxScroll);
    const float k = std::min(1.f, io.DeltaTime * 14.f);
    m_view.scroll += (m_view.scrollTarget - m_view.scroll) * k;
    if (std::fabs(m_view.scrollTarget - m_view.scroll) < 0.5f) m_view.scroll = m_view.scrollTarget;
    m_view.scroll = std::clamp(m_view.scroll, 0.f, maxScroll);
    ImGui::SetScrollY(m_view.scroll);
    m_scrollSet = m_view.scroll;

    m_articleOrigin = ImVec2(winPos.x + margin, winPos.y + 14.f);
    const ImVec2 origin(m_articleOrigin.x, m_articleOrigin.y - m_view.scroll);
    // The article is one stop of the Tab order: with the focus, arrows and Page keys scroll it.
    m_articleFocusId = ImGui::GetID("##article");
    ImGui::SetCursorPos(ImVec2(0, m_view.scroll));
    ImGui::ItemAdd(ImRect(winPos, ImVec2(winPos.x + ImGui::GetWindowWidth(), winPos.y + m_articleHeight)), m_articleFocusId);
    focus::labelLast("Article");
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(ImVec2(wrap + margin + 12.f, m_layout.height() + 2 * 14.f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // (ImGui hides the focus ring in a window without keyboard navigation: the article draws its own)
    if (GImGui->NavId == m_articleFocusId && m_keyboard)
        ImGui::GetForegroundDrawList()->AddRect(ImVec2(winPos.x + 2, winPos.y + 2), ImVec2(m_articleRect.Max.x - 2, m_articleRect.Max.y - 2),
                                                ImGui::GetColorU32(ImGuiCol_NavHighlight), 4.f, 0, 2.f);
    if (m_doc.text.empty()) {
        dl->AddText(font, size, ImVec2(origin.x, origin.y), IM_COL32(120, 120, 120, 255),
                    m_touchUI ? "Paste an article here, or open a file from the menu."
                              : "Paste an article here (Ctrl+V / Cmd+V), drop a file, or press Open.");
        return;
    }
    const float y0 = m_view.scroll - 14.f, y1 = y0 + m_articleHeight;
    auto [l0, l1] = m_layout.visibleLines(y0, y1);
    m_stats.visibleLines = static_cast<int>(l1 - l0);
    if (l0 >= l1 || m_layout.runs().empty()) return;
    const auto& runs = m_layout.runs();
    const auto& lines = m_layout.lines();
    const uint32_t firstRun = lines[l0].firstRun, endRun = lines[l1 - 1].endRun;
    if (firstRun >= endRun) return;
    const uint32_t visBegin = runs[firstRun].begin, visEnd = runs[endRun - 1].end;
    auto shift = [&](ImRect r) { return ImRect(r.Min.x + origin.x, r.Min.y + origin.y, r.Max.x + origin.x, r.Max.y + origin.y); };

    // Mouse → byte offset.
    const ImVec2 mouse = io.MousePos;
    const bool hovering = ImGui::IsWindowHovered();
    const ImVec2 local(mouse.x - origin.x, mouse.y - origin.y);
    const int64_t hitByte = hovering ? m_layout.hitTest(local) : -1;
    int hitMention = -1;
    if (hitByte >= 0) {
        auto it = std::upper_bound(m_doc.mentions.begin(), m_doc.mentions.end(), static_cast<uint32_t>(hitByte),
                                   [](uint32_t b, const Mention& m) { return b < m.span.begin; });
        if (it != m_doc.mentions.begin() && std::prev(it)->span.contains(static_cast<uint32_t>(hitByte)))
            hitMention = static_cast<int>(std::prev(it) - m_doc.mentions.begin());
    }

    // The claims that can reach into the view. Claims are sorted by start and
    // rarely run over more than a few paragraphs, so a bounded look back before
    // the view finds them; per-frame work then stays small on any article size.
    constexpr uint32_t kQuoteReach = 1u << 16;
    const auto byBegin = [](const Quote& q, uint32_t b) { return q.span.begin < b; };
    const size_t qFirst = static_cast<size_t>(
        std::lower_bound(m_doc.quotes.begin(), m_doc.quotes.end(), visBegin > kQuoteReach ? visBegin - kQuoteReach : 0u, byBegin) -
        m_doc.quotes.begin());
    const size_t qEnd = static_cast<size_t>(std::lower_bound(m_doc.quotes.begin(), m_doc.quotes.end(), visEnd, byBegin) - m_doc.quotes.begin());

    // Reveal: each claim of the key colored by how the student did.
    const int selQ = m_view.selectedQuote, selE = m_view.selectedEntity;
    if (m_mode == Mode::Reveal) {
        for (const ClaimCheck& cc : m_comparison.claimChecks) {
            if (cc.keyQuote < 0 || cc.keyQuote >= static_cast<int>(m_doc.quotes.size())) continue;
            const Quote& q = m_doc.quotes[cc.keyQuote];
            if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
            const ImU32 col = cc.studentQuote < 0 ? IM_COL32(255, 205, 205, 255)
                              : cc.speakerRight   ? IM_COL32(200, 240, 205, 255)
                                                  : IM_COL32(255, 226, 180, 255);
            for (Span c : q.content)
                for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
                    const ImRect sr = shift(r);
                    dl->AddRectFilled(sr.Min, sr.Max, col, 3.f);
                }
        }
    }
    // The claims of the selected actor, and the selected claim, get a soft background.
    for (size_t qi = qFirst; qi < qEnd; ++qi) {
        const Quote& q = m_doc.quotes[qi];
        if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
        if (static_cast<int>(qi) != selQ && !(selE >= 0 && q.speaker == selE)) continue;
        for (Span c : q.content)
            for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
                const ImRect s = shift(r);
                dl->AddRectFilled(s.Min, s.Max, IM_COL32(255, 228, 230, 255), 3.f);
            }
        if (!q.cue.empty())
            for (const ImRect& r : m_layout.spanRects(q.cue.begin, q.cue.end)) {
                const ImRect s = shift(r);
                dl->AddRect(ImVec2(s.Min.x - 1, s.Min.y + 1), ImVec2(s.Max.x + 1, s.Max.y - 1), kQuoteColor, 3.f, 0, 1.f);
            }
    }

    // Actors behind their spans: names filled, pronouns and nominals outlined;
    // the colour is the actor's type, as the lists show it.
    auto firstMention = std::lower_bound(m_doc.mentions.begin(), m_doc.mentions.end(), visBegin,
                                         [](const Mention& m, uint32_t b) { return m.span.end <= b; });
    for (auto it = firstMention; it != m_doc.mentions.end() && it->span.begin < visEnd; ++it) {
        const bool lit = selE >= 0 && it->entity == selE;
        const bool dim = selE >= 0 && !lit;
        const bool hovered = static_cast<int>(it - m_doc.mentions.begin()) == hitMention;
        const Label label = shownLabel(*it);
        for (const ImRect& r : m_layout.spanRects(it->span.begin, it->span.end)) {
            const ImRect s = shift(r);
            const ImVec2 a(s.Min.x - 2, s.Min.y), b(s.Max.x + 2, s.Max.y);
            if (it->kind == MentionKind::Name || label == Label::GRP)
                dl->AddRectFilled(a, b, labelColor(label, lit ? 0.55f : dim ? 0.12f : 0.27f), 4.f);
            else
                dl->AddRectFilled(a, b, labelColor(label, lit ? 0.35f : 0.10f), 4.f);
            if (lit || hovered || it->kind != MentionKind::Name)
                dl->AddRect(a, b, labelColor(label, lit || hovered ? 0.95f : 0.5f), 4.f, 0, lit ? 2.f : 1.f);
            ++m_stats.highlights;
        }
        m_stats.mentionColors.emplace_back(it->entity, labelColor(label, 1.f));
    }
    // Matches of the find bar, the current one stronger.
    if (m_find.open && !m_find.matches.empty()) {
        auto it = std::lower_bound(m_find.matches.begin(), m_find.matches.end(), visBegin, [](const Span& s, uint32_t b) { return s.end <= b; });
        for (; it != m_find.matches.end() && it->begin < visEnd; ++it) {
            const bool current = static_cast<int>(it - m_find.matches.begin()) == m_find.current;
            for (const ImRect& r : m_layout.spanRects(it->begin, it->end)) {
                const ImRect s = shift(r);
                dl->AddRectFilled(ImVec2(s.Min.x - 1, s.Min.y), ImVec2(s.Max.x + 1, s.Max.y), current ? kFindCurrent : kFindColor, 2.f);
                if (current) dl->AddRect(ImVec2(s.Min.x - 2, s.Min.y - 1), ImVec2(s.Max.x + 2, s.Max.y + 1), IM_COL32(200, 90, 0, 255), 3.f, 0, 2.f);
                ++m_stats.findHighlights;
            }
        }
    }
    // The selected text, as a web page shows it.
    if (!m_view.selection.empty())
        for (const ImRect& r : m_layout.spanRects(std::max(m_view.selection.begin, visBegin), std::min(m_view.selection.end, visEnd))) {
            const ImRect s = shift(r);
            dl->AddRectFilled(s.Min, s.Max, kSelectColor, 2.f);
        }

    // Claims underlined: solid under quoted words, dashed under reported speech;
    // faint when the tool is unsure (confidence under 50 %).
    m_view.hoveredQuote = -1;
    for (size_t qi = qFirst; qi < qEnd; ++qi) {
        const Quote& q = m_doc.quotes[qi];
        if (hitByte >= 0)
            for (Span c : q.content)
                if (c.contains(static_cast<uint32_t>(hitByte))) m_view.hoveredQuote = static_cast<int>(qi);
        if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
        const bool strong = static_cast<int>(qi) == selQ || static_cast<int>(qi) == m_view.hoveredQuote;
        const bool unsure = q.confidence < 0.5f;
        const ImU32 col = unsure && !strong ? withAlpha(kQuoteColor, 0.38f) : kQuoteColor;
        m_stats.underlinesDrawn.push_back({static_cast<int>(qi), q.confidence, ((col >> IM_COL32_A_SHIFT) & 0xFF) / 255.f,
                                           strong ? 3.f : unsure ? 1.2f : 1.8f});
        for (Span c : q.content) {
            for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
                const ImRect s = shift(r);
                const float y = s.Max.y - 2.f;
                const float thick = strong ? 3.f : unsure ? 1.2f : 1.8f;
                if (q.kind == QuoteKind::Indirect) {
                    for (float x = s.Min.x; x < s.Max.x; x += 8.f)
                        dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4.f, s.Max.x), y), col, thick);
                } else {
                    dl->AddLine(ImVec2(s.Min.x, y), ImVec2(s.Max.x, y), col, thick);
                    if (q.kind == QuoteKind::Mixed)
                        for (float x = s.Min.x; x < s.Max.x; x += 8.f)
                            dl->AddLine(ImVec2(x, y + 3), ImVec2(std::min(x + 4.f, s.Max.x), y + 3), col, 1.f);
                }
                ++m_stats.underlines;
            }
        }
    }

    // Text on top: DejaVu Sans where it has the characters (and the browser's
    // fonts for the rest, through the glyph cache); words that need shaping or
    // run right to left drawn whole by the browser.
    const float scale = size / font->FontSize;
    const float textTop = m_layout.gap() + (m_layout.textHeight() - size) * 0.5f;
    for (uint32_t r = firstRun; r < endRun; ++r) {
        const LayoutRun& run = runs[r];
        const ImVec2 p(origin.x + run.x, origin.y + lines[run.line].y + textTop);
        const std::string_view word(m_doc.text.data() + run.begin, run.end - run.begin);
        if (run.flags & LayoutRun::kImage) {
            ++m_stats.imageWords;
            const GlyphCache::Word* w = m_glyphs.word(word, size * dpr, (run.flags & LayoutRun::kRtl) != 0, kTextRgb);
            if (!w || w->w <= 0) continue;
            const float baseline = p.y + font->Ascent * scale;
            const ImVec2 a(p.x - w->left / dpr, baseline - w->ascent / dpr);
            dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(w->texture)), a, ImVec2(a.x + w->w / dpr, a.y + w->h / dpr), w->uv0,
                         w->uv1, IM_COL32_WHITE);
            continue;
        }
        dl->AddText(font, size, p, kTextColor, word.data(), word.data() + word.size());
        for (size_t i = 0; i < word.size();) {
            if (static_cast<unsigned char>(word[i]) < 0x80) { ++i; continue; }
            int len = 1;
            const char32_t c = decodeAt(word, i, len);
            i += len;
            if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++m_stats.missingGlyphs;
        }
    }

    const ImRect view(winPos.x, winPos.y, winPos.x + ImGui::GetWindowWidth(), winPos.y + m_articleHeight);
    drawLinks(origin, view, qFirst, qEnd, visBegin, visEnd);
    m_stats.hoveredQuote = m_view.hoveredQuote;
    if (m_view.showGrammar) {
        if (hitByte >= 0) {
            // the word under the pointer; a finger's stays until the next tap
            auto it = std::upper_bound(m_doc.tokens.begin(), m_doc.tokens.end(), static_cast<uint32_t>(hitByte),
                                       [](uint32_t b, const Token& t) { return b < t.span.end; });
            m_view.grammarToken = it != m_doc.tokens.end() && it->span.contains(static_cast<uint32_t>(hitByte))
                                      ? static_cast<int>(it - m_doc.tokens.begin()) : -1;
        } else if (!m_touchUI) {
            m_view.grammarToken = -1;
        }
        drawGrammar(origin, view);
    }

    // Hover details, placed where they cover neither the claim nor the pointer.
    if (m_view.pick == Pick::None && !m_view.pressed && !m_view.touchSelecting && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
        if (!m_stats.grammarNote.empty()) {
            // the grammar view's tooltip stands in for the others
        } else if (m_view.hoveredQuote >= 0 && hitMention < 0) {
            drawClaimTooltip(m_view.hoveredQuote, origin, view);
        } else if (hitMention >= 0) {
            const Mention& m = m_doc.mentions[hitMention];
            const auto rects = m_layout.spanRects(m.span.begin, m.span.end);
            if (!rects.empty()) {
                const ImRect r = shift(rects.front());
                const bool below = r.Max.y + 8.f + m_tipSize.y < view.Max.y;
                ImGui::SetNextWindowPos(ImVec2(std::clamp(mouse.x - m_tipSize.x * 0.3f, 8.f, io.DisplaySize.x - m_tipSize.x - 8.f),
                                               below ? r.Max.y + 6.f : r.Min.y - 6.f - m_tipSize.y));
                m_stats.tooltipFor = r;
            }
            ImGui::BeginTooltip();
            ImGui::Text("%s%s", labelTitle(shownLabel(m)), m.kind == MentionKind::Pronoun ? " (pronoun)" : m.kind == MentionKind::Nominal ? " (description)" : "");
            if (m.entity >= 0) ImGui::Text("actor: %s (%d mentions)", m_doc.entities[m.entity].name.c_str(), m_mentionCount[m.entity]);
            ImGui::TextDisabled("%s", m_touchUI ? "tap: light up all mentions \xC2\xB7 long press: correct"
                                                : "click to light up all mentions \xC2\xB7 right-click to correct");
            m_tipSize = ImGui::GetWindowSize();
            m_stats.tooltip = ImRect(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + m_tipSize.x, ImGui::GetWindowPos().y + m_tipSize.y));
            ImGui::EndTooltip();
        }
    }

    // Mouse: a drag selects text (in mark mode it marks words), a click selects
    // a claim or an actor, right-click corrects; while a pick is asked for,
    // the click or the drag answers it.
    const bool pickClick = m_view.pick == Pick::Speaker || m_view.pick == Pick::SameActor;
    const int64_t nearByte = hovering || m_view.pressed ? m_layout.hitTest(local, true) : -1;
    if (hovering && ImGui::IsMouseClicked(0)) {
        focus::request(m_articleFocusId, false, false);  // the keys now scroll the article
        m_navStarted = true;
        if (pickClick) {
            if (hitMention >= 0) {
                const Pick pick = m_view.pick;
                const int target = m_view.pickFor;
                m_view.pick = Pick::None;
                m_view.pickFor = -1;
                if (pick == Pick::Speaker) {
                    reassignSpeaker(target, hitMention);
                    selectQuote(target < static_cast<int>(m_doc.quotes.size()) ? target : -1, false);
                } else if (target >= 0 && target < static_cast<int>(m_doc.mentions.size())) {
                    Edit e;
                    e.other = anchor(m_doc.mentions[target].span);
                    mentionEdit(EditOp::MergeActors, hitMention, std::move(e));
                }
            }
        } else if (ImGui::IsMouseDoubleClicked(0) && hitByte >= 0) {
            // a double click selects the word
            m_view.selection = snapToTokens({static_cast<uint32_t>(hitByte), static_cast<uint32_t>(hitByte) + 1});
            m_view.pressed = false;
            m_view.dragFrom = -1;
            m_doubleClicked = true;
        } else {
            m_view.pressed = true;
            m_view.dragFrom = nearByte;
            m_view.selection = {};
            m_doubleClicked = false;
        }
    }
    if (m_view.pressed && m_view.dragFrom >= 0 && ImGui::IsMouseDown(0) && ImGui::IsMouseDragging(0, 3.f) && nearByte >= 0) {
        const uint32_t a = static_cast<uint32_t>(std::min(m_view.dragFrom, nearByte));
        uint32_t b = static_cast<uint32_t>(std::max(m_view.dragFrom, nearByte));
        int len = 1;
        decodeAt(m_doc.text, b, len);
        b += static_cast<uint32_t>(len);
        // Marking takes whole words; selecting, the characters dragged over.
        const bool words = m_view.markMode || m_view.pick == Pick::Content || m_view.pick == Pick::Cue;
        m_view.selection = words ? snapToTokens({a, b}) : Span{a, b};
        // dragged past the top or the bottom: the article scrolls on
        if (mouse.y > view.Max.y - 6.f) m_view.scrollTarget += 14.f;
        if (mouse.y < view.Min.y + 6.f) m_view.scrollTarget -= 14.f;
    }
    if (m_view.pressed && ImGui::IsMouseReleased(0)) {
        m_view.pressed = false;
        Span words = m_view.selection;
        if (words.empty() && m_view.pick == Pick::Cue && m_view.dragFrom >= 0) {
            // a click on a word picks that word
            words = snapToTokens({static_cast<uint32_t>(m_view.dragFrom), static_cast<uint32_t>(m_view.dragFrom) + 1});
        }
        if ((m_view.pick == Pick::Content || m_view.pick == Pick::Cue) && !words.empty()) {
            const Pick pick = m_view.pick;
            const int q = m_view.pickFor;
            m_view.pick = Pick::None;
            m_view.pickFor = -1;
            m_view.selection = {};
            Edit e;
            if (pick == Pick::Content) e.content = {anchor(snapToTokens(words))};
            else e.cue = anchor(snapToTokens(words));
            claimEdit(pick == Pick::Content ? EditOp::ClaimContent : EditOp::ClaimCue, q, std::move(e));
        } else if (m_view.selection.empty()) {
            // a plain click
            if (hitMention >= 0 && m_view.hoveredQuote < 0) {
                const int e = m_doc.mentions[hitMention].entity;
                selectEntity(e == m_view.selectedEntity ? -1 : e, false);
            } else {
                selectQuote(m_view.hoveredQuote, false);
            }
        } else if (m_view.markMode && m_mode != Mode::Reveal) {
            m_openSelectionMenu = true;  // mark mode: as what?
        } else {
            m_req.announce.assign(1, "Selected: " + clip(m_doc.slice(m_view.selection), 200) +
                                         (m_touchUI ? "" : ". Ctrl+C copies it; right-click it to mark it."));
        }
        m_view.dragFrom = -1;
    }
    if (hovering && ImGui::IsMouseClicked(1)) {
        const bool inSelection = !m_view.selection.empty() && nearByte >= 0 && m_view.selection.contains(static_cast<uint32_t>(nearByte));
        m_menuAtFocus = false;
        if (inSelection) m_openSelectionMenu = true;
        else {
            m_view.selection = {};
            if ((hitMention >= 0 || m_view.hoveredQuote >= 0) && m_mode != Mode::Reveal) openContextFor(hitMention, m_view.hoveredQuote);
            else if (hitByte >= 0 && m_mode != Mode::Reveal) {
                // a right-click (or a long press) on any word: that word, to mark or copy
                m_view.selection = snapToTokens({static_cast<uint32_t>(hitByte), static_cast<uint32_t>(hitByte) + 1});
                m_openSelectionMenu = true;
            }
        }
    }
    // Menus opened from the keyboard sit at the words they are about.
    auto placeAt = [&](Span s) {
        if (!m_menuAtFocus || s.empty()) return;
        const auto r = m_layout.spanRects(s.begin, s.end);
        if (!r.empty()) ImGui::SetNextWindowPos(ImVec2(shift(r.back()).Min.x, shift(r.back()).Max.y + 4.f));
    };
    if (m_openSelectionMenu) {
        m_openSelectionMenu = false;
        if (!m_view.selection.empty()) {
            ImGui::OpenPopup("mark");
            placeAt(m_view.selection);
        }
    }
    if (m_openContext) {
        m_openContext = false;
        ImGui::OpenPopup("context");
        if (m_view.contextQuote >= 0 && m_view.contextQuote < static_cast<int>(m_doc.quotes.size())) placeAt(m_doc.quotes[m_view.contextQuote].content.front());
        else if (m_view.contextMention >= 0 && m_view.contextMention < static_cast<int>(m_doc.mentions.size())) placeAt(m_doc.mentions[m_view.contextMention].span);
    }
    TouchRows rows(m_touchUI);
    drawSelectionMenu();
    if (ImGui::BeginPopup("context")) {
        if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
        if (m_view.contextMention >= 0 && m_view.contextMention < static_cast<int>(m_doc.mentions.size())) {
            const int mi = m_view.contextMention;
            const Mention& m = m_doc.mentions[mi];
            ImGui::TextDisabled("%s", clip(m_doc.slice(m.span), 40).c_str());
            const int entity = m.entity;
            if (tracked(ImGui::Selectable("Remove this mention"), "Remove this mention")) removeMention(mi);
            if (tracked(ImGui::BeginMenu("Change its type"), "Change its type")) {
                for (Label l : kLabels) {
                    swatch(labelColor(l, 0.5f));
                    if (tracked(ImGui::MenuItem(labelTitle(l), nullptr, m.label == l), labelTitle(l)) && m.label != l) {
                        Edit e;
                        e.label = l;
                        mentionEdit(EditOp::RetypeMention, mi, std::move(e));
                    }
                }
                ImGui::EndMenu();
            }
            if (tracked(ImGui::Selectable("Same actor as\xE2\x80\xA6 (then click the other mention)"), "Same actor as\xE2\x80\xA6 (then click the other mention)")) {
                m_view.pick = Pick::SameActor;
                m_view.pickFor = mi;
            }
            if (entity >= 0 && m_mentionCount[entity] > 1 && tracked(ImGui::Selectable("A different actor (split it off)"), "A different actor (split it off)"))
                mentionEdit(EditOp::SplitActor, mi);
            if (entity >= 0 && tracked(ImGui::Selectable("Rename this actor\xE2\x80\xA6"), "Rename this actor\xE2\x80\xA6")) selectEntity(entity, false);
        }
        if (m_view.contextQuote >= 0 && m_view.contextQuote < static_cast<int>(m_doc.quotes.size())) {
            const int qi = m_view.contextQuote;
            ImGui::Separator();
            ImGui::TextDisabled("claim: %s", clip(m_doc.slice(m_doc.quotes[qi].content.front()), 40).c_str());
            if (tracked(ImGui::Selectable(m_mode == Mode::Student ? "Who said it?\xE2\x80\xA6" : "Change this claim's speaker\xE2\x80\xA6"), "Change this claim's speaker")) {
                m_view.pick = Pick::Speaker;
                m_view.pickFor = qi;
                selectQuote(qi, false);
            }
            if (tracked(ImGui::Selectable("Remove this claim"), "Remove this claim")) removeClaim(qi);
            if (m_mode == Mode::Annotate) {
                if (tracked(ImGui::Selectable("Not a claim (remove it, and keep it out)"), "Not a claim (remove it, and keep it out)")) {
                    Edit e;
                    e.op = EditOp::NotAClaim;
                    e.at = anchor(m_doc.quotes[qi].span);
                    edit(std::move(e));
                }
                if (tracked(ImGui::BeginMenu("Change its kind"), "Change its kind")) {
                    for (QuoteKind k : {QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect})
                        if (tracked(ImGui::MenuItem(quoteKindTitle(k), nullptr, m_doc.quotes[qi].kind == k), quoteKindTitle(k)) && m_doc.quotes[qi].kind != k) {
                            Edit e;
                            e.quoteKind = k;
                            claimEdit(EditOp::ClaimKind, qi, std::move(e));
                        }
                    ImGui::EndMenu();
                }
                if (tracked(ImGui::Selectable("Change its words\xE2\x80\xA6"), "Change its words\xE2\x80\xA6")) {
                    m_view.pick = Pick::Content;
                    m_view.pickFor = qi;
                    selectQuote(qi, false);
                }
                if (tracked(ImGui::Selectable("Change its cue\xE2\x80\xA6"), "Change its cue\xE2\x80\xA6")) {
                    m_view.pick = Pick::Cue;
                    m_view.pickFor = qi;
                    selectQuote(qi, false);
                }
            }
        }
        ImGui::EndPopup();
    }
}


void App::drawSelectionMenu() {
    if (!ImGui::BeginPopup("mark")) return;
    if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
    const Span sel = m_view.selection;
    if (sel.empty() || sel.end > m_doc.text.size()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextDisabled("\xE2\x80\x9C%s\xE2\x80\x9D", clip(m_doc.slice(sel), 40).c_str());
    if (tracked(ImGui::MenuItem("Copy", "Ctrl+C"), "Copy", "Ctrl+C")) {
        m_req.copy = selectionText();
        m_req.announce.assign(1, "Copied.");
    }
    if (tracked(ImGui::MenuItem("Find this text", "Ctrl+F"), "Find this text", "Ctrl+F")) openFind();
    if (m_mode != Mode::Reveal) {
        const Span words = snapToTokens(sel);
        ImGui::Separator();
        ImGui::TextDisabled("Mark \xE2\x80\x9C%s\xE2\x80\x9D as", clip(m_doc.slice(words), 40).c_str());
        for (Label l : kLabels) {
            if (l == Label::MISC && m_mode == Mode::Student) continue;
            swatch(labelColor(l, 0.5f));
            if (tracked(ImGui::Selectable(labelTitle(l)), labelTitle(l))) {
                m_view.selection = {};
                addMention(words, l);
            }
        }
        ImGui::Separator();
        if (tracked(ImGui::Selectable("a claim (then: who said it?)"), "a claim (then: who said it?)")) {
            m_view.selection = {};
            addClaim(words);
        }
        if (m_mode == Mode::Annotate && tracked(ImGui::Selectable("not a claim (now or when annotated again)"), "not a claim (now or when annotated again)")) {
            Edit e;
            e.op = EditOp::NotAClaim;
            e.at = anchor(words);
            m_view.selection = {};
            edit(std::move(e));
        }
    }
    ImGui::EndPopup();
}

void App::toggleGrammarSaid() {
    m_req.announce.assign(1, m_view.showGrammar ? (m_touchUI ? "Grammar: tap a word to see how it fits its sentence."
                                                             : "Grammar: point at a word to see how it fits its sentence.")
                                                : "Grammar hidden.");
    if (!m_view.showGrammar) m_view.grammarToken = -1;
}

// The grammar view: the word's box, an arc to the word it hangs on and arcs
// from the words that hang on it, each named in a word or two ("subject",
// "describes"), arrows toward the head; a tooltip says it in a sentence.
void App::drawGrammar(const ImVec2& origin, const ImRect& view) {
    const int t = m_view.grammarToken;
    if (t < 0 || t >= static_cast<int>(m_doc.tokens.size()) || m_doc.tokens[t].deprel == 0) return;
    const std::string note = grammarNote(m_doc, static_cast<uint32_t>(t));
    if (note.empty()) return;
    auto rectOf = [&](int k, ImRect& out) {
        const auto rects = m_layout.spanRects(m_doc.tokens[k].span.begin, m_doc.tokens[k].span.end);
        if (rects.empty()) return false;
        const ImRect r = rects.front();
        out = ImRect(r.Min.x + origin.x, r.Min.y + origin.y, r.Max.x + origin.x, r.Max.y + origin.y);
        return out.Max.y >= view.Min.y && out.Min.y <= view.Max.y;
    };
    ImRect word;
    if (!rectOf(t, word)) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize() * 0.78f;
    // ends spread over a word's top, so that arrowheads do not pile up: an
    // arc leaves or reaches a word on the side of the other word
    auto endOn = [](const ImRect& r, const ImRect& other) {
        const float f = other.Min.y > r.Max.y || (std::fabs(other.Min.y - r.Min.y) < 1.f && other.Min.x >= r.Max.x) ? 0.7f : 0.3f;
        return ImVec2(r.Min.x + (r.Max.x - r.Min.x) * f, r.Min.y + 1.f);
    };
    std::vector<ImRect> labels;
    auto arc = [&](const ImRect& from, const ImRect& to, ImU32 col, const char* label, float thick) {
        const ImVec2 p0 = endOn(from, to), p1 = endOn(to, from);
        const bool sameLine = std::fabs(p0.y - p1.y) < 1.f;
        const float rise = sameLine ? std::clamp(std::fabs(p1.x - p0.x) * 0.3f, 12.f, 46.f) : 26.f;
        const ImVec2 c((p0.x + p1.x) * 0.5f, std::min(p0.y, p1.y) - rise);
        dl->AddBezierQuadratic(p0, c, p1, col, thick, 24);
        // the arrowhead at the head's end, along the curve's last direction
        ImVec2 d(p1.x - c.x, p1.y - c.y);
        const float len = std::max(1e-3f, std::sqrt(d.x * d.x + d.y * d.y));
        d = ImVec2(d.x / len, d.y / len);
        const ImVec2 n(-d.y, d.x);
        const float a = 3.5f + thick;
        dl->AddTriangleFilled(p1, ImVec2(p1.x - d.x * a * 1.6f + n.x * a, p1.y - d.y * a * 1.6f + n.y * a),
                              ImVec2(p1.x - d.x * a * 1.6f - n.x * a, p1.y - d.y * a * 1.6f - n.y * a), col);
        if (label && *label) {
            const ImVec2 mid(0.25f * p0.x + 0.5f * c.x + 0.25f * p1.x, 0.25f * p0.y + 0.5f * c.y + 0.25f * p1.y);
            const ImVec2 ts = font->CalcTextSizeA(fs, FLT_MAX, 0.f, label);
            ImVec2 at(mid.x - ts.x * 0.5f, mid.y - ts.y * 0.5f);
            // over the labels already drawn: stacked above them, not on them
            for (int tries = 0; tries < 6; ++tries) {
                const ImRect me(at.x - 3.f, at.y - 1.f, at.x + ts.x + 3.f, at.y + ts.y + 1.f);
                bool clear = true;
                for (const ImRect& o : labels)
                    if (o.Overlaps(me)) { clear = false; at.y = o.Min.y - ts.y - 3.f; break; }
                if (clear) break;
            }
            labels.push_back(ImRect(at.x - 3.f, at.y - 1.f, at.x + ts.x + 3.f, at.y + ts.y + 1.f));
            dl->AddRectFilled(ImVec2(at.x - 3.f, at.y - 1.f), ImVec2(at.x + ts.x + 3.f, at.y + ts.y + 1.f), IM_COL32(255, 255, 255, 235), 3.f);
            dl->AddRect(ImVec2(at.x - 3.f, at.y - 1.f), ImVec2(at.x + ts.x + 3.f, at.y + ts.y + 1.f), col, 3.f);
            dl->AddText(font, fs, at, col, label);
        }
        ++m_stats.grammarArcs;
    };
    const ImU32 headCol = IM_COL32(30, 80, 190, 240), depCol = IM_COL32(15, 120, 95, 220);
    dl->AddRect(ImVec2(word.Min.x - 2.f, word.Min.y - 1.f), ImVec2(word.Max.x + 2.f, word.Max.y + 1.f), headCol, 3.f, 0, 2.f);
    const Token& tok = m_doc.tokens[t];
    ImRect r;
    if (tok.head >= 0 && tok.head < static_cast<int>(m_doc.tokens.size()) && rectOf(tok.head, r)) {
        dl->AddRect(ImVec2(r.Min.x - 2.f, r.Min.y - 1.f), ImVec2(r.Max.x + 2.f, r.Max.y + 1.f), headCol, 3.f, 0, 1.f);
        arc(word, r, headCol, relationLabel(static_cast<Deprel>(tok.deprel)), 2.f);
    }
    // the words that hang on it: in its sentence only (a tree does not cross sentences)
    const Sentence& sent = m_doc.sentences[tok.sentence];
    for (uint32_t k = sent.firstToken; k < sent.endToken && k < m_doc.tokens.size(); ++k) {
        const Token& d = m_doc.tokens[k];
        if (d.head != t || d.kind == TokenKind::Punct || static_cast<Deprel>(d.deprel) == Deprel::Punct) continue;
        if (!rectOf(static_cast<int>(k), r)) continue;
        arc(r, word, depCol, relationLabel(static_cast<Deprel>(d.deprel)), 1.2f);
    }
    m_stats.grammarNote = note;
    if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    // the tooltip, below the word (above it near the bottom)
    ImGuiIO& io = ImGui::GetIO();
    const bool below = word.Max.y + 8.f + m_tipSize.y < view.Max.y;
    ImGui::SetNextWindowPos(ImVec2(std::clamp(word.Min.x, 8.f, std::max(8.f, io.DisplaySize.x - m_tipSize.x - 8.f)),
                                   below ? word.Max.y + 8.f : word.Min.y - 8.f - m_tipSize.y));
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 32.f, io.DisplaySize.x - 24.f));
    ImGui::TextUnformatted(note.c_str());
    ImGui::TextDisabled("%s", "Arrows point to the word each one hangs on. G hides this.");
    ImGui::PopTextWrapPos();
    m_tipSize = ImGui::GetWindowSize();
    m_stats.tooltip = ImRect(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + m_tipSize.x, ImGui::GetWindowPos().y + m_tipSize.y));
    m_stats.tooltipFor = word;
    ImGui::EndTooltip();
}

void App::drawClaimTooltip(int qi, const ImVec2& origin, const ImRect& view) {
    const Quote& q = m_doc.quotes[qi];
    ImGuiIO& io = ImGui::GetIO();
    // The words it explains, as far as they are in view.
    ImRect box(FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX);
    for (Span c : q.content)
        for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
            const ImRect s(r.Min.x + origin.x, r.Min.y + origin.y, r.Max.x + origin.x, r.Max.y + origin.y);
            if (s.Max.y < view.Min.y || s.Min.y > view.Max.y) continue;
            box.Add(s);
        }
    if (box.Min.x > box.Max.x) return;
    const float pad = 8.f, W = io.DisplaySize.x, H = io.DisplaySize.y;
    const ImVec2 size = m_tipSize;
    const float x = std::clamp(io.MousePos.x - size.x * 0.3f, pad, std::max(pad, W - size.x - pad));
    ImVec2 pos;
    if (box.Max.y + 6.f + size.y <= view.Max.y) pos = ImVec2(x, box.Max.y + 6.f);                // below the claim
    else if (box.Min.y - 6.f - size.y >= view.Min.y) pos = ImVec2(x, box.Min.y - 6.f - size.y);   // above it
    else if (box.Max.x + 8.f + size.x <= W - pad) pos = ImVec2(box.Max.x + 8.f, std::clamp(box.Min.y, pad, std::max(pad, H - size.y - pad)));
    else if (box.Min.x - 8.f - size.x >= pad) pos = ImVec2(box.Min.x - 8.f - size.x, std::clamp(box.Min.y, pad, std::max(pad, H - size.y - pad)));
    else if (W - view.Max.x >= size.x + pad) pos = ImVec2(view.Max.x + 4.f, view.Min.y + 4.f);   // over the side panel
    else if (H - view.Max.y >= size.y + pad) pos = ImVec2(x, view.Max.y + 4.f);                  // over the bottom sheet
    else return;  // the claim fills the view: its details are in the panel when it is selected
    ImGui::SetNextWindowPos(pos);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(std::min(380.f, W - 2 * pad - 24.f));
    ImGui::Text("%s", quoteKindTitle(q.kind));
    ImGui::Separator();
    if (!q.source.empty()) ImGui::TextWrapped("source: %s", std::string(m_doc.sourceWords(q)).c_str());
    else ImGui::TextUnformatted("source: none found");
    if (q.speaker >= 0) {
        swatch(actorColor(q.speaker), 6.f);
        ImGui::TextWrapped("speaker: %s", m_doc.entities[q.speaker].name.c_str());
    }
    ImGui::TextWrapped("kind of source: %s", sourceKindTitle(q.sourceKind));
    if (!q.cue.empty()) ImGui::TextWrapped("cue: %s", std::string(m_doc.slice(q.cue)).c_str());
    ImGui::TextWrapped("why: %s", q.why.c_str());
    char conf[48];
    std::snprintf(conf, sizeof conf, "confidence %.0f%%%s", q.confidence * 100.f, q.confidence < 0.5f ? " (unsure)" : "");
    m_stats.tooltipConfidence = conf;
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, q.confidence < 0.5f ? ImVec4(0.85f, 0.55f, 0.1f, 1) : ImVec4(0.2f, 0.55f, 0.3f, 1));
    ImGui::ProgressBar(q.confidence, ImVec2(std::min(240.f, W - 60.f), 0), conf);
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", m_touchUI ? "tap to select \xC2\xB7 long press to correct" : "click to select \xC2\xB7 right-click to correct");
    ImGui::PopTextWrapPos();
    m_tipSize = ImGui::GetWindowSize();
    m_stats.tooltip = ImRect(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + m_tipSize.x, ImGui::GetWindowPos().y + m_tipSize.y));
    m_stats.tooltipFor = box;
    ImGui::EndTooltip();
}

// Links from claims to their sources, drawn as brat draws its arcs: up from
// the claim into the free band above its line, along that band to the left
// margin, along the margin to the band above the source's line, and down
// onto the source with an arrowhead. So a link never crosses a word. Links
// share the bands and the margin in lanes; one colour per source actor.
void App::drawLinks(const ImVec2& origin, const ImRect& view, size_t qFirst, size_t qEnd, uint32_t visBegin, uint32_t visEnd) {
    struct Link {
        int q = -1;
        bool strong = false;
        float xc = 0, xs = 0;      // layout x of the claim's start and of the source's middle
        int lc = 0, ls = 0;        // their lines
        bool above = false, below = false;  // the source is out of view
        ImU32 color = 0;
        int entity = -1;
        int laneC = 0, laneS = 0, laneM = 0;
    };
    const auto& runs = m_layout.runs();
    const auto& lines = m_layout.lines();
    if (lines.empty() || runs.empty()) return;
    const float gap = m_layout.gap(), textH = m_layout.textHeight();
    const float top = view.Min.y - origin.y, bottom = view.Max.y - origin.y;  // the view in layout y
    auto lineOf = [&](uint32_t b) { const size_t r = m_layout.runAt(b); return r < runs.size() ? static_cast<int>(runs[r].line) : static_cast<int>(lines.size()) - 1; };
    auto textTop = [&](int l) { return lines[l].y + gap; };
    auto bandTop = [&](int l) { return l == 0 ? -12.f : lines[l - 1].y + gap + textH; };
    std::vector<Link> links;
    auto add = [&](int qi, bool strong) {
        const Quote& q = m_doc.quotes[qi];
        if (q.source.empty() || q.content.empty()) return;
        const auto qr = m_layout.spanRects(q.content[0].begin, q.content[0].end);
        const auto sr = m_layout.spanRects(q.source.begin, q.source.end);
        if (qr.empty() || sr.empty()) return;
        Link L;
        L.q = qi;
        L.strong = strong;
        L.xc = qr.front().Min.x + std::min(8.f, qr.front().GetWidth() * 0.5f);
        L.lc = lineOf(q.content[0].begin);
        L.xs = (sr.front().Min.x + sr.front().Max.x) * 0.5f;
        L.ls = lineOf(q.source.begin);
        L.above = sr.front().Max.y < top + 4.f;
        L.below = sr.front().Min.y > bottom - 4.f;
        int ent = q.speaker;
        if (ent < 0) {
            // the actor of the source's mention (mentions are sorted by start)
            auto it = std::lower_bound(m_doc.mentions.begin(), m_doc.mentions.end(), q.source.begin,
                                       [](const Mention& m, uint32_t b) { return m.span.begin < b; });
            if (it != m_doc.mentions.end() && it->span == q.source) ent = it->entity;
        }
        L.color = actorColor(ent, strong ? 1.f : 0.85f);
        L.entity = ent;
        links.push_back(L);
    };
    const int selQ = m_view.selectedQuote, hovQ = m_view.hoveredQuote;
    if (m_view.showAllLinks)
        for (size_t qi = qFirst; qi < qEnd; ++qi) {
            const Quote& q = m_doc.quotes[qi];
            if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
            if (static_cast<int>(qi) != selQ && static_cast<int>(qi) != hovQ) add(static_cast<int>(qi), false);
        }
    if (selQ >= 0 && selQ < static_cast<int>(m_doc.quotes.size())) add(selQ, true);
    if (hovQ >= 0 && hovQ != selQ) add(hovQ, true);
    if (links.empty()) return;

    // Lanes: in each band, and in the margin; shorter stretches nearer the text, so they nest.
    struct Use { float a, b; int lane; };
    std::unordered_map<int, std::vector<Use>> bands;
    std::vector<Use> margin;
    auto take = [](std::vector<Use>& used, float a, float b) {
        if (a > b) std::swap(a, b);
        for (int lane = 0;; ++lane) {
            bool free = true;
            for (const Use& u : used)
                if (u.lane == lane && !(b + 3.f < u.a || a - 3.f > u.b)) { free = false; break; }
            if (free) {
                used.push_back({a, b, lane});
                return lane;
            }
        }
    };
    const float marginX = -std::max(4.f, m_articleOrigin.x - m_articleRect.Min.x) + 3.f;  // the margin's left edge (layout x)
    std::vector<size_t> order(links.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto span = [&](const Link& L) {
        const float yc = textTop(L.lc), ys = L.above ? top : L.below ? bottom : textTop(L.ls);
        return L.lc == L.ls && !L.above && !L.below ? std::fabs(L.xs - L.xc) * 0.01f : std::fabs(ys - yc) + 1000.f;
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return span(links[a]) < span(links[b]); });
    for (size_t i : order) {
        Link& L = links[i];
        const bool cross = L.lc != L.ls || L.above || L.below;
        L.laneC = take(bands[L.lc], L.xc, cross ? 0.f : L.xs);
        if (cross) {
            const float yc = textTop(L.lc), ys = L.above ? top : L.below ? bottom : textTop(L.ls);
            L.laneM = take(margin, yc, ys);
            if (!L.above && !L.below) L.laneS = take(bands[L.ls], 0.f, L.xs);
        }
    }
    auto laneY = [&](int l, int lane) {
        const float lo = bandTop(l) + 1.5f, hi = textTop(l) - std::clamp(gap * 0.4f, 1.5f, 5.f);
        return std::max(lo, hi - lane * 3.5f);
    };
    auto laneX = [&](int lane) { return std::max(marginX, -4.f - lane * 4.f); };

    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiIO& io = ImGui::GetIO();
    auto toScreen = [&](ImVec2 p) { return ImVec2(p.x + origin.x, p.y + origin.y); };
    // strong links last, on top
    std::stable_sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return !a.strong && b.strong; });
    for (const Link& L : links) {
        const Quote& q = m_doc.quotes[L.q];
        std::vector<ImVec2> pts;
        const float yc = textTop(L.lc), y1 = laneY(L.lc, L.laneC);
        pts.push_back({L.xc, yc});
        pts.push_back({L.xc, y1});
        bool arrow = true;
        ImVec2 end;
        if (L.lc == L.ls && !L.above && !L.below) {
            pts.push_back({L.xs, y1});
            end = {L.xs, textTop(L.ls)};
        } else {
            const float xm = laneX(L.laneM);
            pts.push_back({xm, y1});
            if (L.above || L.below) {
                end = {xm, L.above ? top + 2.f : bottom - 2.f};
                arrow = false;
            } else {
                const float y2 = laneY(L.ls, L.laneS);
                pts.push_back({xm, y2});
                pts.push_back({L.xs, y2});
                end = {L.xs, textTop(L.ls)};
            }
        }
        const float head = L.strong ? 7.f : 5.5f;
        pts.push_back(arrow ? ImVec2(end.x, end.y - head + 1.f) : end);
        // the path, with small rounded corners
        const float thick = L.strong ? 2.4f : 1.4f;
        dl->PathLineTo(toScreen(pts[0]));
        for (size_t i = 1; i + 1 < pts.size(); ++i) {
            const ImVec2 a = pts[i - 1], c = pts[i], b = pts[i + 1];
            auto unit = [](ImVec2 from, ImVec2 to) {
                const float dx = to.x - from.x, dy = to.y - from.y, d = std::sqrt(dx * dx + dy * dy);
                return d > 0 ? ImVec2(dx / d, dy / d) : ImVec2(0, 0);
            };
            const float la = std::hypot(c.x - a.x, c.y - a.y), lb = std::hypot(b.x - c.x, b.y - c.y);
            const float r = std::min({3.f, la * 0.5f, lb * 0.5f});
            const ImVec2 ua = unit(c, a), ub = unit(c, b);
            dl->PathLineTo(toScreen(ImVec2(c.x + ua.x * r, c.y + ua.y * r)));
            dl->PathBezierQuadraticCurveTo(toScreen(c), toScreen(ImVec2(c.x + ub.x * r, c.y + ub.y * r)), 4);
        }
        dl->PathLineTo(toScreen(pts.back()));
        dl->PathStroke(L.color, 0, thick);
        dl->AddCircleFilled(toScreen(pts[0]), L.strong ? 3.f : 2.2f, L.color);
        if (arrow) {
            const ImVec2 t = toScreen(end);
            dl->AddTriangleFilled(ImVec2(t.x - head * 0.6f, t.y - head), ImVec2(t.x + head * 0.6f, t.y - head), t, L.color);
        }
        // where the path runs, for tests: never over a word
        std::vector<ImVec2> screen;
        for (size_t i = 0; i < pts.size(); ++i) {
            screen.push_back(toScreen(pts[i]));
            if (i == 0) continue;
            const ImVec2 a = pts[i - 1], b = pts[i];
            const float len = std::hypot(b.x - a.x, b.y - a.y);
            for (float t = 0; t <= len; t += 2.f) {
                const ImVec2 p(a.x + (b.x - a.x) * t / std::max(len, 1e-3f), a.y + (b.y - a.y) * t / std::max(len, 1e-3f));
                if (p.y >= top && p.y <= bottom && overWords(p)) ++m_stats.linkCrossings;
            }
        }
        m_stats.linkPaths.push_back(std::move(screen));
        m_stats.linksDrawn.push_back({L.q, L.entity, actorColor(L.entity, 1.f), arrow});
        ++m_stats.links;
        if (L.above || L.below) {
            // The source is out of view: its name at the edge, a way to go there.
            const std::string label = std::string(L.above ? "\xE2\x86\x91 " : "\xE2\x86\x93 ") + std::string(m_doc.sourceWords(q));
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            const ImVec2 e = toScreen(end);
            const ImVec2 lp(std::clamp(e.x + 4.f, view.Min.x + 2.f, std::max(view.Min.x + 2.f, view.Max.x - ts.x - 20.f)),
                            L.above ? view.Min.y + 3.f : view.Max.y - ts.y - 5.f);
            const ImRect labelBox(ImVec2(lp.x - 4, lp.y - 1), ImVec2(lp.x + ts.x + 4, lp.y + ts.y + 1));
            dl->AddRectFilled(labelBox.Min, labelBox.Max, IM_COL32(255, 255, 255, 240), 4.f);
            dl->AddRect(labelBox.Min, labelBox.Max, L.color, 4.f);
            dl->AddText(lp, L.color, label.c_str());
            if (L.strong && labelBox.Contains(io.MousePos) && ImGui::IsMouseClicked(0)) scrollToByte(q.source.begin);
            ++m_stats.offscreenLinks;
        }
    }
}

// [SECTION] Panels

void App::drawSidePanel() {
    if (m_mode == Mode::Student) drawLessonPanel();
    if (m_mode == Mode::Reveal) {
        drawRevealPanel();
        return;
    }
    drawSelectionDetail();
    // The tabs first, their content after: the tabs are one Tab stop (arrows move between them).
    int active = -1;
    focus::setGroup(70);
    if (ImGui::BeginTabBar("panels", ImGuiTabBarFlags_FittingPolicyScroll)) {
        if (ImGui::BeginTabItem("Actors")) { active = 0; focus::checkLast(); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Sources")) { active = 1; focus::checkLast(); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Claims")) { active = 2; focus::checkLast(); ImGui::EndTabItem(); }
        const size_t lost = std::count_if(m_doc.edits.done.begin(), m_doc.edits.done.end(), [](const Edit& x) { return !x.unplaced.empty(); });
        char tab[64];
        std::snprintf(tab, sizeof tab, lost ? "Edits (%zu, %zu not placed)###edits" : "Edits (%zu)###edits", m_doc.edits.done.size(), lost);
        if (ImGui::BeginTabItem(tab)) { active = 3; focus::checkLast(); ImGui::EndTabItem(); }
        ImGui::EndTabBar();
    }
    focus::setGroup(0);
    switch (active) {
    case 0: drawActors(); break;
    case 1: drawLedger(); break;
    case 2: drawClaims(); break;
    case 3: drawEdits(); break;
    default: break;
    }
}

void App::drawSelectionDetail() {
    const int q = m_view.selectedQuote, e = m_view.selectedEntity;
    if (q >= 0 && q < static_cast<int>(m_doc.quotes.size())) {
        const Quote& c = m_doc.quotes[q];
        ImGui::Text("Claim %d of %zu: %s", q + 1, m_doc.quotes.size(), quoteKindTitle(c.kind));
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextWrapped("%s", clip(m_doc.slice(c.span), 240).c_str());
        if (c.speaker >= 0) swatch(actorColor(c.speaker), 6.f);
        const std::string who = c.speaker >= 0 ? m_doc.entities[c.speaker].name : !c.source.empty() ? std::string(m_doc.sourceWords(c)) : "(none found)";
        ImGui::TextWrapped("speaker: %s", who.c_str());
        ImGui::TextWrapped("source kind: %s", sourceKindTitle(c.sourceKind));
        ImGui::TextWrapped("why: %s", c.why.c_str());
        ImGui::PopTextWrapPos();
        char conf[48];
        std::snprintf(conf, sizeof conf, "confidence %.0f%%%s", c.confidence * 100.f, c.confidence < 0.5f ? " (unsure)" : "");
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, c.confidence < 0.5f ? ImVec4(0.85f, 0.55f, 0.1f, 1) : ImVec4(0.2f, 0.55f, 0.3f, 1));
        ImGui::ProgressBar(c.confidence, ImVec2(-1, 0), conf);
        ImGui::PopStyleColor();
        if (tracked(ImGui::Button("Change speaker\xE2\x80\xA6"), "Change speaker")) {
            m_view.pick = Pick::Speaker;
            m_view.pickFor = q;
        }
        if (!c.source.empty()) {
            fits("Go to source");
            if (tracked(ImGui::Button("Go to source"), "Go to source")) scrollToByte(c.source.begin);
        }
        fits("Clear");
        if (tracked(ImGui::Button("Clear"), "Clear")) selectQuote(-1, false);
        if (m_mode == Mode::Annotate) {
            // The actor who said it, keeping the words that name them here (a pronoun, say).
            ImGui::SetNextItemWidth(-1);
            const std::string current = c.speaker >= 0 ? "Speaker: " + m_doc.entities[c.speaker].name : std::string("Speaker: (unknown)");
            const bool speakerOpen = ImGui::BeginCombo("##speaker", current.c_str());
            focus::labelLast(current.c_str());
            if (speakerOpen) {
                if (ImGui::Selectable("(unknown)", c.speaker < 0) && c.speaker >= 0) claimEdit(EditOp::ClaimSpeaker, q);
                for (Label l : kLabels)
                    for (int ent : m_byLabel[static_cast<size_t>(l)]) {
                        ImGui::PushID(ent);
                        if (ImGui::Selectable(m_doc.entities[ent].name.c_str(), ent == c.speaker) && ent != c.speaker && m_firstMention[ent] >= 0) {
                            Edit x;
                            x.other = anchor(m_doc.mentions[m_firstMention[ent]].span);
                            claimEdit(EditOp::ClaimSpeaker, q, std::move(x));
                        }
                        ImGui::PopID();
                    }
                ImGui::EndCombo();
            }
            bool first = true;
            auto next = [&](const char* label) { if (!first) fits(label); first = false; };
            if (!c.source.empty()) {
                next("No source");
                if (tracked(ImGui::Button("No source"), "No source")) claimEdit(EditOp::ClaimSource, q);
            }
            if (!c.cue.empty()) {
                next("No cue");
                if (tracked(ImGui::Button("No cue"), "No cue")) claimEdit(EditOp::ClaimCue, q);
            }
            next("Remove claim");
            if (tracked(ImGui::Button("Remove claim"), "Remove claim")) removeClaim(q);
        }
        ImGui::Separator();
    } else if (e >= 0 && e < static_cast<int>(m_doc.entities.size())) {
        const Entity& ent = m_doc.entities[e];
        swatch(labelColor(ent.label, 0.6f));
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextWrapped("%s \xC2\xB7 %s \xC2\xB7 %d mentions", ent.name.c_str(), labelTitle(ent.label), m_mentionCount[e]);
        ImGui::PopTextWrapPos();
        ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Rename").x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
        const bool enter = textField("##rename", &m_renameBuffer, kFieldRename, ImVec2(0, 0), ImGuiInputTextFlags_EnterReturnsTrue);
        focus::labelLast("Actor's name");
        ImGui::SameLine();
        if ((tracked(ImGui::Button("Rename"), "Rename") || enter) && renameEntity(e, m_renameBuffer)) selectEntity(e, false);
        if (tracked(ImGui::Button("Clear"), "Clear")) selectEntity(-1, false);
        ImGui::Separator();
    }
}

void App::drawEdits() {
    const EditLog& log = m_doc.edits;
    if (log.done.empty() && log.undone.empty()) {
        ImGui::TextWrapped("No corrections yet. Right-click a claim or a mention to correct it, or drag over words to mark them. "
                           "Every correction is saved, kept when the article is annotated again, and can be undone.");
        return;
    }
    ImGui::TextDisabled("%s", "Newest first. Undo: Ctrl+Z, redo: Ctrl+Shift+Z.");
    ImGui::PushTextWrapPos(0.f);
    for (size_t k = log.done.size(); k-- > 0;) {
        const Edit& e = log.done[k];
        ImGui::PushID(static_cast<int>(k));
        if (!e.unplaced.empty()) {
            ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.f), "could not be placed: %s", describeEdit(e).c_str());
            ImGui::TextDisabled("  %s", e.unplaced.c_str());
        } else {
            ImGui::TextWrapped("%zu. %s", k + 1, describeEdit(e).c_str());
        }
        if (!e.author.empty() || !e.time.empty()) ImGui::TextDisabled("  %s %s", e.author.c_str(), e.time.c_str());
        ImGui::PopID();
    }
    for (size_t k = log.undone.size(); k-- > 0;)
        ImGui::TextDisabled("undone: %s", describeEdit(log.undone[k]).c_str());
    ImGui::PopTextWrapPos();
}

void App::drawLibrary() {
    if (m_libraryOpen) {
        ImGui::OpenPopup("Library");
        m_libraryOpen = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 80), ImGuiCond_Appearing, ImVec2(0.5f, 0.f));
    ImGui::SetNextWindowSize(ImVec2(std::min(720.f, vp->WorkSize.x - 40), std::min(520.f, vp->WorkSize.y - 120)), ImGuiCond_Appearing);
    bool open = true;
    if (!ImGui::BeginPopupModal("Library", &open)) return;
    if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
    if (ImGui::IsKeyPressed(27, false) && !ImGui::IsWindowAppearing() && !m_field.id && !m_discardAsk) ImGui::CloseCurrentPopup();
    ImGui::TextWrapped("Everything you worked on is kept in this browser: each article with its corrections and their history, "
                       "each lesson and each student's work as an entry of its own.");
    if (tracked(ImGui::Button("New article"), "New article")) {
        ImGui::CloseCurrentPopup();
        Document empty;
        m_base = empty;
        setDocument(std::move(empty), true);
        m_editing = true;
        m_editBuffer.clear();
        m_focusEditor = true;
    }
    ImGui::SameLine();
    if (tracked(ImGui::Button("Close##library"), "Close")) ImGui::CloseCurrentPopup();
    ImGui::Separator();
    if (m_library.empty()) ImGui::TextDisabled("Nothing saved yet: paste an article and correct it.");
    // Narrow screens: each entry on a few lines, its buttons wrapping; wide ones: a table.
    const bool narrow = ImGui::GetContentRegionAvail().x < 560.f;
    auto buttons = [&](const LibraryItem& it) {
        if (tracked(ImGui::Button("Rename"), "Rename")) {
            m_libraryRenameId = it.id;
            m_libraryRename = it.title;
        }
        fits("Duplicate");
        if (tracked(ImGui::Button("Duplicate"), "Duplicate")) m_req.library.push_back({"duplicate", it.id, {}, {}, {}});
        // Deleting asks once more: it is the one thing here that cannot be undone.
        if (m_libraryDeleteId == it.id) {
            fits("Delete?");
            if (tracked(ImGui::Button("Delete?"), "Delete?")) {
                m_req.library.push_back({"delete", it.id, {}, {}, {}});
                m_libraryDeleteId.clear();
            }
        } else {
            fits("Delete");
            if (tracked(ImGui::Button("Delete"), "Delete")) m_libraryDeleteId = it.id;
        }
    };
    auto title = [&](const LibraryItem& it) {
        const bool current = it.id == m_entryId;
        if (m_libraryRenameId == it.id) {
            ImGui::SetNextItemWidth(-1);
            const bool renamed = textField("##title", &m_libraryRename, kFieldLibraryRename, ImVec2(0, 0), ImGuiInputTextFlags_EnterReturnsTrue);
            focus::labelLast("Title");
            if (renamed) {
                m_req.library.push_back({"rename", it.id, m_libraryRename, {}, {}});
                m_libraryRenameId.clear();
            }
            return;
        }
        bool pressedRow = false;
        ellipsized("##entry", it.title.empty() ? std::string("(untitled)") : it.title, current, 0, &pressedRow);
        focus::labelLast(it.title.empty() ? "(untitled)" : it.title.c_str());
        if (pressedRow) {
            if (!current) m_req.library.push_back({"open", it.id, {}, {}, {}});
            ImGui::CloseCurrentPopup();
        }
    };
    if (narrow) {
        ImGui::BeginChild("entries");
        for (const LibraryItem& it : m_library) {
            ImGui::PushID(it.id.c_str());
            title(it);
            ImGui::TextDisabled("%s \xC2\xB7 %.0f KB", it.kind == "work" ? "student's work" : it.kind.c_str(), std::ceil(it.bytes / 1024.0));
            buttons(it);
            ImGui::Separator();
            ImGui::PopID();
        }
        ImGui::EndChild();
    } else if (ImGui::BeginTable("entries", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp, ImVec2(0, -4))) {
        const ImGuiStyle& st = ImGui::GetStyle();
        const float w = ImGui::CalcTextSize("RenameDuplicateDelete?").x + 6 * st.FramePadding.x + 3 * st.ItemSpacing.x;
        ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 5.f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("student's work").x);
        ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("9999 KB").x);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, w);
        focus::tableHeadersRow();
        for (const LibraryItem& it : m_library) {
            ImGui::PushID(it.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            title(it);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it.kind == "work" ? "student's work" : it.kind.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.0f KB", std::ceil(it.bytes / 1024.0));
            ImGui::TableNextColumn();
            buttons(it);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndPopup();
}

void App::drawActors() {
    int group = 100;
    for (Label l : kLabels) {
        const auto& list = m_byLabel[static_cast<size_t>(l)];
        if (list.empty()) continue;
        char header[96];
        std::snprintf(header, sizeof header, "%s (%zu)###%s", labelPlural(l), list.size(), labelName(l));
        if (!ImGui::CollapsingHeader(header, l == Label::MISC ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) continue;
        if (!ImGui::BeginTable(labelName(l), 2, ImGuiTableFlags_SizingStretchProp)) continue;
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("mentions", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("999").x + 4.f);
        focus::setGroup(++group);  // one Tab stop for the list; arrows move in it
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const int e = list[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(e);
                swatch(labelColor(l, 0.7f), 6.f);
                m_stats.actorRowColors.emplace_back(e, labelColor(l, 1.f));
                bool pressedRow = false;
                ellipsized("##actor", m_doc.entities[e].name, m_view.selectedEntity == e, ImGuiSelectableFlags_SpanAllColumns, &pressedRow);
                focus::labelLast(m_doc.entities[e].name.c_str());
                if (pressedRow) selectEntity(m_view.selectedEntity == e ? -1 : e, true);
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%d", m_mentionCount[e]);
                ImGui::PopID();
            }
        }
        focus::setGroup(0);
        ImGui::EndTable();
    }
    // The photographer and the agency of a picture: named on the page, no actor of the article.
    if (!m_credited.empty()) {
        char header[64];
        std::snprintf(header, sizeof header, "Photo credits (%zu)###credits", m_credited.size());
        if (ImGui::CollapsingHeader(header)) {
            ImGui::TextDisabled("Named only in a picture's credit, not in the article.");
            focus::setGroup(++group);
            for (const int e : m_credited) {
                ImGui::PushID(e);
                const Label l = m_doc.entities[e].label;
                swatch(labelColor(l, 0.7f), 6.f);
                bool pressedRow = false;
                ellipsized("##credited", m_doc.entities[e].name, m_view.selectedEntity == e, 0, &pressedRow);
                focus::labelLast(m_doc.entities[e].name.c_str());
                if (pressedRow) selectEntity(m_view.selectedEntity == e ? -1 : e, true);
                ImGui::PopID();
            }
            focus::setGroup(0);
        }
    }
    if (m_doc.mentions.empty()) ImGui::TextDisabled("No actors found yet.");
}

void App::drawLedger() {
    ImGui::TextWrapped("Who is quoted, how often and how: quoted words stand inside quotation marks; "
                       "direct claims are all quotation, reported ones are (partly) paraphrase.");
    int named = 0, anonymous = 0, organization = 0, unsourced = 0;
    for (const Quote& q : m_doc.quotes) {
        switch (q.sourceKind) {
        case SourceKind::Named: ++named; break;
        case SourceKind::Anonymous: ++anonymous; break;
        case SourceKind::Organization: ++organization; break;
        case SourceKind::Unsourced: ++unsourced; break;
        }
    }
    ImGui::Text("%zu claims: %d named, %d organization, %d anonymous, %d unsourced", m_doc.quotes.size(), named,
                organization, anonymous, unsourced);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("ledger", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 3.f);
    ImGui::TableSetupColumn("Claims", 0, 1.f);
    ImGui::TableSetupColumn("Quoted words", 0, 1.3f);
    ImGui::TableSetupColumn("Direct / reported", 0, 1.6f);
    ImGui::TableSetupColumn("Kind", 0, 1.6f);
    focus::tableHeadersRow();
    focus::setGroup(90);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_ledger.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const LedgerRow& r = m_ledger[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (r.entity >= 0) swatch(actorColor(r.entity), 4.f);
            bool pressedRow = false;
            ellipsized("##source", r.name, r.entity >= 0 && r.entity == m_view.selectedEntity, ImGuiSelectableFlags_SpanAllColumns, &pressedRow);
            focus::labelLast(r.name.c_str());
            if (pressedRow && r.entity >= 0) selectEntity(r.entity, true);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", r.claims);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", r.quotedWords);
            ImGui::TableNextColumn();
            ImGui::Text("%zu / %zu", r.direct, r.reported());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sourcing(r));
        }
    }
    focus::setGroup(0);
    ImGui::EndTable();
}

void App::drawClaims() {
    if (m_doc.quotes.empty()) {
        ImGui::TextDisabled("No claims found.");
        return;
    }
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextDisabled("%s", m_touchUI ? "Tap a claim to see it in the text." : "J / K walk the claims, Esc clears. Faint: the tool is unsure.");
    ImGui::PopTextWrapPos();
    TouchRows rows(m_touchUI);
    focus::setGroup(80);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_doc.quotes.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Quote& q = m_doc.quotes[i];
            ImGui::PushID(i);
            const std::string who = q.speaker >= 0 ? m_doc.entities[q.speaker].name
                                    : !q.source.empty() ? std::string(m_doc.sourceWords(q)) : std::string("(unsourced)");
            char conf[16];
            std::snprintf(conf, sizeof conf, "%.0f%%", q.confidence * 100.f);
            const std::string label = who + ": " + std::string(m_doc.slice(q.content.front()));
            const float confW = ImGui::CalcTextSize("100%").x + 8.f;
            swatch(actorColor(q.speaker), 4.f);
            ImGui::PushStyleColor(ImGuiCol_Text, q.confidence < 0.5f ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
            bool pressedRow = false;
            const float rowRight = ImGui::GetContentRegionAvail().x - confW;
            ImGui::BeginGroup();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const bool sel = m_view.selectedQuote == i;
            pressedRow = ImGui::Selectable("##claim", sel, 0, ImVec2(rowRight, 0));
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            const float ty = a.y + (b.y - a.y - ts.y) * 0.5f;
            ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), ImVec2(at.x, ty), ImVec2(at.x + rowRight, ty + ts.y), at.x + rowRight, at.x + rowRight,
                                      label.c_str(), nullptr, &ts);
            if (ImGui::IsItemHovered() && ts.x > rowRight) {
                m_stats.fullText = label;
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(std::min(420.f, ImGui::GetIO().DisplaySize.x - 24.f));
                ImGui::TextUnformatted(label.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            focus::labelLast(label.c_str());
            ImGui::EndGroup();
            ImGui::PopStyleColor();
            ImGui::SameLine(0, 4);
            ImGui::TextDisabled("%s", conf);
            if (pressedRow) selectQuote(i, true);
            if (sel && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ImGui::PopID();
        }
    }
    focus::setGroup(0);
}

} // namespace whosaid::web
