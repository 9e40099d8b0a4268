// Daily digest timing and selection; see digest.h.
#include "schedule/digest.h"

#include "schedule/timers.h"

#include <algorithm>

namespace reviewd::schedule {

bool digest_policy::covers(audience a) const {
    return enabled && a != audience::webhook && std::find(to.begin(), to.end(), a) != to.end();
}

std::optional<core::day> digest_due(core::instant now, core::day today,
                                    std::optional<core::day> last_sent, const digest_policy& policy,
                                    const calendar::working_calendar& calendar,
                                    const date::time_zone& zone) {
    if (!policy.enabled || !calendar.is_working_day(today))
        return std::nullopt;
    if (last_sent && *last_sent >= today)
        return std::nullopt;
    if (now < local_instant(today, policy.local_time, zone))
        return std::nullopt;
    return today;
}

core::instant next_digest_at(core::instant now, core::day today, std::optional<core::day> last_sent,
                             const digest_policy& policy,
                             const calendar::working_calendar& calendar,
                             const date::time_zone& zone) {
    core::day day = calendar.first_working_day_on_or_after(today);
    for (;;) {
        const core::instant at = local_instant(day, policy.local_time, zone);
        const bool sent = last_sent && *last_sent >= day;
        if (!sent && (at > now || day == today))
            return at; // today's, even when already past: it is due now
        day = calendar.first_working_day_on_or_after(day + date::days{1});
    }
}

std::optional<digest_standing> digest_standing_of(const rules::deadline& d, core::day day,
                                                  const digest_policy& policy,
                                                  const calendar::working_calendar& calendar) {
    if (d.status != rules::deadline_status::open && d.status != rules::deadline_status::missed)
        return std::nullopt;
    if (d.due < day)
        return digest_standing{true, 0};
    const int left = calendar.working_days_between(day, d.practical_due);
    if (left > policy.horizon_working_days)
        return std::nullopt;
    return digest_standing{false, std::max(left, 0)};
}

} // namespace reviewd::schedule
