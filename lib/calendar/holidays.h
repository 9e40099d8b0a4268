// Holiday data in GOV.UK's bank-holidays.json format, parsed from text.
// The data says which days are closures; the years it covers bound what can be computed exactly.
#pragma once

#include "core/dates.h"
#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::calendar {

struct holiday {
    core::day date;
    std::string title;
};

struct division_holidays {
    std::string division;          // "england-and-wales", "scotland", "northern-ireland"
    std::vector<holiday> holidays; // sorted by date, no duplicates
    core::day covered_from;        // 1 January of the first year with an entry
    core::day covered_until;       // 31 December of the last year with an entry
};

struct holiday_data {
    std::vector<division_holidays> divisions;

    const division_holidays* find(std::string_view division) const;
};

// Parses the GOV.UK format. `source_name` names the file in errors, which also give the JSON
// path ("england-and-wales.events[3].date") or the line and column of a syntax error.
core::result<holiday_data> parse_bank_holidays(std::string_view json_text,
                                               std::string_view source_name);

} // namespace reviewd::calendar
