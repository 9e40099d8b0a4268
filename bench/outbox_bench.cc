// Benchmark: N reminders falling due at the same instant (default 100,000), moved to the outbox
// in one transaction with the real composer and templates, on a real SQLite file (WAL,
// synchronous=FULL). Prints the time and the messages written. Emails carry their calendar
// part as the shipped configuration says; --calendar 0 or 1 overrides it, for comparison.
//
//   outbox_bench [--timers 100000] [--children 2000] [--iros 50] [--calendar 0|1]
#include "config.h"
#include "reminders/compose.h"
#include "rules_loader.h"
#include "store/case_store.h"
#include "store/maintenance.h"
#include "store/sqlite.h"
#include "synthetic_cases.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    int timers = 100000, children = 2000, iros = 50, calendar = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        (flag == "--timers"     ? timers
         : flag == "--children" ? children
         : flag == "--calendar" ? calendar
                                : iros) = std::atoi(argv[i + 1]);
    }
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("reviewd-outbox-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "bench.db";
    const auto cfg = reviewd::app::load_config(REVIEWD_SOURCE_DIR "/config/reviewd.toml");
    const auto loaded = reviewd::app::load_rules(cfg);
    reviewd::store::prepare_database(file, true);
    reviewd::store::case_store db(file);
    const reviewd::store::rule_context rules{loaded.book, loaded.calendars};
    const reviewd::store::actor who{"bench"};

    // The caseload: children with their deadlines, each assigned to one of the IROs.
    const auto setup_begin = std::chrono::steady_clock::now();
    for (int i = 0; i < iros; ++i)
        db.put_person({"I" + std::to_string(i), "iro", "IRO " + std::to_string(i),
                       "iro" + std::to_string(i) + "@council.example", std::nullopt},
                      who, "t");
    std::mt19937_64 rng(20261123);
    for (int i = 0; i < children; ++i) {
        const auto facts = reviewd::bench::synthetic_child(rng, i);
        if (!db.put_case(facts, rules, who, "t"))
            return 1;
        db.put_assignments(facts.child.id,
                           {"I" + std::to_string(i % iros), std::nullopt, std::nullopt}, who, "t");
    }
    // The timers: spread over the open deadlines, all due at the same instant.
    const std::int64_t due_at = 1'800'000'000; // 2027-01-15T08:00:00Z
    {
        auto raw = reviewd::store::connection::open(file, false);
        raw.exec("UPDATE deadlines SET state = 'open', met_on = NULL");
        raw.exec("DELETE FROM timers");
        raw.exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                 std::to_string(timers - 1) +
                 "), d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM deadlines), "
                 "c AS (SELECT count(*) AS k FROM deadlines) "
                 "INSERT INTO timers (deadline_id, key, tag, audience, fire_at) "
                 "SELECT d.id, 'bench/' || n.i, 'due', CASE WHEN n.i % 4 = 0 THEN 'webhook' ELSE "
                 "'iro' END, " +
                 std::to_string(due_at) + " FROM n, c JOIN d ON d.rn = n.i % c.k");
    }
    const double setup =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_begin).count();

    reviewd::reminders::compose_options options;
    options.mail.text = reviewd::app::read_file(cfg.reminders.templates / "reminder.txt");
    options.mail.html = reviewd::app::read_file(cfg.reminders.templates / "reminder.html");
    options.webhooks = {"case-system"};
    // As the shipped configuration: every email carries its deadlines as a calendar.
    options.calendar.enabled = calendar < 0 ? cfg.reminders.calendar_part : calendar != 0;
    options.calendar.organizer = cfg.delivery.from;
    reviewd::store::firing how;
    how.today = reviewd::core::make_day(2027, 1, 15);
    how.compose = [&](const std::vector<reviewd::store::due_timer>& due) {
        return reviewd::reminders::compose_reminders(due, options);
    };
    const auto begin = std::chrono::steady_clock::now();
    const auto result =
        db.fire_due_timers(reviewd::core::instant{std::chrono::seconds(due_at)}, how);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("outbox: %d timers due at one instant -> %d fired, %d skipped, %d outbox messages "
                "in %.2f s "
                "(target < 5 s; calendar part %s; setup %.1f s for %d children)\n",
                timers, result.fired, result.skipped, result.messages, seconds,
                options.calendar.enabled ? "on" : "off", setup, children);
    fs::remove_all(dir);
    return 0;
}
