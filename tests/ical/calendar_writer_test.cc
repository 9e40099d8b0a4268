// The VCALENDAR writer: structure, all-day dates, alarms, feed properties and METHOD:PUBLISH.
#include "ical/calendar_writer.h"
#include "ical/ical_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace reviewd::ical;
using namespace reviewd::test;

namespace {

event sample_event() {
    event e;
    e.uid = "C1/p1/review/3@reviewd";
    e.sequence = 2;
    e.day = reviewd::core::make_day(2026, 12, 31);
    e.summary = "Child C1: Review 3 due";
    e.description = "Line one; with, punctuation\nLine two";
    e.reminder = display_alarm{-std::chrono::hours(15), "Review 3 due"};
    return e;
}

calendar_header feed_header() {
    calendar_header h;
    h.product_id = "-//reviewd//test//EN";
    h.name = "Deadlines, I1";
    h.refresh = std::chrono::hours(1);
    return h;
}

} // namespace

TEST_CASE("a calendar is CRLF lines from BEGIN:VCALENDAR to END:VCALENDAR", "[ical][writer]") {
    const std::string text = write_calendar(feed_header(), {sample_event()}, fixed_stamp());
    const auto lines = physical_lines(text);
    REQUIRE(lines.size() > 10);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines[1] == "VERSION:2.0");
    CHECK(lines[2] == "PRODID:-//reviewd//test//EN");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(text.substr(text.size() - 2) == "\r\n");
    // No bare LF and no bare CR anywhere.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            CHECK((i > 0 && text[i - 1] == '\r'));
        if (text[i] == '\r')
            CHECK((i + 1 < text.size() && text[i + 1] == '\n'));
    }
    for (const auto& line : lines)
        CHECK(line.size() <= 75);
}

TEST_CASE("an all-day event ends the next day, even across a year end", "[ical][writer]") {
    const std::string text = write_calendar(feed_header(), {sample_event()}, fixed_stamp());
    CHECK(values_of(text, "DTSTART") == std::vector<std::string>{"20261231"});
    CHECK(values_of(text, "DTEND") == std::vector<std::string>{"20270101"});
    const auto lines = logical_lines(text);
    CHECK(std::count(lines.begin(), lines.end(), "DTSTART;VALUE=DATE:20261231") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "DTEND;VALUE=DATE:20270101") == 1);
    CHECK(values_of(text, "DTSTAMP") == std::vector<std::string>{"20260901T083000Z"});
    CHECK(values_of(text, "SEQUENCE") == std::vector<std::string>{"2"});
    CHECK(values_of(text, "UID") == std::vector<std::string>{"C1/p1/review/3@reviewd"});
    CHECK(values_of(text, "TRANSP") == std::vector<std::string>{"TRANSPARENT"});
    CHECK(values_of(text, "STATUS") == std::vector<std::string>{"CONFIRMED"});
}

TEST_CASE("TEXT properties are escaped in the output", "[ical][writer]") {
    const std::string text = write_calendar(feed_header(), {sample_event()}, fixed_stamp());
    CHECK(values_of(text, "DESCRIPTION").front() == "Line one\\; with\\, punctuation\\nLine two");
    CHECK(values_of(text, "X-WR-CALNAME") == std::vector<std::string>{"Deadlines\\, I1"});
    CHECK(values_of(text, "NAME") == std::vector<std::string>{"Deadlines\\, I1"});
}

TEST_CASE("a feed says how often to refresh it", "[ical][writer]") {
    const std::string text = write_calendar(feed_header(), {}, fixed_stamp());
    const auto lines = logical_lines(text);
    CHECK(std::count(lines.begin(), lines.end(), "REFRESH-INTERVAL;VALUE=DURATION:PT1H") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "X-PUBLISHED-TTL:PT1H") == 1);
    CHECK(values_of(text, "METHOD").empty());
    CHECK(values_of(text, "BEGIN") == std::vector<std::string>{"VCALENDAR"}); // no events
}

TEST_CASE("an open event has a display alarm relative to its start", "[ical][writer]") {
    const std::string text = write_calendar(feed_header(), {sample_event()}, fixed_stamp());
    const auto lines = logical_lines(text);
    const auto begin = std::find(lines.begin(), lines.end(), "BEGIN:VALARM");
    const auto end = std::find(lines.begin(), lines.end(), "END:VALARM");
    REQUIRE(begin != lines.end());
    REQUIRE(end != lines.end());
    CHECK(std::find(begin, end, "ACTION:DISPLAY") != end);
    CHECK(std::find(begin, end, "TRIGGER;RELATED=START:-PT15H") != end);
    CHECK(std::find(begin, end, "DESCRIPTION:Review 3 due") != end);
    // The alarm sits inside the event.
    CHECK(std::find(end, lines.end(), "END:VEVENT") != lines.end());
}

TEST_CASE("a cancelled event says CANCELLED and rings no alarm", "[ical][writer]") {
    event e = sample_event();
    e.status = event_status::cancelled;
    const std::string text = write_calendar(feed_header(), {e}, fixed_stamp());
    CHECK(values_of(text, "STATUS") == std::vector<std::string>{"CANCELLED"});
    CHECK(text.find("VALARM") == std::string::npos);
}

TEST_CASE("a published calendar names its method and organizer, and has no refresh",
          "[ical][writer]") {
    calendar_header h;
    h.product_id = "-//reviewd//test//EN";
    h.method = "PUBLISH";
    h.publisher = organizer{"reminders@council.gov.uk", "IRO reminders; Cyngor"};
    const std::string text = write_calendar(h, {sample_event()}, fixed_stamp());
    CHECK(values_of(text, "METHOD") == std::vector<std::string>{"PUBLISH"});
    const auto lines = logical_lines(text);
    CHECK(std::count(lines.begin(), lines.end(),
                     "ORGANIZER;CN=\"IRO reminders; Cyngor\":mailto:reminders@council.gov.uk") ==
          1);
    CHECK(values_of(text, "REFRESH-INTERVAL").empty());
    CHECK(values_of(text, "X-WR-CALNAME").empty());
}

TEST_CASE("an organizer cannot break out of its parameter or value", "[ical][writer]") {
    calendar_header h;
    h.product_id = "p";
    h.method = "PUBLISH";
    h.publisher = organizer{"a@b.example\r\nX-EVIL:1", "Name \"quoted\"\nX-EVIL:2"};
    const std::string text = write_calendar(h, {sample_event()}, fixed_stamp());
    CHECK(values_of(text, "X-EVIL").empty());
    const auto lines = logical_lines(text);
    CHECK(std::count(lines.begin(), lines.end(),
                     "ORGANIZER;CN=\"Name quotedX-EVIL:2\":mailto:a@b.exampleX-EVIL:1") == 1);
}
