// The page: top bar, the article with highlights and links, side panels, the
// editor, hand corrections. Immediate mode over the Document; no NLP here.
#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "imgui_stdlib.h"
#include "whosaid/edits.hpp"
#include "whosaid/export.hpp"
#include "whosaid/import.hpp"
#include "whosaid/json.hpp"
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
constexpr ImU32 kSelectColor = IM_COL32(90, 140, 255, 70);
constexpr Label kLabels[] = {Label::PER, Label::ORG, Label::LOC, Label::GRP, Label::MISC};

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
    const bool links = m_view.showAllLinks;
    m_view = ArticleView{};
    m_view.fontSize = fontSize;
    m_view.showAllLinks = links;
    m_layout = TextLayout();
    m_editing = false;
    rebuildCaches();
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu actors, %zu claims", m_doc.entities.size(), m_doc.quotes.size());
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
    std::snprintf(buf, sizeof buf, "{\"scroll\":%.1f,\"fontSize\":%.1f,\"allLinks\":%s}", m_view.scrollTarget, m_view.fontSize,
                  m_view.showAllLinks ? "true" : "false");
    return buf;
}

void App::setView(std::string_view json) {
    const nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (!j.is_object()) return;
    auto it = j.find("scroll");
    if (it != j.end() && it->is_number()) m_view.scroll = m_view.scrollTarget = std::max(0.f, it->get<float>());
    it = j.find("fontSize");
    if (it != j.end() && it->is_number()) m_view.fontSize = std::clamp(it->get<float>(), 10.f, 40.f);
    it = j.find("allLinks");
    if (it != j.end() && it->is_boolean()) m_view.showAllLinks = it->get<bool>();
}

void App::setLibrary(std::string_view json) {
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
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [label, at] : m_drawnItems) items.push_back({{"label", label}, {"x", at.x}, {"y", at.y}});
    char buf[560];
    std::snprintf(buf, sizeof buf,
                  "{\"highlights\":%d,\"underlines\":%d,\"links\":%d,\"offscreenLinks\":%d,\"visibleLines\":%d,"
                  "\"hoveredQuote\":%d,\"selectedQuote\":%d,\"selectedEntity\":%d,\"scroll\":%.1f,\"height\":%.1f,"
                  "\"layoutBuilds\":%d,\"articleMs\":%.3f,\"sideMs\":%.3f,\"articleTop\":%.1f,\"pick\":%d,\"items\":",
                  m_stats.highlights, m_stats.underlines, m_stats.links, m_stats.offscreenLinks, m_stats.visibleLines,
                  m_stats.hoveredQuote, m_view.selectedQuote, m_view.selectedEntity, m_view.scroll, m_layout.height(),
                  m_stats.layoutBuilds, m_stats.articleMs, m_stats.sideMs, m_articleOrigin.y, static_cast<int>(m_view.pick));
    return buf + items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}";
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

bool App::tracked(bool pressed, std::string_view label) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    m_stats.items.push_back({std::string(label), ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f)});
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
    for (size_t e = 0; e < ne; ++e)
        if (m_mentionCount[e] > 0) m_byLabel[static_cast<size_t>(m_doc.entities[e].label)].push_back(static_cast<int>(e));
    for (auto& v : m_byLabel)
        std::stable_sort(v.begin(), v.end(), [&](int a, int b) { return m_mentionCount[a] > m_mentionCount[b]; });

    m_ledger = buildLedger(m_doc);
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
    m_view.scrollTarget = std::max(0.f, rects.front().Min.y - m_articleHeight * 0.3f);
}

void App::selectQuote(int q, bool scroll) {
    m_view.selectedQuote = q;
    m_view.selectedEntity = -1;
    if (q >= 0 && scroll) scrollToByte(m_doc.quotes[q].content.front().begin);
    m_req.focusQuote = q;
}

void App::selectEntity(int e, bool scroll) {
    m_view.selectedEntity = e;
    m_view.selectedQuote = -1;
    m_renameBuffer = e >= 0 ? m_doc.entities[e].name : std::string();
    if (e >= 0 && scroll && m_firstMention[e] >= 0) scrollToByte(m_doc.mentions[m_firstMention[e]].span.begin);
    m_req.focusEntity = e;
}

namespace {
// ImGui 1.86 takes the platform's key index, found through io.KeyMap.
bool keyPressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }
} // namespace

