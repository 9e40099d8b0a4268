// Reminder timers and the outbox on a real SQLite file, with time passed in: timers follow their
// deadlines, fire once (never again after a clock jump back), coalesce when late, and outbox
// messages move through pending, sending, sent, retry and dead.
#include "store/store_fixture.h"

#include <catch2/catch.hpp>
#include <date/tz.h>

using reviewd::test::day;
using reviewd::test::store_fixture;
namespace store = reviewd::store;

namespace {

// "2026-01-26T08:00:00Z" as an instant.
reviewd::core::instant at(const std::string& iso) {
    const auto seconds = std::chrono::hours(std::stoi(iso.substr(11, 2))) +
                         std::chrono::minutes(std::stoi(iso.substr(14, 2))) +
                         std::chrono::seconds(std::stoi(iso.substr(17, 2)));
    return reviewd::core::instant{day(iso.substr(0, 10))} + seconds;
}

struct reminder_fixture : store_fixture {
    reviewd::schedule::reminder_policy policy;
    std::vector<std::vector<store::due_timer>> batches; // what compose was asked to write

    reminder_fixture() {
        policy.rules.push_back({{reviewd::rules::deadline_kind::review},
                                {reviewd::schedule::audience::iro},
                                {5, 1},
                                true,
                                true,
                                1});
        rules.reminders = &policy;
        rules.zone = date::locate_zone("Europe/London");
        REQUIRE(
            db->put_person({"I1", "iro", "IRO One", "i1@council.example", std::nullopt}, who, "t"));
        REQUIRE(db->put_case(simple_case("C1"), rules, who, "t")); // review 1 due 2026-02-02
        REQUIRE(
            db->put_assignments("C1", {std::string("I1"), std::nullopt, std::nullopt}, who, "t"));
    }

    store::firing_result fire(const char* when) {
        store::firing how;
        how.today = day(std::string(when).substr(0, 10));
        how.compose = [&](const std::vector<store::due_timer>& due) {
            batches.push_back(due);
            std::vector<store::outbox_message> out;
            std::map<std::string, std::vector<std::int64_t>> by_recipient;
            for (const auto& t : due)
                by_recipient[*t.email].push_back(t.timer_id);
            for (const auto& [email, ids] : by_recipient)
                out.push_back({"evt_" + std::to_string(ids.front()), "email", email,
                               "deadline.reminder", "s", "t", "", "{}", due.front().late,
                               "BEGIN:VCALENDAR\r\nX-FOR:" + email + "\r\nEND:VCALENDAR\r\n"});
            return out;
        };
        return db->fire_due_timers(at(when), how);
    }
};

} // namespace

TEST_CASE("writing a case keeps its reminder timers, and rewriting it changes none",
          "[store][timers]") {
    reminder_fixture f;
    // review 1 (due Monday 2026-02-02): 5 and 1 working days before, due, missed, one weekly
    // chaser.
    CHECK(f.count("timers", "state = 'pending'") == 5);
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t2"));
    CHECK(f.count("timers") == 5);
    REQUIRE(f.db->next_timer_at());
    CHECK(*f.db->next_timer_at() == at("2026-01-26T08:00:00Z")); // 08:00 GMT, 5 working days before
}

TEST_CASE("timers fire once into the outbox and never again, even when the clock goes back",
          "[store][timers]") {
    reminder_fixture f;
    CHECK(f.fire("2026-01-26T07:59:59Z").fired == 0);
    const auto first = f.fire("2026-01-26T08:00:00Z");
    CHECK(first.fired == 1);
    CHECK(first.messages == 1);
    CHECK(first.late == 0);
    CHECK(f.count("outbox", "state = 'pending' AND recipient = 'i1@council.example'") == 1);
    CHECK(f.fire("2026-01-26T08:00:00Z").fired == 0);
    CHECK(f.fire("2026-01-25T09:00:00Z").fired == 0); // the wall clock jumped back a day
    CHECK(f.fire("2026-01-26T12:00:00Z").fired == 0);
    CHECK(f.count("outbox") == 1);
}

