// The escalation part of `reviewd db check`: every stored history replays through
// escalation::apply event by event (recording the same stages and snapshots), the list cache
// equals the replay's, and the timers are those timers_for gives; see maintenance.h.
#include "store/escalation_store_impl.h"
#include "store/maintenance.h"

#include "escalation/timers.h"

#include <set>

namespace reviewd::store {
namespace {

// Re-applies the stored events one by one; the first that apply() refuses, or records otherwise
// than stored, is a problem.
std::optional<std::string> replay_problem(const escalation::escalation& stored,
                                          const escalation::ladder& l) {
    escalation::escalation rebuilt = stored;
    rebuilt.history.clear();
    for (std::size_t i = 0; i < stored.history.size(); ++i) {
        const escalation::event& ev = stored.history[i];
        escalation::escalation before = rebuilt;
        if (ev.checklist_on_entry) // the checklist as it stood when the event was recorded
            before.checks = *ev.checklist_on_entry;
        const std::string which = "event " + std::to_string(i + 1) + " (" +
                                  std::string(escalation::to_string(ev.kind)) + " on " +
                                  core::format_iso_date(ev.local_day) + ")";
        auto next = escalation::apply(before, ev, l);
        if (!next)
            return which + " does not replay: " + core::describe(next.err());
        const escalation::event& again = next.value().history.back();
        if (again.stage != ev.stage || again.checklist_on_entry != ev.checklist_on_entry ||
            again.awaits_endorsement != ev.awaits_endorsement)
            return which + " replays differently from what is stored";
        rebuilt.history = std::move(next).value().history;
    }
    return std::nullopt;
}

std::string cache_text(const escalation_cache& c) {
    return c.status + "/" + c.stage + "/" +
           (c.stale_from ? core::format_iso_date(*c.stale_from) : std::string("-"));
}

} // namespace

void check_escalations(connection& db, const escalation_context& ctx, check_report& report) {
    std::vector<std::int64_t> ids;
    auto all = db.prepare("SELECT id FROM escalations ORDER BY id");
    while (all.step())
        ids.push_back(all.integer(0));
    for (const std::int64_t id : ids) {
        ++report.escalations;
        const std::string name = escalation_ref(id);
        std::optional<escalation_row> row;
        try {
            row = load_escalation(db, id);
        } catch (const std::exception& e) {
            report.problems.push_back(name + ": " + e.what());
            continue;
        }
        const stored_escalation& s = row->stored;
        if (s.record.history.empty()) {
            report.problems.push_back(name + ": no events recorded");
            continue;
        }
        if (auto problem = replay_problem(s.record, ctx.ladder())) {
            report.problems.push_back(name + ": " + *problem);
            continue;
        }
        const escalation_cache expected = cache_of(s.record, ctx);
        const escalation_cache stored{s.status, s.stage, s.stale_from};
        if (!(expected == stored))
            report.problems.push_back(name + ": the list cache says " + cache_text(stored) +
                                      ", the history " + cache_text(expected));
        auto wanted = escalation::timers_for(s.record, ctx.ladder(), ctx.calendar);
        if (!wanted)
            continue; // replay_problem would have said
        std::set<std::string> keys;
        for (const auto& t : wanted.value())
            keys.insert(t.key);
        auto timers =
            db.prepare("SELECT key, state FROM escalation_timers WHERE escalation_id = ?1");
        timers.bind(1, id);
        std::set<std::string> have;
        while (timers.step()) {
            have.insert(timers.text(0));
            if (timers.text(1) == "pending" && !keys.count(timers.text(0)))
                report.problems.push_back(name + ": pending timer " + timers.text(0) +
                                          " no longer applies");
        }
        for (const auto& key : keys)
            if (!have.count(key))
                report.problems.push_back(name + ": timer " + key +
                                          " is missing (reviewd serve re-syncs at start)");
    }
}

} // namespace reviewd::store
