// Escalation alert timers on a real SQLite file, with time passed in: re-synced by key without
// duplicates, fired once into the outbox and never re-armed, late after downtime, skipped when
// they no longer apply, and automatic advances applied by reviewd as audited events.
#include "store/escalation_fixture.h"

#include "store/sqlite.h"

#include <catch2/catch.hpp>

#include <set>

using reviewd::test::escalation_store_fixture;
using reviewd::test::utc;
namespace store = reviewd::store;
namespace esc = reviewd::escalation;
using esc::event_kind;

namespace {

std::set<std::string> recipients(const std::vector<store::due_escalation_timer>& batch) {
    std::set<std::string> out;
    for (const auto& t : batch)
        if (t.email)
            out.insert(*t.email);
    return out;
}

} // namespace

TEST_CASE("a stale stage fires once to its owner, the IRO and the IRO manager, never again",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.db->next_escalation_timer_at());
    CHECK(*f.db->next_escalation_timer_at() == utc("2026-06-09T07:00:00Z"));

    CHECK(f.fire("2026-06-09T06:59:59Z").fired == 0);
    const auto fired = f.fire("2026-06-09T07:00:00Z");
    CHECK(fired.fired == 3);
    CHECK(fired.late == 0);
    CHECK(fired.messages == 3);
    REQUIRE(f.batches.size() == 1);
    const auto& batch = f.batches.front();
    CHECK(recipients(batch) ==
          std::set<std::string>{"I1@council.example", "M1@council.example", "T1@council.example"});
    for (const auto& t : batch) {
        CHECK(t.kind == "stage_stale");
        CHECK(t.escalation == id);
        CHECK(t.child == "C1");
        CHECK(t.stage == "team_manager");
        REQUIRE(t.due_on);
        CHECK(reviewd::core::format_iso_date(*t.due_on) == "2026-06-08");
        CHECK(t.working_days_overdue == 1);
    }
    CHECK(f.count("escalation_timers", "state = 'fired'") == 3);
    CHECK(f.count("outbox") == 3);

    // Again at the same instant, later that day, and after the clock goes back: nothing.
    CHECK(f.fire("2026-06-09T07:00:00Z").fired == 0);
    CHECK(f.fire("2026-06-09T12:00:00Z").fired == 0);
    CHECK(f.fire("2026-06-08T12:00:00Z").fired == 0);
    CHECK(f.count("outbox") == 3);
    // The next is the first chaser, five working days on.
    CHECK(*f.db->next_escalation_timer_at() == utc("2026-06-16T07:00:00Z"));
}

TEST_CASE("an action keeps unchanged timers, never re-arms a fired one and adds no duplicates",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.fire("2026-06-09T07:00:00Z").fired == 3);
    const auto row_of = [&](const char* key) {
        auto c = store::connection::open(f.file, false, true);
        auto st = c.prepare("SELECT id || ':' || state FROM escalation_timers WHERE key = ?1");
        st.bind(1, key);
        return st.step() ? st.text(0) : std::string("none");
    };
    const std::string chaser = row_of("team_manager/2026-06-01/stage_chase-1/iro");
    const std::string stale = row_of("team_manager/2026-06-01/stage_stale/iro");
    const std::string total = row_of("total/2026-06-01/total_breached/iro");
    CHECK(stale.ends_with(":fired"));
    CHECK(chaser.ends_with(":pending"));
    CHECK(total.ends_with(":pending"));

    // Setting the checklist and recording an event that changes no timer keep every row.
    REQUIRE(f.db->set_escalation_checklist(id, esc::checklist{true, true, false}, f.ctx(), f.who,
                                           utc("2026-06-09T09:00:00Z")));
    CHECK(row_of("team_manager/2026-06-01/stage_chase-1/iro") == chaser);
    // Acknowledging stops the chasers but leaves the fired stale alert as history.
    const int rows_before = f.count("escalation_timers");
    const int chasers_before =
        f.count("escalation_timers", "state = 'pending' AND kind = 'stage_chase'");
    REQUIRE(chasers_before > 0);
    auto r =
        f.act(id, f.action(event_kind::acknowledged, "T1", "team_manager"), "2026-06-09T10:00:00Z");
    REQUIRE(r);
    CHECK(r.value().timers_added == 0);
    CHECK(row_of("team_manager/2026-06-01/stage_chase-1/iro") == "none");
    CHECK(row_of("team_manager/2026-06-01/stage_stale/iro") == stale);
    CHECK(row_of("total/2026-06-01/total_breached/iro") == total);
    CHECK(f.count("escalation_timers", "state = 'pending' AND kind = 'stage_stale'") == 0);
    // Nothing was added: only the pending chasers went.
    CHECK(f.count("escalation_timers") == rows_before - chasers_before);
}

