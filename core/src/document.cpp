// Names of the Document model's enums, for JSON and messages.
#include "whosaid/document.hpp"

#include <array>

namespace whosaid {

namespace {
constexpr std::array<const char*, kLabelCount> kLabels = {"PER", "ORG", "LOC", "MISC", "GRP"};
constexpr std::array<const char*, 3> kMentionKinds = {"name", "pronoun", "nominal"};
constexpr std::array<const char*, 3> kQuoteKinds = {"direct", "mixed", "indirect"};
constexpr std::array<const char*, 4> kSourceKinds = {"named", "organization", "anonymous", "unsourced"};
constexpr std::array<const char*, kEditOpCount> kEditOps = {
    "mention.add", "mention.remove", "mention.retype", "actor.merge", "actor.split", "actor.rename", "claim.add",
    "claim.remove", "claim.not", "claim.kind", "claim.content", "claim.cue", "claim.source", "claim.speaker"};
constexpr std::array<const char*, 3> kEditBases = {"tool", "none", "file"};

template <class E, size_t N>
bool parseName(const std::array<const char*, N>& names, std::string_view s, E& out) {
    for (size_t i = 0; i < N; ++i)
        if (s == names[i]) { out = static_cast<E>(i); return true; }
    return false;
}
} // namespace

const char* labelName(Label l) { return kLabels[static_cast<size_t>(l)]; }
const char* labelTitle(Label l) {
    static constexpr std::array<const char*, kLabelCount> kTitles = {"person", "organization", "place", "other name",
                                                                     "anonymous group"};
    return kTitles[static_cast<size_t>(l)];
}
const char* mentionKindName(MentionKind k) { return kMentionKinds[static_cast<size_t>(k)]; }
const char* quoteKindName(QuoteKind k) { return kQuoteKinds[static_cast<size_t>(k)]; }
const char* sourceKindName(SourceKind k) { return kSourceKinds[static_cast<size_t>(k)]; }
bool parseLabel(std::string_view s, Label& out) { return parseName(kLabels, s, out); }
bool parseMentionKind(std::string_view s, MentionKind& out) { return parseName(kMentionKinds, s, out); }
bool parseQuoteKind(std::string_view s, QuoteKind& out) { return parseName(kQuoteKinds, s, out); }
bool parseSourceKind(std::string_view s, SourceKind& out) { return parseName(kSourceKinds, s, out); }
const char* editOpName(EditOp op) { return kEditOps[static_cast<size_t>(op)]; }
bool parseEditOp(std::string_view s, EditOp& out) { return parseName(kEditOps, s, out); }
const char* editBaseName(EditBase b) { return kEditBases[static_cast<size_t>(b)]; }
bool parseEditBase(std::string_view s, EditBase& out) { return parseName(kEditBases, s, out); }

} // namespace whosaid
