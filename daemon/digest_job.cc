// The daily digest job; see digest_job.h.
#include "digest_job.h"

#include "reminders/digest.h"
#include "schedule/timers.h"

#include <date/tz.h>
#include <spdlog/spdlog.h>

namespace reviewd::app {

digest_job::digest_job(const config& cfg, std::shared_ptr<const store::rules_snapshot> rules,
                       store::case_store& cases, const reminders::compose_options& mail)
    : cases_(cases), mail_(mail) {
    reload(cfg, std::move(rules));
}

void digest_job::reload(const config& cfg, std::shared_ptr<const store::rules_snapshot> rules) {
    auto next = std::make_shared<settings>();
    next->digest = cfg.reminders.digest;
    next->digest.enabled = next->digest.enabled && cfg.reminders.enabled;
    next->reminders = cfg.reminders.policy;
    next->division = cfg.reminders.digest_division;
    next->time_zone = cfg.time_zone;
    next->late_after = cfg.reminders.policy.late_after;
    next->rules = std::move(rules);
    if (next->digest.enabled && !next->rules->loaded.calendars.find(next->division))
        throw config_error(cfg.file.string() + ": [reminders.digest] division = \"" +
                           next->division + "\": no holiday calendar of that name is loaded");
    std::lock_guard lock(mutex_);
    settings_ = std::move(next);
}

std::shared_ptr<const digest_job::settings> digest_job::current() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

int digest_job::fire(core::instant now) {
    const auto s = current();
    if (!s->digest.enabled)
        return 0;
    const calendar::working_calendar* cal = s->rules->loaded.calendars.find(s->division);
    const date::time_zone* zone = date::locate_zone(s->time_zone);
    const core::day today = core::local_date(now, s->time_zone);
    const auto day =
        schedule::digest_due(now, today, cases_.last_digest_day(), s->digest, *cal, *zone);
    if (!day)
        return 0;
    store::digest_firing how;
    how.day = *day;
    // A calendar-day bound wide enough for the working-day horizon across any holiday season.
    how.scan_until = *day + date::days{2 * s->digest.horizon_working_days + 14};
    how.late = now - schedule::local_instant(*day, s->digest.local_time, *zone) > s->late_after;
    how.compose = [&](const std::vector<store::digest_entry>& entries) {
        reminders::digest_options o;
        o.day = *day;
        o.late = how.late;
        o.digest = &s->digest;
        o.reminders = &s->reminders;
        o.calendar_for = [&](const store::stored_deadline& d) -> const calendar::working_calendar* {
            const rules::rule_set* set = s->rules->loaded.book.by_id(d.deadline.rule_set);
            return set ? s->rules->loaded.calendars.find(set->holidays) : nullptr;
        };
        return reminders::compose_digests(entries, o, mail_);
    };
    const auto written = cases_.fire_digest(now, how);
    if (!written)
        return 0;
    spdlog::info("digest.written day={} messages={}{}", core::format_iso_date(*day), *written,
                 how.late ? " late=true" : "");
    return *written;
}

std::vector<std::string> digest_job::audiences() const {
    const auto s = current();
    std::vector<std::string> out;
    if (s->digest.enabled)
        for (const auto a : s->digest.to)
            out.emplace_back(schedule::to_string(a));
    return out;
}

std::optional<core::instant> digest_job::next_at(core::instant now) {
    const auto s = current();
    if (!s->digest.enabled)
        return std::nullopt;
    const calendar::working_calendar* cal = s->rules->loaded.calendars.find(s->division);
    const date::time_zone* zone = date::locate_zone(s->time_zone);
    return schedule::next_digest_at(now, core::local_date(now, s->time_zone),
                                    cases_.last_digest_day(), s->digest, *cal, *zone);
}

} // namespace reviewd::app
