// Internal to lib/store: the helpers the escalation .cc files share - reading an escalation and
// its history, appending events, the list cache, re-syncing alert timers by key, and finding
// who to tell (a stage's owner, the IRO, the IRO manager) among people and assignments.
#pragma once

#include "store/store_impl.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

struct escalation_row {
    std::int64_t id = 0;
    std::int64_t child_id = 0;
    stored_escalation stored;
};

std::optional<escalation_row> load_escalation(connection& db, std::int64_t id);

// Appends the events of `after` beyond the first `from` (seq = index + 1), each with the person
// it asked, resolved now.
void append_escalation_events(connection& db, const escalation_row& row,
                              const escalation::escalation& after, std::size_t from,
                              const escalation_context& ctx);

// The list cache of an escalation, from its replay: status, stage, and the first day a stage or
// an endorsement is stale (none when neither can go stale).
struct escalation_cache {
    std::string status;
    std::string stage;
    std::optional<core::day> stale_from;
    bool operator==(const escalation_cache&) const = default;
};
escalation_cache cache_of(const escalation::escalation& e, const escalation_context& ctx);

// Rewrites the cache columns (status, stage, stale_from) and the checklist from `e`.
void write_escalation_cache(connection& db, std::int64_t id, const escalation::escalation& e,
                            const escalation_context& ctx, const std::string& now);

// Brings the escalation's timers in line with escalation::timers_for: new keys inserted, pending
// ones whose key is gone deleted, pending ones whose day moved re-timed; fired and skipped rows
// are never touched (never re-armed).
void sync_escalation_timers(connection& db, std::int64_t id, const escalation::escalation& e,
                            const escalation_context& ctx, int* added = nullptr,
                            int* removed = nullptr);

// Whom an alert or a question goes to. `ref` is empty for a configured mailbox.
struct contact {
    std::string ref;
    std::string email;
};
// The child's IRO (the assigned one, else the one who raised it), the IRO's manager, or the
// owner of a ladder role: see lib/escalation/README.md, "Decisions", for the order of search.
std::optional<contact> find_iro(connection& db, std::int64_t child_id,
                                const escalation::escalation& e);
std::optional<contact> find_iro_manager(connection& db, std::int64_t child_id,
                                        const escalation::escalation& e);
std::optional<contact> find_stage_owner(connection& db, std::int64_t child_id,
                                        const escalation::escalation& e, const escalation::stage& s,
                                        const escalation_setup& setup);

// The council's civil date of `at`, and the instant with the sub-second part dropped (what the
// database keeps, so a replay sees exactly what apply() saw).
core::day local_day_of(core::instant at, const date::time_zone& zone);
core::instant whole_seconds(core::instant at);
std::int64_t unix_seconds_of(core::instant at);
std::string utc_text(core::instant at);

} // namespace reviewd::store
