// web/app.hpp — the whosaid page as an ImGui application over core.
//
// The Document is the model; App keeps view state (scroll, hover, selection,
// edit mode) and draws the article and the panels each frame. It has no
// Emscripten calls: platform_web.cpp feeds it input and text, and carries out
// the requests it leaves in AppRequests (save, download, open a file) after
// each frame.
//
// Usage:
//   App app;
//   app.setText(sample);          // annotate and show
//   every frame: ImGui::NewFrame(); app.frame(); ImGui::Render(); handle(app.takeRequests());
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "glyphs.hpp"
#include "layout.hpp"
#include "whosaid/annotate.hpp"
#include "whosaid/classroom.hpp"
#include "whosaid/document.hpp"
#include "whosaid/edits.hpp"
#include "whosaid/ledger.hpp"

namespace whosaid::web {

// What the last frame drew, for tests and the benchmark (whosaid.debug()).
struct DrawStats {
    int highlights = 0, underlines = 0, links = 0, offscreenLinks = 0, visibleLines = 0;
    int linkCrossings = 0;                // points of drawn links that lie over words (should be none)
    int missingGlyphs = 0;                // characters drawn as the font's fallback (should be none)
    int imageWords = 0;                   // words the browser drew whole (shaping, right to left)
    int findHighlights = 0;
    float articleFontPx = 0;              // the article drawn with its own font at this size (a zoom), or 0: the page's, scaled
    int hoveredQuote = -1;
    ImRect tooltip, tooltipFor;           // the last tooltip and the words it explains (screen)
    int layoutBuilds = 0;                 // since start
    double articleMs = 0, sideMs = 0;     // CPU time of the last frame's parts
    std::vector<std::pair<std::string, ImRect>> items;  // menu items and buttons drawn, with their rectangles
    std::vector<std::string> itemShortcuts;             // ...and the shortcut each shows ("" if none)
    std::vector<std::vector<ImVec2>> linkPaths;         // the links drawn, as polylines (screen)
    // What the reader can tell apart, as drawn (for tests): each link's claim,
    // actor, colour and arrowhead; each claim's underline; each actor's colour
    // in the text and in the Actors list; the confidence a tooltip gave.
    struct LinkDrawn { int quote = -1, entity = -1; ImU32 color = 0; bool arrow = false; };
    struct UnderlineDrawn { int quote = -1; float confidence = 0, alpha = 0, thickness = 0; };
    std::vector<LinkDrawn> linksDrawn;
    std::vector<UnderlineDrawn> underlinesDrawn;
    std::vector<std::pair<int, ImU32>> mentionColors, actorRowColors;  // (entity, colour at full strength)
    std::string tooltipConfidence;
    int grammarArcs = 0;                  // arcs of the grammar view drawn
    std::string grammarNote;              // what its tooltip said
    std::string fullText;                 // the whole of a cut ("…") panel row, shown on hover
};

// What the App asks the page to do after a frame.
struct AppRequests {
    bool save = false;            // text or edits changed: store them
    bool newEntry = false;        // ...as a new entry of the library (another article, a lesson opened)
    bool documentChanged = false; // markup changed: rebuild the accessible mirror
    bool openFile = false;        // show the browser's file picker
    int focusQuote = -1, focusEntity = -1;  // move the accessible focus here
    std::string copy;             // put this text on the clipboard
    bool prefs = false;           // the reader's settings changed: store them
    std::vector<std::string> announce;  // say this to screen readers (a polite live region)
    struct Download {
        std::string name, mime, data;
    };
    std::vector<Download> downloads;
    // What the user asked of the library (the page's JS keeps it): "open",
    // "rename", "duplicate", "delete" an entry, or "add" one (kind, title, data).
    struct LibraryAction {
        std::string action, id, arg, kind, data;
    };
    std::vector<LibraryAction> library;
};

// One saved article, lesson or student's work, as the page's storage lists it.
struct LibraryItem {
    std::string id, title, kind;  // kind: "article", "lesson", "work"
    double updated = 0;           // ms since 1970
    double bytes = 0;
};

// What a click in the article does next: the prompt above the article says it.
enum class Pick : uint8_t { None, Speaker, SameActor, Content, Cue };

// What the page is doing: annotating (the tool's markup, corrections), a
// student marking a lesson (the tool's markup hidden), or revealing the answers.
enum class Mode : uint8_t { Annotate, Student, Reveal };

struct ArticleView {
    int hoveredQuote = -1;
    int selectedQuote = -1;
    int selectedEntity = -1;
    Pick pick = Pick::None;   // a click (or a drag, for words) the user is asked for
    int pickFor = -1;         // ...for this claim (Speaker, Content, Cue) or mention (SameActor)
    bool showAllLinks = false;
    bool showGrammar = false;  // the word under the pointer (or last tapped) shows its head and dependents
    int grammarToken = -1;     // ...that word's token
    bool markMode = false;    // a drag marks words at once (the "mark" menu), instead of selecting them
    float fontSize = kDefaultFontSize;
    float scroll = 0, scrollTarget = 0;
    float fling = 0;          // px/s left of a finger's flick
    bool pressed = false;     // the left button went down in the article
    int64_t dragFrom = -1;    // selection by mouse drag, in bytes
    Span selection;           // selected text (bytes); a drag or Ctrl+A makes it, Ctrl+C copies it
    bool touchSelecting = false;
    int contextMention = -1, contextQuote = -1;
    static constexpr float kDefaultFontSize = 17.f;
};

// The find bar (Ctrl/Cmd+F): matches of the query in the article.
struct FindState {
    bool open = false;
    bool focusInput = false;  // put the caret in the query at the next frame
    bool matchCase = false;
    std::string query;
    std::vector<Span> matches;
    int current = -1;
    std::string searched;     // the query the matches are for
    const char* text = nullptr;
    size_t textSize = 0;
    bool caseWas = false;
};

class App {
public:
    enum class TouchPhase : uint8_t { Begin, Move, End, Cancel };

