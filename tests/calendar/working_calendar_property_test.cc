// Brute force against the O(1) tables: every answer of working_calendar is compared with a naive
// day-by-day walk that knows only the weekday and closure_on(). Every start day from 2009 to 2029
// (so before, across and past the data), counts of 1 to 60 both ways, long random counts, and
// calendars built to stress the table's edges: no closures, weekend closures only, a closed first
// day, a closed last fortnight, a one-day table, local closures outside the covered years.
#include "calendar/calendar_set.h"
#include "calendar/working_calendar.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using reviewd::calendar::calendar_set;
using reviewd::calendar::holiday;
using reviewd::calendar::start_day;
using reviewd::calendar::working_calendar;
using reviewd::core::day;
using reviewd::core::format_iso_date;
using reviewd::test::iso;

const date::days one_day{1};

// The reference: is a day worked, decided from its weekday and the closure list alone. Flags are
// precomputed over a wide span so the walks below stay cheap; outside it they are asked directly.
class naive_calendar {
public:
    naive_calendar(const working_calendar& cal, day first, day last)
        : cal_(cal), first_(first), flags_(static_cast<std::size_t>((last - first).count() + 1)) {
        for (std::size_t i = 0; i < flags_.size(); ++i)
            flags_[i] = decide(first + date::days{static_cast<int>(i)});
    }

    bool working(day d) const {
        const auto i = (d - first_).count();
        if (i >= 0 && static_cast<std::size_t>(i) < flags_.size())
            return flags_[static_cast<std::size_t>(i)];
        return decide(d);
    }

    day add(day start, int n, start_day counting) const {
        day d = counting == start_day::excluded ? start + one_day : start;
        for (;; d += one_day)
            if (working(d) && --n == 0)
                return d;
    }

    int between(day from, day to) const {
        if (to < from)
            return -between(to, from);
        int count = 0;
        for (day d = from + one_day; d <= to; d += one_day)
            count += working(d) ? 1 : 0;
        return count;
    }

    day last_on_or_before(day d) const {
        while (!working(d))
            d -= one_day;
        return d;
    }

    day first_on_or_after(day d) const {
        while (!working(d))
            d += one_day;
        return d;
    }

    std::vector<day> weekday_closures(day from, day to) const {
        std::vector<day> out;
        for (day d = from + one_day; d <= to; d += one_day)
            if (is_weekday(d) && cal_.closure_on(d) != nullptr)
                out.push_back(d);
        return out;
    }

private:
    static bool is_weekday(day d) {
        const date::weekday wd{d};
        return wd != date::Saturday && wd != date::Sunday;
    }
    bool decide(day d) const { return is_weekday(d) && cal_.closure_on(d) == nullptr; }

    const working_calendar& cal_;
    day first_;
    std::vector<bool> flags_;
};

// Counts disagreements and keeps the first few, so one failure prints where the tables go wrong.
class mismatches {
public:
    void add(const std::string& what) {
        if (++count_ <= 10)
            text_ << what << "\n";
    }
    long count() const { return count_; }
    std::string text() const { return text_.str(); }

private:
    long count_ = 0;
    std::ostringstream text_;
};

std::string show(day d) {
    return format_iso_date(d);
}

struct named_calendar {
    std::string name;
    working_calendar cal;
};

std::vector<holiday> weekdays_closed(day from, day to, const std::string& title) {
    std::vector<holiday> out;
    for (day d = from; d <= to; d += one_day)
        if (date::weekday{d} != date::Saturday && date::weekday{d} != date::Sunday)
            out.push_back({d, title});
    return out;
}

std::vector<named_calendar> calendars_under_test() {
    std::vector<named_calendar> out = {
        {"england-and-wales", reviewd::test::england_and_wales()},
        {"scotland", reviewd::test::scotland()},
        {"northern-ireland", reviewd::test::northern_ireland()},
    };
    const calendar_set council(reviewd::test::shipped_holidays(),
                               {
                                   {iso("2009-01-05"), "before the data, a Monday", ""},
                                   {iso("2009-12-29"), "before the data", ""},
                                   {iso("2015-12-29"), "Council closure", ""},
                                   {iso("2015-12-28"), "on a bank holiday", ""},
                                   {iso("2019-06-15"), "a Saturday", ""},
                                   {iso("2027-12-31"), "the last covered day", ""},
                                   {iso("2028-01-03"), "the day after the data", ""},
                                   {iso("2029-12-31"), "far past the data", ""},
                               });
    out.push_back({"england-and-wales with local closures", *council.find("england-and-wales")});
    out.push_back(
        {"no closures, 2026 covered", working_calendar({}, iso("2026-01-01"), iso("2026-12-31"))});
    std::vector<holiday> saturdays;
    for (day d = iso("2026-01-03"); d <= iso("2026-12-31"); d += date::days{7})
        saturdays.push_back({d, "Saturday"});
    out.push_back({"weekend closures only",
                   working_calendar(saturdays, iso("2026-01-01"), iso("2026-12-31"))});
    out.push_back({"first covered day closed, a Monday",
                   working_calendar({{iso("2024-01-01"), "first"}, {iso("2024-01-02"), "second"}},
                                    iso("2024-01-01"), iso("2024-12-31"))});
    out.push_back(
        {"covered from a Sunday, Monday closed",
         working_calendar({{iso("2026-03-02"), "Monday"}}, iso("2026-03-01"), iso("2026-03-31"))});
    out.push_back({"last fortnight closed",
                   working_calendar(weekdays_closed(iso("2026-12-14"), iso("2026-12-31"), "shut"),
                                    iso("2026-01-01"), iso("2026-12-31"))});
    out.push_back(
        {"one day covered and closed",
         working_calendar({{iso("2026-06-03"), "the day"}}, iso("2026-06-03"), iso("2026-06-03"))});
    out.push_back({"closures far outside a short covered range",
                   working_calendar({{iso("2011-02-01"), "early"},
                                     {iso("2026-06-05"), "inside"},
                                     {iso("2028-03-01"), "late"},
                                     {iso("2026-06-05"), "duplicate"}},
                                    iso("2026-06-01"), iso("2026-06-30"))});
    return out;
}

