// Escalations on a real SQLite file: each action is one transaction (event appended, timers
// re-synced, list cache and audit row written), refused actions leave nothing behind, the history
// is append-only and the audit never holds the description.
#include "store/escalation_fixture.h"

#include "escalation/timers.h"
#include "store/maintenance.h"
#include "store/sqlite.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

using reviewd::test::day;
using reviewd::test::escalation_store_fixture;
using reviewd::test::utc;
namespace store = reviewd::store;
namespace esc = reviewd::escalation;
using esc::event_kind;

namespace {

// Everything the database holds about escalations, to compare before and after a refusal.
struct snapshot {
    std::int64_t events, timers, audit, outbox;
    std::string cache;
    bool operator==(const snapshot&) const = default;
};

snapshot take(escalation_store_fixture& f) {
    auto c = store::connection::open(f.file, false, true);
    auto st = c.prepare("SELECT group_concat(status || '/' || stage || '/' || "
                        "coalesce(stale_from, '-') || '/' || updated_at) FROM escalations");
    st.step();
    return {f.count("escalation_events"), f.count("escalation_timers"), f.count("audit"),
            f.count("outbox"), st.optional_text(0).value_or("")};
}

} // namespace

TEST_CASE("raising an escalation stores it, its first event, its timers and one audit row",
          "[store][escalation]") {
    escalation_store_fixture f;
    const auto audits_before = f.count("audit");
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    CHECK(id == "ESC-1");
    const auto stored = f.db->get_escalation(id);
    REQUIRE(stored);
    CHECK(stored->status == "open");
    CHECK(stored->stage == "team_manager");
    CHECK(reviewd::core::format_iso_date(stored->raised_on) == "2026-06-01");
    // Five working days from Monday 1 June: due Monday 8 June, stale from Tuesday 9 June.
    REQUIRE(stored->stale_from);
    CHECK(reviewd::core::format_iso_date(*stored->stale_from) == "2026-06-09");
    REQUIRE(stored->record.history.size() == 1);
    CHECK(stored->record.history[0].kind == event_kind::raised);
    CHECK(stored->record.history[0].actor == "I1");
    CHECK(stored->asked == std::vector<std::optional<std::string>>{std::string("T1")});

    // The timers are exactly escalation::timers_for's, one row per key.
    const auto wanted =
        esc::timers_for(stored->record, f.setup.ladder,
                        *reviewd::test::shipped_calendar_set().find("england-and-wales"));
    REQUIRE(wanted);
    // stage_stale and 8 chasers to three people, and the 20-day total to two.
    CHECK(wanted.value().size() == 29);
    CHECK(f.count("escalation_timers", "state = 'pending'") == 29);
    CHECK(f.count("escalation_timers",
                  "key = 'team_manager/2026-06-01/stage_stale/stage_owner' AND "
                  "fire_at = strftime('%s', '2026-06-09 07:00:00')") == 1); // 08:00 BST

    CHECK(f.count("audit") == audits_before + 1);
    CHECK(f.count("audit", "action = 'escalation.raised' AND subject = 'escalation ESC-1' AND "
                           "actor = 'test-token'") == 1);
    CHECK(f.count("audit", "detail LIKE '%Sibling%'") == 0);
}

TEST_CASE("raising refuses an unknown child, a person who is not an IRO and a bad description, "
          "writing nothing",
          "[store][escalation]") {
    escalation_store_fixture f;
    const auto before = take(f);
    store::new_escalation x;
    x.child = "NOPE";
    x.raised_by = "I1";
    x.description = "x";
    auto r = f.db->raise_escalation(x, f.ctx(), f.who, utc("2026-06-01T10:00:00Z"));
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "not_found");
    x.child = "C1";
    x.raised_by = "T1";
    r = f.db->raise_escalation(x, f.ctx(), f.who, utc("2026-06-01T10:00:00Z"));
    REQUIRE_FALSE(r);
    CHECK(r.err().field == "iro");
    CHECK(r.err().message == "\"T1\" is a team_manager, not an IRO");
    x.raised_by = "I1";
    x.description = std::string(501, 'a');
    r = f.db->raise_escalation(x, f.ctx(), f.who, utc("2026-06-01T10:00:00Z"));
    REQUIRE_FALSE(r);
    CHECK(r.err().field == "description");
    x.description = "ok";
    x.stage = "director";
    r = f.db->raise_escalation(x, f.ctx(), f.who, utc("2026-06-01T10:00:00Z"));
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "illegal_transition");
    CHECK(take(f) == before);
    CHECK(f.count("escalations") == 0);
}