    // Annotates `text` and shows it. The same text again, or the same article
    // lightly changed (or `revise`: the editor's text), keeps the edits, placed
    // again; another article starts a new entry of the library. On failure (too
    // large) keeps the current document, shows the message, returns false.
    bool setText(std::string_view text, bool revise = false);
    // Opens what the user dropped or picked: text, Markdown, HTML or whosaid/1.
    bool importFile(std::string_view name, std::string_view bytes);
    // A brat export: its .txt and .ann, dropped or picked together.
    bool importBrat(std::string_view name, std::string_view txt, std::string_view ann);
    // Restores a library entry (or an older page's saved state: whosaid/1 JSON
    // with text and corrections, or a lesson session).
    bool restoreState(std::string_view json);
    // The entry for browser storage: text, edits and their undo history (and the
    // markup under them when it came from a file), or the lesson session.
    std::string stateJson() const;
    // What the page stores beside the entry: {"kind","title","hash","pristine"}.
    std::string entryInfoJson() const;
    // The view of the article (scroll, font size, links), kept per entry.
    std::string viewJson() const;
    void setView(std::string_view json);
    // The library's entries, newest first, and the one open (from the page's JS).
    void setLibrary(std::string_view json);
    void openLibrary() { m_libraryOpen = true; }
    void markPristine() { m_pristine = true; m_req.newEntry = false; }
    // Called for the time of an edit (ISO 8601); the page sets it.
    std::function<std::string()> clock;
    // Text typed or pasted while the editor is open goes there instead.
    bool wantsTextInput() const;

