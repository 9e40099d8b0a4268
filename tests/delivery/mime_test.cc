// The email text: headers a receiver relies on, encodings, line rules, and refusal of anything
// that could inject a header.
#include "delivery/base64.h"
#include "delivery/mime.h"
#include "delivery/mime_encoding.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::core::instant;

namespace {

// 2026-03-05 09:00:00 UTC, a Thursday.
const instant thursday_9am = date::sys_days{date::year{2026} / 3 / 5} + 9h;

message reminder() {
    message m;
    m.event_id = "evt_01HZX4T9K2";
    m.recipient = "iro.team@council.gov.uk";
    m.subject = "Review due 2026-03-20 for child C1";
    m.text_body = "The second review for C1 is due on 2026-03-20.\n";
    m.html_body = "<p>The second review for <b>C1</b> is due on 2026-03-20.</p>";
    return m;
}

const char* from = "IRO reminders <reminders@council.gov.uk>";

std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos); // every line, the last included, ends in CRLF
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string header_section(const std::string& text) {
    return text.substr(0, text.find("\r\n\r\n"));
}

bool has_header_line(const std::string& text, const std::string& prefix) {
    for (const auto& line : crlf_lines(header_section(text) + "\r\n"))
        if (line.rfind(prefix, 0) == 0)
            return true;
    return false;
}

} // namespace

TEST_CASE("the Date header is RFC 5322 in UTC from the injected time", "[delivery][mime]") {
    CHECK(rfc5322_date(thursday_9am) == "Thu, 05 Mar 2026 09:00:00 +0000");
    CHECK(rfc5322_date(date::sys_days{date::year{2024} / 2 / 29} + 23h + 59min + 59s + 999ms) ==
          "Thu, 29 Feb 2024 23:59:59 +0000");
    CHECK(rfc5322_date(date::sys_days{date::year{2027} / 12 / 26}) ==
          "Sun, 26 Dec 2027 00:00:00 +0000");
}

TEST_CASE("a reminder carries Date, From, To, Subject and a Message-ID with the event id",
          "[delivery][mime]") {
    const auto text = build_email(reminder(), from, thursday_9am);
    REQUIRE(text);
    const std::string& t = text.value();
    CHECK(has_header_line(t, "Date: Thu, 05 Mar 2026 09:00:00 +0000"));
    CHECK(has_header_line(t, "From: IRO reminders <reminders@council.gov.uk>"));
    CHECK(has_header_line(t, "To: iro.team@council.gov.uk"));
    CHECK(has_header_line(t, "Subject: Review due 2026-03-20 for child C1"));
    CHECK(has_header_line(t, "Message-ID: <evt_01HZX4T9K2@council.gov.uk>"));
    CHECK(has_header_line(t, "MIME-Version: 1.0"));
    CHECK(has_header_line(t, "Auto-Submitted: auto-generated"));
    CHECK(has_header_line(t, "Content-Type: multipart/alternative; boundary="));
}

TEST_CASE("the same message built twice is the same text", "[delivery][mime]") {
    CHECK(build_email(reminder(), from, thursday_9am).value() ==
          build_email(reminder(), from, thursday_9am).value());
}

TEST_CASE("lines end in CRLF and stay short", "[delivery][mime]") {
    message m = reminder();
    m.subject = "Überprüfung fällig: " + std::string(300, 'x') + " ✓";
    m.text_body = std::string(5000, 'a') + "\n" + std::string(200, ' ') + "\r\nend\rlast";
    m.html_body = "<p>" + std::string(3000, 'b') + "</p>";
    const auto text = build_email(m, from, thursday_9am);
    REQUIRE(text);
    for (const auto& line : crlf_lines(text.value())) {
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.size() <= 78);
    }
}

TEST_CASE("without HTML the message is a single text/plain part", "[delivery][mime]") {
    message m = reminder();
    m.html_body.clear();
    const auto t = build_email(m, from, thursday_9am).value();
    CHECK(has_header_line(t, "Content-Type: text/plain; charset=utf-8"));
    CHECK(has_header_line(t, "Content-Transfer-Encoding: quoted-printable"));
    CHECK(t.find("multipart") == std::string::npos);
    CHECK(t.substr(t.find("\r\n\r\n") + 4) ==
          "The second review for C1 is due on 2026-03-20.\r\n\r\n");
}