TEST_CASE("after downtime, due alerts fire once, marked late, and only the latest chaser is worded",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    f.raise("2026-06-01T10:00:00Z");
    // Down from before the stale day until the day after the second chaser (16 and 23 June).
    const auto fired = f.fire("2026-06-24T12:00:00Z");
    CHECK(fired.fired == 9); // stale + two chasers, to three people each
    CHECK(fired.late == 9);
    REQUIRE(f.batches.size() == 1);
    for (const auto& t : f.batches.front())
        CHECK(t.late);
    CHECK(f.count("escalation_timers", "state = 'fired' AND late = 1") == 9);
    // Nothing of it again, whatever the clock says.
    CHECK(f.fire("2026-06-24T12:00:00Z").fired == 0);
    CHECK(f.fire("2026-06-20T12:00:00Z").fired == 0);
}

TEST_CASE("a person without an address still fires the alert (webhooks go), and says so",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    // The assignment names no team manager: the stage owner cannot be found.
    REQUIRE(
        f.db->put_assignments("C1", {std::string("I1"), std::nullopt, std::nullopt}, f.who, "t2"));
    f.raise("2026-06-01T10:00:00Z");
    const auto fired = f.fire("2026-06-09T07:00:00Z");
    CHECK(fired.fired == 3);
    CHECK(fired.without_email == 1);
    CHECK(fired.messages == 2);
    CHECK(f.count("escalation_timers", "state = 'fired' AND note = 'no address for stage_owner'") ==
          1);
}

TEST_CASE("a configured mailbox answers for a stage nobody in people holds",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    f.setup.owner_emails.emplace("team_manager", "tm-duty@council.example");
    f.raise("2026-06-01T10:00:00Z");
    f.fire("2026-06-09T07:00:00Z");
    REQUIRE(f.batches.size() == 1);
    CHECK(recipients(f.batches.front()).count("tm-duty@council.example") == 1);
    CHECK(recipients(f.batches.front()).count("T1@council.example") == 0);
}

TEST_CASE("timers of an escalation about a closed case are skipped",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.db->archive_case("C1", f.who, "2026-06-05T00:00:00Z"));
    const auto fired = f.fire("2026-06-09T07:00:00Z");
    CHECK(fired.fired == 0);
    CHECK(fired.skipped == 3);
    CHECK(fired.skipped_because.at("the child's case is closed (archived)") == 3);
    CHECK(f.count("outbox") == 0);
}

TEST_CASE("with auto-escalation the stage climbs by itself, audited as reviewd, and the next "
          "owner is told",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    for (auto& s : f.setup.ladder.stages)
        s.auto_escalate = true;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    CHECK(f.count("escalation_timers", "kind = 'auto_advance'") == 1);
    const auto fired = f.fire("2026-06-09T07:00:00Z");
    CHECK(fired.auto_advanced == 1);
    CHECK(fired.fired == 4); // three stale alerts and the advance
    const auto stored = f.db->get_escalation(id);
    REQUIRE(stored);
    CHECK(stored->stage == "service_manager");
    const auto& last = stored->record.history.back();
    CHECK(last.kind == event_kind::advanced);
    CHECK(last.actor == "reviewd");
    CHECK(last.role == "system");
    CHECK(reviewd::core::format_iso_date(last.local_day) == "2026-06-09");
    CHECK(stored->asked.back() == std::optional<std::string>("S1"));
    CHECK(f.count("audit", "action = 'escalation.auto_advanced' AND actor = "
                           "'reviewd:auto-escalation' AND detail LIKE "
                           "'%stages=team_manager->service_manager%'") == 1);
    // The batch: three stale alerts about the team manager, and the notice of the advance to the
    // IRO, the IRO manager and the service manager.
    REQUIRE(f.batches.size() == 1);
    std::set<std::string> notified;
    for (const auto& t : f.batches.front())
        if (t.kind == "auto_advanced") {
            CHECK(t.from_stage == "team_manager");
            CHECK(t.stage == "service_manager");
            notified.insert(t.email.value_or("-"));
        }
    CHECK(notified ==
          std::set<std::string>{"I1@council.example", "M1@council.example", "S1@council.example"});
    // The old stage's chasers are gone; the new stage has its own clock.
    CHECK(f.count("escalation_timers", "state = 'pending' AND stage = 'team_manager'") == 0);
    CHECK(f.count("escalation_timers",
                  "state = 'pending' AND key LIKE 'service_manager/2026-06-09/%'") > 0);
    // Firing again changes nothing.
    CHECK(f.fire("2026-06-09T07:00:00Z").fired == 0);
    CHECK(f.db->get_escalation(id)->record.history.size() == 2);
}

TEST_CASE("after downtime automatic advances chain up to the stage that needs endorsement",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    for (auto& s : f.setup.ladder.stages)
        s.auto_escalate = true;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    // Down for a month: the team manager's and the service manager's clocks both ran out.
    for (int i = 0; i < 5; ++i)
        f.fire("2026-07-01T12:00:00Z");
    const auto stored = f.db->get_escalation(id);
    REQUIRE(stored);
    CHECK(stored->status == "awaiting_endorsement");
    REQUIRE(stored->record.history.size() == 3);
    CHECK(stored->record.history[1].kind == event_kind::advanced);
    CHECK(stored->record.history[2].kind == event_kind::endorsement_requested);
    CHECK(stored->record.history[2].stage == "head_of_service");
    CHECK(f.count("escalation_timers", "state = 'fired' AND kind = 'auto_advance' AND late = 1") ==
          1);
}

