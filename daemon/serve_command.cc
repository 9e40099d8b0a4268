// `reviewd serve`; see serve_command.h.
//
// Start-up order, each step logged: migrate the database; load the rules, holidays and reminder
// policy; bring every open deadline's timers in line with them; build the transports; listen;
// start the delivery workers and the timer driver; tell systemd READY=1. Stop order on SIGTERM:
// STOPPING=1, stop accepting, let requests in flight finish, stop the timer, let sends in flight
// finish (the rest stay in the outbox for the next start), exit 0.
#include "serve_command.h"

#include "api/api.h"
#include "core/file_clock.h"
#include "core/fnv.h"
#include "delivery_setup.h"
#include "digest_job.h"
#include "escalation_config.h"
#include "escalation_job.h"
#include "http/http_server.h"
#include "reminders/compose.h"
#include "rules_loader.h"
#include "runtime/event_loop.h"
#include "runtime/outbox_worker.h"
#include "runtime/systemd_notify.h"
#include "runtime/timer_driver.h"
#include "store/maintenance.h"
#include "store/schema.h"
#include "store/writable_check.h"

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <mutex>

namespace reviewd::app {
namespace {

// The rules in force, swapped whole on SIGHUP; readers keep the snapshot they took.
class rules_holder {
public:
    explicit rules_holder(std::shared_ptr<const store::rules_snapshot> initial)
        : current_(std::move(initial)) {}
    std::shared_ptr<const store::rules_snapshot> get() const {
        std::lock_guard lock(mutex_);
        return current_;
    }
    void set(std::shared_ptr<const store::rules_snapshot> next) {
        std::lock_guard lock(mutex_);
        current_ = std::move(next);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const store::rules_snapshot> current_;
};

std::shared_ptr<const store::rules_snapshot> snapshot_of(const config& cfg) {
    auto s = std::make_shared<store::rules_snapshot>();
    s->loaded = load_rules(cfg);
    if (cfg.reminders.enabled)
        s->reminders = cfg.reminders.policy;
    s->zone = date::locate_zone(cfg.time_zone);
    s->escalations = cfg.escalation;
    check_escalation_holidays(s->escalations, s->loaded.calendars, cfg.file.string());
    return s;
}

http::limits limits_of(const api_config& a) {
    http::limits l;
    l.max_body_bytes = a.max_body_bytes;
    l.max_header_bytes = a.max_header_bytes;
    l.request_timeout = std::chrono::milliseconds(a.request_timeout_ms);
    l.idle_timeout = std::chrono::milliseconds(a.idle_timeout_ms);
    l.max_connections = a.max_connections;
    return l;
}

// What the stored deadlines and timers depend on: the configuration (reminder policy, closures),
// every rule file and the holiday data. FNV-1a over their text.
std::string rules_fingerprint(const config& cfg) {
    core::fnv1a64 hash;
    hash.add(read_file(cfg.file));
    hash.add(read_file(cfg.holidays_file));
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(cfg.rules_directory))
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        hash.add(f.filename().string() + read_file(f));
    return std::to_string(hash.value());
}

// After the rules, holidays or reminder policy changed (or on the first start), every case's
// deadlines and timers are recomputed; otherwise start-up does not touch them.
void recompute_if_rules_changed(store::case_store& cases, const config& cfg,
                                const store::rules_snapshot& rules, const core::clock& clock) {
    const std::string fingerprint = rules_fingerprint(cfg);
    if (cases.meta("rules_fingerprint") == fingerprint) {
        spdlog::info("store.recompute skipped=true reason=\"rules unchanged\"");
        return;
    }
    const auto started = std::chrono::steady_clock::now();
    const std::string now =
        date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(clock.now()));
    const auto [changed, seen] = cases.recompute_all(rules.view(), {"reviewd:rules-change"}, now);
    cases.set_meta("rules_fingerprint", fingerprint);
    spdlog::info("store.recompute cases={} changed={} ms={}", seen, changed,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count());
}

std::unique_ptr<core::clock> clock_of(const config& cfg) {
    if (cfg.clock_file) {
        spdlog::warn("daemon.test_clock file={} reason=\"[testing] clock_file is set: time comes "
                     "from a file\"",
                     cfg.clock_file->string());
        return std::make_unique<core::file_clock>(*cfg.clock_file);
    }
    return std::make_unique<core::system_clock_source>();
}

} // namespace