void App::handleKeys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || m_editing) return;
    // Undo and redo: Ctrl+Z / Cmd+Z, Ctrl+Shift+Z / Cmd+Shift+Z (and Ctrl+Y).
    if ((io.KeyCtrl || io.KeySuper) && keyPressed(ImGuiKey_Z)) {
        if (io.KeyShift) redo();
        else undo();
        return;
    }
    if ((io.KeyCtrl || io.KeySuper) && keyPressed(ImGuiKey_Y)) {
        redo();
        return;
    }
    const int n = static_cast<int>(m_doc.quotes.size());
    if (keyPressed(ImGuiKey_Tab) && n > 0) {
        int q = m_view.selectedQuote;
        q = io.KeyShift ? (q <= 0 ? n - 1 : q - 1) : (q < 0 || q >= n - 1 ? 0 : q + 1);
        selectQuote(q, true);
    }
    if (keyPressed(ImGuiKey_Escape)) {
        m_view.selectedQuote = m_view.selectedEntity = m_view.pickFor = -1;
        m_view.pick = Pick::None;
        m_view.selection = {};
        m_req.focusQuote = m_req.focusEntity = -1;
    }
    const float line = m_layout.lineHeight() > 0 ? m_layout.lineHeight() : 24.f;
    const float page = std::max(line, m_articleHeight - 2 * line);
    if (keyPressed(ImGuiKey_DownArrow)) m_view.scrollTarget += 3 * line;
    if (keyPressed(ImGuiKey_UpArrow)) m_view.scrollTarget -= 3 * line;
    if (keyPressed(ImGuiKey_PageDown) || (keyPressed(ImGuiKey_Space) && !io.KeyShift)) m_view.scrollTarget += page;
    if (keyPressed(ImGuiKey_PageUp) || (keyPressed(ImGuiKey_Space) && io.KeyShift)) m_view.scrollTarget -= page;
    if (keyPressed(ImGuiKey_Home)) m_view.scrollTarget = 0;
    if (keyPressed(ImGuiKey_End)) m_view.scrollTarget = 1e9f;
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
    const int builds = m_stats.layoutBuilds;
    m_drawnItems = std::move(m_stats.items);
    m_stats = DrawStats{};
    m_stats.layoutBuilds = builds;
    handleKeys();
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); };
    drawTopBar();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail < 760.f;
    const float side = narrow ? 0.f : std::clamp(avail * 0.32f, 260.f, 420.f);
    const float bottom = narrow ? ImGui::GetContentRegionAvail().y * 0.38f : 0.f;
    ImGui::BeginChild("article", ImVec2(narrow ? 0.f : -side - 8.f, narrow ? -bottom - 8.f : 0.f), false,
                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
    const auto t0 = Clock::now();
    if (m_editing) drawEditor();
    else drawArticle();
    m_stats.articleMs = ms(t0);
    ImGui::EndChild();
    if (!narrow) ImGui::SameLine();
    ImGui::BeginChild("side", ImVec2(0, 0), true);
    const auto t1 = Clock::now();
    drawSidePanel();
    m_stats.sideMs = ms(t1);
    ImGui::EndChild();
    drawLessonDialog();
    drawClassSummary();
    drawLibrary();
    ImGui::End();
}

