// The daily digest on a real SQLite file, composed by the real composer: one mail per person
// listing their open deadlines (overdue first), only for the audiences that take the digest,
// written once per day even when asked again, and a new one the next working day.
#include "reminders/digest.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>
#include <date/tz.h>

using reviewd::test::day;
using reviewd::test::store_fixture;
namespace store = reviewd::store;
namespace schedule = reviewd::schedule;

namespace {

struct digest_fixture : store_fixture {
    schedule::reminder_policy policy;
    schedule::digest_policy digest;
    reviewd::reminders::compose_options mail;

    digest_fixture() {
        policy.rules.push_back({{reviewd::rules::deadline_kind::review},
                                {schedule::audience::iro, schedule::audience::iro_manager,
                                 schedule::audience::webhook},
                                {5, 1},
                                true,
                                true,
                                1});
        digest.enabled = true;
        mail.mail.text = "{{count}} item(s){{late_note}}\n{{items}}";
        REQUIRE(db->put_person({"M1", "iro_manager", "Manager", "m1@council.example", std::nullopt},
                               who, "t"));
        REQUIRE(db->put_person({"I1", "iro", "IRO One", "i1@council.example", std::string("M1")},
                               who, "t"));
        // Review 1 of each is due 2026-02-02 (20 working days from 5 January).
        for (const char* ref : {"C1", "C2"}) {
            REQUIRE(db->put_case(simple_case(ref), rules, who, "t"));
            REQUIRE(db->put_assignments(ref, {std::string("I1"), std::nullopt, std::nullopt}, who,
                                        "t"));
        }
    }

    std::optional<int> fire(const char* iso_day, bool late = false) {
        store::digest_firing how;
        how.day = day(iso_day);
        how.scan_until = how.day + date::days{44};
        how.late = late;
        how.compose = [&](const std::vector<store::digest_entry>& entries) {
            reviewd::reminders::digest_options o;
            o.day = how.day;
            o.late = late;
            o.digest = &digest;
            o.reminders = &policy;
            o.calendar_for = [&](const store::stored_deadline& d) {
                const auto* set = rules.book.by_id(d.deadline.rule_set);
                return set ? rules.calendars.find(set->holidays) : nullptr;
            };
            return reviewd::reminders::compose_digests(entries, o, mail);
        };
        return db->fire_digest(reviewd::core::instant{how.day} + std::chrono::hours(8), how);
    }

    std::vector<std::string> column(const std::string& sql) {
        std::vector<std::string> out;
        auto c = store::connection::open(file, false, true);
        auto st = c.prepare(sql);
        while (st.step())
            out.push_back(st.text(0));
        return out;
    }
};

} // namespace

TEST_CASE("one digest per person per day, listing their deadlines", "[store][digest]") {
    digest_fixture f;
    const auto written = f.fire("2026-01-26");
    REQUIRE(written);
    CHECK(*written == 2); // the IRO and the IRO manager; webhooks are never digested
    CHECK(f.column("SELECT recipient FROM outbox ORDER BY recipient") ==
          std::vector<std::string>{"i1@council.example", "m1@council.example"});
    const auto bodies = f.column("SELECT text_body FROM outbox WHERE recipient = "
                                 "'i1@council.example'");
    REQUIRE(bodies.size() == 1);
    // Monday 26 January to Monday 2 February: five working days.
    CHECK_THAT(bodies[0], Catch::Contains("- child C1: review 1, due in 5 working days (due "
                                          "2026-02-02)"));
    CHECK_THAT(bodies[0], Catch::Contains("- child C2: review 1, due in 5 working days"));
    const auto subjects = f.column("SELECT subject FROM outbox ORDER BY recipient");
    CHECK(subjects[0] == "[reviewd] Daily digest for 2026-01-26: 0 overdue, 2 due soon");
    CHECK(f.column("SELECT DISTINCT event_type FROM outbox") ==
          std::vector<std::string>{"deadline.digest"});
    CHECK(f.db->last_digest_day() == day("2026-01-26"));
}

TEST_CASE("a digest is written once a day, however often it is asked for", "[store][digest]") {
    digest_fixture f;
    REQUIRE(f.fire("2026-01-26"));
    const auto before = f.count("outbox");
    CHECK_FALSE(f.fire("2026-01-26"));
    CHECK_FALSE(f.fire("2026-01-23")); // an earlier day, after a clock jump back
    CHECK(f.count("outbox") == before);
    REQUIRE(f.fire("2026-01-27"));
    CHECK(f.count("outbox") == 2 * before);
    CHECK(f.count("outbox", "event_id LIKE 'evt_digest_20260127_%'") == before);
}

TEST_CASE("overdue deadlines come first; met ones and archived children are left out",
          "[store][digest]") {
    digest_fixture f;
    REQUIRE(f.db->archive_case("C2", f.who, "t"));
    // Wednesday 4 February: review 1 (due 2 February) is overdue.
    REQUIRE(f.fire("2026-02-04"));
    auto bodies = f.column("SELECT text_body FROM outbox WHERE recipient = 'i1@council.example'");
    REQUIRE(bodies.size() == 1);
    CHECK_THAT(bodies[0], Catch::Contains("- child C1: review 1, overdue since 2026-02-02"));
    CHECK_THAT(bodies[0], !Catch::Contains("C2"));
    CHECK(f.column("SELECT subject FROM outbox WHERE recipient = 'i1@council.example'")[0] ==
          "[reviewd] Daily digest for 2026-02-04: 1 overdue, 0 due soon");

    // The review is held: nothing is left to list, so no digest is written the next day.
    REQUIRE(f.db->edit_case(
        "C1", "review.add",
        [](reviewd::rules::case_facts& c) -> std::optional<reviewd::core::error> {
            c.reviews.push_back({day("2026-02-04"), std::nullopt, std::nullopt});
            return std::nullopt;
        },
        f.rules, f.who, "t"));
    const auto next = f.fire("2026-02-05");
    REQUIRE(next);
    CHECK(*next == 0);
}

TEST_CASE("only the audiences that take the digest get one", "[store][digest]") {
    digest_fixture f;
    f.digest.to = {schedule::audience::iro_manager};
    REQUIRE(f.fire("2026-01-26"));
    CHECK(f.column("SELECT recipient FROM outbox") ==
          std::vector<std::string>{"m1@council.example"});
}

TEST_CASE("a late digest says so", "[store][digest]") {
    digest_fixture f;
    REQUIRE(f.fire("2026-01-26", true));
    CHECK(f.count("outbox", "late = 1") == 2);
    CHECK_THAT(f.column("SELECT subject FROM outbox")[0], Catch::StartsWith("[reviewd] (late) "));
}
