// Working-day arithmetic by prefix counts; see working_calendar.h for the design.
#include "calendar/working_calendar.h"

#include <algorithm>
#include <stdexcept>

namespace reviewd::calendar {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// Weekdays in [monday, monday + offset) for a Monday origin; negative offsets count backwards.
std::int64_t weekdays_before(std::int64_t offset) {
    const std::int64_t weeks = floor_div(offset, 7);
    const std::int64_t rest = offset - weeks * 7;
    return weeks * 5 + std::min<std::int64_t>(rest, 5);
}

// Offset from a Monday origin of the k-th weekday (k = 0 is the Monday itself).
std::int64_t weekday_offset(std::int64_t k) {
    const std::int64_t weeks = floor_div(k, 5);
    return weeks * 7 + (k - weeks * 5);
}

bool is_weekend(core::day d) {
    const unsigned wd = date::weekday{d}.c_encoding();
    return wd == 0 || wd == 6;
}

bool by_date(const holiday& a, const holiday& b) {
    return a.date < b.date;
}

} // namespace

working_calendar::working_calendar(std::vector<holiday> closures, core::day covered_from,
                                   core::day covered_until)
    : covered_from_(covered_from), covered_until_(covered_until) {
    if (covered_until < covered_from)
        throw std::invalid_argument("working_calendar: covered range is empty");
    std::stable_sort(closures.begin(), closures.end(), by_date);
    closures.erase(std::unique(closures.begin(), closures.end(),
                               [](const holiday& a, const holiday& b) { return a.date == b.date; }),
                   closures.end());
    all_closures_ = std::move(closures);
    for (const auto& c : all_closures_)
        if (!is_weekend(c.date))
            weekday_closures_.push_back(c);

    core::day first = covered_from;
    core::day last = covered_until;
    if (!all_closures_.empty()) {
        first = std::min(first, all_closures_.front().date);
        last = std::max(last, all_closures_.back().date);
    }
    base_ = first - (date::weekday{first} - date::Monday);
    table_days_ = (last - base_).count() + 1;

    before_.resize(static_cast<std::size_t>(table_days_) + 1);
    nth_.reserve(static_cast<std::size_t>(table_days_));
    auto closure = weekday_closures_.begin();
    std::int32_t count = 0;
    for (std::int64_t i = 0; i < table_days_; ++i) {
        before_[static_cast<std::size_t>(i)] = count;
        const core::day d = base_ + date::days{i};
        const bool closed = closure != weekday_closures_.end() && closure->date == d;
        if (closed)
            ++closure;
        if (!closed && !is_weekend(d)) {
            nth_.push_back(static_cast<std::int32_t>(i));
            ++count;
        }
    }
    before_[static_cast<std::size_t>(table_days_)] = count;
}

std::int64_t working_calendar::number_before(core::day d) const {
    const std::int64_t i = (d - base_).count();
    if (i < 0)
        return weekdays_before(i);
    if (i <= table_days_)
        return before_[static_cast<std::size_t>(i)];
    return before_.back() + (weekdays_before(i) - weekdays_before(table_days_));
}

core::day working_calendar::nth_working_day(std::int64_t k) const {
    const auto in_table = static_cast<std::int64_t>(nth_.size());
    if (k >= 0 && k < in_table)
        return base_ + date::days{nth_[static_cast<std::size_t>(k)]};
    if (k < 0)
        return base_ + date::days{weekday_offset(k)};
    // Past the table only weekends close: continue the weekday sequence from the table's end.
    return base_ + date::days{weekday_offset(k - in_table + weekdays_before(table_days_))};
}

core::day working_calendar::add_working_days(core::day start, int n, start_day counting) const {
    const core::day first_counted = counting == start_day::excluded ? start + date::days{1} : start;
    return nth_working_day(number_before(first_counted) + n - 1);
}

core::day working_calendar::working_day_before(core::day d, int n) const {
    return nth_working_day(number_before(d) - n);
}

int working_calendar::working_days_between(core::day from, core::day to) const {
    return static_cast<int>(number_before(to + date::days{1}) -
                            number_before(from + date::days{1}));
}

core::day working_calendar::last_working_day_on_or_before(core::day d) const {
    return nth_working_day(number_before(d + date::days{1}) - 1);
}

core::day working_calendar::first_working_day_on_or_after(core::day d) const {
    return nth_working_day(number_before(d));
}

std::span<const holiday> working_calendar::weekday_closures_between(core::day from,
                                                                    core::day to) const {
    if (to <= from)
        return {};
    // Most intervals skip no closure: the prefix counts tell in O(1) before any search.
    const std::int64_t weekdays =
        weekdays_before((to - base_).count() + 1) - weekdays_before((from - base_).count() + 1);
    if (weekdays == working_days_between(from, to))
        return {};
    const auto lo = std::upper_bound(weekday_closures_.begin(), weekday_closures_.end(), from,
                                     [](core::day d, const holiday& h) { return d < h.date; });
    const auto hi = std::upper_bound(lo, weekday_closures_.end(), to,
                                     [](core::day d, const holiday& h) { return d < h.date; });
    return {lo, hi};
}

const holiday* working_calendar::closure_on(core::day d) const {
    const auto it = std::lower_bound(all_closures_.begin(), all_closures_.end(), d,
                                     [](const holiday& h, core::day day) { return h.date < day; });
    return it != all_closures_.end() && it->date == d ? &*it : nullptr;
}

} // namespace reviewd::calendar
