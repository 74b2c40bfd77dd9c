// The item list and the Tab ring. ImGui calls the two hooks below for every
// item it submits when built with IMGUI_ENABLE_TEST_ENGINE (web/CMakeLists.txt)
// and g.TestEngineHookItems is set (newFrame() sets it).
#include "focus.hpp"

#include <cstdarg>
#include <cstring>

namespace whosaid::web::focus {

namespace {

std::vector<Item> s_items, s_last;
int s_group = 0;
struct Pending {
    ImGuiID id = 0;
    bool activate = false, visible = true;
    int frames = 0;  // a request whose item is not drawn soon is dropped
} s_pending;
ImGuiID s_infoId = 0;      // ItemInfo can come before ItemAdd (tabs): its label waits here
std::string s_infoLabel;
bool s_infoChecked = false;
ImGuiWindow* s_firstIn = nullptr;
int s_firstInFrames = 0;
bool s_firstInVisible = true;

std::string displayLabel(const char* label) {
    if (!label) return {};
    const char* end = label;
    while (*end && !(end[0] == '#' && end[1] == '#')) ++end;
    return std::string(label, end);
}

// A control the Tab key can stop at.
bool tabStop(const Item& it) { return it.id != 0 && !it.disabled && !it.noNav && it.window; }

void apply(ImGuiContext& g, const Item& it) {
    ImGuiWindow* w = g.CurrentWindow;
    if (g.ActiveId != 0 && g.ActiveId != it.id) ImGui::ClearActiveID();  // leave the field tabbed out of
    ImGui::SetFocusID(it.id, w);
    g.NavDisableHighlight = !s_pending.visible;
    g.NavDisableMouseHover = s_pending.visible;
    if (s_pending.visible && it.rect.GetHeight() < w->InnerRect.GetHeight() * 0.8f)
        ImGui::ScrollToRectEx(w, it.rect, ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
    if (s_pending.activate && it.inputable) {
        g.NavNextActivateId = it.id;
        g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
    }
    s_pending = {};
}

} // namespace

void newFrame() {
    ImGuiContext& g = *GImGui;
    g.TestEngineHookItems = true;
    s_last.swap(s_items);
    s_items.clear();
    s_group = 0;
    if (s_pending.id && ++s_pending.frames > 3) s_pending = {};
    if (s_firstIn && ++s_firstInFrames > 3) s_firstIn = nullptr;
}

const std::vector<Item>& last() { return s_last; }
const std::vector<Item>& drawn() { return s_items; }
void setGroup(int group) { s_group = group; }

void labelLast(const char* label) {
    if (!s_items.empty()) s_items.back().label = label;
}

void checkLast() {
    if (!s_items.empty()) s_items.back().checked = true;
}

ImGuiWindow* focusRoot() {
    ImGuiContext& g = *GImGui;
    for (int i = g.OpenPopupStack.Size - 1; i >= 0; --i)
        if (ImGuiWindow* w = g.OpenPopupStack[i].Window)
            if (w->WasActive) return w->RootWindow;
    if (g.NavWindow) return g.NavWindow->RootWindow;
    return ImGui::FindWindowByName("whosaid");
}

ImGuiID visibleFocus() {
    ImGuiContext& g = *GImGui;
    return g.NavDisableHighlight ? 0 : g.NavId;
}

void request(ImGuiID id, bool activate, bool visible) { s_pending = {id, activate, visible, 0}; }

void requestFirstIn(ImGuiWindow* window, bool visible) {
    s_firstIn = window ? window->RootWindow : nullptr;
    s_firstInFrames = 0;
    s_firstInVisible = visible;
}

bool move(bool backward) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* root = focusRoot();
    if (!root) return false;
    // One stop per list: its checked (selected) row, else its first row.
    std::vector<const Item*> stops;
    std::vector<int> groupOf;  // for each stop, its group (0: none)
    for (const Item& it : s_last) {
        if (!tabStop(it) || it.window->RootWindow != root) continue;
        if (it.group != 0 && !groupOf.empty() && groupOf.back() == it.group) {
            if (it.checked && !stops.back()->checked) stops.back() = &it;
            continue;
        }
        stops.push_back(&it);
        groupOf.push_back(it.group);
    }
    if (stops.empty()) return false;
    int at = -1;
    for (size_t i = 0; i < s_last.size() && at < 0; ++i) {
        const Item& it = s_last[i];
        if (it.id != g.NavId || g.NavId == 0) continue;
        for (size_t k = 0; k < stops.size(); ++k)
            if (stops[k]->id == it.id || (it.group != 0 && groupOf[k] == it.group && stops[k]->window->RootWindow == it.window->RootWindow))
                at = static_cast<int>(k);
    }
    const int n = static_cast<int>(stops.size());
    const int next = at < 0 ? (backward ? n - 1 : 0) : (backward ? (at + n - 1) % n : (at + 1) % n);
    request(stops[next]->id, stops[next]->inputable, true);
    return true;
}

} // namespace whosaid::web::focus

// [SECTION] ImGui's test-engine hooks (imgui_internal.h)

using whosaid::web::focus::Item;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    using namespace whosaid::web::focus;
    ImGuiContext& g = *ctx;
    if (id == 0 || !g.CurrentWindow) return;
    // Only items ImGui added (ItemAdd sets LastItemData first): the hook also comes from
    // ButtonBehavior, for scrollbars and resize grips, which are no controls to Tab to.
    if (g.LastItemData.ID != id || (!s_items.empty() && s_items.back().id == id)) return;
    ImGuiWindow* w = g.CurrentWindow;
    if (id == w->MoveId || ImGui::FindWindowByID(id)) return;  // title bars
    for (ImGuiWindow* child : w->DC.ChildWindows)
        if (child->ChildId == id) return;  // a child window's own item in its parent (Tab goes into it instead)
    const ImGuiItemFlags flags = g.LastItemData.InFlags;
    Item it;
    it.id = id;
    it.window = w;
    it.rect = bb;
    it.group = s_group;
    it.inputable = (flags & ImGuiItemFlags_Inputable) != 0;
    it.disabled = (flags & ImGuiItemFlags_Disabled) != 0;
    it.noNav = (flags & (ImGuiItemFlags_NoNav | ImGuiItemFlags_NoTabStop)) != 0;
    if (s_infoId == id) {
        it.label = s_infoLabel;
        it.checked = s_infoChecked;
        s_infoId = 0;
    } else if (id == ImHashStr("#CLOSE", 0, w->ID)) {
        it.label = "Close";  // a window's ×, which ImGui draws without a label
    } else if (id == ImHashStr("#COLLAPSE", 0, w->ID)) {
        it.label = "Collapse";
    }
    s_items.push_back(it);
    if (s_pending.id == id) {
        apply(g, it);
    } else if (s_firstIn && w->RootWindow == s_firstIn && tabStop(it)) {
        s_firstIn = nullptr;
        s_pending = {id, it.inputable, s_firstInVisible, 0};
        apply(g, it);
    }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    using namespace whosaid::web::focus;
    for (size_t k = s_items.size(), n = 0; k-- > 0 && n < 4; ++n)
        if (s_items[k].id == id) {
            s_items[k].label = displayLabel(label);
            s_items[k].checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
            return;
        }
    s_infoId = id;
    s_infoLabel = displayLabel(label);
    s_infoChecked = (flags & ImGuiItemStatusFlags_Checked) != 0;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
