// Classroom mode in the page: lessons, students' marking, reveal, class summary.
// The measuring is core's (whosaid/classroom.hpp); this file is the UI over it.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "focus.hpp"
#include "imgui_stdlib.h"
#include "whosaid/json.hpp"
#include "whosaid/text.hpp"
#include "whosaid/tokenizer.hpp"

namespace whosaid::web {

namespace {
// A bar with a label: "Claims found  7 / 10".
void scoreBar(const char* label, const Tally& t) {
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%d / %d", t.right, t.total);
    ImGui::TextUnformatted(label);
    ImGui::SameLine(170.f);
    const float share = static_cast<float>(t.share());
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, share >= 0.8f ? ImVec4(0.2f, 0.6f, 0.3f, 1) : share >= 0.5f ? ImVec4(0.85f, 0.6f, 0.1f, 1)
                                                                                                        : ImVec4(0.8f, 0.25f, 0.25f, 1));
    ImGui::ProgressBar(t.total ? share : 1.f, ImVec2(-1, 0), t.total ? overlay : "none in the key");
    ImGui::PopStyleColor();
}

std::string cut(std::string_view s, size_t max) {
    if (s.size() <= max) return std::string(s);
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n)) + "\xE2\x80\xA6";
}
} // namespace

// [SECTION] Lessons and work

bool App::openLesson(Lesson lesson, const StudentWork* saved) {
    const bool fresh = saved == nullptr;
    m_lesson = std::move(lesson);
    m_work = saved && saved->marks.text == m_lesson.key.text ? *saved : startWork(m_lesson, saved ? saved->student : std::string());
    m_class.clear();
    m_summary = {};
    m_showSummary = false;
    // The student's marks are edits over no markup, as the teacher's key is
    // edits over the tool's; work saved before the edit log keeps its marks as the base.
    Document base;
    base.id = m_lesson.key.id;
    base.text = m_lesson.key.text;
    EditLog log = m_work.marks.edits;
    if (log.done.empty() && log.undone.empty() && (!m_work.marks.mentions.empty() || !m_work.marks.quotes.empty())) {
        base = m_work.marks;
        log.base = EditBase::File;
    } else {
        log.base = EditBase::None;
    }
    tokenize(base);
    const ArticleView keep = m_view;
    if (fresh && !m_doc.text.empty() && !m_pristine) m_req.newEntry = true;
    m_pristine = false;
    m_mode = Mode::Student;
    m_base = base;
    setDocument(replayEdits(m_base, log), false);
    m_work.marks = m_doc;
    m_view.fontSize = keep.fontSize;
    m_status = "Lesson: " + (m_lesson.title.empty() ? std::string("(untitled)") : m_lesson.title) +
               ". Mark the actors and claims yourself: drag over words, then choose. Press Reveal when you are done.";
    return true;
}

bool App::addClaim(Span span) {
    if (m_mode == Mode::Reveal || span.empty() || span.end > m_doc.text.size()) return false;
    Edit e;
    e.op = EditOp::AddClaim;
    e.content = {anchor(span)};
    e.quoteKind = guessQuoteKind(m_doc.text, span);
    if (!edit(std::move(e))) return false;
    // Ask at once who said it.
    for (size_t q = 0; q < m_doc.quotes.size(); ++q)
        if (m_doc.quotes[q].content.front() == span) {
            m_view.pick = Pick::Speaker;
            m_view.pickFor = static_cast<int>(q);
            m_view.selectedQuote = static_cast<int>(q);
        }
    return true;
}

bool App::removeClaim(int quote) {
    if (!claimEdit(EditOp::RemoveClaim, quote)) return false;
    m_view.selectedQuote = -1;
    return true;
}

bool App::studentMark(uint32_t cpBegin, uint32_t cpEnd, Label label) {
    const OffsetIndex idx(m_doc.text);
    return addMention({idx.codepointToByte(cpBegin), idx.codepointToByte(cpEnd)}, label);
}

bool App::studentClaim(uint32_t cpBegin, uint32_t cpEnd) {
    const OffsetIndex idx(m_doc.text);
    return addClaim({idx.codepointToByte(cpBegin), idx.codepointToByte(cpEnd)});
}

