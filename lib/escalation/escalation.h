// One dispute an IRO raises about a child's care, as values, and the state machine it climbs:
// apply() takes an escalation and one event and returns the escalation with the event recorded,
// or refuses the event with an error saying why. Pure: no clock, no I/O; every event carries its
// own instant and the council's local date of it. The state is not stored: it is the history
// replayed (replay.h), so a record and its chronology can never disagree.
//
// States and transitions (X: the stage the escalation is open at; Y: a higher stage):
//
//                          raised(S)
//                              |
//   acknowledged, responded    v            endorsement_requested(Y)
//   (X's owner role);     +-----------+ -----------------------------> +----------------------+
//   advanced(Y): X := Y   | open at X |                                | awaiting endorsement |
//               +-------> |           | <----------------------------- | of Y; X stays open   |
//               +-------- |           |  endorsed, mediated(proceed):  | (acknowledged,       |
//                         +-----------+    X := Y                      |  responded at X)     |
//                           |      |     mediated(not proceed): at X   +----------------------+
//                           |      |                                      |             |
//                           |      | referred_to_cafcass    referred_to_cafcass,        |
//                           |      v                        endorsed (Y = Cafcass)      |
//                           |  +--------------+ <-----------------------------+         |
//                           |  | with Cafcass | ---+                                    |
//                           |  |              | <--+ cafcass_progress_report            |
//                           |  +--------------+                                         |
//                           |    |          | withdrawn_from_cafcass                    |
//                  resolved |    | resolved v                                           |
//                           v    v     +-----------+                                    |
//                       +----------+   | withdrawn |                 resolved           |
//                       | resolved | <--------------------------------------------------+
//                       +----------+   +-----------+
//
// Transition table: who may do what, where; anything else is refused ("illegal_transition",
// "wrong_role", "unknown_stage", "invalid_event"). resolved and withdrawn are final.
//
//   event                    role              from                  to
//   raised(S)                iro (raised_by)   nothing yet           open at S (S: first stage
//                                                                    unless named; never one
//                                                                    needing endorsement/Cafcass)
//   acknowledged             X's owner         open, awaiting        same; once, before a
//                                                                    response; stops chasing only
//   responded                X's owner         open, awaiting        same; the first response
//                                                                    stops X's response clock
//   advanced(Y)              iro | system*     open                  open at Y: Y above X, needs
//                                                                    no endorsement, not Cafcass
//   endorsement_requested(Y) iro | system*     open                  awaiting Y: Y above X, needs
//                                                                    endorsement, not Cafcass
//   endorsed                 iro_manager       awaiting              open at Y (Cafcass: with
//                                                                    Cafcass)
//   mediated(proceed)        ladder mediator   awaiting              as endorsed / back to open
//                                                                    at X without Y
//   referred_to_cafcass      iro               open, awaiting        with Cafcass, or awaiting
//                                                                    Cafcass if it needs endorsing
//   cafcass_progress_report  any               with Cafcass          same; report clock restarts
//   withdrawn_from_cafcass   iro | cafcass     with Cafcass          withdrawn
//   resolved(outcome)        iro               open, awaiting,       resolved (stage reached
//                                              with Cafcass          recorded)
//
//   * system: reviewd's automatic advance (auto_escalate.h): only to the next stage, only from a
//     stage with auto_escalate that has not responded.
//   Y may skip stages (the IRO may); an empty Y means the next stage. Entering a formal stage
//   with the checklist incomplete is allowed; the event keeps the checklist as it stood, which
//   state_of() reports as a flag. Events must come in time order.
#pragma once

#include "core/clock.h"
#include "core/dates.h"
#include "core/result.h"
#include "escalation/ladder.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::escalation {

enum class category { care_plan_not_implemented, review_not_held, placement_unsuitable, other };

// What the IRO is prompted for and the record keeps (domain.md step 2 and the referral pack).
struct checklist {
    bool complaints_procedure_explained = false; // to the child and family
    bool advocate_offered = false;               // the child's right to an advocate
    bool wishes_and_feelings_recorded = false;   // the child's views
    bool complete() const {
        return complaints_procedure_explained && advocate_offered && wishes_and_feelings_recorded;
    }
    bool operator==(const checklist&) const = default;
};

enum class checklist_item {
    complaints_procedure_explained,
    advocate_offered,
    wishes_and_feelings_recorded
};
std::vector<checklist_item> missing(const checklist& c);

enum class event_kind {
    raised,
    acknowledged,
    responded,
    endorsement_requested,
    endorsed,
    advanced,
    mediated,
    resolved,
    referred_to_cafcass,
    cafcass_progress_report,
    withdrawn_from_cafcass,
};

struct event {
    event_kind kind = event_kind::raised;
    core::instant at;     // when it happened
    core::day local_day;  // the council's date of `at` (Europe/London), given by the caller:
                          // every working-day clock counts from it
    std::string actor;    // person ref; "reviewd" for automatic advances
    std::string role;     // the role the actor acted in: "iro", a stage owner role, "system"
    std::string stage;    // raised: starting stage (empty: the first); advanced and
                          // endorsement_requested: the target (empty: the next stage); endorsed:
                          // optional, must name the pending stage. Set by apply() on the events
                          // that enter a stage and on resolved (the stage reached).
    std::string note;     // responded: the answer; resolved: the outcome (required); mediated:
                          // what was agreed; others optional. Never put in notifications.
    bool proceed = false; // mediated: whether the pending stage is entered
    // Set by apply() on an event that enters a formal stage: the checklist as it stood then.
    std::optional<checklist> checklist_on_entry;
    // Set by apply() when the event leaves the escalation awaiting endorsement
    // (endorsement_requested; a referral when the Cafcass stage needs endorsement).
    bool awaits_endorsement = false;
};

struct escalation {
    std::string id;
    std::string child_ref; // the council's case reference, never a name
    std::string raised_by; // the IRO's person ref
    category what = category::other;
    // Short (at most 500 bytes) and sensitive: kept in the record and the referral pack, never
    // in an email, webhook or log line. Notifications name the escalation id and category only.
    std::string description;
    checklist checks; // edited by the IRO; apply() snapshots it into events entering formal stages
    std::vector<event> history; // in time order, as accepted by apply()
};

inline constexpr std::size_t max_description_bytes = 500;

enum class status { open, awaiting_endorsement, with_cafcass, resolved, withdrawn };

// The escalation with `e` appended (and its apply-set fields filled in), or why not.
core::result<escalation> apply(const escalation& current, const event& e, const ladder& l);

std::string_view to_string(category c);
std::string_view to_string(checklist_item i);
std::string_view to_string(event_kind k);
std::string_view to_string(status s);
std::optional<category> category_from(std::string_view text);
std::optional<event_kind> event_kind_from(std::string_view text);

} // namespace reviewd::escalation