    const std::string& documentJson();
    const std::string& lastError() const { return m_error; }
    // The status line under the toolbar (also mirrored in the page's DOM for screen readers and tests).
    const std::string& status() const { return m_status; }
    bool statusIsError() const { return m_statusIsError; }
    std::string statsJson() const;
    const std::string& text() const { return m_doc.text; }
    std::string debugJson() const;
    // The Sources ledger as JSON rows, for the page's accessible table.
    std::string ledgerJson() const;
    // Scrolls a claim into view and reports where its first words are drawn,
    // in CSS pixels: {"x","y","visible"} (for tests hovering a claim).
    std::string claimPointJson(int quote);
    std::string mentionPointJson(int mention);  // the same for a mention
    std::string textPointJson(uint32_t cpBegin, uint32_t cpEnd);  // and for any words (code points)
    std::string spanPointJson(Span s);
    void scrollBy(float pixels) { m_view.scrollTarget += pixels; }

    // Edits (edits.hpp): appended to the log, saved, and applied again whenever
    // the text is annotated again. The UI's corrections all come here.
    bool edit(Edit e);
    bool editJson(std::string_view json);  // one edit in the log's JSON form
    bool undo();
    bool redo();
    std::string editsJson() const;         // {"edits":[...],"undone":[...]}
    const EditLog& edits() const { return m_doc.edits; }
    void setAuthor(std::string name) { m_author = name.empty() ? std::string("teacher") : std::move(name); }
    // Shorthands over edit(); indices are into the document shown.
    bool reassignSpeaker(int quote, int mention);
    bool addMention(Span span, Label label);
    bool removeMention(int mention);
    bool renameEntity(int entity, std::string name);
    // Asks the page to download the document: "json" (whosaid/1), "html"
    // (handout), "webanno", "brat" (two files) or "conll".
    bool exportAs(std::string_view format);

    // Classroom (web/classroom.cpp). Offsets from JS are code points.
    Mode mode() const { return m_mode; }
    bool saveLesson(std::string title, std::string instructions, std::vector<std::string> questions);
    bool studentMark(uint32_t cpBegin, uint32_t cpEnd, Label label);
    bool studentClaim(uint32_t cpBegin, uint32_t cpEnd);
    bool addClaim(Span span);
    bool removeClaim(int quote);
    bool reveal();           // compares the student's marks with the key
    void backToMarks();
    bool saveWork();         // downloads the student's work
    std::string comparisonJson() const;
    std::string classSummaryJson() const;
    void setStudentName(std::string name) { m_work.student = std::move(name); m_req.save = true; }
    void setStatus(std::string s, bool error = false) { m_status = std::move(s); m_statusIsError = error; }

    // [SECTION] Reading like a web page
    // Zoom of the article's text (Ctrl+wheel, pinch, Ctrl +/−), kept across
    // articles and reloads (prefsJson()); the words at the top stay there.
    void zoomBy(float factor);
    void setFontSize(float px);
    float fontSize() const { return m_view.fontSize; }
    void pinch(float scale, bool begin);  // scale 0: the pinch ended
    std::string prefsJson() const;
    void setPrefs(std::string_view json);
    // Finger gestures (platform_web.cpp): a scroll by pixels, a flick, a
    // long-press-then-drag marking words.
    void scrollPixels(float dy);
    void fling(float velocity);
    void touchSelect(TouchPhase phase, ImVec2 screen);
    // The point is on the article (and no menu or dialog is over it).
    bool articleContains(ImVec2 screen) const;
    void setTouchUI(bool on) { m_touchUI = on; }
    bool touchUI() const { return m_touchUI; }
    // The selected words as plain text, for the clipboard.
    std::string selectionText() const;
    // Finds `query` in the article (the find bar's search); the number of matches.
    int find(std::string_view query);
    // A key the page takes before ImGui sees it: Esc in a field with typed
    // text (it asks first instead of throwing the text away), Enter in the
    // find bar (next match, the caret stays). True when taken.
    bool takeKey(int code, bool shift);
    // True when the article view takes the arrow and Page keys (it has the focus).
    bool articleOwnsKeys() const;
    // Something is moving (smooth scroll, a flick, words still to draw): draw another frame.
    bool animating() const;
    // Characters beyond the page's font, drawn by the browser.
    GlyphCache& glyphs() { return m_glyphs; }
    // The code points of `text` the font has no glyph for (drawn as the fallback), as a JSON array.
    std::string missingGlyphsJson(std::string_view text);
    // The font atlas was built again (resolution, more room): layouts are stale.
    void fontsChanged();
    // The size (CSS px) the article's own font should be rasterized at, for
    // crisp zoomed text: 0 near the page's 17 px (its font serves). While the
    // zoom is still changing, the size already built (no rebuild each step).
    float articleFontPx(float dpr) const;
    void setArticleFont(ImFont* font, float px) { m_articleFont = font; m_articlePx = px; }

