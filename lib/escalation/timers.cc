// Reminder and alert moments of an escalation; see timers.h for what fires when.
#include "escalation/timers.h"

#include "escalation/replay.h"

#include <algorithm>

namespace reviewd::escalation {
namespace {

struct builder {
    const calendar::working_calendar& calendar;
    const ladder& l;
    std::vector<timer> out;

    // One timer per audience, keyed "<stage>/<from day>/<tag>/<audience>".
    void add(timer_kind kind, int chase, const stage& s, core::day from, core::day fires,
             std::initializer_list<audience> to) {
        std::string tag(to_string(kind));
        if (chase > 0)
            tag += "-" + std::to_string(chase);
        for (const audience a : to)
            out.push_back({s.id + "/" + core::format_iso_date(from) + "/" + tag + "/" +
                               std::string(to_string(a)),
                           kind, a, s.id, s.owner_role, chase, fires});
    }

    // The first alert on the working day after `due` (a working day), then the chasers.
    void stale_and_chasers(timer_kind first, timer_kind chaser, bool chase, const stage& s,
                           core::day from, core::day due, std::initializer_list<audience> to) {
        const core::day stale = calendar.add_working_days(due, 1);
        add(first, 0, s, from, stale, to);
        if (!chase)
            return;
        for (int n = 1; n <= l.max_chases; ++n)
            add(chaser, n, s, from,
                calendar.add_working_days(stale, n * l.chase_interval_working_days), to);
    }
};

} // namespace

core::result<std::vector<timer>> timers_for(const escalation& e, const ladder& l,
                                            const calendar::working_calendar& calendar) {
    auto replayed = replay(e, l);
    if (!replayed)
        return replayed.err();
    const position& p = replayed.value();
    builder b{calendar, l, {}};
    if (!p.raised || p.now == status::resolved || p.now == status::withdrawn)
        return b.out;
    using enum audience;
    const stage& here = l.stages[p.stage];

    if ((p.now == status::open || p.now == status::awaiting_endorsement) && !p.responded_on) {
        const core::day due =
            calendar.add_working_days(p.stage_entered_on, here.response_working_days);
        b.stale_and_chasers(timer_kind::stage_stale, timer_kind::stage_chase, !p.acknowledged_on,
                            here, p.stage_entered_on, due, {stage_owner, iro, iro_manager});
        const std::size_t next = p.stage + 1;
        if (p.now == status::open && here.auto_escalate && next < l.stages.size() &&
            !l.stages[next].cafcass) {
            timer t{here.id + "/" + core::format_iso_date(p.stage_entered_on) + "/auto_advance",
                    timer_kind::auto_advance,
                    std::nullopt,
                    here.id,
                    here.owner_role,
                    0,
                    calendar.add_working_days(due, 1)};
            b.out.push_back(std::move(t));
        }
    }
    if (p.now == status::awaiting_endorsement) {
        const stage& waiting = l.stages[*p.pending];
        const core::day due =
            calendar.add_working_days(p.pending_since, l.endorsement_working_days);
        b.stale_and_chasers(timer_kind::endorsement_stale, timer_kind::endorsement_chase, true,
                            waiting, p.pending_since, due, {iro_manager, iro});
    }
    if (!p.total_stopped_on) {
        const core::day limit = calendar.add_working_days(p.raised_on, l.total_limit_working_days);
        const core::day fires = calendar.add_working_days(limit, 1);
        // Keyed by the raise, not a stage: the total does not restart when the stage changes.
        const std::string base = "total/" + core::format_iso_date(p.raised_on) + "/total_breached/";
        for (const audience a : {iro, iro_manager})
            b.out.push_back({base + std::string(to_string(a)),
                             timer_kind::total_breached,
                             a,
                             {},
                             {},
                             0,
                             fires});
    }
    if (p.now == status::with_cafcass) {
        const core::day from =
            p.last_report_on ? std::max(*p.last_report_on, *p.cafcass_since) : *p.cafcass_since;
        const core::day due = from + date::days{l.cafcass_report_interval_days};
        // Calendar days: the due day may be a weekend; the alert waits for a working day, which
        // is the working day "after" the last working day on or before the due day.
        b.stale_and_chasers(timer_kind::cafcass_report_late, timer_kind::cafcass_report_chase, true,
                            here, from, calendar.last_working_day_on_or_before(due),
                            {iro, iro_manager});
    }
    std::stable_sort(b.out.begin(), b.out.end(),
                     [](const timer& a, const timer& c) { return a.local_day < c.local_day; });
    return b.out;
}

std::string_view to_string(audience a) {
    switch (a) {
    case audience::stage_owner:
        return "stage_owner";
    case audience::iro:
        return "iro";
    case audience::iro_manager:
        return "iro_manager";
    }
    return "iro";
}

std::string_view to_string(timer_kind k) {
    switch (k) {
    case timer_kind::stage_stale:
        return "stage_stale";
    case timer_kind::stage_chase:
        return "stage_chase";
    case timer_kind::auto_advance:
        return "auto_advance";
    case timer_kind::endorsement_stale:
        return "endorsement_stale";
    case timer_kind::endorsement_chase:
        return "endorsement_chase";
    case timer_kind::total_breached:
        return "total_breached";
    case timer_kind::cafcass_report_late:
        return "cafcass_report_late";
    case timer_kind::cafcass_report_chase:
        return "cafcass_report_chase";
    }
    return "stage_stale";
}

} // namespace reviewd::escalation