void App::drawTopBar() {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(20, 20, 24, 255));
    ImGui::TextUnformatted("whosaid");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("who said what");
    ImGui::SameLine(0, 24);
    if (ImGui::Button("Open\xE2\x80\xA6")) m_req.openFile = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open a .txt, .md, .html or whosaid .json file (or drop it on the page)");
    ImGui::SameLine();
    ImGui::BeginDisabled(m_mode != Mode::Annotate);
    const bool edit = ImGui::Button(m_editing ? "Editing\xE2\x80\xA6" : "Edit text");
    ImGui::EndDisabled();
    if (edit && !m_editing) {
        m_editing = true;
        m_editBuffer = m_doc.text;
    }
    ImGui::SameLine();
    if (ImGui::Button("New")) {
        Document empty;
        m_base = empty;
        setDocument(std::move(empty), true);
        m_editing = true;
        m_editBuffer.clear();
        m_status = "New article: paste or type it, then press Annotate. The previous one is in the Library.";
    }
    ImGui::SameLine();
    if (tracked(ImGui::Button("Library\xE2\x80\xA6"), "Library")) m_libraryOpen = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your saved articles, lessons and students' work: open, rename, duplicate, delete");
    ImGui::SameLine(0, 16);
    ImGui::BeginDisabled(m_doc.edits.done.empty() || m_mode == Mode::Reveal);
    if (tracked(ImGui::Button("\xE2\x86\xB6 Undo"), "Undo")) undo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", m_doc.edits.done.empty() ? "Nothing to undo" : ("Undo: " + describeEdit(m_doc.edits.done.back()) + " (Ctrl+Z)").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(m_doc.edits.undone.empty() || m_mode == Mode::Reveal);
    if (tracked(ImGui::Button("\xE2\x86\xB7 Redo"), "Redo")) redo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", m_doc.edits.undone.empty() ? "Nothing to redo" : ("Redo: " + describeEdit(m_doc.edits.undone.back()) + " (Ctrl+Shift+Z)").c_str());
    ImGui::SameLine();
    if (ImGui::Button("Export \xE2\x96\xBE")) ImGui::OpenPopup("export");
    if (ImGui::BeginPopup("export")) {
        if (ImGui::Selectable("whosaid JSON (.json): everything, corrections included")) exportAs("json");
        if (ImGui::Selectable("Printable handout (.html)")) exportAs("html");
        if (ImGui::Selectable("W3C Web Annotation (.jsonld)")) exportAs("webanno");
        if (ImGui::Selectable("brat standoff (.txt + .ann)")) exportAs("brat");
        if (ImGui::Selectable("CoNLL tokens with IOB tags (.conll)")) exportAs("conll");
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    drawClassroomMenu();
    ImGui::SameLine();
    ImGui::Checkbox("All links", &m_view.showAllLinks);
    ImGui::SameLine(0, 20);
    ImGui::TextDisabled("Paste an article: Ctrl+V / Cmd+V");

    // Legend
    for (Label l : {Label::PER, Label::ORG, Label::LOC, Label::GRP, Label::MISC}) {
        swatch(labelColor(l, 0.35f));
        ImGui::TextUnformatted(labelTitle(l));
        ImGui::SameLine(0, 14);
    }
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddLine(ImVec2(p.x, p.y + h - 2), ImVec2(p.x + 26, p.y + h - 2), kQuoteColor, 2.f);
        ImGui::Dummy(ImVec2(28, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted("quoted words");
        ImGui::SameLine(0, 14);
        const ImVec2 q = ImGui::GetCursorScreenPos();
        for (float x = 0; x < 26; x += 8) dl->AddLine(ImVec2(q.x + x, q.y + h - 2), ImVec2(q.x + x + 4, q.y + h - 2), kQuoteColor, 2.f);
        ImGui::Dummy(ImVec2(28, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted("reported speech");
    }
    drawPickPrompt();
    ImGui::Separator();
}

// The status line, or what the page is waiting for: always exactly one line,
// so that neither moves the article under the pointer.
void App::drawPickPrompt() {
    const char* prompt = nullptr;
    switch (m_view.pick) {
    case Pick::Speaker: prompt = "Click the mention of the real speaker in the text (Esc cancels)."; break;
    case Pick::SameActor: prompt = "Click another mention of the same actor (Esc cancels)."; break;
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
    ImGui::TextUnformatted("Edit the article, then press Annotate. Your corrections find their words again in the new text.");
    if (ImGui::Button("Annotate")) {
        const std::string text = m_editBuffer;
        if (setText(text, true)) m_editing = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) m_editing = false;
    ImGui::InputTextMultiline("##edit", &m_editBuffer, ImVec2(-1, -1));
}

void App::drawArticle() {
    ImFont* font = ImGui::GetFont();
    const float size = m_view.fontSize;
    const float margin = 14.f;
    const float wrap = std::max(80.f, ImGui::GetContentRegionAvail().x - 2 * margin - ImGui::GetStyle().ScrollbarSize);
    if (!m_layout.valid(m_doc.text, size, wrap)) {
        m_layout.build(m_doc.text, font, size, wrap);
        ++m_stats.layoutBuilds;
    }
    ImGuiIO& io = ImGui::GetIO();
    m_articleHeight = ImGui::GetWindowHeight();

    // Smooth scrolling: wheel, keys and jumps move the target; the view eases toward it.
    const float maxScroll = std::max(0.f, m_layout.height() + 2 * margin - m_articleHeight);
    // The scrollbar, dragged by the user, wins over our own scrolling.
    if (std::fabs(ImGui::GetScrollY() - m_scrollSet) > 1.f)
        m_view.scroll = m_view.scrollTarget = ImGui::GetScrollY();
    if (ImGui::IsWindowHovered() && io.MouseWheel != 0.f) m_view.scrollTarget -= io.MouseWheel * m_layout.lineHeight() * 3.f;
    m_view.scrollTarget = std::clamp(m_view.scrollTarget, 0.f, maxScroll);
    const float k = std::min(1.f, io.DeltaTime * 14.f);
    m_view.scroll += (m_view.scrollTarget - m_view.scroll) * k;
    if (std::fabs(m_view.scrollTarget - m_view.scroll) < 0.5f) m_view.scroll = m_view.scrollTarget;
    ImGui::SetScrollY(m_view.scroll);
    m_scrollSet = m_view.scroll;

    const ImVec2 winPos = ImGui::GetWindowPos();
    m_articleOrigin = ImVec2(winPos.x + margin, winPos.y + margin);
    const ImVec2 origin(m_articleOrigin.x, m_articleOrigin.y - m_view.scroll);
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(ImVec2(wrap + 2 * margin, m_layout.height() + 2 * margin));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (m_doc.text.empty()) {
        dl->AddText(ImGui::GetFont(), size, ImVec2(origin.x, origin.y), IM_COL32(120, 120, 120, 255),
                    "Paste an article here (Ctrl+V / Cmd+V), drop a file, or press Open.");
        return;
    }
    const float y0 = m_view.scroll - margin, y1 = y0 + m_articleHeight;
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
    const int64_t hitByte = hovering ? m_layout.hitTest(ImVec2(mouse.x - origin.x, mouse.y - origin.y)) : -1;
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
                dl->AddRect(ImVec2(s.Min.x - 1, s.Min.y + 2), ImVec2(s.Max.x + 1, s.Max.y - 2), kQuoteColor, 3.f, 0, 1.f);
            }
    }
    // Text the user is selecting to mark as an actor.
    if (!m_view.selection.empty())
        for (const ImRect& r : m_layout.spanRects(m_view.selection.begin, m_view.selection.end)) {
            const ImRect s = shift(r);
            dl->AddRectFilled(s.Min, s.Max, kSelectColor, 2.f);
        }

    // Actors behind their spans: names filled, pronouns and nominals outlined.
    auto firstMention = std::lower_bound(m_doc.mentions.begin(), m_doc.mentions.end(), visBegin,
                                         [](const Mention& m, uint32_t b) { return m.span.end <= b; });
    for (auto it = firstMention; it != m_doc.mentions.end() && it->span.begin < visEnd; ++it) {
        const bool lit = selE >= 0 && it->entity == selE;
        const bool dim = selE >= 0 && !lit;
        const bool hovered = static_cast<int>(it - m_doc.mentions.begin()) == hitMention;
        for (const ImRect& r : m_layout.spanRects(it->span.begin, it->span.end)) {
            const ImRect s = shift(r);
            const ImVec2 a(s.Min.x - 2, s.Min.y + 1), b(s.Max.x + 2, s.Max.y - 1);
            if (it->kind == MentionKind::Name || it->label == Label::GRP)
                dl->AddRectFilled(a, b, labelColor(it->label, lit ? 0.55f : dim ? 0.12f : 0.27f), 4.f);
            else
                dl->AddRectFilled(a, b, labelColor(it->label, lit ? 0.35f : 0.10f), 4.f);
            if (lit || hovered || it->kind != MentionKind::Name)
                dl->AddRect(a, b, labelColor(it->label, lit || hovered ? 0.95f : 0.5f), 4.f, 0, lit ? 2.f : 1.f);
            ++m_stats.highlights;
        }
    }

    // Claims underlined: solid under quoted words, dashed under reported speech.
    m_view.hoveredQuote = -1;
    for (size_t qi = qFirst; qi < qEnd; ++qi) {
        const Quote& q = m_doc.quotes[qi];
        if (hitByte >= 0)
            for (Span c : q.content)
                if (c.contains(static_cast<uint32_t>(hitByte))) m_view.hoveredQuote = static_cast<int>(qi);
        if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
        const bool strong = static_cast<int>(qi) == selQ || static_cast<int>(qi) == m_view.hoveredQuote;
        for (Span c : q.content) {
            for (const ImRect& r : m_layout.spanRects(c.begin, c.end)) {
                const ImRect s = shift(r);
                const float y = s.Max.y - 3.f;
                const float thick = strong ? 3.f : 1.8f;
                if (q.kind == QuoteKind::Indirect) {
                    for (float x = s.Min.x; x < s.Max.x; x += 8.f)
                        dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4.f, s.Max.x), y), kQuoteColor, thick);
                } else {
                    dl->AddLine(ImVec2(s.Min.x, y), ImVec2(s.Max.x, y), kQuoteColor, thick);
                    if (q.kind == QuoteKind::Mixed)
                        for (float x = s.Min.x; x < s.Max.x; x += 8.f)
                            dl->AddLine(ImVec2(x, y + 3), ImVec2(std::min(x + 4.f, s.Max.x), y + 3), kQuoteColor, 1.f);
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

    // Links from claims to their sources: the hovered and the selected one, or all on the toggle.
    const ImRect view(winPos.x, winPos.y, winPos.x + ImGui::GetWindowWidth(), winPos.y + m_articleHeight);
    auto drawLink = [&](int qi, bool strong) {
        const Quote& q = m_doc.quotes[qi];
        if (q.source.empty() || q.content.empty()) return;
        auto qr = m_layout.spanRects(q.content[0].begin, q.content[0].end);
        auto sr = m_layout.spanRects(q.source.begin, q.source.end);
        if (qr.empty() || sr.empty()) return;
        const ImRect a = shift(qr.front()), b = shift(sr.front());
        const ImU32 color = strong ? kQuoteColor : IM_COL32(205, 45, 65, 120);
        const ImVec2 pa(a.Min.x + 8, a.Min.y + 2);
        ImVec2 pb((b.Min.x + b.Max.x) * 0.5f, b.Min.y + 2);
        const bool above = b.Max.y < view.Min.y + 4, below = b.Min.y > view.Max.y - 4;
        if (above || below) {
            // The source is off-screen: draw to the edge, with its name and a way to jump there.
            pb.y = above ? view.Min.y + 6 : view.Max.y - 6;
            const std::string label = std::string(above ? "\xE2\x86\x91 " : "\xE2\x86\x93 ") + std::string(m_doc.slice(q.source));
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            const ImVec2 lp(std::clamp(pb.x - ts.x * 0.5f, view.Min.x + 4, view.Max.x - ts.x - 20), above ? pb.y : pb.y - ts.y - 2);
            const ImRect box(ImVec2(lp.x - 4, lp.y - 1), ImVec2(lp.x + ts.x + 4, lp.y + ts.y + 1));
            dl->AddRectFilled(box.Min, box.Max, IM_COL32(255, 255, 255, 235), 4.f);
            dl->AddRect(box.Min, box.Max, color, 4.f);
            dl->AddText(lp, color, label.c_str());
            if (strong && box.Contains(io.MousePos) && ImGui::IsMouseClicked(0)) scrollToByte(q.source.begin);
            pb = ImVec2((box.Min.x + box.Max.x) * 0.5f, above ? box.Max.y : box.Min.y);
            ++m_stats.offscreenLinks;
        }
        const float dy = std::fabs(pa.y - pb.y);
        const float lift = std::clamp(std::fabs(pa.x - pb.x) * 0.2f + dy * 0.25f, 24.f, 160.f);
        const float sideways = dy > m_layout.lineHeight() * 2 ? -std::min(60.f, dy * 0.15f) : 0.f;
        dl->AddBezierCubic(pa, ImVec2(pa.x + sideways, pa.y - lift), ImVec2(pb.x + sideways, pb.y - lift), pb, color, strong ? 2.2f : 1.4f);
        dl->AddCircleFilled(pb, strong ? 4.f : 3.f, color);
        dl->AddCircleFilled(pa, 2.5f, color);
        ++m_stats.links;
    };
    if (m_view.showAllLinks) {
        for (size_t qi = qFirst; qi < qEnd; ++qi) {
            const Quote& q = m_doc.quotes[qi];
            if (q.span.end <= visBegin || q.span.begin >= visEnd) continue;
            if (static_cast<int>(qi) != selQ && static_cast<int>(qi) != m_view.hoveredQuote) drawLink(static_cast<int>(qi), false);
        }
    }
    if (selQ >= 0) drawLink(selQ, true);
    if (m_view.hoveredQuote >= 0 && m_view.hoveredQuote != selQ) drawLink(m_view.hoveredQuote, true);
    m_stats.hoveredQuote = m_view.hoveredQuote;

    // Hover details.
    if (m_view.pick == Pick::None && !m_view.pressed) {
        if (m_view.hoveredQuote >= 0 && hitMention < 0) {
            const Quote& q = m_doc.quotes[m_view.hoveredQuote];
            ImGui::BeginTooltip();
            ImGui::Text("%s", quoteKindTitle(q.kind));
            ImGui::Separator();
            if (!q.source.empty()) ImGui::Text("source: %s", std::string(m_doc.slice(q.source)).c_str());
            else ImGui::TextUnformatted("source: none found");
            if (q.speaker >= 0) ImGui::Text("speaker: %s", m_doc.entities[q.speaker].name.c_str());
            ImGui::Text("kind of source: %s", sourceKindTitle(q.sourceKind));
            if (!q.cue.empty()) ImGui::Text("cue: %s", std::string(m_doc.slice(q.cue)).c_str());
            ImGui::Text("why: %s", q.why.c_str());
            ImGui::Text("confidence: %.0f%%", q.confidence * 100.f);
            ImGui::TextDisabled("click to select \xC2\xB7 right-click to correct");
            ImGui::EndTooltip();
        } else if (hitMention >= 0) {
            const Mention& m = m_doc.mentions[hitMention];
            ImGui::BeginTooltip();
            ImGui::Text("%s%s", labelTitle(m.label), m.kind == MentionKind::Pronoun ? " (pronoun)" : m.kind == MentionKind::Nominal ? " (description)" : "");
            if (m.entity >= 0) ImGui::Text("actor: %s (%d mentions)", m_doc.entities[m.entity].name.c_str(), m_mentionCount[m.entity]);
            ImGui::TextDisabled("click to light up all mentions \xC2\xB7 right-click to correct");
            ImGui::EndTooltip();
        }
    }

    // Mouse: click selects, drag selects text to mark, right-click corrects;
    // while a pick is asked for, the click or the drag answers it.
    const bool pickClick = m_view.pick == Pick::Speaker || m_view.pick == Pick::SameActor;
    if (hovering && ImGui::IsMouseClicked(0)) {
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
        } else {
            m_view.pressed = true;
            m_view.dragFrom = hitByte;
            m_view.selection = {};
        }
    }
    if (m_view.dragFrom >= 0 && ImGui::IsMouseDown(0) && hitByte >= 0 && hitByte != m_view.dragFrom) {
        const uint32_t a = static_cast<uint32_t>(std::min(m_view.dragFrom, hitByte));
        const uint32_t b = static_cast<uint32_t>(std::max(m_view.dragFrom, hitByte));
        // snap to whole tokens
        Span s{a, b + 1};
        for (const Token& t : m_doc.tokens) {
            if (t.span.contains(a)) s.begin = t.span.begin;
            if (t.span.contains(b)) { s.end = t.span.end; break; }
        }
        m_view.selection = s;
    }
    if (m_view.pressed && ImGui::IsMouseReleased(0)) {
        m_view.pressed = false;
        Span words = m_view.selection;
        if (words.empty() && m_view.pick == Pick::Cue && m_view.dragFrom >= 0) {
            // a click on a word picks that word
            for (const Token& t : m_doc.tokens)
                if (t.span.contains(static_cast<uint32_t>(m_view.dragFrom))) words = t.span;
        }
        if ((m_view.pick == Pick::Content || m_view.pick == Pick::Cue) && !words.empty()) {
            const Pick pick = m_view.pick;
            const int q = m_view.pickFor;
            m_view.pick = Pick::None;
            m_view.pickFor = -1;
            m_view.selection = {};
            Edit e;
            if (pick == Pick::Content) e.content = {anchor(words)};
            else e.cue = anchor(words);
            claimEdit(pick == Pick::Content ? EditOp::ClaimContent : EditOp::ClaimCue, q, std::move(e));
        } else if (m_view.selection.empty()) {
            // a plain click
            if (hitMention >= 0 && m_view.hoveredQuote < 0) {
                const int e = m_doc.mentions[hitMention].entity;
                selectEntity(e == m_view.selectedEntity ? -1 : e, false);
            } else {
                selectQuote(m_view.hoveredQuote, false);
            }
        } else if (m_mode != Mode::Reveal) {
            ImGui::OpenPopup("mark");
        }
        m_view.dragFrom = -1;
    }
    if (hovering && ImGui::IsMouseClicked(1)) {
        m_view.contextMention = hitMention;
        m_view.contextQuote = m_view.hoveredQuote;
        if ((hitMention >= 0 || m_view.hoveredQuote >= 0) && m_mode != Mode::Reveal) ImGui::OpenPopup("context");
    }
    if (ImGui::BeginPopup("mark")) {
        ImGui::Text("Mark \xE2\x80\x9C%s\xE2\x80\x9D as", clip(m_doc.slice(m_view.selection), 40).c_str());
        for (Label l : kLabels) {
            if (l == Label::MISC && m_mode == Mode::Student) continue;
            swatch(labelColor(l, 0.5f));
            if (tracked(ImGui::Selectable(labelTitle(l)), labelTitle(l))) {
                const Span sel = m_view.selection;
                m_view.selection = {};
                addMention(sel, l);
            }
        }
        ImGui::Separator();
        if (tracked(ImGui::Selectable("a claim (then: who said it?)"), "a claim (then: who said it?)")) {
            const Span sel = m_view.selection;
            m_view.selection = {};
            addClaim(sel);
        }
        if (m_mode == Mode::Annotate && tracked(ImGui::Selectable("not a claim (now or when annotated again)"), "not a claim (now or when annotated again)")) {
            Edit e;
            e.op = EditOp::NotAClaim;
            e.at = anchor(m_view.selection);
            m_view.selection = {};
            edit(std::move(e));
        }
        ImGui::EndPopup();
    } else if (!m_view.pressed) {
        m_view.selection = {};
    }
    if (ImGui::BeginPopup("context")) {
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

// [SECTION] Panels

void App::drawSidePanel() {
    if (m_mode == Mode::Student) drawLessonPanel();
    if (m_mode == Mode::Reveal) {
        drawRevealPanel();
        return;
    }
    drawSelectionDetail();
    if (ImGui::BeginTabBar("panels")) {
        if (ImGui::BeginTabItem("Actors")) { drawActors(); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Sources")) { drawLedger(); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Claims")) { drawClaims(); ImGui::EndTabItem(); }
        const size_t lost = std::count_if(m_doc.edits.done.begin(), m_doc.edits.done.end(), [](const Edit& x) { return !x.unplaced.empty(); });
        char tab[64];
        std::snprintf(tab, sizeof tab, lost ? "Edits (%zu, %zu not placed)###edits" : "Edits (%zu)###edits", m_doc.edits.done.size(), lost);
        if (ImGui::BeginTabItem(tab)) { drawEdits(); ImGui::EndTabItem(); }
        ImGui::EndTabBar();
    }
}

void App::drawSelectionDetail() {
    const int q = m_view.selectedQuote, e = m_view.selectedEntity;
    if (q >= 0 && q < static_cast<int>(m_doc.quotes.size())) {
        const Quote& c = m_doc.quotes[q];
        ImGui::Text("Claim %d of %zu: %s", q + 1, m_doc.quotes.size(), quoteKindTitle(c.kind));
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextWrapped("%s", clip(m_doc.slice(c.span), 240).c_str());
        ImGui::Text("speaker: %s", c.speaker >= 0 ? m_doc.entities[c.speaker].name.c_str()
                                   : !c.source.empty() ? std::string(m_doc.slice(c.source)).c_str() : "(none found)");
        ImGui::Text("source kind: %s", sourceKindTitle(c.sourceKind));
        ImGui::TextWrapped("why: %s (confidence %.0f%%)", c.why.c_str(), c.confidence * 100.f);
        ImGui::PopTextWrapPos();
        if (ImGui::SmallButton("Change speaker\xE2\x80\xA6")) {
            m_view.pick = Pick::Speaker;
            m_view.pickFor = q;
        }
        ImGui::SameLine();
        if (!c.source.empty() && ImGui::SmallButton("Go to source")) scrollToByte(c.source.begin);
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear")) selectQuote(-1, false);
        if (m_mode == Mode::Annotate) {
            // The actor who said it, keeping the words that name them here (a pronoun, say).
            ImGui::SetNextItemWidth(-1);
            const std::string current = c.speaker >= 0 ? "Speaker: " + m_doc.entities[c.speaker].name : std::string("Speaker: (unknown)");
            if (ImGui::BeginCombo("##speaker", current.c_str())) {
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
            if (!c.source.empty() && ImGui::SmallButton("No source")) claimEdit(EditOp::ClaimSource, q);
            if (!c.source.empty()) ImGui::SameLine();
            if (!c.cue.empty() && ImGui::SmallButton("No cue")) claimEdit(EditOp::ClaimCue, q);
            if (!c.cue.empty()) ImGui::SameLine();
            if (ImGui::SmallButton("Remove claim")) removeClaim(q);
        }
        ImGui::Separator();
    } else if (e >= 0 && e < static_cast<int>(m_doc.entities.size())) {
        const Entity& ent = m_doc.entities[e];
        swatch(labelColor(ent.label, 0.6f));
        ImGui::Text("%s \xC2\xB7 %s \xC2\xB7 %d mentions", ent.name.c_str(), labelTitle(ent.label), m_mentionCount[e]);
        ImGui::SetNextItemWidth(-90.f);
        ImGui::InputText("##rename", &m_renameBuffer);
        ImGui::SameLine();
        if (ImGui::Button("Rename") && renameEntity(e, m_renameBuffer)) selectEntity(e, false);
        if (ImGui::SmallButton("Clear")) selectEntity(-1, false);
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
    ImGui::TextWrapped("Everything you worked on is kept in this browser: each article with its corrections and their history, "
                       "each lesson and each student's work as an entry of its own.");
    if (ImGui::Button("New article")) {
        ImGui::CloseCurrentPopup();
        Document empty;
        m_base = empty;
        setDocument(std::move(empty), true);
        m_editing = true;
        m_editBuffer.clear();
    }
    ImGui::Separator();
    if (m_library.empty()) ImGui::TextDisabled("Nothing saved yet: paste an article and correct it.");
    if (ImGui::BeginTable("entries", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp, ImVec2(0, -4))) {
        const ImGuiStyle& st = ImGui::GetStyle();
        const float buttons = ImGui::CalcTextSize("RenameDuplicateDelete?").x + 6 * st.FramePadding.x + 3 * st.ItemSpacing.x;
        ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 5.f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("student's work").x);
        ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("9999 KB").x);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, buttons);
        ImGui::TableHeadersRow();
        for (const LibraryItem& it : m_library) {
            ImGui::PushID(it.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool current = it.id == m_entryId;
            if (m_libraryRenameId == it.id) {
                ImGui::SetNextItemWidth(-1);
                if (ImGui::InputText("##title", &m_libraryRename, ImGuiInputTextFlags_EnterReturnsTrue)) {
                    m_req.library.push_back({"rename", it.id, m_libraryRename, {}, {}});
                    m_libraryRenameId.clear();
                }
            } else if (ImGui::Selectable((it.title.empty() ? std::string("(untitled)") : it.title).c_str(), current)) {
                if (!current) m_req.library.push_back({"open", it.id, {}, {}, {}});
                ImGui::CloseCurrentPopup();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it.kind == "work" ? "student's work" : it.kind.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.0f KB", std::ceil(it.bytes / 1024.0));
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Rename")) {
                m_libraryRenameId = it.id;
                m_libraryRename = it.title;
            }
            ImGui::SameLine();
            if (ImGui::SmallButton("Duplicate")) m_req.library.push_back({"duplicate", it.id, {}, {}, {}});
            ImGui::SameLine();
            // Deleting asks once more: it is the one thing here that cannot be undone.
            if (m_libraryDeleteId == it.id) {
                if (ImGui::SmallButton("Delete?")) {
                    m_req.library.push_back({"delete", it.id, {}, {}, {}});
                    m_libraryDeleteId.clear();
                }
            } else if (ImGui::SmallButton("Delete")) {
                m_libraryDeleteId = it.id;
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndPopup();
}

void App::drawActors() {
    for (Label l : kLabels) {
        const auto& list = m_byLabel[static_cast<size_t>(l)];
        if (list.empty()) continue;
        char header[96];
        std::snprintf(header, sizeof header, "%s (%zu)###%s", labelPlural(l), list.size(), labelName(l));
        if (!ImGui::CollapsingHeader(header, l == Label::MISC ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) continue;
        if (!ImGui::BeginTable(labelName(l), 2, ImGuiTableFlags_SizingStretchProp)) continue;
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("mentions", ImGuiTableColumnFlags_WidthFixed, 32.f);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const int e = list[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(e);
                swatch(labelColor(l, 0.7f), 6.f);
                if (ImGui::Selectable(m_doc.entities[e].name.c_str(), m_view.selectedEntity == e, ImGuiSelectableFlags_SpanAllColumns))
                    selectEntity(m_view.selectedEntity == e ? -1 : e, true);
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%d", m_mentionCount[e]);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
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
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_ledger.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const LedgerRow& r = m_ledger[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(clip(r.name, 48).c_str(), r.entity >= 0 && r.entity == m_view.selectedEntity,
                                  ImGuiSelectableFlags_SpanAllColumns) && r.entity >= 0)
                selectEntity(r.entity, true);
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
    ImGui::EndTable();
}

void App::drawClaims() {
    if (m_doc.quotes.empty()) {
        ImGui::TextDisabled("No claims found.");
        return;
    }
    ImGui::TextDisabled("Tab / Shift+Tab walk the claims, Esc clears.");
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_doc.quotes.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Quote& q = m_doc.quotes[i];
            ImGui::PushID(i);
            const std::string who = q.speaker >= 0 ? m_doc.entities[q.speaker].name
                                    : !q.source.empty() ? std::string(m_doc.slice(q.source)) : std::string("(unsourced)");
            const std::string label = clip(who, 28) + ": " + clip(m_doc.slice(q.content.front()), 70);
            if (ImGui::Selectable(label.c_str(), m_view.selectedQuote == i)) selectQuote(i, true);
            if (m_view.selectedQuote == i && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ImGui::PopID();
        }
    }
}

} // namespace whosaid::web
