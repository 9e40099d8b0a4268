// The dashboard's reads on a real SQLite file, with figures known by construction: open
// deadlines overdue and due this week grouped by IRO (boundaries at today and at the end of the
// week, archived and met cases left out, lists capped but counts whole), caseloads, stale
// escalations, the outbox's dead messages, a token looked up by name, and the audit row.
//
// Today is Wednesday 2026-02-04 (the week runs Monday 2 to Sunday 8 February). Rules england:
//   C1 (I1) from Mon 5 Jan, nothing recorded: visit 12 Jan, care plan 19 Jan, review 2 Feb: all
//            overdue (23, 16 and 2 days)
//   C2 (I1) from Wed 7 Jan, visited 10 Jan, care plan 8 Jan: review 4 Feb (today: due this week,
//            not overdue); next visit 21 Feb (after the week)
//   C3 (I2) from Thu 8 Jan, visited 9 Jan, care plan 8 Jan: review Thu 5 Feb (this week)
//   C4 (no IRO) from Mon 5 Jan, visited and care plan 6 Jan: review 2 Feb (overdue)
//   C5 (I2) like C1 but archived: nothing counted
#include "store/escalation_fixture.h"
#include "store/sqlite.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

using reviewd::test::day;
using reviewd::test::escalation_store_fixture;
namespace store = reviewd::store;
using reviewd::test::case_builder;

namespace {

struct dashboard_fixture : escalation_store_fixture {
    dashboard_fixture() {
        put("C2",
            case_builder()
                .period("2026-01-07")
                .care_plan_on("2026-01-08")
                .placement("2026-01-07")
                .visit("2026-01-10"),
            "I1");
        put("C3",
            case_builder()
                .period("2026-01-08")
                .care_plan_on("2026-01-08")
                .placement("2026-01-08")
                .visit("2026-01-09"),
            "I2");
        put("C4",
            case_builder()
                .period("2026-01-05")
                .care_plan_on("2026-01-06")
                .placement("2026-01-05")
                .visit("2026-01-06"),
            std::nullopt);
        put("C5", case_builder().period("2026-01-05").placement("2026-01-05"), "I2");
        REQUIRE(db->archive_case("C5", who, "t"));
    }

    void put(const std::string& ref, const case_builder& b, std::optional<std::string> iro) {
        auto facts = b.facts();
        facts.child.id = ref;
        REQUIRE(db->put_case(facts, rules, who, "t"));
        if (iro)
            REQUIRE(db->put_assignments(ref, {*iro, std::nullopt, std::nullopt}, who, "t"));
    }

    store::dashboard_query query(const std::string& today = "2026-02-04",
                                 const std::string& week_end = "2026-02-08") const {
        store::dashboard_query q;
        q.today = day(today);
        q.week_end = day(week_end);
        return q;
    }

    // An outbox row written straight to the file, in a state the delivery workers would leave.
    void outbox_row(const std::string& event, const std::string& state, int attempts,
                    const std::string& error) {
        auto c = store::connection::open(file, false);
        auto st = c.prepare(
            "INSERT INTO outbox (event_id, channel, recipient, event_type, subject, text_body, "
            "html_body, json_body, state, attempts, created_at, first_attempt_at, "
            "next_attempt_at, last_error) VALUES (?1, 'webhook', 'case-system', "
            "'deadline.reminder', 'subject', 'body', '', '{}', ?2, ?3, 1770000000, 1770000060, "
            "1770000000, ?4)");
        st.bind(1, event).bind(2, state).bind(3, attempts).bind(4, error).run();
    }
};

std::vector<std::string> children_of(const std::vector<store::dashboard_deadline>& items) {
    std::vector<std::string> out;
    for (const auto& d : items)
        out.push_back(d.child + "/" + d.kind + "/" + reviewd::core::format_iso_date(d.due));
    return out;
}

} // namespace

TEST_CASE("dashboard deadlines: overdue before today, due this week from today to Sunday, by "
          "IRO",
          "[store][dashboard]") {
    dashboard_fixture f;
    const auto figures = f.db->dashboard(f.query());
    CHECK(figures.overdue == 4);
    CHECK(figures.due_this_week == 2);
    REQUIRE(figures.deadlines.size() == 3);

    const auto& i1 = figures.deadlines[0];
    CHECK(i1.iro == "I1");
    CHECK(i1.name == "Staff I1");
    CHECK(i1.overdue == 3);
    CHECK(i1.due_this_week == 1);
    CHECK(children_of(i1.overdue_items) ==
          std::vector<std::string>{"C1/social_worker_visit/2026-01-12", "C1/care_plan/2026-01-19",
                                   "C1/review/2026-02-02"});
    CHECK(children_of(i1.this_week_items) == std::vector<std::string>{"C2/review/2026-02-04"});

    const auto& i2 = figures.deadlines[1];
    CHECK(i2.iro == "I2");
    CHECK(i2.overdue == 0); // C5 is archived
    CHECK(children_of(i2.this_week_items) == std::vector<std::string>{"C3/review/2026-02-05"});

    const auto& none = figures.deadlines[2];
    CHECK_FALSE(none.iro);
    CHECK(none.name.empty());
    CHECK(children_of(none.overdue_items) == std::vector<std::string>{"C4/review/2026-02-02"});
}