TEST_CASE(
    "after downtime the overdue reminders fire once, marked late, in one message per recipient",
    "[store][timers]") {
    reminder_fixture f;
    const auto late = f.fire("2026-02-20T10:00:00Z"); // every timer of review 1 has passed
    CHECK(late.fired == 5);
    CHECK(late.late == 5);
    CHECK(late.messages == 1);
    REQUIRE(f.batches.size() == 1);
    CHECK(f.batches.front().front().deadline.deadline.status ==
          reviewd::rules::deadline_status::missed);
    CHECK(f.count("outbox", "late = 1") == 1);
    CHECK(f.fire("2026-02-21T10:00:00Z").fired == 0);
}

TEST_CASE("late reminders older than the limit are skipped when the policy says so",
          "[store][timers]") {
    reminder_fixture f;
    store::firing how;
    how.today = day("2026-03-20");
    how.skip_older_than = std::chrono::hours(24 * 14);
    how.compose = [](const std::vector<store::due_timer>& due) {
        return std::vector<store::outbox_message>(
            due.empty() ? 0 : 1, {"evt_x", "email", "x@x", "t", "s", "t", "", "{}", true, ""});
    };
    const auto r = f.db->fire_due_timers(at("2026-03-20T10:00:00Z"), how);
    CHECK(r.skipped == 5);
    CHECK(r.fired == 0);
    CHECK(f.count("timers", "state = 'skipped'") == 5);
}

TEST_CASE("a met deadline drops its pending reminders and keeps the fired ones as history",
          "[store][timers]") {
    reminder_fixture f;
    REQUIRE(f.fire("2026-01-26T08:00:00Z").fired == 1);
    REQUIRE(f.db->edit_case(
        "C1", "review.add",
        [](reviewd::rules::case_facts& facts) -> std::optional<reviewd::core::error> {
            facts.reviews.push_back({day("2026-01-28"), std::nullopt, std::nullopt});
            return std::nullopt;
        },
        f.rules, f.who, "t"));
    CHECK(f.count("timers t JOIN deadlines d ON d.id = t.deadline_id",
                  "d.key = 'p1/review/1' AND t.state = 'pending'") == 0);
    CHECK(f.count("timers t JOIN deadlines d ON d.id = t.deadline_id",
                  "d.key = 'p1/review/1' AND t.state = 'fired'") == 1);
    CHECK(f.count("timers t JOIN deadlines d ON d.id = t.deadline_id",
                  "d.key = 'p1/review/2' AND t.state = 'pending'") == 5);
}

TEST_CASE("a reminder with nobody to tell is skipped, and fires once someone is assigned",
          "[store][timers]") {
    reminder_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C2"), f.rules, f.who, "t"));
    const auto r = f.fire("2026-01-26T08:00:00Z");
    CHECK(r.fired == 1);   // C1's
    CHECK(r.skipped == 1); // C2 has no IRO
    REQUIRE(
        f.db->put_assignments("C2", {std::string("I1"), std::nullopt, std::nullopt}, f.who, "t"));
    const auto again = f.fire("2026-01-26T08:05:00Z");
    CHECK(again.fired == 1);
    CHECK(f.batches.back().front().child == "C2");
}

