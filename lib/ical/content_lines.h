// The bytes of iCalendar content lines (RFC 5545 section 3.1): TEXT values escaped, lines folded
// at 75 octets (never inside a UTF-8 sequence) and ended with CRLF, and the DATE, UTC DATE-TIME and
// DURATION value forms. Pure.
#pragma once

#include "core/clock.h"
#include "core/dates.h"

#include <chrono>
#include <string>
#include <string_view>

namespace reviewd::ical {

// The most octets on one physical line, not counting its CRLF (continuation lines include their
// leading space in this count).
inline constexpr std::size_t max_line_octets = 75;

// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, a line break (LF, CRLF or
// CR) written as \n. Other control characters cannot appear in TEXT and are dropped; invalid UTF-8
// becomes U+FFFD, so whatever comes in, the value is valid.
std::string escape_text(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// One content line, `name` (with any parameters, "DTSTART;VALUE=DATE") ':' `value` (already in its
// value type's form: escape TEXT first), folded and ended with CRLF, appended to `out`.
void append_line(std::string& out, std::string_view name, std::string_view value);

// Folds one unfolded content line: the first physical line holds at most 75 octets, each
// continuation a space and at most 74 more; a multi-octet UTF-8 character is never split. Every
// physical line ends with CRLF. `line` must be valid UTF-8 without CR or LF.
std::string fold(std::string_view line);

std::string format_date(core::day d);                // DATE: "20260421"
std::string format_utc(core::instant at);            // DATE-TIME in UTC: "20260421T083000Z"
std::string format_duration(std::chrono::seconds d); // "PT1H", "P1D", "-PT15H", "PT0S"

} // namespace reviewd::ical