    // Builds this frame's UI. Call between ImGui::NewFrame() and ImGui::Render().
    void frame();
    AppRequests takeRequests() { AppRequests r = std::move(m_req); m_req = {}; return r; }

private:
    void setDocument(Document doc, bool newArticle);
    bool openDocument(std::string_view name, Result<Document> doc);
    void replay();            // m_doc = m_base with the log, keeping the view
    Anchor anchor(Span s) const { return anchorAt(m_doc.text, s); }
    bool claimEdit(EditOp op, int quote, Edit e = {});
    bool mentionEdit(EditOp op, int mention, Edit e = {});
    void drawEdits();
    void drawLibrary();
    void drawPickPrompt();
    bool tracked(bool pressed, std::string_view label, const char* shortcut = nullptr);  // records the item just drawn, for whosaid.debug()
    bool openLesson(Lesson lesson, const StudentWork* saved);
    bool addStudentWork(std::string_view name, std::string_view bytes);
    void drawClassroomMenu();
    void drawClassroomItems(bool inline_);
    void drawLessonPanel();
    void drawRevealPanel();
    void drawClassSummary();
    void drawLessonDialog();
    void rebuildCaches();
    void pushUndo();
    void selectQuote(int q, bool scroll);
    void selectEntity(int e, bool scroll);
    void scrollToByte(uint32_t b);

    void drawTopBar();
    void drawPhoneMenu();
    void drawExportItems(bool inline_);
    void drawFindBar();
    void drawHelp();
    void drawDiscard();
    void drawLegend(bool wrap);
    void drawSelectionMenu();
    void drawLinks(const ImVec2& origin, const ImRect& view, size_t qFirst, size_t qEnd, uint32_t visBegin, uint32_t visEnd);
    void drawClaimTooltip(int quote, const ImVec2& origin, const ImRect& view);
    void drawGrammar(const ImVec2& origin, const ImRect& view);
    void toggleGrammarSaid();
    void applyStyle();
    bool fits(const char* label, float extra = 0.f);  // the next toolbar button fits on this row (else wraps)
    void openFind();
    void findStep(int dir);
    void updateMatches();
    void cancelField();
    void openContextFor(int mention, int quote);
    Span snapToTokens(Span s) const;
    bool overWords(ImVec2 layoutPoint) const;
    Label shownLabel(const Mention& m) const;
    ImU32 actorColor(int entity, float alpha = 1.f) const;
    bool textField(const char* label, std::string* buf, int kind, ImVec2 size = ImVec2(0, 0), ImGuiInputTextFlags flags = 0,
                   const char* hint = nullptr);
    void ellipsized(const char* id, const std::string& text, bool selected, ImGuiSelectableFlags flags = 0, bool* pressed = nullptr);
    void drawArticle();
    void drawEditor();
    void drawSidePanel();
    void drawActors();
    void drawLedger();
    void drawClaims();
    void drawSelectionDetail();
    void handleKeys();

    Mode m_mode = Mode::Annotate;
    Lesson m_lesson;           // the open lesson (student and reveal modes)
    StudentWork m_work;        // the student's marks; m_doc shows them in student mode
    Comparison m_comparison;   // filled by reveal()
    std::vector<StudentWork> m_class;  // students' work loaded by the teacher
    ClassSummary m_summary;
    bool m_showSummary = false;
    bool m_lessonDialog = false;
    std::string m_lessonTitle, m_lessonInstructions, m_lessonQuestions;

