// Reminder instants from deadlines; see timers.h.
#include "schedule/timers.h"

#include <algorithm>

namespace reviewd::schedule {

core::instant local_instant(core::day day, std::chrono::minutes local_time,
                            const date::time_zone& zone) {
    const date::local_seconds local{day.time_since_epoch() +
                                    std::chrono::duration_cast<std::chrono::seconds>(local_time)};
    const auto info = zone.get_info(local);
    std::chrono::sys_seconds at;
    if (info.result == date::local_info::nonexistent)
        at = info.first.end; // the clocks jumped over it: the moment they landed
    else
        at = date::sys_seconds{local.time_since_epoch()} -
             info.first.offset; // unique, or the earlier of two
    return core::instant{
        std::chrono::duration_cast<core::instant::duration>(at.time_since_epoch())};
}

std::vector<timer_spec> timers_for(const rules::deadline& d, const reminder_policy& policy,
                                   const calendar::working_calendar& calendar,
                                   const date::time_zone& zone) {
    std::vector<timer_spec> out;
    if (d.status != rules::deadline_status::open && d.status != rules::deadline_status::missed)
        return out;
    const reminder_rule* rule = policy.rule_for(d.kind);
    if (!rule)
        return out;
    const std::string due = core::format_iso_date(d.due);
    struct moment {
        std::string tag;
        core::day day;
    };
    std::vector<moment> moments;
    const core::day practical = d.practical_due;
    for (const int n : rule->before_working_days) {
        const core::day day = calendar.working_day_before(practical, n);
        if (day >= d.clock_start)
            moments.push_back({"before-" + std::to_string(n), day});
    }
    if (rule->on_due_day)
        moments.push_back({"due", practical});
    if (rule->after_missed || rule->weekly_while_missed > 0) {
        const core::day missed = calendar.first_working_day_on_or_after(d.due + date::days{1});
        if (rule->after_missed)
            moments.push_back({"missed", missed});
        for (int week = 1; week <= rule->weekly_while_missed; ++week)
            moments.push_back(
                {"missed-week-" + std::to_string(week),
                 calendar.first_working_day_on_or_after(missed + date::days{7 * week})});
    }
    for (const auto& m : moments)
        for (const audience a : rule->to)
            out.push_back({due + "/" + m.tag + "/" + std::string(to_string(a)), m.tag, a, m.day,
                           local_instant(m.day, policy.local_time, zone)});
    std::stable_sort(out.begin(), out.end(), [](const timer_spec& a, const timer_spec& b) {
        return a.fire_at < b.fire_at;
    });
    return out;
}

} // namespace reviewd::schedule