TEST_CASE("a non-ASCII subject becomes RFC 2047 encoded-words", "[delivery][mime]") {
    const std::string subject = "Adolygiad yn ddyledus — ‘C1’ ✓ " + std::string(80, 'y');
    const std::string encoded = encode_header_text(subject);
    std::string decoded;
    std::istringstream words(encoded);
    std::string word;
    while (words >> word) {
        CHECK(word.size() <= 75);
        REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
        REQUIRE(word.substr(word.size() - 2) == "?=");
        const auto piece = base64_decode(word.substr(10, word.size() - 12));
        REQUIRE(piece);
        // Each word decodes to whole characters: no UTF-8 sequence split across words.
        CHECK((static_cast<unsigned char>(piece->front()) & 0xc0) != 0x80);
        decoded += *piece;
    }
    CHECK(decoded == subject);
    CHECK(encode_header_text("Plain words") == "Plain words");
    // Long plain text folds before a space; no line passes 78 after "Subject: ".
    const std::string long_plain =
        encode_header_text(std::string(50, 'a') + " " + std::string(30, 'b'), 9);
    CHECK(long_plain == std::string(50, 'a') + "\r\n " + std::string(30, 'b'));
    CHECK(encode_header_text("looks like =?an?Q?encoded_word?=") !=
          "looks like =?an?Q?encoded_word?=");
}

TEST_CASE("quoted-printable escapes what it must and folds long lines", "[delivery][mime]") {
    CHECK(quoted_printable("a=b") == "a=3Db");
    CHECK(quoted_printable("trailing space \nnext") == "trailing space=20\r\nnext");
    CHECK(quoted_printable("tab\t") == "tab=09");
    CHECK(quoted_printable(".\n.. line") == "=2E\r\n=2E. line");
    CHECK(quoted_printable("caf\xc3\xa9") == "caf=C3=A9");
    CHECK(quoted_printable("one\r\ntwo\rthree\nfour") == "one\r\ntwo\r\nthree\r\nfour");
    const std::string folded = quoted_printable(std::string(100, 'z'));
    CHECK(folded == std::string(75, 'z') + "=\r\n" + std::string(25, 'z'));
    // An escape is never split by a soft break.
    const std::string escapes = quoted_printable(std::string(40, '='));
    for (const auto& line : crlf_lines(escapes + "\r\n")) {
        CHECK(line.size() <= 76);
        CHECK((line.size() % 3 == 0 || line.back() == '='));
    }
}

TEST_CASE("addresses that could inject headers are refused", "[delivery][mime]") {
    for (const char* bad :
         {"a@b.c\r\nBcc: victim@example.com", "a@b.c\nBcc: x@y.z", "not an address", "",
          "a@b.c, d@e.f", "<a@b.c", "x <a@b.c> y", "a@@b.c", "a@b..c", "a b@c.d", "a@b.c\r",
          "\"quoted\"@b.c", "na\"me <a@b.c>", "émile@b.c"}) {
        INFO(bad);
        message m = reminder();
        m.recipient = bad;
        const auto text = build_email(m, from, thursday_9am);
        REQUIRE_FALSE(text);
        CHECK(text.err().code == "invalid_address");
        CHECK_FALSE(build_email(reminder(), bad, thursday_9am));
    }
}

TEST_CASE("line breaks in the subject cannot add a header", "[delivery][mime]") {
    message m = reminder();
    m.subject = "Review due\r\nBcc: victim@example.com\nX-Evil: 1";
    const auto t = build_email(m, from, thursday_9am).value();
    CHECK_FALSE(has_header_line(t, "Bcc:"));
    CHECK_FALSE(has_header_line(t, "X-Evil:"));
    CHECK(has_header_line(t, "Subject: Review due  Bcc: victim@example.com X-Evil: 1"));
}