TEST_CASE("a changed ladder re-times pending timers on re-sync and keeps fired ones",
          "[store][escalation][timers]") {
    escalation_store_fixture f;
    f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.fire("2026-06-09T07:00:00Z").fired == 3);
    const auto timers = f.count("escalation_timers");
    f.setup.ladder.chase_interval_working_days = 2;
    const auto resync = f.db->resync_escalations(f.ctx(), utc("2026-06-09T08:00:00Z"));
    CHECK(resync.seen == 1);
    CHECK(resync.problems.empty());
    CHECK(f.count("escalation_timers") == timers); // same keys, new days
    CHECK(f.count("escalation_timers", "key = 'team_manager/2026-06-01/stage_chase-1/iro' AND "
                                       "local_day = '2026-06-11'") == 1);
    CHECK(f.count("escalation_timers", "state = 'fired'") == 3);

    // A ladder without the stage an escalation is at cannot replay it: reported, left alone.
    f.setup.ladder.stages.erase(f.setup.ladder.stages.begin());
    const auto broken = f.db->resync_escalations(f.ctx(), utc("2026-06-09T08:00:00Z"));
    REQUIRE(broken.problems.size() == 1);
    CHECK(broken.problems.front().find("ESC-1") == 0);
    CHECK(f.count("escalation_timers") == timers);
}

TEST_CASE("a stale endorsement request, the breached total and a late Cafcass report each go to "
          "the IRO and the IRO manager",
          "[store][escalation][timers]") {
    const auto of_kind = [](const std::vector<store::due_escalation_timer>& batch,
                            const std::string& kind) {
        std::vector<store::due_escalation_timer> out;
        for (const auto& t : batch)
            if (t.kind == kind)
                out.push_back(t);
        return out;
    };
    SECTION("endorsement: asked on Tuesday 2 June, due in two working days, stale on Friday") {
        escalation_store_fixture f;
        const std::string id = f.raise("2026-06-01T10:00:00Z");
        REQUIRE(f.act(id, f.action(event_kind::endorsement_requested, "I1", "iro", "director"),
                      "2026-06-02T09:00:00Z"));
        CHECK(f.fire("2026-06-05T07:00:00Z").fired == 2);
        REQUIRE(f.batches.size() == 1);
        const auto stale = of_kind(f.batches[0], "endorsement_stale");
        REQUIRE(stale.size() == 2);
        CHECK(recipients(stale) ==
              std::set<std::string>{"I1@council.example", "M1@council.example"});
        CHECK(stale[0].stage == "director");
        CHECK(reviewd::core::format_iso_date(*stale[0].due_on) == "2026-06-04");
        CHECK(stale[0].working_days_overdue == 1);
    }
    SECTION("total: 20 working days from Monday 1 June end on 29 June; the alert goes on the "
            "30th") {
        escalation_store_fixture f;
        f.raise("2026-06-01T10:00:00Z");
        f.fire("2026-06-30T06:59:00Z");
        f.batches.clear();
        f.fire("2026-06-30T07:00:00Z");
        REQUIRE(f.batches.size() == 1);
        const auto total = of_kind(f.batches[0], "total_breached");
        REQUIRE(total.size() == 2);
        CHECK(recipients(total) ==
              std::set<std::string>{"I1@council.example", "M1@council.example"});
        CHECK(reviewd::core::format_iso_date(*total[0].due_on) == "2026-06-29");
    }
    SECTION("Cafcass: referred on 2 June, a report due 28 days on (30 June), chased on 1 July") {
        escalation_store_fixture f;
        const std::string id = f.raise("2026-06-01T10:00:00Z");
        REQUIRE(f.act(id, f.action(event_kind::referred_to_cafcass, "I1", "iro"),
                      "2026-06-02T09:00:00Z"));
        CHECK(f.fire("2026-06-30T12:00:00Z").fired == 0); // the stage and total clocks stopped
        CHECK(f.fire("2026-07-01T07:00:00Z").fired == 2);
        REQUIRE(f.batches.size() == 1);
        const auto late = of_kind(f.batches[0], "cafcass_report_late");
        REQUIRE(late.size() == 2);
        CHECK(reviewd::core::format_iso_date(*late[0].due_on) == "2026-06-30");
        CHECK(late[0].stage == "cafcass");
        // A progress report restarts the clock: the chasers of the old one go.
        REQUIRE(f.act(id, f.action(event_kind::cafcass_progress_report, "I1", "iro"),
                      "2026-07-02T09:00:00Z"));
        CHECK(f.count("escalation_timers",
                      "state = 'pending' AND key LIKE 'cafcass/2026-06-02/%'") == 0);
        CHECK(
            f.count("escalation_timers",
                    "state = 'pending' AND key LIKE 'cafcass/2026-07-02/cafcass_report_late/%'") ==
            2);
    }
}