TEST_CASE("dashboard deadlines: the end of the week is inclusive, met deadlines drop out and "
          "lists are capped while counts stay whole",
          "[store][dashboard]") {
    dashboard_fixture f;
    CHECK(f.db->dashboard(f.query("2026-02-04", "2026-02-05")).due_this_week == 2);
    CHECK(f.db->dashboard(f.query("2026-02-04", "2026-02-04")).due_this_week == 1);
    // The day after: C2's review (due 4 Feb) is overdue by then.
    const auto thursday = f.db->dashboard(f.query("2026-02-05"));
    CHECK(thursday.overdue == 5);
    CHECK(thursday.due_this_week == 1);

    auto capped = f.query();
    capped.items_per_group = 2;
    const auto figures = f.db->dashboard(capped);
    CHECK(figures.deadlines[0].overdue == 3);
    CHECK(figures.deadlines[0].overdue_items.size() == 2);

    // C2's review held: it leaves the week.
    REQUIRE(f.db->edit_case(
        "C2", "review.add",
        [](reviewd::rules::case_facts& facts) -> std::optional<reviewd::core::error> {
            facts.reviews.push_back({day("2026-02-03"), std::nullopt, std::nullopt});
            return std::nullopt;
        },
        f.rules, f.who, "t"));
    CHECK(f.db->dashboard(f.query()).due_this_week == 1);
}

TEST_CASE("dashboard caseloads count open cases per IRO and the children without one",
          "[store][dashboard]") {
    dashboard_fixture f;
    REQUIRE(f.db->put_person(
        {"I3", "iro", "Staff I3", "i3@council.example", std::string("M1"), false}, f.who, "t"));
    const auto figures = f.db->dashboard(f.query());
    REQUIRE(figures.caseloads.size() == 2); // I3 is inactive and holds no case
    CHECK(figures.caseloads[0].iro == "I1");
    CHECK(figures.caseloads[0].children == 2);
    CHECK(figures.caseloads[0].active);
    CHECK(figures.caseloads[1].iro == "I2");
    CHECK(figures.caseloads[1].children == 1); // C5 is archived
    CHECK(figures.open_children == 4);
    CHECK(figures.children_without_iro == 1);
}

TEST_CASE("dashboard escalations: stale ones with their stage, open ones counted",
          "[store][dashboard]") {
    dashboard_fixture f;
    // Team manager stage, 5 working days from Monday 26 January: due 2 February, stale from 3.
    const std::string stale = f.raise("2026-01-26T10:00:00Z");
    f.raise("2026-02-02T10:00:00Z"); // stale from 10 February
    const auto figures = f.db->dashboard(f.query());
    CHECK(figures.open_escalations == 2);
    CHECK(figures.stale_escalations == 1);
    REQUIRE(figures.stale.size() == 1);
    const auto& e = figures.stale[0];
    CHECK(e.id == stale);
    CHECK(e.child == "C1");
    CHECK(e.raised_by == "I1");
    CHECK(e.status == "open");
    CHECK(e.stage == "team_manager");
    CHECK(e.raised_on == day("2026-01-26"));
    CHECK(e.stale_from == day("2026-02-03"));
    CHECK(f.db->dashboard(f.query("2026-02-02")).stale_escalations == 0);
}

TEST_CASE("dashboard delivery: dead and pending counted, the latest dead listed newest first",
          "[store][dashboard]") {
    dashboard_fixture f;
    f.outbox_row("evt_a", "dead", 1, "http 404");
    f.outbox_row("evt_b", "sent", 1, "");
    f.outbox_row("evt_c", "pending", 2, "http 500");
    for (int i = 0; i < 6; ++i)
        f.outbox_row("evt_d" + std::to_string(i), "dead", 3 + i, "smtp 550 " + std::to_string(i));
    const auto figures = f.db->dashboard(f.query());
    CHECK(figures.dead_messages == 7);
    CHECK(figures.pending_messages == 1);
    REQUIRE(figures.latest_dead.size() == 5);
    CHECK(figures.latest_dead[0].last_error == "smtp 550 5");
    CHECK(figures.latest_dead[0].attempts == 8);
    CHECK(figures.latest_dead[0].channel == "webhook");
    CHECK(figures.latest_dead[0].event_type == "deadline.reminder");
    CHECK(figures.latest_dead[0].created_at == 1770000000);
    CHECK(figures.latest_dead[0].first_attempt_at == 1770000060);
    CHECK(figures.latest_dead[4].last_error == "smtp 550 1");
    CHECK(figures.latest_dead[0].id > figures.latest_dead[4].id);
}

TEST_CASE("dashboard sessions look tokens up by name, live ones only, and audit in one row",
          "[store][dashboard]") {
    dashboard_fixture f;
    REQUIRE(f.db->create_token({"boss", "manager", std::nullopt}, f.who, "t"));
    const auto live = f.db->live_token("boss");
    REQUIRE(live);
    CHECK(live->role == "manager");
    CHECK_FALSE(f.db->live_token("nobody"));
    REQUIRE(f.db->revoke_token("boss", f.who, "t"));
    CHECK_FALSE(f.db->live_token("boss"));

    f.db->audit({"boss"}, "dashboard.sign_in", "dashboard", "remote=127.0.0.1",
                "2026-02-04T10:00:00Z");
    CHECK(f.count("audit", "actor = 'boss' AND action = 'dashboard.sign_in' AND subject = "
                           "'dashboard' AND detail = 'remote=127.0.0.1'") == 1);
}
