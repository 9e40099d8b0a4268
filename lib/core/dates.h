// Calendar dates as days since 1970-01-01 (date::sys_days), with strict ISO 8601 parsing and
// formatting. Every module that speaks about "the day a child became looked after" uses these.
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::core {

using day = date::sys_days;

// Parses exactly "YYYY-MM-DD" and rejects dates that do not exist (2026-02-30).
std::optional<day> parse_iso_date(std::string_view text);

// Parses exactly "DD/MM/YYYY", the form of the SSDA903 return.
std::optional<day> parse_uk_date(std::string_view text);

std::string format_iso_date(day d);

// Appends "YYYY-MM-DD" to out without allocating beyond out's growth.
void append_iso_date(std::string& out, day d);

// "Friday", "Saturday", ...
std::string_view weekday_name(day d);

day make_day(int y, unsigned m, unsigned d);

} // namespace reviewd::core
