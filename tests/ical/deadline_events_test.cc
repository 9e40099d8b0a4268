// Deadlines as events: stable UIDs, SEQUENCE from the revision, CANCELLED when cancelled or
// withdrawn, and no name or date of birth anywhere.
#include "ical/content_lines.h"
#include "ical/deadline_events.h"
#include "ical/ical_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace reviewd;
using namespace reviewd::ical;
using namespace reviewd::test;

TEST_CASE("the UID comes from the case reference and the deadline's key", "[ical][deadline]") {
    auto entry = review_entry();
    CHECK(event_uid("C1", entry.deadline, "reviewd") == "C1/p1/review/3@reviewd");
    entry.deadline.kind = rules::deadline_kind::social_worker_visit;
    entry.deadline.placement = 2;
    CHECK(event_uid("C1", entry.deadline, "council.example") ==
          "C1/p1/placement2/social_worker_visit/3@council.example");
    // References with other characters cannot collide with the key or break the line.
    CHECK(event_uid("LA 12/34;x", review_entry().deadline, "reviewd") ==
          "LA%2012%2F34%3Bx/p1/review/3@reviewd");
}

TEST_CASE("the UID stays the same when the deadline moves, is met or is cancelled",
          "[ical][deadline]") {
    const feed_settings s;
    auto entry = review_entry();
    const std::string uid = deadline_event(entry, s).uid;
    entry.deadline.due = core::make_day(2026, 11, 20);
    entry.deadline.practical_due = entry.deadline.due;
    entry.deadline.basis = "another basis";
    entry.revision = 2;
    CHECK(deadline_event(entry, s).uid == uid);
    entry.deadline.status = rules::deadline_status::met;
    entry.deadline.met_on = core::make_day(2026, 11, 1);
    CHECK(deadline_event(entry, s).uid == uid);
    entry.withdrawn = true;
    CHECK(deadline_event(entry, s).uid == uid);
    // Another deadline of the same child has another UID.
    auto next = review_entry();
    next.deadline.sequence = 4;
    CHECK(deadline_event(next, s).uid != uid);
}

TEST_CASE("SEQUENCE is the stored revision less one", "[ical][deadline]") {
    auto entry = review_entry();
    CHECK(deadline_event(entry, {}).sequence == 0);
    entry.revision = 4;
    CHECK(deadline_event(entry, {}).sequence == 3);
    const std::string text = iro_feed("I1", {entry}, {}, fixed_stamp());
    CHECK(values_of(text, "SEQUENCE") == std::vector<std::string>{"3"});
}

TEST_CASE("an open deadline is a confirmed all-day event on its practical due date with an alarm",
          "[ical][deadline]") {
    const auto e = deadline_event(review_entry(), {});
    CHECK(e.day == core::make_day(2026, 10, 2));
    CHECK(e.status == event_status::confirmed);
    CHECK(e.summary == "Child C1: Review 3 due");
    CHECK(e.description == "Child C1: Review 3, period of care 1.\n"
                           "Statutory due date 2026-10-03 (Saturday); practical due date "
                           "2026-10-02 (Friday), the last working day on or before it.\n"
                           "Basis: 6 months after 2026-04-03, review 2 held.\n"
                           "Rule set: england (confirmed).");
    REQUIRE(e.reminder);
    CHECK(e.reminder->offset == -std::chrono::hours(15));
    CHECK(e.reminder->description == "Child C1: Review 3 due 2026-10-02 (Friday)");
}

TEST_CASE("a met deadline says when, and rings no alarm", "[ical][deadline]") {
    auto entry = review_entry();
    entry.deadline.status = rules::deadline_status::met_late;
    entry.deadline.met_on = core::make_day(2026, 10, 6);
    const auto e = deadline_event(entry, {});
    CHECK(e.status == event_status::confirmed);
    CHECK(e.summary == "Child C1: Review 3 met late 2026-10-06");
    CHECK(e.description.find("Met on 2026-10-06 (Tuesday).") != std::string::npos);
    CHECK_FALSE(e.reminder);
}

TEST_CASE("cancelled and withdrawn deadlines are STATUS:CANCELLED", "[ical][deadline]") {
    auto cancelled = review_entry();
    cancelled.deadline.status = rules::deadline_status::cancelled;
    cancelled.revision = 2;
    auto withdrawn = review_entry();
    withdrawn.withdrawn = true;
    withdrawn.revision = 3;
    withdrawn.deadline.sequence = 4;
    const std::string text = iro_feed("I1", {cancelled, withdrawn}, {}, fixed_stamp());
    CHECK(values_of(text, "STATUS") == std::vector<std::string>{"CANCELLED", "CANCELLED"});
    CHECK(values_of(text, "SEQUENCE") == std::vector<std::string>{"1", "2"});
    CHECK(values_of(text, "SUMMARY") ==
          std::vector<std::string>{"Child C1: Review 3 cancelled", "Child C1: Review 4 withdrawn"});
    CHECK(text.find("VALARM") == std::string::npos);
}