const day span_first = iso("2009-01-01");
const day span_last = iso("2029-12-31");

} // namespace

TEST_CASE("every working-day answer from 2009 to 2029 agrees with a day-by-day walk",
          "[calendar][property]") {
    for (const auto& [name, cal] : calendars_under_test()) {
        INFO(name);
        const naive_calendar naive(cal, iso("2008-01-01"), iso("2032-12-31"));
        mismatches bad;
        for (day d = span_first; d <= span_last; d += one_day) {
            if (cal.is_working_day(d) != naive.working(d))
                bad.add("is_working_day(" + show(d) + ")");
            if (cal.last_working_day_on_or_before(d) != naive.last_on_or_before(d))
                bad.add("last_working_day_on_or_before(" + show(d) +
                        ") = " + show(cal.last_working_day_on_or_before(d)));
            if (cal.first_working_day_on_or_after(d) != naive.first_on_or_after(d))
                bad.add("first_working_day_on_or_after(" + show(d) +
                        ") = " + show(cal.first_working_day_on_or_after(d)));
            // Counts of 1 to 60 from this start, both ways, by one walk each.
            for (const auto counting : {start_day::excluded, start_day::counted}) {
                day walk = counting == start_day::excluded ? d + one_day : d;
                for (int n = 1; n <= 60; ++n, walk += one_day) {
                    while (!naive.working(walk))
                        walk += one_day;
                    const day got = cal.add_working_days(d, n, counting);
                    if (got != walk)
                        bad.add("add_working_days(" + show(d) + ", " + std::to_string(n) +
                                (counting == start_day::counted ? ", counted" : "") +
                                ") = " + show(got) + ", walk says " + show(walk));
                }
            }
            for (int k = -10; k <= 40; ++k) {
                const day to = d + date::days{k};
                if (cal.working_days_between(d, to) != naive.between(d, to))
                    bad.add("working_days_between(" + show(d) + ", " + show(to) +
                            ") = " + std::to_string(cal.working_days_between(d, to)));
            }
        }
        INFO(bad.text());
        CHECK(bad.count() == 0);
    }
}

TEST_CASE("long random counts and intervals agree with a day-by-day walk", "[calendar][property]") {
    std::mt19937_64 rng(20261123);
    const auto span = static_cast<int>((span_last - span_first).count());
    std::uniform_int_distribution<int> start_offset(0, span);
    std::uniform_int_distribution<int> count(1, 400);
    std::uniform_int_distribution<int> length(-800, 800);
    for (const auto& [name, cal] : calendars_under_test()) {
        INFO(name);
        const naive_calendar naive(cal, iso("2008-01-01"), iso("2032-12-31"));
        mismatches bad;
        for (int i = 0; i < 4000; ++i) {
            const day start = span_first + date::days{start_offset(rng)};
            const int n = count(rng);
            const auto counting = i % 2 == 0 ? start_day::excluded : start_day::counted;
            const day got = cal.add_working_days(start, n, counting);
            const day want = naive.add(start, n, counting);
            if (got != want)
                bad.add("add_working_days(" + show(start) + ", " + std::to_string(n) +
                        (counting == start_day::counted ? ", counted" : "") + ") = " + show(got) +
                        ", walk says " + show(want));
            // Counting back what was added gives n (start excluded; counted includes start).
            const int back = cal.working_days_between(start, got) +
                             (counting == start_day::counted && naive.working(start) ? 1 : 0);
            if (back != n)
                bad.add("working_days_between(" + show(start) + ", " + show(got) +
                        ") does not undo a count of " + std::to_string(n));
            const day to = start + date::days{length(rng)};
            if (cal.working_days_between(start, to) != naive.between(start, to))
                bad.add("working_days_between(" + show(start) + ", " + show(to) +
                        ") = " + std::to_string(cal.working_days_between(start, to)));
            std::vector<day> skipped;
            for (const auto& h : cal.weekday_closures_between(start, to))
                skipped.push_back(h.date);
            if (skipped != naive.weekday_closures(start, to))
                bad.add("weekday_closures_between(" + show(start) + ", " + show(to) + ") has " +
                        std::to_string(skipped.size()) + " days");
        }
        INFO(bad.text());
        CHECK(bad.count() == 0);
    }
}

TEST_CASE("the skipped closures of every short count agree with a day-by-day walk",
          "[calendar][property]") {
    for (const auto& [name, cal] : calendars_under_test()) {
        INFO(name);
        const naive_calendar naive(cal, iso("2008-01-01"), iso("2032-12-31"));
        mismatches bad;
        for (day d = span_first; d <= span_last; d += one_day) {
            const day to = cal.add_working_days(d, 20);
            std::vector<day> skipped;
            for (const auto& h : cal.weekday_closures_between(d, to)) {
                skipped.push_back(h.date);
                if (cal.closure_on(h.date) == nullptr || cal.closure_on(h.date)->title != h.title)
                    bad.add("weekday_closures_between(" + show(d) + ", " + show(to) +
                            ") gives a title closure_on does not: " + h.title);
            }
            if (skipped != naive.weekday_closures(d, to))
                bad.add("weekday_closures_between(" + show(d) + ", " + show(to) + ") has " +
                        std::to_string(skipped.size()) + " days");
        }
        INFO(bad.text());
        CHECK(bad.count() == 0);
    }
}
