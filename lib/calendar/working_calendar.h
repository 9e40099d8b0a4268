// Working-day arithmetic for one division: weekends (Saturday, Sunday) plus closure days.
//
// Design: every day has a "working-day number", the count of working days before it counted
// from a Monday `base_`. Inside the table (the years the holiday data covers, widened to hold
// every local closure) the number is a prefix sum; outside it, closures are unknown and the
// number is plain weekday arithmetic continued from the table's edge. The inverse, "the k-th
// working day", is a second table inside and the weekday formula outside. Every query is then two
// array reads: O(1), no day-by-day loop. The answer is exact inside the covered years; a query
// whose interval leaves them is marked provisional by the caller via `covers()`.
#pragma once

#include "calendar/holidays.h"
#include "core/dates.h"

#include <cstdint>
#include <span>
#include <vector>

namespace reviewd::calendar {

// How "within N working days of a date" counts. The general rule of computing time excludes the
// start day (day 1 is the next working day); some councils count the start day as day 1.
enum class start_day { excluded, counted };

class working_calendar {
public:
    // `closures` need not be sorted; duplicates keep the first title. `covered_from` and
    // `covered_until` bound the days whose closures are known.
    working_calendar(std::vector<holiday> closures, core::day covered_from,
                     core::day covered_until);

    bool is_working_day(core::day d) const {
        return number_before(d + date::days{1}) != number_before(d);
    }

    // The Nth working day of the count that starts at `start` (n >= 1). With start_day::excluded,
    // day 1 is the first working day after `start` (a Saturday start makes Monday day 1); with
    // start_day::counted, day 1 is `start` itself if it is a working day.
    core::day add_working_days(core::day start, int n,
                               start_day counting = start_day::excluded) const;

    // The working day `n` working days before `d` (n >= 1; `d` itself is not counted).
    core::day working_day_before(core::day d, int n) const;

    // Working days in (from, to]; negative when to < from.
    int working_days_between(core::day from, core::day to) const;

    core::day last_working_day_on_or_before(core::day d) const;
    core::day first_working_day_on_or_after(core::day d) const;

    // Whether every day of [from, to] lies in the years whose closures are known.
    bool covers(core::day from, core::day to) const {
        return from >= covered_from_ && to <= covered_until_;
    }
    core::day covered_from() const { return covered_from_; }
    core::day covered_until() const { return covered_until_; }

    // Closures that fall on weekdays in (from, to]: the days a working-day count skipped.
    std::span<const holiday> weekday_closures_between(core::day from, core::day to) const;

    // The closure on d, if any (weekend closures included).
    const holiday* closure_on(core::day d) const;

private:
    std::int64_t number_before(core::day d) const;   // working days in [base_, d), may be negative
    core::day nth_working_day(std::int64_t k) const; // inverse: the day whose number_before is k

    core::day base_;              // a Monday on or before the first covered or closed day
    std::int64_t table_days_ = 0; // days in the table, from base_
    std::vector<std::int32_t>
        before_; // before_[i]: working days in [base_, base_ + i), i <= table_days_
    std::vector<std::int32_t>
        nth_; // nth_[k]: offset from base_ of the k-th working day in the table
    std::vector<holiday> weekday_closures_;
    std::vector<holiday> all_closures_;
    core::day covered_from_;
    core::day covered_until_;
};

} // namespace reviewd::calendar
