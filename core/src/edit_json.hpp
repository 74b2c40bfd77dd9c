// The JSON form of one edit, shared by whosaid/1 (json.cpp), the Web
// Annotation and brat exports and their importers. Offsets are code points.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.hpp"
#include "whosaid/text.hpp"

namespace whosaid::detail {

nlohmann::ordered_json editJson(const Edit& e, const OffsetIndex& idx);
nlohmann::ordered_json editListJson(const std::vector<Edit>& edits, const OffsetIndex& idx);

// Reads one edit; anchors keep what they give (completeEdit() fills the rest).
// False with a message naming the problem.
bool readEdit(const nlohmann::json& j, const OffsetIndex& idx, Edit& out, std::string& error);

// Reads the old "corrections" block (speakers, added, removed, renamed by span)
// as the edits that do the same, in the order the old code applied them.
bool migrateCorrections(const nlohmann::json& corrections, const OffsetIndex& idx, std::string_view text,
                        std::vector<Edit>& out, std::string& error);

} // namespace whosaid::detail
