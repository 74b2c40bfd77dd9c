// The cue lexicon: written out form by form (base, third person, past,
// participle) so that irregular verbs need no morphology.
#include "cues.hpp"

#include <functional>
#include <string>
#include <unordered_map>

namespace whosaid {

namespace {

struct Lemma {
    const char* forms;  // "say:says:said:saying"
    CueClass cls;
    uint8_t flags;
};

// [SECTION] Verbs
// Kept by class; weak entries are ambiguous outside news attribution.
constexpr Lemma kLemmas[] = {
    // speech
    {"say:says:said:saying", CueClass::Speech, 0},
    {"tell:tells:told:telling", CueClass::Speech, kCueTakesObject},
    {"add:adds:added:adding", CueClass::Speech, 0},
    {"note:notes:noted:noting", CueClass::Speech, 0},
    {"warn:warns:warned:warning", CueClass::Speech, kCueTakesObject},
    {"insist:insists:insisted:insisting", CueClass::Speech, 0},
    {"deny:denies:denied:denying", CueClass::Speech, 0},
    {"claim:claims:claimed:claiming", CueClass::Speech, 0},
    {"state:states:stated:stating", CueClass::Speech, kCueWeak},
    {"explain:explains:explained:explaining", CueClass::Speech, 0},
    {"announce:announces:announced:announcing", CueClass::Speech, 0},
    {"declare:declares:declared:declaring", CueClass::Speech, 0},
    {"argue:argues:argued:arguing", CueClass::Speech, 0},
    {"assert:asserts:asserted:asserting", CueClass::Speech, 0},
    {"acknowledge:acknowledges:acknowledged:acknowledging", CueClass::Speech, 0},
    {"admit:admits:admitted:admitting", CueClass::Speech, 0},
    {"reply:replies:replied:replying", CueClass::Speech, 0},
    {"respond:responds:responded:responding", CueClass::Speech, 0},
    {"remark:remarks:remarked:remarking", CueClass::Speech, 0},
    {"comment:comments:commented:commenting", CueClass::Speech, kCueWeak},
    {"stress:stresses:stressed:stressing", CueClass::Speech, 0},
    {"emphasize:emphasizes:emphasized:emphasizing", CueClass::Speech, 0},
    {"emphasise:emphasises:emphasised:emphasising", CueClass::Speech, 0},
    {"report:reports:reported:reporting", CueClass::Speech, kCueWeak},
    {"reveal:reveals:revealed:revealing", CueClass::Speech, 0},
    {"confirm:confirms:confirmed:confirming", CueClass::Speech, 0},
    {"concede:concedes:conceded:conceding", CueClass::Speech, 0},
    {"contend:contends:contended:contending", CueClass::Speech, 0},
    {"recall:recalls:recalled:recalling", CueClass::Speech, 0},
    {"urge:urges:urged:urging", CueClass::Speech, kCueTakesObject},
    {"ask:asks:asked:asking", CueClass::Speech, kCueTakesObject},
    {"promise:promises:promised:promising", CueClass::Speech, kCueWeak},
    {"pledge:pledges:pledged:pledging", CueClass::Speech, 0},
    {"vow:vows:vowed:vowing", CueClass::Speech, 0},
    {"threaten:threatens:threatened:threatening", CueClass::Speech, kCueWeak},
    {"complain:complains:complained:complaining", CueClass::Speech, 0},
    {"allege:alleges:alleged:alleging", CueClass::Speech, 0},
    {"testify:testifies:testified:testifying", CueClass::Speech, 0},
    {"propose:proposes:proposed:proposing", CueClass::Speech, 0},
    {"conclude:concludes:concluded:concluding", CueClass::Speech, kCueNeedsThat | kCueNotWithObject},
    {"joke:jokes:joked:joking", CueClass::Speech, 0},
    {"quip:quips:quipped:quipping", CueClass::Speech, 0},
    {"boast:boasts:boasted:boasting", CueClass::Speech, 0},
    {"lament:laments:lamented:lamenting", CueClass::Speech, 0},
    {"reiterate:reiterates:reiterated:reiterating", CueClass::Speech, 0},
    {"repeat:repeats:repeated:repeating", CueClass::Speech, kCueWeak | kCueTrailingOnly},
    {"caution:cautions:cautioned:cautioning", CueClass::Speech, 0},
    {"counter:counters:countered:countering", CueClass::Speech, kCueWeak},
    {"retort:retorts:retorted:retorting", CueClass::Speech, 0},
    {"mention:mentions:mentioned:mentioning", CueClass::Speech, 0},
    {"predict:predicts:predicted:predicting", CueClass::Speech, 0},
    {"point:points:pointed:pointing", CueClass::Speech, kCueNeedsThat},  // only with "out"
    {"assure:assures:assured:assuring", CueClass::Speech, kCueTakesObject},
    {"remind:reminds:reminded:reminding", CueClass::Speech, kCueTakesObject},
    {"inform:informs:informed:informing", CueClass::Speech, kCueTakesObject},
    {"continue:continues:continued:continuing", CueClass::Speech, kCueWeak | kCueTrailingOnly},
    {"agree:agrees:agreed:agreeing", CueClass::Speech, kCueNeedsThat},
    {"demand:demands:demanded:demanding", CueClass::Speech, 0},
    {"suggest:suggests:suggested:suggesting", CueClass::Evidence, 0},
    {"indicate:indicates:indicated:indicating", CueClass::Evidence, 0},
    {"estimate:estimates:estimated:estimating", CueClass::Evidence, kCueNeedsThat},
    // writing
    {"write:writes:wrote:writing:written", CueClass::Writing, 0},
    {"tweet:tweets:tweeted:tweeting", CueClass::Writing, 0},
    {"post:posts:posted:posting", CueClass::Writing, kCueNeedsThat},
    // belief and intention
    {"believe:believes:believed:believing", CueClass::Belief, 0},
    {"think:thinks:thought:thinking", CueClass::Belief, kCueWeak},
    {"fear:fears:feared:fearing", CueClass::Belief, 0},
    {"expect:expects:expected:expecting", CueClass::Belief, kCueWeak},
    {"hope:hopes:hoped:hoping", CueClass::Belief, kCueWeak},
    {"worry:worries:worried:worrying", CueClass::Belief, kCueNeedsThat},
    {"doubt:doubts:doubted:doubting", CueClass::Belief, kCueNeedsThat},
    {"suspect:suspects:suspected:suspecting", CueClass::Belief, kCueNeedsThat},
    {"know:knows:knew:knowing:known", CueClass::Belief, kCueNeedsThat},
    {"feel:feels:felt:feeling", CueClass::Belief, kCueNeedsThat},
    {"want:wants:wanted:wanting", CueClass::Belief, kCueWeak},
    {"plan:plans:planned:planning", CueClass::Belief, kCueWeak},
    {"intend:intends:intended:intending", CueClass::Belief, kCueWeak},
    {"seek:seeks:sought:seeking", CueClass::Belief, kCueWeak},
    // evidence
    {"show:shows:showed:showing:shown", CueClass::Evidence, 0},
    {"find:finds:found:finding", CueClass::Evidence, kCueNeedsThat},
    {"learn:learns:learned:learning:learnt", CueClass::Evidence, kCueNeedsThat},
    // judgment: the content is the object and what is said of it
    {"call:calls:called:calling", CueClass::Judgment, 0},
    {"accuse:accuses:accused:accusing", CueClass::Judgment, 0},
    {"describe:describes:described:describing", CueClass::Judgment, 0},
    {"criticize:criticizes:criticized:criticizing", CueClass::Judgment, 0},
    {"criticise:criticises:criticised:criticising", CueClass::Judgment, 0},
    {"blame:blames:blamed:blaming", CueClass::Judgment, 0},
    {"praise:praises:praised:praising", CueClass::Judgment, 0},
    {"endorse:endorses:endorsed:endorsing", CueClass::Judgment, 0},
    {"defend:defends:defended:defending", CueClass::Judgment, kCueWeak},
    {"dismiss:dismisses:dismissed:dismissing", CueClass::Judgment, kCueWeak},
    {"reject:rejects:rejected:rejecting", CueClass::Judgment, kCueWeak},
    {"condemn:condemns:condemned:condemning", CueClass::Judgment, 0},
    {"slam:slams:slammed:slamming", CueClass::Judgment, 0},
    {"blast:blasts:blasted:blasting", CueClass::Judgment, 0},
    {"mock:mocks:mocked:mocking", CueClass::Judgment, 0},
    {"attack:attacks:attacked:attacking", CueClass::Judgment, kCueWeak},
    {"question:questions:questioned:questioning", CueClass::Judgment, kCueWeak},
};

struct Table {
    std::unordered_map<std::string_view, CueWord> words;
    Table() {
        for (const Lemma& l : kLemmas) {
            std::string_view all = l.forms;
            const std::string_view lemma = all.substr(0, all.find(':'));
            int i = 0;
            while (!all.empty()) {
                const size_t c = all.find(':');
                const std::string_view f = all.substr(0, c);
                static constexpr CueForm kForms[] = {CueForm::Base, CueForm::Third, CueForm::Past,
                                                     CueForm::Participle, CueForm::Past};
                words.try_emplace(f, CueWord{l.cls, kForms[i < 5 ? i : 4], l.flags, lemma});
                all = c == std::string_view::npos ? std::string_view() : all.substr(c + 1);
                ++i;
            }
        }
    }
};

const Table& table() {
    static const Table t;
    return t;
}

template <size_t N>
bool among(const std::string_view (&list)[N], std::string_view w) {
    for (std::string_view x : list)
        if (x == w) return true;
    return false;
}

} // namespace

CueWord lookupCue(std::string_view w) {
    const auto& m = table().words;
    auto it = m.find(w);
    return it == m.end() ? CueWord{} : it->second;
}

bool isCueParticle(std::string_view lemma, std::string_view next) {
    if (lemma == "point") return next == "out";
    if (lemma == "call") return next == "for" || next == "on";
    return false;
}

// [SECTION] Speaker nouns

namespace {
const std::unordered_map<std::string_view, SpeakerNoun>& speakerNouns() {
    static const std::unordered_map<std::string_view, SpeakerNoun> kNouns = [] {
        std::unordered_map<std::string_view, SpeakerNoun> m;
        for (std::string_view s : {"official", "officials", "source", "sources", "analyst", "analysts", "expert",
                                   "experts", "diplomat", "diplomats", "fighters", "rebels", "residents", "witnesses",
                                   "witness", "aides", "aide", "people", "observers", "critics", "activists",
                                   "protesters", "insiders", "insider", "members", "lawmakers", "legislators",
                                   "voters", "supporters", "opponents", "republicans", "democrats", "economists",
                                   "investigators", "prosecutors", "police", "authorities", "scientists",
                                   "researchers", "doctors", "workers", "leaders", "advisers", "advisors",
                                   "staffers", "operatives", "strategists", "residents", "troops", "soldiers",
                                   "militants", "insurgents", "commanders", "someone", "others", "many", "some"})
            m.emplace(s, SpeakerNoun::Anonymous);
        for (std::string_view s : {"ministry", "government", "agency", "authority", "kremlin", "department", "office", "campaign",
                                   "committee", "commission", "council", "party", "administration", "army",
                                   "military", "company", "firm", "group", "organization", "organisation",
                                   "embassy", "court", "parliament", "congress", "senate", "house", "spokesperson",
                                   "union", "bank", "network", "newspaper", "agency", "board", "cabinet",
                                   "coalition", "alliance", "presidency", "palace", "regime", "team", "institute",
                                   "center", "centre", "foundation", "service", "services", "forces"})
            m.emplace(s, SpeakerNoun::Organization);
        for (std::string_view s : {"minister", "president", "spokesman", "spokeswoman", "secretary", "senator",
                                   "governor", "leader", "chief", "director", "chairman", "chairwoman", "chair",
                                   "candidate", "nominee", "mayor", "ambassador", "envoy", "general", "commander",
                                   "premier", "chancellor", "king", "queen", "prince", "judge", "lawyer",
                                   "attorney", "professor", "adviser", "advisor", "analyst", "economist",
                                   "official", "representative", "congressman", "congresswoman", "lawmaker",
                                   "speaker", "counterpart", "founder", "head", "executive", "manager", "candidate",
                                   "businessman", "businesswoman", "billionaire", "host", "author", "writer",
                                   "reporter", "correspondent", "editor", "pollster", "strategist", "woman",
                                   "man", "father", "mother", "wife", "husband", "son", "daughter"})
            m.emplace(s, SpeakerNoun::PersonTitle);
        for (std::string_view s : {"report", "statement", "poll", "survey", "study", "letter", "memo", "document",
                                   "documents", "records", "data", "analysis", "investigation", "filing", "release",
                                   "article", "post", "tweet", "website", "ad", "video", "book", "polls",
                                   "figures", "numbers", "results", "research", "reports", "findings"})
            m.emplace(s, SpeakerNoun::Document);
        return m;
    }();
    return kNouns;
}
} // namespace

SpeakerNoun speakerNoun(std::string_view w) {
    const auto& nouns = speakerNouns();
    auto it = nouns.find(w);
    return it == nouns.end() ? SpeakerNoun::None : it->second;
}

namespace {
// People and groups of people the speaker lexicon does not list as speakers.
constexpr std::string_view kHumanNouns[] = {
    "family", "families", "friend", "friends", "relative", "relatives", "client", "clients", "victim", "victims",
    "child", "children", "kids", "boy", "boys", "girl", "girls", "men", "women", "crowd", "crowds", "public",
    "staff", "couple", "pair", "two", "three", "both", "all", "most", "few", "several", "everyone", "anyone",
    "nobody", "somebody", "everybody", "someone", "one", "none", "colleague", "colleagues", "ally", "allies",
    "peers", "neighbours", "neighbors", "citizens", "veterans", "patients", "students", "guards", "jurors",
    "jury", "panel", "audience", "fans", "elders", "youth", "youths", "refugees", "migrants", "immigrants",
    "candidates", "nominees", "delegates", "delegation", "guests", "hosts", "judges", "justices", "crew",
    "personnel", "peacekeepers", "terrorists", "majority", "minority", "percent", "half", "third", "quarter",
    "lawyers", "attorneys", "surrogates", "lady", "ladies", "mate", "boss", "bosses", "guy", "guys", "folks",
    "person", "persons", "individuals", "users", "voices", "chorus", "wives", "husbands", "sons", "daughters",
    "mothers", "fathers", "brother", "brothers", "sister", "sisters", "uncle", "aunt", "cousin", "nephew", "niece",
    "grandmother", "grandfather", "parent", "spouse", "partner", "partners", "staffer", "aide",
};
// Things with the agent endings.
constexpr std::string_view kThingsLikePeople[] = {
    "river", "water", "paper", "letter", "number", "order", "matter", "power", "border", "center", "computer",
    "chapter", "quarter", "answer", "corner", "dinner", "tower", "summer", "winter", "weather", "shelter", "theater",
    "disaster", "murder", "cancer", "sector", "factor", "error", "motor", "mirror", "floor", "door", "color",
    "colour", "honor", "honour", "labor", "labour", "favor", "favour", "behavior", "behaviour", "terror", "horror",
    "corridor", "interior", "event", "content", "incident", "component", "element", "accident", "talent", "patent",
    "plant", "restaurant", "variant", "wrist", "twist", "drive", "archive", "incentive", "initiative", "objective",
    "alternative", "narrative", "perspective", "offensive", "explosive", "trailer", "poster", "banner", "filter",
    "thriller", "cover", "lawnmower", "meter", "barrier", "carrier", "trigger", "ladder", "budget", "timer",
};
} // namespace

HumanBy humanNoun(std::string_view w) {
    if (const size_t dash = w.rfind('-'); dash != std::string_view::npos && dash + 1 < w.size()) w = w.substr(dash + 1);  // "ex-wife"
    const SpeakerNoun n = speakerNoun(w);
    if (n == SpeakerNoun::Anonymous || n == SpeakerNoun::PersonTitle) return HumanBy::List;
    if (n != SpeakerNoun::None) return HumanBy::No;
    for (std::string_view h : kHumanNouns)
        if (w == h) return HumanBy::List;
    std::string_view stem = w;
    if (stem.size() > 4 && stem.back() == 's') stem.remove_suffix(1);
    if (stem.size() < 5) return HumanBy::No;
    if (stem.ends_with("ment")) return HumanBy::No;  // "statement", "agreement"
    for (std::string_view t : kThingsLikePeople)
        if (stem == t) return HumanBy::No;
    for (std::string_view suf : {"er", "or", "ist", "ian", "ant", "ent", "ee", "ive"})
        if (stem.ends_with(suf)) return HumanBy::Ending;  // voter, investor, activist, civilian, migrant, resident, employee, executive
    return HumanBy::No;
}

bool isHumanNoun(std::string_view w) { return humanNoun(w) != HumanBy::No; }

namespace {
constexpr std::string_view kCueAdverbs[] = {
    "has", "have", "had", "also", "previously", "later", "again", "then", "reportedly", "would", "will",
    "could", "may", "might", "did", "does", "do", "is", "was", "were", "are", "been", "repeatedly",
    "recently", "once", "never", "not", "n't", "long", "often", "already", "publicly", "privately",
    "separately", "earlier", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "week", "month", "year", "last", "this", "on",
    "initially", "first", "openly", "flatly", "strongly", "quickly", "simply", "still", "further",
    "frequently", "clearly", "explicitly", "firmly", "angrily", "calmly", "bluntly", "only", "even",
    "now", "just", "always", "ever", "herself", "himself", "themselves", "itself", "personally",
    "subsequently", "however", "too", "candidly", "repeatedly", "has", "be", "being", "would", "should",
    "must", "can", "shall", "night", "morning", "afternoon", "evening",
};
} // namespace

bool isCueAdverb(std::string_view w) { return among(kCueAdverbs, w); }

namespace {
// Base forms, and the irregular forms the suffix rules below do not reach.
constexpr std::string_view kPhysicalActs[] = {
    "board", "visit", "travel", "fly", "flew", "flown", "drive", "drove", "driven", "arrive", "sell", "sold",
    "plant", "climb", "ride", "rode", "ridden", "enter", "eat", "ate", "eaten", "wear", "wore", "worn", "carry",
    "build", "built", "buy", "bought", "cook", "swim", "swam", "sail", "land", "park",
};
} // namespace

bool isPhysicalAct(std::string_view w) {
    if (among(kPhysicalActs, w)) return true;
    for (auto [suffix, ending] : {std::pair<std::string_view, std::string_view>{"ied", "y"}, {"ies", "y"}, {"led", "l"},
                                  {"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}, {"es", ""}, {"s", ""}}) {
        if (w.size() <= suffix.size() + 2 || !w.ends_with(suffix)) continue;
        std::string stem(w.substr(0, w.size() - suffix.size()));
        stem += ending;
        if (among(kPhysicalActs, stem)) return true;
    }
    return false;
}

PronounKind sourcePronoun(std::string_view w) {
    if (w == "he") return PronounKind::Male;
    if (w == "she") return PronounKind::Female;
    if (w == "it") return PronounKind::Neuter;
    if (w == "they") return PronounKind::Plural;
    if (w == "i" || w == "we") return PronounKind::First;
    return PronounKind::None;
}

namespace {
constexpr std::string_view kNpBoundaries[] = {
    "and", "but", "or", "nor", "while", "as", "because", "since", "although", "though", "when", "whereas",
    "if", "so", "that", "which", "who", "whom", "where", "after", "before", "in", "on", "at", "during",
    "with", "without", "from", "to", "by", "into", "than", "until", "unless", "yet", "whether", "also",
    "meanwhile", "however", "instead", "then", "there", "here", "now", "today", "yesterday", "is", "was",
    "are", "were", "has", "have", "had", "be", "been", "not", "what", "how", "why", "said", "says",
    "told", "about", "against", "over", "under", "through", "between", "among", "like", "despite", "for",
    "of", "by", "via", "amid", "following", "including", "toward", "towards", "upon", "within", "it", "its",
    "itself", "this", "these", "those", "such", "what", "do", "does", "did", "can", "could", "would",
    "should", "will", "may", "might", "must",
};
} // namespace

bool isNpBoundary(std::string_view w) { return among(kNpBoundaries, w); }

namespace {
constexpr std::string_view kDeterminers[] = {"the", "a", "an", "this", "that", "these", "those", "his", "her",
                                             "their", "its", "our", "my", "your", "some", "many", "several",
                                             "two", "three", "four", "other", "another", "one", "most", "all",
                                             "few", "both", "no", "any", "each"};
} // namespace

bool isDeterminer(std::string_view w) { return among(kDeterminers, w); }

// [SECTION] All words

void forEachLexiconWord(const std::function<void(std::string_view)>& f) {
    for (const auto& [w, cue] : table().words) f(w);
    for (const auto& [w, noun] : speakerNouns()) f(w);
    for (std::string_view w : kCueAdverbs) f(w);
    for (std::string_view w : kNpBoundaries) f(w);
    for (std::string_view w : kDeterminers) f(w);
    for (std::string_view w : {"he", "she", "it", "they", "i", "we"}) f(w);  // sourcePronoun()
}

} // namespace whosaid