TEST_CASE("every action up the ladder is recorded with its cache, timers and audit row",
          "[store][escalation]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");

    // The team manager acknowledges: the stale alert stays, the chasers go.
    auto r =
        f.act(id, f.action(event_kind::acknowledged, "T1", "team_manager"), "2026-06-02T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().timers_removed == 24);
    CHECK(r.value().timers_added == 0);
    CHECK(f.pending_keys(id) ==
          std::vector<std::string>{"team_manager/2026-06-01/stage_stale/iro",
                                   "team_manager/2026-06-01/stage_stale/iro_manager",
                                   "team_manager/2026-06-01/stage_stale/stage_owner",
                                   "total/2026-06-01/total_breached/iro",
                                   "total/2026-06-01/total_breached/iro_manager"});

    // It responds: the response clock stops; nothing is stale any more.
    r = f.act(id, f.action(event_kind::responded, "T1", "team_manager", {}, "Contact from July"),
              "2026-06-03T09:00:00Z");
    REQUIRE(r);
    CHECK_FALSE(r.value().after.stale_from);
    CHECK(f.pending_keys(id).size() == 2); // the total alone

    // The IRO advances to the service manager, then asks for the head of service, which needs
    // the IRO manager's endorsement.
    r = f.act(id, f.action(event_kind::advanced, "I1", "iro", "service_manager"),
              "2026-06-04T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.stage == "service_manager");
    CHECK(r.value().after.asked.back() == std::optional<std::string>("S1")); // up T1's line
    r = f.act(id, f.action(event_kind::endorsement_requested, "I1", "iro", "head_of_service"),
              "2026-06-05T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.status == "awaiting_endorsement");
    CHECK(r.value().after.asked.back() == std::optional<std::string>("M1"));
    CHECK(
        f.count("escalation_timers",
                "state = 'pending' AND kind = 'endorsement_stale' AND stage = 'head_of_service'") ==
        2); // to the IRO manager and the IRO

    r = f.act(id, f.action(event_kind::endorsed, "M1", "iro_manager"), "2026-06-08T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.status == "open");
    CHECK(r.value().after.stage == "head_of_service");
    CHECK(r.value().after.asked.back() == std::optional<std::string>("H1"));
    // Entered a formal stage with the checklist incomplete: the event keeps it as it stood.
    REQUIRE(r.value().after.record.history.back().checklist_on_entry);
    CHECK_FALSE(r.value().after.record.history.back().checklist_on_entry->complete());

    // Referred to Cafcass with the checklist completed in the same action.
    auto refer = f.action(event_kind::referred_to_cafcass, "I1", "iro");
    refer.checklist = esc::checklist{true, true, true};
    r = f.act(id, refer, "2026-06-10T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.status == "with_cafcass");
    CHECK(r.value().after.record.checks.complete());
    CHECK(f.count("escalations", "complaints_procedure_explained = 1 AND advocate_offered = 1 AND "
                                 "wishes_and_feelings_recorded = 1") == 1);
    CHECK(f.count("escalation_timers", "state = 'pending' AND kind = 'cafcass_report_late'") == 2);
    CHECK(f.count("escalation_timers", "state = 'pending' AND kind = 'total_breached'") == 0);

    r = f.act(id, f.action(event_kind::cafcass_progress_report, "I1", "iro"),
              "2026-07-01T09:00:00Z");
    REQUIRE(r);
    r = f.act(id, f.action(event_kind::withdrawn_from_cafcass, "I1", "iro", {}, "needs met"),
              "2026-07-20T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.status == "withdrawn");
    CHECK(f.pending_keys(id).empty());

    CHECK(f.count("escalation_events") == 9);
    for (const char* action :
         {"escalation.raised", "escalation.acknowledged", "escalation.responded",
          "escalation.advanced", "escalation.endorsement_requested", "escalation.endorsed",
          "escalation.referred_to_cafcass", "escalation.cafcass_progress_report",
          "escalation.withdrawn_from_cafcass"})
        CHECK(f.count("audit", std::string("action = '") + action + "'") == 1);
    // Ids and people only: never the description, the answer or the outcome.
    CHECK(f.count("audit", "detail LIKE '%Sibling%' OR detail LIKE '%July%' OR detail LIKE "
                           "'%needs met%'") == 0);
}

TEST_CASE("mediation and resolution are recorded, and resolving twice is refused with nothing "
          "written",
          "[store][escalation]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.act(id, f.action(event_kind::endorsement_requested, "I1", "iro", "director"),
                  "2026-06-02T09:00:00Z"));
    auto mediate = f.action(event_kind::mediated, "H1", "head_of_service", {}, "go to director");
    mediate.proceed = true;
    auto r = f.act(id, mediate, "2026-06-03T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.stage == "director");
    CHECK(r.value().after.asked.back() == std::optional<std::string>("D1"));
    r = f.act(id, f.action(event_kind::resolved, "I1", "iro", {}, "needs_met"),
              "2026-06-04T09:00:00Z");
    REQUIRE(r);
    CHECK(r.value().after.status == "resolved");
    CHECK(r.value().after.record.history.back().stage == "director"); // the stage reached

    const auto before = take(f);
    r = f.act(id, f.action(event_kind::resolved, "I1", "iro", {}, "again"), "2026-06-05T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "illegal_transition");
    CHECK(r.err().message == "escalation ESC-1 is already resolved (on 2026-06-04)");
    CHECK(take(f) == before);
}

TEST_CASE("refused actions write nothing: a wrong role, an unknown stage, out of order, unknown "
          "escalation",
          "[store][escalation]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    const auto before = take(f);

    auto r = f.act(id, f.action(event_kind::responded, "D1", "director", {}, "no"),
                   "2026-06-02T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "wrong_role");
    r = f.act(id, f.action(event_kind::advanced, "I1", "iro", "mayor"), "2026-06-02T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "unknown_stage");
    r = f.act(id, f.action(event_kind::advanced, "I1", "iro", "head_of_service"),
              "2026-06-02T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "illegal_transition"); // needs endorsement
    r = f.act(id, f.action(event_kind::acknowledged, "T1", "team_manager"), "2026-05-30T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "out_of_order");
    r = f.act("ESC-99", f.action(event_kind::acknowledged, "T1", "team_manager"),
              "2026-06-02T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "not_found");
    r = f.act("nonsense", f.action(event_kind::acknowledged, "T1", "team_manager"),
              "2026-06-02T09:00:00Z");
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "not_found");
    CHECK(take(f) == before);
}

TEST_CASE("the event history is append-only", "[store][escalation]") {
    escalation_store_fixture f;
    f.raise("2026-06-01T10:00:00Z");
    auto c = store::connection::open(f.file, false);
    CHECK_THROWS_WITH(c.exec("UPDATE escalation_events SET note = 'rewritten'"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(c.exec("DELETE FROM escalation_events"), Catch::Contains("append-only"));
    CHECK(f.count("escalation_events") == 1);
}

TEST_CASE("the checklist is updated without an event, audited once, and closed with the record",
          "[store][escalation]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    const auto audits = f.count("audit");
    const esc::checklist some{true, false, true};
    auto r = f.db->set_escalation_checklist(id, some, f.ctx(), f.who, utc("2026-06-02T09:00:00Z"));
    REQUIRE(r);
    CHECK(r.value().after.record.checks == some);
    CHECK(f.count("audit") == audits + 1);
    CHECK(f.count("audit", "action = 'escalation.checklist' AND detail LIKE "
                           "'%advocate_offered=0%'") == 1);
    r = f.db->set_escalation_checklist(id, some, f.ctx(), f.who, utc("2026-06-02T09:00:01Z"));
    REQUIRE(r);
    CHECK(f.count("audit") == audits + 1); // unchanged: not audited again
    CHECK(f.count("escalation_events") == 1);

    REQUIRE(f.act(id, f.action(event_kind::resolved, "I1", "iro", {}, "needs_met"),
                  "2026-06-03T09:00:00Z"));
    r = f.db->set_escalation_checklist(id, esc::checklist{}, f.ctx(), f.who,
                                       utc("2026-06-04T09:00:00Z"));
    REQUIRE_FALSE(r);
    CHECK(r.err().code == "illegal_transition");
}

TEST_CASE("escalations are listed by status, staleness, stage, IRO and child, a page at a time",
          "[store][escalation]") {
    escalation_store_fixture f;
    REQUIRE(f.db->put_case(escalation_store_fixture::simple_case("C2"), f.rules, f.who, "t"));
    REQUIRE(
        f.db->put_assignments("C2", {std::string("I2"), std::nullopt, std::nullopt}, f.who, "t"));
    const std::string a = f.raise("2026-06-01T10:00:00Z"); // stale from 9 June
    const std::string b = f.raise("2026-06-05T10:00:00Z"); // advanced on 6 June: stale from 13 June
    store::new_escalation x;
    x.child = "C2";
    x.raised_by = "I2";
    x.description = "review not held";
    x.what = esc::category::review_not_held;
    REQUIRE(f.db->raise_escalation(x, f.ctx(), f.who, utc("2026-06-02T10:00:00Z")));
    REQUIRE(f.act(b, f.action(event_kind::advanced, "I1", "iro", "service_manager"),
                  "2026-06-06T10:00:00Z"));
    REQUIRE(f.act("ESC-3", f.action(event_kind::resolved, "I2", "iro", {}, "needs_met"),
                  "2026-06-07T10:00:00Z"));

    const auto ids = [&](store::escalation_filter filter, const char* today) {
        std::vector<std::string> out;
        for (const auto& item : f.db->list_escalations(filter, day(today)).items)
            out.push_back(item.id);
        return out;
    };
    store::escalation_filter all;
    CHECK(ids(all, "2026-06-10") == std::vector<std::string>{"ESC-1", "ESC-2", "ESC-3"});
    store::escalation_filter open;
    open.status = "open";
    CHECK(ids(open, "2026-06-10") == std::vector<std::string>{"ESC-1", "ESC-2"});
    store::escalation_filter stale;
    stale.status = "stale";
    CHECK(ids(stale, "2026-06-08").empty());
    CHECK(ids(stale, "2026-06-09") == std::vector<std::string>{"ESC-1"});
    CHECK(ids(stale, "2026-06-16") == std::vector<std::string>{"ESC-1", "ESC-2"});
    store::escalation_filter by_stage;
    by_stage.stage = "service_manager";
    CHECK(ids(by_stage, "2026-06-10") == std::vector<std::string>{"ESC-2"});
    store::escalation_filter by_iro;
    by_iro.iro = "I2";
    CHECK(ids(by_iro, "2026-06-10") == std::vector<std::string>{"ESC-3"});
    store::escalation_filter by_child;
    by_child.child = "C1";
    by_child.limit = 1;
    const auto first = f.db->list_escalations(by_child, day("2026-06-10"));
    REQUIRE(first.items.size() == 1);
    CHECK(first.items[0].id == "ESC-1");
    REQUIRE(first.next_cursor);
    by_child.cursor = first.next_cursor;
    const auto second = f.db->list_escalations(by_child, day("2026-06-10"));
    REQUIRE(second.items.size() == 1);
    CHECK(second.items[0].id == "ESC-2");
    CHECK_FALSE(second.next_cursor);
    CHECK(a == "ESC-1");
}

TEST_CASE("db check replays every stored history and reports tampering", "[store][escalation]") {
    escalation_store_fixture f;
    const std::string id = f.raise("2026-06-01T10:00:00Z");
    REQUIRE(f.act(id, f.action(event_kind::endorsement_requested, "I1", "iro", "head_of_service"),
                  "2026-06-02T09:00:00Z"));
    REQUIRE(f.act(id, f.action(event_kind::endorsed, "M1", "iro_manager"), "2026-06-03T09:00:00Z"));
    f.fire("2026-06-20T09:00:00Z");
    const auto ctx = f.ctx();
    auto report = store::check_database(f.file, f.rules, &ctx);
    CHECK(report.ok());
    CHECK(report.escalations == 1);
    {
        auto raw = store::connection::open(f.file, false);
        raw.exec("UPDATE escalations SET stage = 'director'");
    }
    report = store::check_database(f.file, f.rules, &ctx);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems.front() ==
          "ESC-1: the list cache says open/director/2026-06-11, the history "
          "open/head_of_service/2026-06-11");
    {
        auto raw = store::connection::open(f.file, false);
        raw.exec("UPDATE escalations SET stage = 'head_of_service'");
        // An event slipped in by hand: a team manager resolving.
        raw.exec("INSERT INTO escalation_events (escalation_id, seq, kind, at, local_day, actor, "
                 "role, stage, note) VALUES (1, 4, 'resolved', strftime('%s', '2026-06-04'), "
                 "'2026-06-04', 'T1', 'team_manager', '', 'done')");
    }
    report = store::check_database(f.file, f.rules, &ctx);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems.front() ==
          "ESC-1: event 4 (resolved on 2026-06-04) does not replay: role: only the IRO resolves an "
          "escalation (role was team_manager)");
}