TEST_CASE("outbox messages are claimed, retried, sent, and dead ones alerted and replayed",
          "[store][outbox]") {
    reminder_fixture f;
    REQUIRE(f.fire("2026-01-26T08:00:00Z").messages == 1);
    const auto now = at("2026-01-26T08:00:01Z");
    auto claimed = f.db->claim_outbox(now, std::chrono::seconds(300));
    REQUIRE(claimed);
    CHECK(claimed->attempts == 1);
    CHECK_FALSE(f.db->claim_outbox(now, std::chrono::seconds(300))); // leased
    f.db->record_retry(claimed->id, now + std::chrono::seconds(60), "smtp 451 try later");
    CHECK_FALSE(f.db->claim_outbox(now + std::chrono::seconds(59), std::chrono::seconds(300)));
    claimed = f.db->claim_outbox(now + std::chrono::seconds(60), std::chrono::seconds(300));
    REQUIRE(claimed);
    CHECK(claimed->attempts == 2);
    CHECK(claimed->last_error == std::optional<std::string>("smtp 451 try later"));
    f.db->record_dead(claimed->id, now, "smtp 550 no such user",
                      store::outbox_message{"evt_dead_1", "email", "ops@council.example",
                                            "outbox.dead", "dead", "t", "", "{}", false, ""});
    CHECK(f.count("outbox", "state = 'dead'") == 1);
    CHECK(f.count("outbox", "event_type = 'outbox.dead' AND state = 'pending'") == 1);
    REQUIRE(f.db->retry_outbox(claimed->id, now, f.who));
    CHECK(f.count("outbox", "state = 'pending'") == 2);
    CHECK_FALSE(f.db->retry_outbox(claimed->id, now, f.who)); // pending already
    CHECK_FALSE(f.db->retry_outbox(999, now, f.who));
}

TEST_CASE("messages left sending by a killed daemon go back to pending", "[store][outbox]") {
    reminder_fixture f;
    REQUIRE(f.fire("2026-01-26T08:00:00Z").messages == 1);
    const auto now = at("2026-01-26T08:00:01Z");
    REQUIRE(f.db->claim_outbox(now, std::chrono::seconds(300)));
    CHECK(f.db->release_expired_leases(now + std::chrono::seconds(299)) == 0);
    CHECK(f.db->release_expired_leases(now + std::chrono::seconds(301)) == 1);
    const auto again =
        f.db->claim_outbox(now + std::chrono::seconds(301), std::chrono::seconds(300));
    REQUIRE(again);
    CHECK(again->attempts == 2);
    f.db->record_sent(again->id, now);
    CHECK(f.count("outbox", "state = 'sent'") == 1);
}

TEST_CASE("an email's calendar part is kept with it and handed back when it is claimed",
          "[store][outbox][calendar]") {
    reminder_fixture f;
    REQUIRE(f.fire("2026-01-26T08:00:00Z").messages == 1);
    const auto claimed = f.db->claim_outbox(at("2026-01-26T08:00:01Z"), std::chrono::seconds(300));
    REQUIRE(claimed);
    CHECK(claimed->message.calendar_body ==
          "BEGIN:VCALENDAR\r\nX-FOR:i1@council.example\r\nEND:VCALENDAR\r\n");
    CHECK(f.count("outbox", "calendar_body = ''") == 0);
}

TEST_CASE("an import of history keeps the reminders before its line as history, never sent",
          "[store][timers][import]") {
    reminder_fixture f;
    auto context = f.rules;
    context.history_before = at("2026-01-28T00:00:00Z");
    REQUIRE(f.db->put_case(store_fixture::simple_case("C2"), context, f.who, "t"));
    // C2's review 1 is due 2026-02-02: before-5 on 01-26 is history; before-1 (01-30), due
    // (02-02), missed (02-03) and its weekly chaser (02-10) are to come.
    const std::string c2 = "deadline_id IN (SELECT d.id FROM deadlines d JOIN children c ON "
                           "c.id = d.child_id WHERE c.ref = 'C2')";
    CHECK(f.count("timers", c2 + " AND state = 'skipped' AND note = 'history before the import' "
                                 "AND tag = 'before-5' AND fired_at IS NULL") == 1);
    CHECK(f.count("timers", c2 + " AND state = 'pending'") == 4);
    // A later write without the line leaves history as it is; C1's own before-5 still fires.
    REQUIRE(
        f.db->put_assignments("C2", {std::string("I1"), std::nullopt, std::nullopt}, f.who, "t"));
    CHECK(f.count("timers", c2 + " AND state = 'skipped'") == 1);
    const auto fired = f.fire("2026-01-26T08:00:00Z");
    CHECK(fired.fired == 1);
    REQUIRE(f.batches.size() == 1);
    CHECK(f.batches[0][0].child == "C1");
}
