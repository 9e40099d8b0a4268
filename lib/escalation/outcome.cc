// Resolution outcome codes; see outcome.h.
#include "escalation/outcome.h"

#include "core/enum_names.h"

namespace reviewd::escalation {
namespace {

constexpr core::name_table<outcome, 7> outcome_table{{
    {outcome::needs_met, "needs_met"},
    {outcome::plan_amended, "plan_amended"},
    {outcome::partially_met, "partially_met"},
    {outcome::not_upheld, "not_upheld"},
    {outcome::overtaken_by_events, "overtaken_by_events"},
    {outcome::cafcass_proceedings, "cafcass_proceedings"},
    {outcome::other, "other"},
}};

} // namespace

std::string_view to_string(outcome o) {
    return core::name_of(outcome_table, o);
}

std::optional<outcome> outcome_from(std::string_view text) {
    return core::value_of(outcome_table, text);
}

std::string_view outcome_names() {
    return "needs_met, plan_amended, partially_met, not_upheld, overtaken_by_events, "
           "cafcass_proceedings, other";
}

resolution resolution_of(std::string_view note) {
    const auto colon = note.find(':');
    const std::string_view head = note.substr(0, colon);
    if (const auto code = outcome_from(head)) {
        std::string_view rest = colon == std::string_view::npos ? "" : note.substr(colon + 1);
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
        return {code, std::string(rest)};
    }
    return {std::nullopt, std::string(note)};
}

std::string resolution_note(outcome code, std::string_view details) {
    std::string note(to_string(code));
    if (!details.empty())
        note += ": " + std::string(details);
    return note;
}

} // namespace reviewd::escalation
