// How an escalation ended, as a code: the IRO resolves with one of these (and may add a few words),
// so that the annual report and the referral pack can count and name outcomes. The resolved
// event's note holds "<code>" or "<code>: <details>", which apply() keeps as it is. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::escalation {

enum class outcome {
    needs_met,           // the council did what the child needed
    plan_amended,        // the care plan was changed by agreement, and the IRO accepts it
    partially_met,       // some of the concern put right; the IRO closes the dispute
    not_upheld,          // on the answers given, the IRO no longer pursues the concern
    overtaken_by_events, // the child left care, moved, or the question no longer arises
    cafcass_proceedings, // settled through Cafcass (proceedings or their threat)
    other,
};

std::string_view to_string(outcome o);
std::optional<outcome> outcome_from(std::string_view text);
// Every code, comma separated, for error messages.
std::string_view outcome_names();

struct resolution {
    std::optional<outcome> code; // nullopt for a note written before codes (or by hand)
    std::string details;
};

// "needs_met: contact arranged" -> {needs_met, "contact arranged"}; a note without a known code
// is all details.
resolution resolution_of(std::string_view note);
// The note for a resolved event.
std::string resolution_note(outcome code, std::string_view details);

} // namespace reviewd::escalation
