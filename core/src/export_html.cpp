// The HTML handout: one self-contained, printable page.
//
// Safety: the page has no script at all, and its Content-Security-Policy says
// so (default-src 'none'; only our own inline style). Every byte that comes
// from the article (text, names, cue words, the rule text) passes through
// htmlEscape(); the only markup is written here from fixed strings.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "whosaid/export.hpp"
#include "whosaid/ledger.hpp"
#include "whosaid/text.hpp"

namespace whosaid {

std::string htmlEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\0': out += "&#xFFFD;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

constexpr const char* kCss = R"CSS(
:root{--per:#cfe3ff;--org:#ffe0b8;--loc:#d4f2d0;--misc:#e6e6e6;--grp:#ead9ff;--claim:#b3261e;--cue:#5b5b5b}
body{font:16px/1.55 Georgia,"DejaVu Serif",serif;color:#111;max-width:46em;margin:2em auto;padding:0 1em}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #999}
.meta,.note{color:#555;font-size:.85em}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;font:13px/1.4 sans-serif;margin:.8em 0}
.legend span{white-space:nowrap}
.article{white-space:pre-wrap;overflow-wrap:break-word}
mark{color:inherit;border-radius:3px;padding:0 1px}
mark.per{background:var(--per)}mark.org{background:var(--org)}mark.loc{background:var(--loc)}
mark.misc{background:var(--misc)}mark.grp{background:var(--grp)}
.q{border-bottom:2px solid var(--claim)}.q.indirect{border-bottom-style:dashed}
.cue{font-style:italic;border-bottom:1px dotted var(--cue)}
.src{outline:1.5px solid var(--claim);outline-offset:0;border-radius:3px}
sup.n{font:bold 10px sans-serif;color:var(--claim)}sup.n a{color:inherit;text-decoration:none}
table{border-collapse:collapse;width:100%;font:13px/1.4 sans-serif}
th,td{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right;white-space:nowrap}
.sw{display:inline-block;width:1.6em;height:.9em;vertical-align:middle;border-radius:3px;margin-right:.3em}
@media print{
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{max-width:none;margin:0;font-size:11pt}
 a{color:inherit;text-decoration:none}
 tr,.legend{break-inside:avoid}h2{break-after:avoid}
 @page{margin:1.6cm}
}
)CSS";

constexpr const char* kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'";

const char* labelClass(Label l) {
    switch (l) {
    case Label::PER: return "per";
    case Label::ORG: return "org";
    case Label::LOC: return "loc";
    case Label::MISC: return "misc";
    case Label::GRP: return "grp";
    }
    return "misc";
}


std::string claimText(const Document& doc, const Quote& q) {
    std::string out;
    for (Span s : q.content) {
        if (!out.empty()) out += " … ";
        out += doc.slice(s);
    }
    return out;
}

std::string speakerName(const Document& doc, const Quote& q) {
    if (q.speaker >= 0 && q.speaker < static_cast<int>(doc.entities.size())) return doc.entities[q.speaker].name;
    if (!q.source.empty()) return std::string(doc.sourceWords(q));
    return {};
}

// [SECTION] Article with highlights

struct Event {
    uint32_t pos;
    int kind;  // 0 mention, 1 claim content, 2 cue, 3 source
    int index;
    bool open;
};

std::string article(const Document& doc) {
    std::vector<Event> ev;
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
        const Span s = doc.mentions[i].span;
        if (s.empty() || s.end > doc.text.size()) continue;
        ev.push_back({s.begin, 0, int(i), true});
        ev.push_back({s.end, 0, int(i), false});
    }
    std::vector<uint32_t> claimEnd(doc.quotes.size(), 0);
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        for (Span s : q.content) {
            if (s.empty() || s.end > doc.text.size()) continue;
            ev.push_back({s.begin, 1, int(i), true});
            ev.push_back({s.end, 1, int(i), false});
            claimEnd[i] = std::max(claimEnd[i], s.end);
        }
        for (auto [s, kind] : {std::pair{q.cue, 2}, std::pair{q.source, 3}}) {
            if (s.empty() || s.end > doc.text.size()) continue;
            ev.push_back({s.begin, kind, int(i), true});
            ev.push_back({s.end, kind, int(i), false});
        }
    }
    std::vector<uint32_t> cuts = {0, static_cast<uint32_t>(doc.text.size())};
    for (const Event& e : ev) cuts.push_back(e.pos);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.pos < b.pos; });  // same order everywhere
    std::vector<std::pair<uint32_t, int>> markers;  // claim numbers after each claim's end
    for (size_t i = 0; i < claimEnd.size(); ++i)
        if (claimEnd[i]) markers.push_back({claimEnd[i], int(i)});
    std::sort(markers.begin(), markers.end());

    std::vector<int> active[4];
    std::string out;
    size_t e = 0, mk = 0;
    for (size_t c = 0; c < cuts.size(); ++c) {
        const uint32_t b = cuts[c];
        for (; e < ev.size() && ev[e].pos == b; ++e) {
            std::vector<int>& a = active[ev[e].kind];
            if (ev[e].open) a.push_back(ev[e].index);
            else if (auto it = std::find(a.begin(), a.end(), ev[e].index); it != a.end()) a.erase(it);
        }
        for (; mk < markers.size() && markers[mk].first == b; ++mk) {
            const std::string n = std::to_string(markers[mk].second + 1);
            out += "<sup class=\"n\"><a href=\"#c" + n + "\">" + n + "</a></sup>";
        }
        if (c + 1 >= cuts.size()) break;
        const Span seg{b, cuts[c + 1]};
        std::string close;
        if (!active[1].empty()) {
            const Quote& q = doc.quotes[active[1].back()];
            out += std::string("<span class=\"q ") + quoteKindName(q.kind) + "\">";
            close = "</span>" + close;
        }
        if (!active[2].empty()) { out += "<span class=\"cue\">"; close = "</span>" + close; }
        if (!active[3].empty()) { out += "<span class=\"src\">"; close = "</span>" + close; }
        if (!active[0].empty()) {
            const Mention& m = doc.mentions[active[0].back()];
            std::string title = labelTitle(m.label);
            if (m.entity >= 0 && m.entity < static_cast<int>(doc.entities.size())) title += ": " + doc.entities[m.entity].name;
            out += std::string("<mark class=\"") + labelClass(m.label) + "\" title=\"" + htmlEscape(title) + "\">";
            close = "</mark>" + close;
        }
        out += htmlEscape(doc.slice(seg));
        out += close;
    }
    return out;
}

