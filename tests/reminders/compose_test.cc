// Reminder emails and their calendar part: one mail per person carrying every deadline in it as a
// published event (UID and SEQUENCE as in the IRO's feed, DTSTAMP the time the reminder fell due,
// ORGANIZER the mail's From), none when turned off, and never a calendar on a webhook.
#include "reminders/compose.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using reviewd::test::day;
namespace store = reviewd::store;
namespace reminders = reviewd::reminders;
namespace rules = reviewd::rules;

namespace {

store::due_timer due(std::int64_t id, const std::string& child, rules::deadline_kind kind,
                     int sequence, const std::string& on, int revision, std::int64_t fire_at,
                     const std::string& audience = "iro") {
    store::due_timer t;
    t.timer_id = id;
    t.tag = "before-5";
    t.audience = audience;
    t.fire_at = fire_at;
    t.child = child;
    t.deadline.id = id * 10;
    t.deadline.revision = revision;
    t.deadline.deadline.kind = kind;
    t.deadline.deadline.sequence = sequence;
    t.deadline.deadline.clock_start = day("2026-01-05");
    t.deadline.deadline.due = day(on);
    t.deadline.deadline.practical_due = day(on);
    t.deadline.deadline.rule_set = "england";
    t.deadline.deadline.basis = "20 working days from the start of care";
    if (audience != "webhook")
        t.email = "i1@council.example";
    return t;
}

reminders::compose_options with_calendar() {
    reminders::compose_options o;
    o.mail.text = "{{items}}";
    o.webhooks = {"case-system"};
    o.calendar.enabled = true;
    o.calendar.organizer = "IRO reminders <iro-reminders@council.example>";
    return o;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// 2026-01-26T08:00:00Z and a minute later.
constexpr std::int64_t monday_8am = 1769414400;

} // namespace

TEST_CASE("a reminder email carries its deadlines as one published calendar",
          "[reminders][calendar]") {
    const std::vector<store::due_timer> timers = {
        due(1, "C1", rules::deadline_kind::review, 1, "2026-02-02", 3, monday_8am),
        due(2, "C 2", rules::deadline_kind::care_plan, 1, "2026-01-30", 1, monday_8am + 60),
        due(3, "C1", rules::deadline_kind::review, 1, "2026-02-02", 3, monday_8am, "webhook")};
    const auto out = reminders::compose_reminders(timers, with_calendar());
    REQUIRE(out.size() == 2);
    const auto& mail = out[0].channel == "email" ? out[0] : out[1];
    const auto& hook = out[0].channel == "email" ? out[1] : out[0];
    CHECK(hook.calendar_body.empty());
    const std::string& ics = mail.calendar_body;
    INFO(ics);
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(count(ics, "\r\nMETHOD:PUBLISH\r\n") == 1);
    CHECK(count(ics, "BEGIN:VEVENT\r\n") == 2);
    // The feed's UIDs: the case reference percent-encoded, then the deadline's key.
    CHECK(count(ics, "UID:C1/p1/review/1@reviewd\r\n") == 1);
    CHECK(count(ics, "UID:C%202/p1/care_plan/1@reviewd\r\n") == 1);
    CHECK(count(ics, "SEQUENCE:2\r\n") == 1); // revision 3
    CHECK(count(ics, "SEQUENCE:0\r\n") == 1); // revision 1
    CHECK(count(ics, "DTSTART;VALUE=DATE:20260202\r\n") == 1);
    CHECK(count(ics, "DTSTART;VALUE=DATE:20260130\r\n") == 1);
    CHECK(count(ics, "DTSTAMP:20260126T080100Z\r\n") == 2); // the later reminder's time
    CHECK(count(ics, "ORGANIZER;CN=IRO reminders:mailto:iro-reminders@council.example\r\n") == 2);

    // The same timers give the same text, so a retried write is the same message.
    CHECK(reminders::compose_reminders(timers, with_calendar())[0].calendar_body ==
          out[0].calendar_body);
}

TEST_CASE("with the calendar part off a reminder email has none", "[reminders][calendar]") {
    auto options = with_calendar();
    options.calendar.enabled = false;
    const auto out = reminders::compose_reminders(
        {due(1, "C1", rules::deadline_kind::review, 1, "2026-02-02", 1, monday_8am)}, options);
    REQUIRE(out.size() == 1);
    CHECK(out[0].channel == "email");
    CHECK(out[0].calendar_body.empty());
}