TEST_CASE("a missed deadline reads like an open one: the words do not depend on today",
          "[ical][deadline]") {
    auto open = review_entry();
    auto missed = review_entry();
    missed.deadline.status = rules::deadline_status::missed;
    const auto a = deadline_event(open, {});
    const auto b = deadline_event(missed, {});
    CHECK(a.summary == b.summary);
    CHECK(a.description == b.description);
    CHECK(a.status == b.status);
    CHECK(b.reminder);
}

TEST_CASE("provisional deadlines and placements are said in the description", "[ical][deadline]") {
    auto entry = review_entry();
    entry.deadline.kind = rules::deadline_kind::social_worker_visit;
    entry.deadline.placement = 1;
    entry.deadline.provisional = true;
    entry.deadline.due = entry.deadline.practical_due;
    const auto e = deadline_event(entry, {});
    CHECK(e.summary == "Child C1: Social worker visit 3 (placement 1) due");
    CHECK(e.description.find("Due 2026-10-02 (Friday).") != std::string::npos);
    CHECK(e.description.find("Provisional:") != std::string::npos);
}

TEST_CASE("no field carries anything but the reference, kind, dates and basis",
          "[ical][deadline][privacy]") {
    // A case reference is all the writer is given about the child; the date of birth is not part
    // of a deadline, and the writer has no other source. The feed holds only what its input holds.
    auto entry = review_entry("LA-000123");
    const std::string text = iro_feed("I1", {entry}, {}, fixed_stamp());
    for (const auto& line : logical_lines(text)) {
        const auto colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        const std::string name = line.substr(0, line.find_first_of(":;"));
        static const std::vector<std::string> allowed = {
            "BEGIN",       "END",          "VERSION",          "PRODID",          "CALSCALE",
            "NAME",        "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID",
            "DTSTAMP",     "SEQUENCE",     "DTSTART",          "DTEND",           "SUMMARY",
            "DESCRIPTION", "STATUS",       "TRANSP",           "ACTION",          "TRIGGER"};
        CHECK(std::find(allowed.begin(), allowed.end(), name) != allowed.end());
    }
    CHECK(text.find("LA-000123") != std::string::npos);
}

TEST_CASE("an IRO's feed names the IRO and refreshes hourly by default", "[ical][deadline]") {
    const std::string text = iro_feed("I1", {review_entry()}, {}, fixed_stamp());
    CHECK(values_of(text, "X-WR-CALNAME") ==
          std::vector<std::string>{"reviewd: deadlines for IRO I1"});
    CHECK(values_of(text, "REFRESH-INTERVAL") == std::vector<std::string>{"PT1H"});
    CHECK(values_of(text, "X-PUBLISHED-TTL") == std::vector<std::string>{"PT1H"});
    CHECK(values_of(text, "PRODID") ==
          std::vector<std::string>{"-//reviewd//reviewd IRO deadlines//EN"});
}

TEST_CASE("one deadline published for an email has the feed's UID and SEQUENCE",
          "[ical][deadline][publish]") {
    auto entry = review_entry();
    entry.revision = 3;
    const std::string mail =
        deadline_publication(entry, "IRO reminders <reminders@council.gov.uk>", {}, fixed_stamp());
    const std::string feed = iro_feed("I1", {entry}, {}, fixed_stamp());
    CHECK(values_of(mail, "METHOD") == std::vector<std::string>{"PUBLISH"});
    CHECK(values_of(mail, "UID") == values_of(feed, "UID"));
    CHECK(values_of(mail, "SEQUENCE") == values_of(feed, "SEQUENCE"));
    CHECK(values_of(mail, "SUMMARY") == values_of(feed, "SUMMARY"));
    const auto lines = logical_lines(mail);
    CHECK(std::count(lines.begin(), lines.end(),
                     "ORGANIZER;CN=IRO reminders:mailto:reminders@council.gov.uk") == 1);
}

TEST_CASE("the organizer comes from an email From", "[ical][deadline][publish]") {
    CHECK(organizer_from("IRO reminders <a@b.example>").address == "a@b.example");
    CHECK(organizer_from("IRO reminders <a@b.example>").name == "IRO reminders");
    CHECK(organizer_from("\"Tîm IRO\" <a@b.example>").name == "Tîm IRO");
    CHECK(organizer_from("a@b.example").address == "a@b.example");
    CHECK(organizer_from("a@b.example").name.empty());
}

TEST_CASE("several deadlines published in one calendar keep their own UIDs",
          "[ical][deadline][publish]") {
    auto second = review_entry("C2");
    second.revision = 2;
    const std::string text = deadlines_publication({review_entry("C1"), second},
                                                   "reminders@council.gov.uk", {}, fixed_stamp());
    CHECK(values_of(text, "METHOD") == std::vector<std::string>{"PUBLISH"});
    CHECK(values_of(text, "UID") ==
          std::vector<std::string>{"C1/p1/review/3@reviewd", "C2/p1/review/3@reviewd"});
    CHECK(values_of(text, "SEQUENCE") == std::vector<std::string>{"0", "1"});
    CHECK(values_of(text, "ORGANIZER") ==
          std::vector<std::string>{"mailto:reminders@council.gov.uk",
                                   "mailto:reminders@council.gov.uk"});
}
