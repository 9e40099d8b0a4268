// Fuzz target: the GOV.UK bank-holidays.json loader. Any bytes must give holiday data or an error
// naming the file and the JSON path or line, never a crash or an escaping exception. Holiday data
// that loads is built into working calendars as at start-up, and the working-day arithmetic is
// checked against its own definition around every closure and the edges of the covered years:
// counting N working days on lands on a working day N working days later, and back again.
#include "fuzz_assert.h"

#include "calendar/calendar_set.h"
#include "calendar/holidays.h"
#include "core/dates.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace reviewd;

namespace {

std::string iso(core::day d) {
    return core::format_iso_date(d);
}

void check_around(const calendar::working_calendar& cal, core::day d) {
    for (const int n : {1, 2, 5, 20}) {
        const core::day on = cal.add_working_days(d, n);
        fuzz::require(on > d && cal.is_working_day(on), "N working days on is a later working day",
                      iso(d));
        fuzz::require(cal.working_days_between(d, on) == n,
                      "N working days on is N working days away", iso(d));
        for (const auto& c : cal.weekday_closures_between(d, on))
            fuzz::require(c.date > d && c.date <= on && !cal.is_working_day(c.date),
                          "a skipped closure lies in the interval and is closed", iso(c.date));

        const core::day back = cal.working_day_before(d, n);
        fuzz::require(back < d && cal.is_working_day(back),
                      "N working days back is an earlier working day", iso(d));
        fuzz::require(cal.working_days_between(back, d) == n - 1 + (cal.is_working_day(d) ? 1 : 0),
                      "N working days back is N working days away", iso(d));
    }
    const core::day before = cal.last_working_day_on_or_before(d);
    const core::day after = cal.first_working_day_on_or_after(d);
    fuzz::require(before <= d && cal.is_working_day(before), "last working day on or before",
                  iso(d));
    fuzz::require(after >= d && cal.is_working_day(after), "first working day on or after", iso(d));
    fuzz::require((before == d) == cal.is_working_day(d) && (after == d) == cal.is_working_day(d),
                  "a working day is its own nearest working day", iso(d));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = calendar::parse_bank_holidays(text, "fuzz-holidays.json");
    if (!parsed) {
        fuzz::require(parsed.err().field.rfind("fuzz-holidays.json", 0) == 0,
                      "a holiday error names the file", core::describe(parsed.err()));
        return 0;
    }
    const calendar::calendar_set calendars(parsed.value(), {});
    for (const auto& division : parsed.value().divisions) {
        const calendar::working_calendar* cal = calendars.find(division.division);
        fuzz::require(cal != nullptr, "every division gets a calendar", division.division);
        fuzz::require(cal->covers(division.covered_from, division.covered_until),
                      "the calendar covers the years of its data", division.division);
        std::vector<core::day> probes = {division.covered_from, division.covered_until};
        std::size_t checked = 0;
        for (const auto& h : division.holidays) {
            if (date::weekday{h.date} != date::Saturday && date::weekday{h.date} != date::Sunday)
                fuzz::require(!cal->is_working_day(h.date), "a weekday holiday is not worked",
                              iso(h.date));
            if (checked++ < 32) // enough to reach every edge without making big inputs slow
                probes.push_back(h.date);
        }
        for (const core::day d : probes)
            for (const int shift : {-3, -1, 0, 1, 3})
                check_around(*cal, d + date::days{shift});
    }
    return 0;
}
