// An independent reading of our calendars: Python's icalendar package (Debian python3-icalendar)
// parses the text, and tests/ical/read_ics.py checks what clients rely on (CRLF, 75 octets,
// UTF-8 per line, all-day dates, SEQUENCE, STATUS, VALARM). Text must come back unescaped exactly
// as it went in.
#include "ical/deadline_events.h"
#include "ical/ical_test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace reviewd;
using namespace reviewd::test;
using nlohmann::json;

TEST_CASE("Python's icalendar reads an IRO's feed as we meant it", "[ical][python]") {
    auto open = review_entry("C1");
    // A basis long enough to fold, with every character TEXT escapes and multi-octet UTF-8.
    open.deadline.basis = "6 months after 2026-04-03, review 2 held; skipped \"Gŵyl y Banc\" "
                          "\\ closure, and a line\nbreak — then 📅 more text to pass 75 octets";
    auto met = review_entry("C2");
    met.deadline.status = rules::deadline_status::met;
    met.deadline.met_on = core::make_day(2026, 9, 30);
    met.revision = 2;
    auto cancelled = review_entry("C3");
    cancelled.deadline.status = rules::deadline_status::cancelled;
    cancelled.revision = 3;
    auto withdrawn = review_entry("C4");
    withdrawn.deadline.kind = rules::deadline_kind::review_request;
    withdrawn.deadline.sequence = 1;
    withdrawn.withdrawn = true;
    withdrawn.revision = 2;

    const std::string text =
        ical::iro_feed("I1", {open, met, cancelled, withdrawn}, {}, fixed_stamp());
    const json report = json::parse(read_with_python(text));
    INFO(report.dump(2));
    CHECK(report["problems"].empty());
    CHECK(report["calendar"]["VERSION"] == "2.0");
    CHECK(report["calendar"]["X-WR-CALNAME"] == "reviewd: deadlines for IRO I1");
    CHECK(report["calendar"]["REFRESH-INTERVAL"] == "PT1H");
    REQUIRE(report["events"].size() == 4);

    const json& first = report["events"][0];
    CHECK(first["uid"] == "C1/p1/review/3@reviewd");
    CHECK(first["sequence"] == 0);
    CHECK(first["start"] == "2026-10-02");
    CHECK(first["end"] == "2026-10-03");
    CHECK(first["stamp"] == "2026-09-01T08:30:00+00:00");
    CHECK(first["status"] == "CONFIRMED");
    CHECK(first["summary"] == "Child C1: Review 3 due");
    CHECK(first["description"] == ical::deadline_event(open, {}).description);
    REQUIRE(first["alarms"].size() == 1);
    CHECK(first["alarms"][0]["trigger_seconds"] == -15 * 3600);

    CHECK(report["events"][1]["summary"] == "Child C2: Review 3 met 2026-09-30");
    CHECK(report["events"][1]["sequence"] == 1);
    CHECK(report["events"][1]["alarms"].empty());
    CHECK(report["events"][2]["status"] == "CANCELLED");
    CHECK(report["events"][2]["sequence"] == 2);
    CHECK(report["events"][3]["status"] == "CANCELLED");
    CHECK(report["events"][3]["uid"] == "C4/p1/review_request/1@reviewd");
    CHECK(report["events"][3]["summary"] == "Child C4: Review brought forward 1 withdrawn");
}

TEST_CASE("Python's icalendar reads a published deadline with its organizer",
          "[ical][python][publish]") {
    const std::string text = ical::deadline_publication(
        review_entry(), "\"Tîm IRO, Cyngor\" <iro-reminders@cyngor.cymru>", {}, fixed_stamp());
    const json report = json::parse(read_with_python(text));
    INFO(report.dump(2));
    CHECK(report["problems"].empty());
    CHECK(report["calendar"]["METHOD"] == "PUBLISH");
    REQUIRE(report["events"].size() == 1);
    CHECK(report["events"][0]["organizer"] == "mailto:iro-reminders@cyngor.cymru");
    CHECK(report["events"][0]["organizer_cn"] == "Tîm IRO, Cyngor");
}

TEST_CASE("the reader itself catches a calendar that breaks the rules", "[ical][python]") {
    // The checks above mean something only if read_ics.py can fail: a bare LF, an over-long line,
    // a split UTF-8 sequence and a timed DTSTART must each be reported.
    const std::string bad = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
                            "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260901T083000Z\r\n"
                            "DTSTART:20261002T090000Z\r\nDTEND:20261002T100000Z\r\n"
                            "SEQUENCE:0\r\nSTATUS:CONFIRMED\n"
                            "SUMMARY:" +
                            std::string(70, 'x') + "\xc3\r\n \xa9\r\n" +
                            "END:VEVENT\r\nEND:VCALENDAR\r\n";
    const json report = json::parse(read_with_python(bad));
    INFO(report.dump(2));
    const std::string problems = report["problems"].dump();
    CHECK(problems.find("bare CR or LF") != std::string::npos);
    CHECK(problems.find("not valid UTF-8") != std::string::npos);
    CHECK(problems.find("DTSTART is not a DATE") != std::string::npos);
    const std::string long_line =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + std::string(80, 'p') +
        "\r\nEND:VCALENDAR\r\n";
    CHECK(json::parse(read_with_python(long_line))["problems"].dump().find("more than 75") !=
          std::string::npos);
}