bool App::saveLesson(std::string title, std::string instructions, std::vector<std::string> questions) {
    if (m_mode != Mode::Annotate || m_doc.text.empty()) return false;
    Lesson lesson;
    lesson.title = std::move(title);
    lesson.instructions = std::move(instructions);
    lesson.questions = std::move(questions);
    lesson.key = m_doc;
    lesson.hasKey = !m_doc.edits.done.empty();
    const std::string file = lessonToJson(lesson);
    m_req.downloads.push_back({"lesson.whosaid.json", "application/json", file});
    // ...and an entry of its own in the library, beside the teacher's article.
    nlohmann::json session = {{"schema", "whosaid-session/1"}, {"lesson", nlohmann::json::parse(file)},
                              {"work", nlohmann::json::parse(studentWorkToJson(startWork(lesson, {})))}};
    m_req.library.push_back({"add", {}, lesson.title.empty() ? std::string("Lesson") : "Lesson: " + lesson.title, "lesson",
                             session.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
    m_status = lesson.hasKey ? "Lesson saved with your checked markup as the answer key."
                             : "Lesson saved; with no corrections made, the tool's own markup is the key.";
    return true;
}

bool App::saveWork() {
    if (m_mode == Mode::Annotate) return false;
    std::string name = m_work.student.empty() ? std::string("student") : m_work.student;
    for (char& c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) c = '_';
    m_req.downloads.push_back({name + ".whosaid-work.json", "application/json", studentWorkToJson(m_work)});
    return true;
}

bool App::reveal() {
    if (m_mode == Mode::Annotate) return false;
    m_comparison = compareMarkup(m_lesson.key, m_work.marks);
    Document key = m_lesson.key;
    tokenize(key);
    m_mode = Mode::Reveal;
    setDocument(std::move(key), false);
    m_status = "Answers revealed: green = you found it with the right speaker, orange = wrong speaker, red = missed.";
    return true;
}

void App::backToMarks() {
    if (m_mode != Mode::Reveal) return;
    m_mode = Mode::Student;
    setDocument(replayEdits(m_base, m_work.marks.edits), false);
}

bool App::addStudentWork(std::string_view name, std::string_view bytes) {
    Result<StudentWork> work = studentWorkFromJson(bytes);
    if (!work) {
        m_error = work.error().message;
        setStatus(std::string(name) + ": " + m_error, true);
        return false;
    }
    if (m_mode == Mode::Annotate) {
        m_error = "open the lesson first";
        setStatus(std::string(name) + " is a student's work: open its lesson first, then the students' files.", true);
        return false;
    }
    if (work->marks.text != m_lesson.key.text) {
        m_error = "work for another article";
        setStatus(std::string(name) + " is work on another article; it is not counted.", true);
        return false;
    }
    m_class.push_back(std::move(*work));
    m_summary = summarizeClass(m_lesson.key, m_class);
    m_showSummary = true;
    m_status = std::to_string(m_summary.students) + " students' work loaded.";
    return true;
}

std::string App::comparisonJson() const {
    const Comparison& c = m_comparison;
    auto tally = [](const Tally& t) { return nlohmann::json{{"right", t.right}, {"total", t.total}}; };
    nlohmann::json claims = nlohmann::json::array();
    for (const ClaimCheck& cc : c.claimChecks)
        claims.push_back({{"key", cc.keyQuote}, {"student", cc.studentQuote}, {"speaker_right", cc.speakerRight},
                          {"anonymous", cc.anonymous}, {"anonymous_noticed", cc.anonymousNoticed}, {"why", cc.why}});
    nlohmann::json j = {{"mode", m_mode == Mode::Reveal ? "reveal" : m_mode == Mode::Student ? "student" : "annotate"},
                        {"actors", tally(c.actors)}, {"labels", tally(c.labels)}, {"claims", tally(c.claims)},
                        {"speakers", tally(c.speakers)}, {"anonymous", tally(c.anonymous)},
                        {"extra_actors", c.extraActors}, {"extra_claims", c.extraClaims}, {"claim_checks", claims}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string App::classSummaryJson() const {
    const ClassSummary& s = m_summary;
    auto tally = [](const Tally& t) { return nlohmann::json{{"right", t.right}, {"total", t.total}}; };
    nlohmann::json j = {{"students", s.students}, {"names", s.names}, {"claim_missed_by", s.claimMissedBy},
                        {"speaker_wrong_by", s.speakerWrongBy}, {"claims", tally(s.claims)}, {"speakers", tally(s.speakers)},
                        {"anonymous", tally(s.anonymous)}, {"actors", tally(s.actors)}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// [SECTION] UI

void App::drawClassroomItems(bool inline_) {
    const std::string pre = inline_ ? "Classroom: " : "";
    auto item = [&](const char* label) { const std::string l = pre + label; return tracked(ImGui::MenuItem(l.c_str()), l); };
    if (m_mode == Mode::Annotate) {
        if (item("Save as a lesson\xE2\x80\xA6")) {
            m_lessonDialog = true;
            if (m_lessonTitle.empty()) m_lessonTitle = cut(m_doc.text.substr(0, m_doc.text.find('\n')), 80);
        }
        if (!inline_) {
            ImGui::TextDisabled("Check and correct the markup first: it becomes the answer key.");
            ImGui::TextDisabled("Students open the lesson file with Open or by dropping it.");
        }
    } else {
        if (item("Save my work")) saveWork();
        if (m_mode == Mode::Student && item("Reveal the answers")) reveal();
        if (m_mode == Mode::Reveal && item("Back to my marks")) backToMarks();
        if (!inline_) ImGui::Separator();
        if (item("Load students' work\xE2\x80\xA6")) m_req.openFile = true;
        if (!m_class.empty() && item("Class summary")) m_showSummary = true;
    }
}

void App::drawClassroomMenu() {
    const bool open = tracked(ImGui::Button("Classroom \xE2\x96\xBE"), "Classroom");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Lessons: save this article as a lesson; students' work, the reveal and the class summary");
    if (open) ImGui::OpenPopup("classroom");
    if (m_touchUI) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8.f, 27.f));
    if (ImGui::BeginPopup("classroom")) {
        if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), m_keyboard);
        drawClassroomItems(false);
        ImGui::EndPopup();
    }
    if (m_touchUI) ImGui::PopStyleVar();
    if (m_mode == Mode::Student) {
        fits("Reveal");
        if (tracked(ImGui::Button("Reveal"), "Reveal")) reveal();
    } else if (m_mode == Mode::Reveal) {
        fits("Back to my marks");
        if (tracked(ImGui::Button("Back to my marks"), "Back to my marks")) backToMarks();
    }
}

void App::drawLessonPanel() {
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextColored(ImVec4(0.1f, 0.3f, 0.7f, 1.f), "Lesson: %s", m_lesson.title.empty() ? "(untitled)" : m_lesson.title.c_str());
    if (!m_lesson.instructions.empty()) ImGui::TextWrapped("%s", m_lesson.instructions.c_str());
    for (size_t i = 0; i < m_lesson.questions.size(); ++i) ImGui::TextWrapped("%zu. %s", i + 1, m_lesson.questions[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1);
    if (textField("##name", &m_work.student, kFieldName, ImVec2(0, 0), 0, "Your name")) m_req.save = true;
    focus::labelLast("Your name");
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextDisabled("%s", m_touchUI ? "Long-press a word, then drag over the words, to mark an actor or a claim."
                                        : "Drag over words to mark an actor or a claim; right-click to fix.");
    ImGui::PopTextWrapPos();
    ImGui::Separator();
}

void App::drawRevealPanel() {
    const Comparison& c = m_comparison;
    ImGui::TextColored(ImVec4(0.1f, 0.3f, 0.7f, 1.f), "Your marks against the %s", m_lesson.hasKey ? "answer key" : "tool's markup");
    scoreBar("Actors found", c.actors);
    scoreBar("Actor types right", c.labels);
    scoreBar("Claims found", c.claims);
    scoreBar("Speakers right", c.speakers);
    scoreBar("Anonymous noticed", c.anonymous);
    if (c.extraClaims || c.extraActors)
        ImGui::TextDisabled("You also marked %d claims and %d actors that the key does not have.", c.extraClaims, c.extraActors);
    ImGui::Separator();
    ImGui::TextUnformatted("Claims in the key");
    ImGui::BeginChild("checks");
    for (size_t i = 0; i < c.claimChecks.size(); ++i) {
        const ClaimCheck& cc = c.claimChecks[i];
        if (cc.keyQuote < 0 || cc.keyQuote >= static_cast<int>(m_doc.quotes.size())) continue;
        const Quote& q = m_doc.quotes[cc.keyQuote];
        const char* verdict = cc.studentQuote < 0 ? "missed" : cc.speakerRight ? "right" : "wrong speaker";
        const ImVec4 col = cc.studentQuote < 0 ? ImVec4(0.75f, 0.15f, 0.15f, 1) : cc.speakerRight ? ImVec4(0.15f, 0.5f, 0.2f, 1)
                                                                                                   : ImVec4(0.75f, 0.45f, 0.05f, 1);
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextColored(col, "%s%s", verdict, cc.anonymous && !cc.anonymousNoticed ? " \xC2\xB7 anonymous source not noticed" : "");
        if (ImGui::Selectable(cut(m_doc.slice(q.span), 90).c_str(), m_view.selectedQuote == cc.keyQuote)) selectQuote(cc.keyQuote, true);
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextDisabled("%s", cc.why.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
        ImGui::Spacing();
    }
    ImGui::EndChild();
}

void App::drawClassSummary() {
    if (!m_showSummary) return;
    ImGui::SetNextWindowSize(ImVec2(520, 420), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Class summary", &m_showSummary)) {
        ImGui::End();
        return;
    }
    const ClassSummary& s = m_summary;
    if (s.students == 0) ImGui::TextUnformatted("No students' work yet: load their files (Classroom \xE2\x96\xBE).");
    else ImGui::Text("%d student%s: %s", s.students, s.students == 1 ? "" : "s", [&] {
        std::string names;
        for (const std::string& n : s.names) names += (names.empty() ? "" : ", ") + (n.empty() ? std::string("(no name)") : n);
        return names;
    }().c_str());
    scoreBar("Claims found", s.claims);
    scoreBar("Speakers right", s.speakers);
    scoreBar("Anonymous noticed", s.anonymous);
    scoreBar("Actors found", s.actors);
    ImGui::Separator();
    ImGui::TextUnformatted("Claims most students missed");
    std::vector<int> order(s.claimMissedBy.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return s.claimMissedBy[a] > s.claimMissedBy[b]; });
    if (ImGui::BeginTable("missed", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Claim", ImGuiTableColumnFlags_WidthStretch, 4.f);
        ImGui::TableSetupColumn("Missed", 0, 1.f);
        ImGui::TableSetupColumn("Wrong speaker", 0, 1.2f);
        focus::tableHeadersRow();
        for (int q : order) {
            if (q >= static_cast<int>(m_lesson.key.quotes.size())) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cut(m_lesson.key.slice(m_lesson.key.quotes[q].span), 70).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d of %d", s.claimMissedBy[q], s.students);
            ImGui::TableNextColumn();
            ImGui::Text("%d", s.speakerWrongBy[q]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void App::drawLessonDialog() {
    if (m_lessonDialog) {
        ImGui::OpenPopup("Save as a lesson");
        m_lessonDialog = false;
    }
    ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal("Save as a lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextWrapped("The lesson file holds the article and its markup as you corrected it: the answer key. "
                       "Students see the text only and mark it themselves.");
    if (ImGui::IsWindowAppearing()) focus::requestFirstIn(ImGui::GetCurrentWindow(), true);  // the title, ready to type
    const float w = std::min(380.f, ImGui::GetIO().DisplaySize.x - 160.f);
    ImGui::SetNextItemWidth(w);
    textField("Title", &m_lessonTitle, kFieldLesson);
    textField("Instructions", &m_lessonInstructions, kFieldLesson, ImVec2(w, 60));
    textField("Questions\n(one a line)", &m_lessonQuestions, kFieldLesson, ImVec2(w, 80));
    // Esc with no field being edited closes the dialog; the fields keep what was typed for next time.
    const bool escape = ImGui::IsKeyPressed(27, false) && !ImGui::IsWindowAppearing() && !m_field.id && !m_discardAsk;
    if (tracked(ImGui::Button("Save lesson"), "Save lesson")) {
        std::vector<std::string> questions;
        size_t at = 0;
        while (at <= m_lessonQuestions.size()) {
            size_t nl = m_lessonQuestions.find('\n', at);
            if (nl == std::string::npos) nl = m_lessonQuestions.size();
            const std::string line = m_lessonQuestions.substr(at, nl - at);
            if (line.find_first_not_of(" \t") != std::string::npos) questions.push_back(line);
            at = nl + 1;
        }
        saveLesson(m_lessonTitle, m_lessonInstructions, std::move(questions));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (tracked(ImGui::Button("Cancel"), "Cancel") || escape) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace whosaid::web
