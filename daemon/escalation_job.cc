// Escalation timers in the daemon; see escalation_job.h.
#include "escalation_job.h"

#include <spdlog/spdlog.h>

namespace reviewd::app {

escalation_job::escalation_job(store::case_store& cases, rules_source rules,
                               reminders::escalation_compose_options compose,
                               std::chrono::seconds late_after)
    : cases_(cases), rules_(std::move(rules)), compose_(std::move(compose)),
      late_after_(late_after) {}

void escalation_job::resync(core::instant now) {
    const auto rules = rules_();
    const auto ctx = rules->escalation_view();
    if (!ctx)
        return;
    const auto result = cases_.resync_escalations(*ctx, now);
    spdlog::info("escalations.resync open={} changed={} problems={}", result.seen, result.changed,
                 result.problems.size());
    for (const auto& problem : result.problems)
        spdlog::error("escalations.resync_failed reason=\"{}\"", problem);
}

std::optional<core::instant> escalation_job::next_at() {
    return cases_.next_escalation_timer_at();
}

int escalation_job::fire(core::instant now) {
    const auto rules = rules_(); // kept alive for the whole firing
    const auto ctx = rules->escalation_view();
    if (!ctx)
        return 0;
    store::escalation_firing how;
    how.late_after = late_after_;
    how.compose = [&](const std::vector<store::due_escalation_timer>& due) {
        return reminders::compose_escalation_alerts(due, compose_);
    };
    const auto fired = cases_.fire_due_escalation_timers(now, *ctx, how);
    if (fired.fired > 0)
        spdlog::info("escalations.fired alerts={} late={} messages={} auto_advanced={} "
                     "without_email={}",
                     fired.fired, fired.late, fired.messages, fired.auto_advanced,
                     fired.without_email);
    for (const auto& [why, count] : fired.skipped_because)
        spdlog::info("escalations.skipped alerts={} reason=\"{}\"", count, why);
    return fired.messages;
}

} // namespace reviewd::app