int run_serve(const config& cfg) {
    if (cfg.database.empty()) {
        spdlog::critical("daemon.start_failed reason=\"{} has no [store] path\"",
                         cfg.file.string());
        return 1;
    }
    // A read-only or locked database is refused here, in words, rather than failing later.
    if (const auto why_not = store::why_not_writable(cfg.database)) {
        spdlog::critical("store.refused path={} reason=\"{}\"", cfg.database.string(), *why_not);
        return 1;
    }
    try {
        const int applied = store::prepare_database(cfg.database, true);
        spdlog::info("store.ready path={} schema={} migrations_applied={}", cfg.database.string(),
                     store::latest_schema_version(), applied);
    } catch (const store::newer_schema_error& e) {
        spdlog::critical("store.refused path={} reason=\"{}\"", cfg.database.string(), e.what());
        return 1;
    }
    const std::unique_ptr<core::clock> clock = clock_of(cfg);
    rules_holder current_rules(snapshot_of(cfg));
    store::case_store cases(cfg.database);
    if (cfg.max_database_mb > 0)
        spdlog::info("store.size_limit max_bytes={}", cases.limit_size(cfg.max_database_mb << 20));
    recompute_if_rules_changed(cases, cfg, *current_rules.get(), *clock);

    delivery_setup delivery(cfg, *clock);
    runtime::outbox_worker_options worker_options;
    worker_options.threads = cfg.delivery.threads;
    worker_options.retry.give_up_after = std::chrono::hours(cfg.delivery.give_up_after_hours);
    worker_options.idle_poll = std::chrono::milliseconds(std::min(1000, cfg.reminders.recheck_ms));
    runtime::outbox_worker worker(cases, *clock, delivery.routes(), worker_options);

    runtime::event_loop loop;
    store::firing how;
    how.late_after = cfg.reminders.policy.late_after;
    if (cfg.reminders.policy.late == schedule::late_policy::skip_older)
        how.skip_older_than = std::chrono::hours(24 * cfg.reminders.policy.skip_older_than_days);
    how.compose = [&](const std::vector<store::due_timer>& due) {
        return reminders::compose_reminders(due, delivery.compose());
    };
    digest_job digest(cfg, current_rules.get(), cases, delivery.compose());
    runtime::timer_driver timers(
        loop, *clock,
        [&]() -> std::optional<core::instant> {
            const auto reminder = cases.next_timer_at();
            const auto digest_at = digest.next_at(clock->now());
            if (reminder && digest_at)
                return std::min(*reminder, *digest_at);
            return reminder ? reminder : digest_at;
        },
        [&](core::instant now) {
            store::firing batch = how;
            batch.today = core::local_date(now, cfg.time_zone);
            batch.digest_audiences = digest.audiences();
            const auto fired = cases.fire_due_timers(now, batch);
            if (fired.fired > 0)
                spdlog::info("timers.fired reminders={} late={} messages={}", fired.fired,
                             fired.late, fired.messages);
            for (const auto& [why, count] : fired.skipped_because)
                spdlog::info("timers.skipped reminders={} reason=\"{}\"", count, why);
            const int digests = digest.fire(now);
            if (fired.messages > 0 || digests > 0)
                worker.wake();
        },
        std::chrono::milliseconds(cfg.reminders.recheck_ms));

    // Escalation alerts have their own driver, armed for the earliest pending escalation timer.
    escalation_job escalations(
        cases, [&] { return current_rules.get(); },
        {delivery.compose().webhooks, delivery.compose().service}, cfg.reminders.policy.late_after);
    escalations.resync(clock->now());
    runtime::timer_driver escalation_timers(
        loop, *clock, [&] { return escalations.next_at(); },
        [&](core::instant now) {
            if (escalations.fire(now) > 0)
                worker.wake();
        },
        std::chrono::milliseconds(cfg.reminders.recheck_ms));

    api::metrics stats;
    // The dashboard's sign-in sessions live in memory: a restart signs everyone out.
    std::optional<api::dashboard_sessions> dashboard;
    if (cfg.dashboard.enabled)
        dashboard.emplace(cfg.dashboard);
    api::api service({cases, [&] { return current_rules.get(); }, *clock, cfg.time_zone, stats,
                      [&] {
                          timers.poke();
                          escalation_timers.poke();
                      },
                      dashboard ? &*dashboard : nullptr});
    http::server server(loop.io(), cfg.api.address, cfg.api.port, limits_of(cfg.api),
                        [&](const http::request& r) { return service.handle(r); });
    std::uint16_t port = 0;
    try {
        port = server.listen();
    } catch (const std::exception& e) {
        spdlog::critical("api.listen_failed reason=\"{}\"", e.what());
        return 1;
    }
    spdlog::info("api.listening address={} port={}", cfg.api.address, port);
    if (dashboard)
        spdlog::info(
            "dashboard.ready path=/dashboard secure_cookie={} idle_minutes={} absolute_hours={}",
            cfg.dashboard.secure_cookie,
            std::chrono::duration_cast<std::chrono::minutes>(cfg.dashboard.idle).count(),
            std::chrono::duration_cast<std::chrono::hours>(cfg.dashboard.absolute).count());
    worker.start();
    timers.start();
    escalation_timers.start();
    spdlog::info("delivery.ready transport=\"{}\" threads={}", delivery.describe(),
                 cfg.delivery.threads);

    std::function<void()> watchdog;
    if (const auto every = runtime::watchdog_interval()) {
        watchdog = [&, every = *every] {
            runtime::notify_watchdog();
            loop.after(every, watchdog);
        };
        loop.after(std::chrono::milliseconds(0), watchdog);
    }

    bool stopping = false;
    // Once the last connection has closed, stop without waiting out the grace period.
    std::function<void()> stop_when_idle = [&] {
        if (server.open_connections() == 0)
            loop.stop();
        else
            loop.after(std::chrono::milliseconds(20), stop_when_idle);
    };
    loop.on_signals({SIGTERM, SIGINT, SIGHUP}, [&](int signal) {
        if (signal == SIGHUP) {
            try {
                const config next = load_config(cfg.file);
                auto rules = snapshot_of(next);
                digest.reload(next, rules);
                current_rules.set(std::move(rules));
                recompute_if_rules_changed(cases, next, *current_rules.get(), *clock);
                escalations.resync(clock->now());
                timers.poke();
                escalation_timers.poke();
                spdlog::info("daemon.reloaded config={}", cfg.file.string());
            } catch (const std::exception& e) {
                spdlog::error("daemon.reload_failed reason=\"{}\" keeping=previous", e.what());
            }
            return;
        }
        if (stopping)
            return;
        stopping = true;
        runtime::notify_stopping();
        spdlog::info("daemon.stopping signal={} grace_ms={}", signal, cfg.api.shutdown_grace_ms);
        timers.stop();
        escalation_timers.stop();
        server.shutdown();
        loop.after(std::chrono::milliseconds(cfg.api.shutdown_grace_ms), [&] {
            spdlog::warn("daemon.grace_expired open_connections={}", server.open_connections());
            loop.stop();
        });
        loop.after(std::chrono::milliseconds(0), stop_when_idle);
    });
    runtime::notify_ready("listening on " + cfg.api.address + ":" + std::to_string(port) +
                          ", delivery " + delivery.describe());
    loop.run(cfg.api.threads);
    worker.stop();
    const auto sent = worker.stats();
    spdlog::info("daemon.stopped sent={} retried={} dead={}", sent.sent, sent.retried, sent.dead);
    return 0;
}

} // namespace reviewd::app
