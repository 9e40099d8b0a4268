// How the year's escalations went: raised, stage reached, resolved where, time per stage,
// Cafcass, carried in and still open. Every position comes from escalation::state_of() on a cut
// of the history, so the report cannot disagree with the record; the definitions are in annual.h.
#include "escalation/outcome.h"
#include "escalation/state.h"
#include "report/annual.h"
#include "report/labels.h"
#include "report/stats.h"

#include <algorithm>
#include <map>

namespace reviewd::report {
namespace {

using escalation::status;

bool finished(status s) {
    return s == status::resolved || s == status::withdrawn;
}

// The escalation with only the events recorded on or before `last` (histories are in time order).
escalation::escalation cut(const escalation::escalation& x, core::day last) {
    escalation::escalation out = x;
    const auto after = std::find_if(out.history.begin(), out.history.end(),
                                    [&](const escalation::event& e) { return e.local_day > last; });
    out.history.erase(after, out.history.end());
    return out;
}

// One spell at one stage; `to` is the day it was left, or the end of the count when running.
struct spell {
    std::string stage;
    core::day from;
    core::day to;
    bool running = false;
    bool has_response_clock = true;
    bool no_answer_in_time = false;
};

// Whether the stage's owner had failed to answer in time, in a state taken on the spell's last
// day (state.h: stale means unanswered after the due day; a late answer is after it too).
bool answered_late_or_not(const escalation::escalation_state& s) {
    if (!s.stage)
        return false;
    return s.stage->stale ||
           (s.stage->responded_on && *s.stage->responded_on > s.stage->response_due);
}

class spell_walk {
public:
    spell_walk(const escalation::ladder& l, const calendar::working_calendar& c) : l_(l), c_(c) {}

    // The spells of `x` (already cut at `end`), in order.
    core::result<std::vector<spell>> operator()(const escalation::escalation& x, core::day end) {
        std::vector<spell> out;
        escalation::escalation prefix = x;
        prefix.history.clear();
        std::optional<spell> current;
        for (const escalation::event& e : x.history) {
            if (current) {
                // The state before this event, on the day it happens: did the owner answer?
                auto before = at(prefix, e.local_day);
                if (!before)
                    return before.err();
                current->no_answer_in_time = answered_late_or_not(before.value());
            }
            prefix.history.push_back(e);
            auto now = at(prefix, e.local_day);
            if (!now)
                return now.err();
            const escalation::escalation_state& s = now.value();
            if (current && (s.stage_reached != current->stage || finished(s.now))) {
                current->to = e.local_day;
                out.push_back(*current);
                current.reset();
            }
            if (!current && !finished(s.now))
                current = begin(s, e.local_day);
        }
        if (current) {
            auto last = at(x, end);
            if (!last)
                return last.err();
            current->to = end;
            current->running = true;
            current->no_answer_in_time = answered_late_or_not(last.value());
            out.push_back(*current);
        }
        return out;
    }

private:
    core::result<escalation::escalation_state> at(const escalation::escalation& x, core::day d) {
        return escalation::state_of(x, l_, c_, d);
    }

    spell begin(const escalation::escalation_state& s, core::day event_day) const {
        spell out;
        out.stage = s.stage_reached;
        out.from = s.stage ? s.stage->entered_on : s.cafcass ? s.cafcass->referred_on : event_day;
        const auto* st = l_.find(s.stage_reached);
        out.has_response_clock = st && !st->cafcass;
        return out;
    }

