// The crash loop: the real daemon SIGKILLed again and again at random moments (seeded; the seed
// is printed) while two clients write through the API and reminders fall due on the driven clock
// and go to the signature-checking webhook receiver and the SMTP sink; restarted after each kill.
// Afterwards: `reviewd db check` is clean, every write that was answered 2xx is there, every
// reminder that fell due went out (every webhook deadline reached the receiver, every outbox
// message was received at least once), and the only duplicates are of messages in flight at a
// kill: no daemon sends one message twice, and none sends what an earlier one recorded as sent.
//
// REVIEWD_CRASH_KILLS (default 100; 30 under sanitizers, whose start-up is slower) and
// REVIEWD_CRASH_SEED (default: random) change the run; scripts/crash-loop runs it with more.
#include "e2e/crash_loop_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <thread>

using nlohmann::json;
using namespace reviewd::test;
using namespace std::chrono_literals;

TEST_CASE("crash loop: SIGKILL at random moments during writes and deliveries loses nothing",
          "[e2e][faults][crash]") {
    const crash_loop_settings settings = crash_loop_settings::from_environment();
    WARN("crash loop: kills=" << settings.kills << " seed=" << settings.seed
                              << " (repeat with REVIEWD_CRASH_SEED=" << settings.seed << ")");
    const auto started = std::chrono::steady_clock::now();

    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    // The driven clock stops when the kills do: emails must not wait for rate-limit tokens then.
    d.delivery_keys = "rate_per_minute = 100000\n";
    delivery_stack s("2026-01-05T07:00:00Z", d);
    for (const char* iro : {"I3", "I4"})
        s.add_iro(iro);

    api_writers writers(s);
    std::mt19937_64 random(settings.seed);
    std::uniform_int_distribution<int> pause_ms(0, settings.max_pause_ms);
    std::vector<std::size_t> hooks_at_kill, mails_at_kill; // receipts when each daemon died
    std::map<std::string, std::size_t> sent_by;            // event id -> first kill it was sent by
    date::sys_days day{date::year{2026} / 1 / 5};

    writers.start(s.api.daemon.port(), day);
    for (int k = 0; k < settings.kills; ++k) {
        // A new day's reminders fall due at 08:00 London (07:00 or 08:00 UTC); the kill comes at a
        // random moment of firing them, delivering them, and writing.
        day += date::days{1};
        writers.set_today(day);
        s.set_clock(day + 8h + 30s);
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
        s.kill();
        const auto [hooks, mails] = settle(receiver, sink);
        hooks_at_kill.push_back(hooks);
        mails_at_kill.push_back(mails);
        for (const auto& event : sent_event_ids(s.api.daemon.database()))
            sent_by.emplace(event, static_cast<std::size_t>(k));
        s.restart();
        writers.start(s.api.daemon.port(), day);
    }
    writers.stop();
    const write_tally written = writers.tally();

    // The last daemon finishes the work: children whose assignment was cut off get their IRO
    // now (their IRO reminders went nowhere), then everything due is fired and delivered.
    for (const auto& ref : written.children_tried)
        if (s.api.call("integration", "GET", "/v1/children/" + ref).status == 200)
            s.assign(ref, iro_for(ref));
    const auto now = s.now();
    const bool delivered = wait_until_delivered(s.api.daemon.database(), now);
    INFO("the end of the daemon log:\n" << (delivered ? std::string() : tail(s.log(), 20000)));
    REQUIRE(delivered);

    // Every write answered 2xx is there.
    std::vector<std::string> missing;
    for (const auto& ref : written.people)
        if (s.api.call("admin", "GET", "/v1/people/" + ref).status != 200)
            missing.push_back("person " + ref);
    for (const auto& [ref, start] : written.children) {
        const auto r = s.api.call("integration", "GET", "/v1/children/" + ref);
        if (r.status != 200 || json::parse(r.body)["case"]["periods"][0]["start"] != start)
            missing.push_back("child " + ref);
    }
    for (const auto& [ref, iro] : written.assignments) {
        const auto r = s.api.call("integration", "GET", "/v1/children/" + ref + "/assignments");
        if (r.status != 200 || json::parse(r.body)["iro"] != iro)
            missing.push_back("assignment of " + ref);
    }
    CHECK(missing.empty());
    CHECK(written.refused.empty()); // no write was answered with an error status
    CHECK(written.people.size() > static_cast<std::size_t>(settings.kills));
    CHECK(written.children.size() >= static_cast<std::size_t>(settings.kills));

    s.stop(); // the last one ends cleanly: SIGTERM, exit 0
    const auto check = s.command({"db", "check"});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    // Every reminder that fell due went out: none is pending, none was dropped except IRO copies
    // for a child with no IRO yet (cut off between writing the child and assigning it).
    const database_view db(s.api.daemon.database());
    CHECK(db.count("timers", "state = 'pending' AND fire_at <= " + unix_text(now)) == 0);
    CHECK(db.count("timers", "state = 'skipped' AND note <> 'nobody assigned to tell (iro)'") == 0);
    CHECK(db.count("outbox", "state <> 'sent'") == 0);
    const auto fired = db.count("timers", "state = 'fired'");
    CHECK(fired > 0);

    // ... and reached its receiver: every deadline of a fired webhook timer is named in a
    // webhook the receiver verified, and every outbox message arrived at least once.
    const auto hooks = received_webhooks(receiver);
    std::set<std::int64_t> named;
    for (const auto& h : hooks)
        named.insert(h.deadline_ids.begin(), h.deadline_ids.end());
    std::int64_t unnamed = 0;
    for (const auto& id : db.column("SELECT deadline_id FROM timers WHERE state = 'fired' AND "
                                    "audience = 'webhook'"))
        unnamed += named.count(std::stoll(id)) ? 0 : 1;
    CHECK(unnamed == 0);
    CHECK(std::all_of(hooks.begin(), hooks.end(), [](const auto& h) { return h.verified; }));
    const auto mails = received_mail_events(sink);
    std::multiset<std::string> got;
    for (const auto& h : hooks)
        got.insert(h.event_id);
    got.insert(mails.begin(), mails.end());
    std::int64_t never_arrived = 0;
    for (const auto& event : db.column("SELECT event_id FROM outbox"))
        never_arrived += got.count(event) ? 0 : 1;
    CHECK(never_arrived == 0);

    // Duplicates only for messages in flight at a kill.
    std::vector<std::string> receipts_hooks;
    for (const auto& h : hooks)
        receipts_hooks.push_back(h.event_id);
    const duplicate_report hook_dups = duplicates(receipts_hooks, hooks_at_kill, sent_by);
    const duplicate_report mail_dups = duplicates(mails, mails_at_kill, sent_by);
    INFO(hook_dups.first_problem << mail_dups.first_problem);
    CHECK(hook_dups.same_daemon_twice == 0);
    CHECK(hook_dups.resent_after_recorded == 0);
    CHECK(mail_dups.same_daemon_twice == 0);
    CHECK(mail_dups.resent_after_recorded == 0);

    const auto seconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count() /
                         1000.0;
    WARN("crash loop: seed=" << settings.seed << " kills=" << settings.kills << " in " << seconds
                             << " s; writes accepted: people=" << written.people.size()
                             << " children=" << written.children.size()
                             << " assignments=" << written.assignments.size()
                             << ", cut off by a kill=" << written.cut_off << "; reminders fired="
                             << fired << "; webhooks received=" << hooks.size() << " (duplicates "
                             << hook_dups.duplicates << "), emails received=" << mails.size()
                             << " (duplicates " << mail_dups.duplicates << ")");
}