std::string defaultTitle(const Document& doc) {
    std::string_view t = doc.text;
    while (!t.empty() && (t.front() == '\n' || t.front() == ' ')) t.remove_prefix(1);
    t = t.substr(0, t.find('\n'));
    if (t.size() > 100) {
        size_t cut = 100;
        while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;  // stay on a character boundary
        return std::string(t.substr(0, cut)) + "…";
    }
    return t.empty() ? std::string("whosaid handout") : std::string(t);
}

} // namespace

std::string toHtmlHandout(const Document& doc, const ExportOptions& options) {
    const std::string title = options.title.empty() ? defaultTitle(doc) : options.title;
    int names = 0;
    for (const Mention& m : doc.mentions) names += m.kind == MentionKind::Name;
    const std::vector<LedgerRow> rows = buildLedger(doc);  // the same ledger as the page's panel

    std::string h;
    h.reserve(doc.text.size() * 2 + 8192);
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + kCsp + "\">\n";
    h += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<meta name=\"generator\" content=\"whosaid 0.1.0\">\n";
    h += "<title>" + htmlEscape(title) + " — whosaid</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
    h += "<h1>" + htmlEscape(title) + "</h1>\n";
    h += "<p class=\"meta\">Who said what: " + std::to_string(doc.entities.size()) + " actors, " +
         std::to_string(names) + " name mentions, " + std::to_string(doc.quotes.size()) + " claims from " +
         std::to_string(rows.size()) + " sources.";
    if (!doc.id.empty()) h += " Document " + htmlEscape(doc.id) + ".";
    h += "</p>\n";

    h += "<div class=\"legend\">";
    for (Label l : {Label::PER, Label::ORG, Label::LOC, Label::GRP, Label::MISC})
        h += std::string("<span><mark class=\"") + labelClass(l) + "\">&nbsp;" + labelTitle(l) + "&nbsp;</mark></span>";
    h += "<span><span class=\"q direct\">quoted words</span></span>"
         "<span><span class=\"q indirect\">reported speech</span></span>"
         "<span><span class=\"cue\">cue (said, told…)</span></span>"
         "<span><span class=\"src\">source</span></span>"
         "<span><sup class=\"n\">1</sup> claim number</span></div>\n";

    h += "<h2>Article</h2>\n<div class=\"article\">" + article(doc) + "</div>\n";

    h += "<h2>Sources ledger</h2>\n";
    if (rows.empty()) h += "<p class=\"note\">No claims were found.</p>\n";
    else {
        h += "<table><thead><tr><th>Source</th><th>Claims</th><th>Direct</th><th>Reported</th><th>Words</th>"
             "<th>Quoted words</th><th>Named</th><th>Organization</th><th>Anonymous</th><th>Unsourced</th></tr></thead><tbody>\n";
        auto num = [](size_t n) { return "<td class=\"num\">" + std::to_string(n) + "</td>"; };
        for (const LedgerRow& r : rows) {
            h += "<tr><td>" + htmlEscape(r.name);
            if (r.entity >= 0) h += std::string(" <span class=\"note\">(") + labelTitle(r.label) + ")</span>";
            h += "</td>" + num(r.claims) + num(r.direct) + num(r.reported()) + num(r.words) + num(r.quotedWords) +
                 num(r.named) + num(r.organization) + num(r.anonymous) + num(r.unsourced) + "</tr>\n";
        }
        int named = 0, anonymous = 0;
        for (const Quote& q : doc.quotes) {
            named += q.sourceKind == SourceKind::Named || q.sourceKind == SourceKind::Organization;
            anonymous += q.sourceKind == SourceKind::Anonymous;
        }
        h += "</tbody></table>\n<p class=\"note\">" + std::to_string(named) + " claims from named sources, " +
             std::to_string(anonymous) + " from anonymous sources, " +
             std::to_string(static_cast<int>(doc.quotes.size()) - named - anonymous) + " without a source.</p>\n";
    }

    h += "<h2>Claims</h2>\n";
    if (doc.quotes.empty()) h += "<p class=\"note\">No claims were found.</p>\n";
    else {
        h += "<table><thead><tr><th>#</th><th>Claim</th><th>Kind</th><th>Source</th><th>Cue</th><th>Confidence</th>"
             "<th>Why</th></tr></thead><tbody>\n";
        for (size_t i = 0; i < doc.quotes.size(); ++i) {
            const Quote& q = doc.quotes[i];
            const std::string n = std::to_string(i + 1);
            const std::string who = speakerName(doc, q);
            h += "<tr id=\"c" + n + "\"><td class=\"num\">" + n + "</td><td>" + htmlEscape(claimText(doc, q)) + "</td><td>" +
                 quoteKindName(q.kind) + "</td><td>" + (who.empty() ? std::string("—") : htmlEscape(who)) + " (" +
                 sourceKindName(q.sourceKind) + ")</td><td>" + htmlEscape(q.cue.empty() ? "" : doc.slice(q.cue)) +
                 "</td><td class=\"num\">" + std::to_string(static_cast<int>(std::lround(q.confidence * 100.f))) + "%</td><td>" +
                 htmlEscape(q.why) + "</td></tr>\n";
        }
        h += "</tbody></table>\n";
    }
    h += "<p class=\"note\">Made by whosaid 0.1.0, automatically: check a claim against the article before relying on it.";
    const std::vector<Edit>& edits = doc.edits.done;
    if (!edits.empty()) {
        const size_t unplaced = static_cast<size_t>(std::count_if(edits.begin(), edits.end(), [](const Edit& e) { return !e.unplaced.empty(); }));
        h += " " + std::to_string(edits.size() - unplaced) + (edits.size() - unplaced == 1 ? " hand correction" : " hand corrections") + " applied";
        if (unplaced) h += " (" + std::to_string(unplaced) + " could not be placed in this text)";
        h += ".";
    }
    for (const std::string& w : doc.warnings) h += " Note: " + htmlEscape(w) + ".";
    h += "</p>\n</body>\n</html>\n";
    return h;
}

} // namespace whosaid