    Document m_doc;
    std::string m_json;
    bool m_jsonValid = false;
    std::string m_error, m_status;
    bool m_statusIsError = false;
    Document m_base;          // the markup the edits apply over (the tool's, none, or a file's)
    std::string m_author = "teacher";
    bool m_pristine = false;  // the sample, as the page opened it: nothing to keep yet
    std::vector<LibraryItem> m_library;
    std::string m_entryId;    // the library entry shown
    bool m_libraryOpen = false;
    std::string m_libraryRename;
    std::string m_libraryRenameId;
    std::string m_libraryDeleteId;  // asked "Delete?" for this one
    bool m_editing = false;
    bool m_focusEditor = false;      // put the caret in the editor at the next frame
    size_t m_editSeen = 0;           // the editor's size when its characters were last looked at
    bool m_doubleClicked = false;
    bool m_navStarted = false;       // the keyboard focus was put somewhere (a Tab, a click in the article)
    std::string m_editBuffer;
    std::string m_renameBuffer;
    TextLayout m_layout;
    GlyphCache m_glyphs;
    ArticleView m_view;
    FindState m_find;
    bool m_touchUI = false;
    bool m_phone = false, m_sheetOpen = false;  // phone layout: the side panel is a bottom sheet
    bool m_menuOpen = false;
    bool m_helpOpen = false;
    bool m_keyboard = false;         // the last input was the keyboard (dialogs show the focus ring)
    float m_pinchFrom = 0;
    ImFont* m_articleFont = nullptr;  // the article's font at its zoom, or null (the page's)
    float m_articlePx = 0;
    double m_zoomedAt = -1;          // ImGui time of the last zoom step
    int64_t m_anchorByte = -1;       // keep this byte where it is through a relayout (zoom)
    float m_anchorY = 0;
    ImRect m_articleRect;            // the article view on screen, last frame
    ImGuiID m_articleFocusId = 0;
    ImGuiWindow* m_sideWindow = nullptr;
    ImVec2 m_tipSize = ImVec2(320, 160);  // the tooltip's size last frame
    // The text field being edited, for Esc: cancel only if nothing was typed, else ask.
    struct Field {
        ImGuiID id = 0;
        std::string* buf = nullptr;
        std::string initial;
        int kind = 0;
    } m_field;
    bool m_discardAsk = false;
    int m_findStep = 0;
    ImGuiID m_editorId = 0;              // Enter (1) or Shift+Enter (-1) in the find bar, for this frame
    bool m_openSelectionMenu = false, m_openContext = false;
    bool m_menuAtFocus = false;      // a menu opened from the keyboard: at the selection, not the pointer
    std::vector<int> m_speakerColor;       // per entity: index into the link palette, -1 if never a source
    DrawStats m_stats;
    std::vector<std::pair<std::string, ImRect>> m_drawnItems;  // the frame before's DrawStats::items
    AppRequests m_req;
    float m_scrollSet = 0;      // the scroll we gave ImGui last frame
    float m_articleHeight = 0;  // visible height of the article view
    ImVec2 m_articleOrigin;     // screen position of layout (0, 0) at scroll 0
    // caches rebuilt with the document
    std::vector<int> m_mentionCount;       // per entity
    std::vector<int> m_firstMention;       // per entity
    std::vector<std::vector<int>> m_byLabel;  // entity indices per label, most mentioned first
    std::vector<int> m_credited;              // entities named only in photo credits (not in m_byLabel)
    std::vector<LedgerRow> m_ledger;       // core's source ledger
};

// Text fields the page knows, for what Esc cancels.
enum FieldKind : int { kFieldOther = 0, kFieldEditor, kFieldRename, kFieldLibraryRename, kFieldFind, kFieldLesson, kFieldName };

// Colors shared by the article, the legend and the panels.
ImU32 labelColor(Label l, float alpha = 1.f);

} // namespace whosaid::web