TEST_CASE("event ids that cannot sit in a Message-ID are refused", "[delivery][mime]") {
    for (const char* bad : {"", "evt 1", "evt>1", "evt_1\r\nX: y", ".hidden", "evt/1", "evt@1"}) {
        INFO(bad);
        message m = reminder();
        m.event_id = bad;
        const auto text = build_email(m, from, thursday_9am);
        REQUIRE_FALSE(text);
        CHECK(text.err().code == "invalid_event_id");
    }
    CHECK(is_safe_event_id("evt_01HZX4T9K2.retry-2"));
    CHECK_FALSE(is_safe_event_id(std::string(201, 'a')));
}

TEST_CASE("mailboxes parse and format", "[delivery][mime]") {
    auto box = parse_mailbox("  IRO reminders <reminders@council.gov.uk> ");
    REQUIRE(box);
    CHECK(box.value().display_name == "IRO reminders");
    CHECK(box.value().address == "reminders@council.gov.uk");
    CHECK(box.value().domain() == "council.gov.uk");
    CHECK(parse_mailbox("<a@b.example>").value().display_name.empty());
    CHECK(format_mailbox(parse_mailbox("\"Smith, J.\" <j@b.example>").value()) ==
          "\"Smith, J.\" <j@b.example>");
    const auto welsh = format_mailbox(parse_mailbox("Tîm IRO <iro@cyngor.cymru>").value());
    CHECK(welsh.rfind("=?UTF-8?B?", 0) == 0);
    const std::string tail = " <iro@cyngor.cymru>";
    CHECK(welsh.substr(welsh.size() - tail.size()) == tail);
}

TEST_CASE("a calendar goes beside the body as a base64 text/calendar attachment",
          "[delivery][mime][calendar]") {
    message m = reminder();
    // Folded iCalendar text with a non-ASCII character and a line that ends in a space.
    m.calendar_body = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nSUMMARY:Adolygiad "
                      "\xe2\x9c\x93 \r\n  folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" +
                      std::string(400, 'z') + "\r\n";
    for (const bool with_html : {true, false}) {
        INFO("with html: " << with_html);
        if (!with_html)
            m.html_body.clear();
        const auto text = build_email(m, from, thursday_9am);
        REQUIRE(text);
        const std::string& t = text.value();
        const auto lines = crlf_lines(t);
        for (const auto& line : lines)
            CHECK(line.size() <= 78);
        REQUIRE(has_header_line(t, "Content-Type: multipart/mixed; boundary=\""));
        const std::string head = header_section(t);
        const auto b = head.find("boundary=\"") + 10;
        const std::string mixed = head.substr(b, head.find('"', b) - b);
        // Two parts: the readable body first, then the calendar; nothing after the close.
        const auto first = t.find("\r\n--" + mixed + "\r\n");
        const auto second = t.find("\r\n--" + mixed + "\r\n", first + 1);
        const auto close = t.find("\r\n--" + mixed + "--\r\n");
        REQUIRE(first != std::string::npos);
        REQUIRE(second != std::string::npos);
        REQUIRE(close != std::string::npos);
        CHECK(t.find("\r\n--" + mixed + "\r\n", second + 1) == std::string::npos);
        CHECK(close + mixed.size() + 8 == t.size());
        const std::string body = t.substr(first, second - first);
        CHECK(body.find(with_html
                            ? "Content-Type: multipart/alternative"
                            : "Content-Type: text/plain; charset=utf-8") != std::string::npos);
        CHECK((body.find("text/html") != std::string::npos) == with_html);
        const std::string part =
            t.substr(second + mixed.size() + 6, close - second - mixed.size() - 6);
        const std::string part_head = part.substr(0, part.find("\r\n\r\n"));
        CHECK(part_head == "Content-Type: text/calendar; charset=utf-8; method=PUBLISH;\r\n"
                           " name=\"deadlines.ics\"\r\n"
                           "Content-Disposition: attachment; filename=\"deadlines.ics\"\r\n"
                           "Content-Transfer-Encoding: base64");
        std::string encoded;
        for (const auto& line : crlf_lines(part.substr(part.find("\r\n\r\n") + 4) + "\r\n")) {
            CHECK(line.size() <= 76);
            encoded += line;
        }
        CHECK(base64_decode(encoded) == m.calendar_body); // byte for byte, CRLFs and folds kept
    }
}
