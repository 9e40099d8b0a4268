// A council's dispute-resolution ladder as plain values: the stages a concern climbs, who owns
// each, how long each has to answer, which need the IRO manager's endorsement, and the clocks
// around them (the 20-working-day total, chasing, Cafcass progress reports). Per-council
// configuration, not law (domain.md, "Dispute resolution and referral to Cafcass"); the daemon
// loads it from reviewd.toml and checks it with validate_ladder() before use.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::escalation {

struct stage {
    std::string id;                 // "team_manager": lower case letters, digits and '_'
    std::string owner_role;         // the role that acknowledges and responds at this stage
    int response_working_days = 5;  // answer due by the end of the Nth working day after entry
    bool needs_endorsement = false; // entered only once the IRO manager endorses (or mediation)
    bool auto_escalate = false;     // no response in time: climbs to the next stage by itself
    bool formal = false;            // the checklist should be complete before it is entered
    bool cafcass = false; // referral to Cafcass: entered only by referred_to_cafcass; progress
                          // reports replace the response clock. Exactly one, the last stage.
};

struct ladder {
    std::vector<stage> stages;             // lowest first
    int total_limit_working_days = 20;     // IRO Handbook: the whole process, raise to resolution
    int chase_interval_working_days = 5;   // a stale stage or endorsement is chased this often
    int max_chases = 8;                    // after the first stale alert, at most this many chasers
    int endorsement_working_days = 2;      // an endorsement request is stale after this
    int cafcass_report_interval_days = 28; // calendar days between Cafcass progress reports
    std::string mediator_role = "head_of_service"; // mediates when IRO and IRO manager disagree

    std::optional<std::size_t> index_of(std::string_view id) const;
    const stage* find(std::string_view id) const;
    std::optional<std::size_t> cafcass_index() const; // the Cafcass stage, when there is one
};

// The roles the ladder itself relies on, beside the stages' owner roles.
inline constexpr std::string_view iro_role = "iro";
inline constexpr std::string_view iro_manager_role = "iro_manager";
inline constexpr std::string_view cafcass_role = "cafcass";
inline constexpr std::string_view system_role = "system"; // reviewd's automatic advances

// team_manager, service_manager, head_of_service, director, chief_executive,
// independent_person, cafcass; 5 working days each; endorsement and the checklist from head of
// service up (the Cafcass referral needs no endorsement: it is the IRO's own power); alert only.
ladder default_ladder();

// The ladder back when it is usable, else the first problem with its field ("stages[2].id"):
// at least one stage below Cafcass, unique well-formed ids, owner roles present, times positive
// (at most 260 working days; report interval at most 366 days; at most 52 chasers), exactly one
// Cafcass stage and it is the last, the first stage reachable without endorsement.
core::result<ladder> validate_ladder(ladder l);

} // namespace reviewd::escalation