    const escalation::ladder& l_;
    const calendar::working_calendar& c_;
};

std::vector<outcome_count> per_outcome() {
    std::vector<outcome_count> out;
    for (const auto code : all_outcomes())
        out.push_back({code, 0});
    out.push_back({std::nullopt, 0});
    return out;
}

// The code the IRO resolved with: at the head of the (last) resolved event's note.
std::optional<escalation::outcome> outcome_of(const escalation::escalation& x) {
    for (auto e = x.history.rbegin(); e != x.history.rend(); ++e)
        if (e->kind == escalation::event_kind::resolved)
            return escalation::resolution_of(e->note).code;
    return std::nullopt;
}

void bump(std::vector<outcome_count>& counts, const std::optional<escalation::outcome>& code) {
    for (auto& c : counts)
        if (c.code == code)
            ++c.count;
}

std::vector<stage_count> per_stage(const escalation::ladder& l) {
    std::vector<stage_count> out;
    for (const auto& s : l.stages)
        out.push_back({s.id, 0});
    return out;
}

void bump(std::vector<stage_count>& counts, const std::string& stage) {
    for (auto& c : counts)
        if (c.stage == stage)
            ++c.count;
}

core::error unreadable(const escalation::escalation& x, const core::error& e) {
    return core::make_error(
        e.code, "escalation " + x.id + " cannot be replayed with the ladder: " + e.message,
        "escalations[" + x.id + "]");
}

} // namespace

core::result<escalation_figures>
escalation_summary(const std::vector<escalation::escalation>& escalations, const period& p,
                   core::day counted_to, const escalation::ladder& ladder,
                   const calendar::working_calendar& calendar) {
    escalation_figures out;
    out.total_limit_working_days = ladder.total_limit_working_days;
    for (const auto what : all_categories())
        out.by_category.push_back({what, 0});
    out.stage_reached = per_stage(ladder);
    out.resolved_at = per_stage(ladder);
    out.outcomes = per_outcome();
    out.cafcass.outcomes = per_outcome();
    std::map<std::string, std::vector<int>> days_by_stage;
    for (const auto& s : ladder.stages)
        out.time_per_stage.push_back({s.id, 0, 0, {}, {}, !s.cafcass, 0});
    const auto cafcass_stage = ladder.cafcass_index();
    spell_walk spells_of(ladder, calendar);

    for (const escalation::escalation& whole : escalations) {
        const escalation::escalation x = cut(whole, counted_to);
        if (x.history.empty())
            continue; // raised after the count
        auto state = escalation::state_of(x, ladder, calendar, counted_to);
        if (!state)
            return unreadable(x, state.err());
        const escalation::escalation_state& s = state.value();
        const core::day raised_on = s.total.raised_on;
        out.provisional = out.provisional || !calendar.covers(raised_on, counted_to);

        if (raised_on >= p.first) {
            ++out.raised;
            for (auto& c : out.by_category)
                if (c.what == x.what)
                    ++c.count;
            bump(out.stage_reached, s.stage_reached);
            switch (s.now) {
            case status::open:
                ++out.open;
                break;
            case status::awaiting_endorsement:
                ++out.awaiting_endorsement;
                break;
            case status::with_cafcass:
                ++out.with_cafcass;
                break;
            case status::resolved:
                ++out.resolved;
                bump(out.resolved_at, s.stage_reached);
                bump(out.outcomes, outcome_of(x));
                break;
            case status::withdrawn:
                ++out.withdrawn;
                break;
            }
            if (s.total.breached)
                ++out.total_limit_breached;
        } else {
            const core::day eve = p.first - date::days{1};
            auto before = escalation::state_of(cut(x, eve), ladder, calendar, eve);
            if (!before)
                return unreadable(x, before.err());
            if (!finished(before.value().now)) {
                ++out.carried_in;
                if (finished(s.now))
                    ++out.carried_in_finished;
            }
        }
        if (!finished(s.now)) {
            ++out.open_at_end;
            const int open_for = calendar.working_days_between(raised_on, counted_to);
            out.longest_open_working_days =
                std::max(out.longest_open_working_days.value_or(0), open_for);
        }

        auto spells = spells_of(x, counted_to);
        if (!spells)
            return unreadable(x, spells.err());
        for (const spell& one : spells.value()) {
            if (!one.running && one.to < p.first)
                continue; // ended before the year
            days_by_stage[one.stage].push_back(calendar.working_days_between(one.from, one.to));
            for (auto& t : out.time_per_stage) {
                if (t.stage != one.stage)
                    continue;
                ++t.spells;
                t.still_running += one.running ? 1 : 0;
                t.no_answer_in_time += one.has_response_clock && one.no_answer_in_time ? 1 : 0;
            }
            if (cafcass_stage && one.stage == ladder.stages[*cafcass_stage].id &&
                one.from >= p.first) {
                ++out.cafcass.referred;
                (s.now == status::resolved    ? out.cafcass.resolved
                 : s.now == status::withdrawn ? out.cafcass.withdrawn
                                              : out.cafcass.still_with_cafcass)++;
                if (s.now == status::resolved)
                    bump(out.cafcass.outcomes, outcome_of(x));
            }
        }
    }
    for (auto& t : out.time_per_stage) {
        t.median_working_days = median(days_by_stage[t.stage]);
        t.worst_working_days = worst(days_by_stage[t.stage]);
    }
    return out;
}

} // namespace reviewd::report
