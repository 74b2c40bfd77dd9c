// web/focus.hpp — every item the page drew, and a Tab order over them.
//
// Dear ImGui 1.86 tabs only between text fields, and its keyboard navigation
// moves by direction (arrows). A web page moves focus with Tab through
// every control in reading order. This file keeps, each frame, the list of
// items ImGui submitted (through its test-engine hooks: ItemAdd and
// ItemInfo give the id, rectangle, window and label of every widget), and
// moves ImGui's navigation focus along that list on Tab / Shift+Tab, inside
// the topmost popup or dialog when one is open. The same list tells the
// browser tests where every button and menu item is (whosaid.debug().items).
//
// Usage:
//   focus::newFrame();                     // after ImGui::NewFrame()
//   focus::setGroup(1); ...list rows...; focus::setGroup(0);  // one Tab stop for a list
//   if (Tab pressed) focus::move(shift);   // before the widgets are submitted
//   focus::request(id, activate);          // focus (and activate) an item when it is next drawn
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace whosaid::web::focus {

struct Item {
    ImGuiID id = 0;
    ImGuiWindow* window = nullptr;
    ImRect rect;
    std::string label;    // as shown ("Export ▾"), without ##/### id parts
    int group = 0;        // rows of one list share a group: Tab stops at one of them
    bool inputable = false, disabled = false, noNav = false, checked = false;
};

// Starts a frame: the items of the frame just drawn become last(), and a
// focus request from the previous frame is carried out when its item is drawn.
void newFrame();
// The items the frame before submitted, in submission order (what Tab moves over).
const std::vector<Item>& last();
// The items submitted so far in this frame (between two frames: all of the last one).
const std::vector<Item>& drawn();
// Items submitted after this call belong to list `group` (0: none).
void setGroup(int group);
// Names the last submitted item (for items drawn with ItemAdd only).
void labelLast(const char* label);
// The last submitted item is its list's current one (a selected tab): Tab stops there.
void checkLast();
// Moves the focus to the next (or previous) Tab stop among last()'s items in
// the focus root (the topmost popup, else the page); false if there is none.
bool move(bool backward);
// Focuses item `id` the next time it is drawn; `activate` also starts
// editing a text field or presses nothing else. `visible`: show the focus ring.
void request(ImGuiID id, bool activate = false, bool visible = true);
// Focuses the first Tab stop drawn inside `window`'s root (a dialog just opened).
void requestFirstIn(ImGuiWindow* window, bool visible = true);
// The window Tab moves within: the topmost open popup's root, else the page's.
ImGuiWindow* focusRoot();
// The focused item's id when the focus ring is shown (keyboard use), else 0.
ImGuiID visibleFocus();
// ImGui::TableHeadersRow() with its cells out of the Tab order: they sort
// nothing here, and ImGui gives them no label, so they were empty stops.
inline void tableHeadersRow() {
    ImGui::PushItemFlag(ImGuiItemFlags_NoNav | ImGuiItemFlags_NoTabStop, true);
    ImGui::TableHeadersRow();
    ImGui::PopItemFlag();
}

} // namespace whosaid::web::focus
