// An independent reading of our email text: Python's email package (policy=default, the strict
// modern parser) must see the same headers and bodies we meant, with no defects.
#include "delivery/mime.h"
#include "support/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace reviewd::delivery;
using namespace std::chrono_literals;

namespace {

const char* parse_script = R"(
import email, email.policy, json, sys
raw = sys.stdin.buffer.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
def defects(m):
    found = [type(d).__name__ for d in m.defects]
    for part in m.iter_parts():
        found += defects(part)
    return found
plain = msg.get_body(('plain',))
html = msg.get_body(('html',))
print(json.dumps({
    "subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
    "message_id": str(msg["message-id"]), "date": msg["date"].datetime.isoformat(),
    "content_type": msg.get_content_type(),
    "text": plain.get_content().replace("\r\n", "\n") if plain else None,
    "html": html.get_content().replace("\r\n", "\n") if html else None,
    "defects": defects(msg)}))
)";

nlohmann::json parse_with_python(const std::string& text) {
    const auto r = reviewd::test::run_process({"/usr/bin/python3", "-c", parse_script}, text);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

} // namespace

TEST_CASE("Python's email parser reads back what we built", "[delivery][mime][python]") {
    message m;
    m.event_id = "evt_01HZX4T9K2";
    m.recipient = "Tîm IRO <iro@cyngor.cymru>";
    m.subject = "Adolygiad yn ddyledus: C1 — 2026-03-20 ✓ " + std::string(60, 'x');
    m.text_body = "Line one\nLine two with trailing space \n.starts with a dot\n" +
                  std::string(200, 'y') + "\nCaf\xc3\xa9 = 5 \xe2\x82\xac\n";
    m.html_body = "<p>Caf\xc3\xa9 &amp; <b>bold</b></p>\n";
    const auto when = date::sys_days{date::year{2026} / 3 / 5} + 9h + 30min;
    const auto text = build_email(m, "IRO reminders <reminders@council.gov.uk>", when);
    REQUIRE(text);

    const auto parsed = parse_with_python(text.value());
    CHECK(parsed["defects"].empty());
    CHECK(parsed["subject"] == m.subject);
    CHECK(parsed["from"] == "IRO reminders <reminders@council.gov.uk>");
    CHECK(parsed["to"] == "Tîm IRO <iro@cyngor.cymru>");
    CHECK(parsed["message_id"] == "<evt_01HZX4T9K2@council.gov.uk>");
    CHECK(parsed["date"] == "2026-03-05T09:30:00+00:00");
    CHECK(parsed["content_type"] == "multipart/alternative");
    // Python hands bodies back with \n line endings.
    CHECK(parsed["text"] == m.text_body);
    CHECK(parsed["html"] == m.html_body);
}

TEST_CASE("Python reads a text-only reminder too", "[delivery][mime][python]") {
    message m;
    m.event_id = "evt_2";
    m.recipient = "iro@council.gov.uk";
    m.subject = "Plain subject";
    m.text_body = "Only text.";
    const auto text =
        build_email(m, "reminders@council.gov.uk", std::chrono::system_clock::time_point{});
    REQUIRE(text);
    const auto parsed = parse_with_python(text.value());
    CHECK(parsed["defects"].empty());
    CHECK(parsed["content_type"] == "text/plain");
    CHECK(parsed["text"] == "Only text.\n");
    CHECK(parsed["date"] == "1970-01-01T00:00:00+00:00");
    CHECK(parsed["html"].is_null());
}

TEST_CASE("Python finds the calendar attachment and the body beside it",
          "[delivery][mime][python][calendar]") {
    static const char* script = R"(
import email, email.policy, json, sys
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
parts = list(msg.iter_attachments())
print(json.dumps({"content_type": msg.get_content_type(), "defects": [type(d).__name__ for d in msg.defects],
    "text": msg.get_body(("plain",)).get_content().replace("\r\n", "\n"),
    "html": msg.get_body(("html",)).get_content().replace("\r\n", "\n"),
    "attachments": [{"type": p.get_content_type(), "method": p.get_param("method"),
                     "charset": p.get_content_charset(), "filename": p.get_filename(),
                     "content": p.get_content()} for p in parts]}))
)";
    message m;
    m.event_id = "evt_3";
    m.recipient = "iro@council.gov.uk";
    m.subject = "Review 2 for child C1: due in 5 working days";
    m.text_body = "Review 2 for C1 is due on 2026-03-20.\n";
    m.html_body = "<p>Review 2 for C1 is due on 2026-03-20.</p>\n";
    m.calendar_body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
                      "SUMMARY:Review 2 \xe2\x80\x94 C1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto text =
        build_email(m, "reminders@council.gov.uk", std::chrono::system_clock::time_point{});
    REQUIRE(text);
    const auto r = reviewd::test::run_process({"/usr/bin/python3", "-c", script}, text.value());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto parsed = nlohmann::json::parse(r.out);
    CHECK(parsed["defects"].empty());
    CHECK(parsed["content_type"] == "multipart/mixed");
    CHECK(parsed["text"] == m.text_body);
    CHECK(parsed["html"] == m.html_body);
    REQUIRE(parsed["attachments"].size() == 1);
    const auto& ics = parsed["attachments"][0];
    CHECK(ics["type"] == "text/calendar");
    CHECK(ics["method"] == "PUBLISH");
    CHECK(ics["charset"] == "utf-8");
    CHECK(ics["filename"] == "deadlines.ics");
    CHECK(ics["content"] == m.calendar_body); // text/* content: Python keeps the CRLFs
}
