// Shared pieces of the iCalendar tests: a deadline to turn into events, a fixed DTSTAMP, and the
// physical lines of a calendar text.
#pragma once

#include "ical/deadline_events.h"

#include <string>
#include <vector>

namespace reviewd::test {

// Review 3 of period 1 for child C1: due Saturday 2026-10-03, practical due Friday 2026-10-02.
ical::deadline_entry review_entry(const std::string& child = "C1");

core::instant fixed_stamp(); // 2026-09-01T08:30:00Z

// The text split at CRLF (the last, empty piece after the final CRLF dropped).
std::vector<std::string> physical_lines(const std::string& text);

// The text unfolded (RFC 5545 3.1: CRLF followed by one space or tab is removed) and split.
std::vector<std::string> logical_lines(const std::string& text);

// The values of every logical line whose name (before ':' or ';') is `name`.
std::vector<std::string> values_of(const std::string& text, const std::string& name);

// Runs tests/ical/read_ics.py on `text`; returns its JSON report, problems included (throws when
// Python itself fails).
std::string read_with_python(const std::string& text);

} // namespace reviewd::test
