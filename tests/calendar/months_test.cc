// "N months after" a date: the corresponding day of the later month, or its last day when it
// has none (30 November + 3 months is 28 or 29 February). Never +91 or +183 days. The statutory
// limit is not moved off weekends or holidays; the practical deadline is the last working day on
// or before it. Expected dates were worked out with python's calendar.monthrange, not the code.
#include "calendar/months.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <vector>

namespace {

using reviewd::calendar::add_months;
using reviewd::test::iso;

struct month_case {
    const char* from;
    int months;
    const char* expected;
    bool clamped;
};

void check_cases(const std::vector<month_case>& cases) {
    for (const auto& c : cases) {
        INFO(c.from << " + " << c.months << " months");
        const auto step = add_months(iso(c.from), c.months);
        CHECK(step.result == iso(c.expected));
        CHECK(step.clamped == c.clamped);
    }
}

} // namespace

TEST_CASE("3 months after 30 November is the last day of February", "[calendar][months]") {
    check_cases({
        {"2025-11-30", 3, "2026-02-28", true},
        {"2023-11-30", 3, "2024-02-29", true}, // leap year
        {"1999-11-30", 3, "2000-02-29", true}, // 2000 divisible by 400: leap
        {"2099-11-30", 3, "2100-02-28", true}, // 2100 divisible by 100 only: not leap
    });
}

TEST_CASE("6 months after 31 August is the last day of February", "[calendar][months]") {
    check_cases({
        {"2025-08-31", 6, "2026-02-28", true},
        {"2023-08-31", 6, "2024-02-29", true},
        {"2026-08-30", 6, "2027-02-28", true},
        {"2026-08-29", 6, "2027-02-28", true},
        {"2027-08-29", 6, "2028-02-29", false}, // 29 February exists in 2028
    });
}

TEST_CASE("a month after the 31st is the corresponding day or the month's last day",
          "[calendar][months]") {
    check_cases({
        {"2026-01-31", 1, "2026-02-28", true},
        {"2024-01-31", 1, "2024-02-29", true},
        {"2026-01-31", 2, "2026-03-31", false},
        {"2026-01-31", 3, "2026-04-30", true},
        {"2026-03-31", 6, "2026-09-30", true},
        {"2026-10-31", 1, "2026-11-30", true},
        {"2026-04-30", 10, "2027-02-28", true},
    });
}

TEST_CASE("a day every month has moves to the same day, not to a month end", "[calendar][months]") {
    check_cases({
        {"2026-01-15", 1, "2026-02-15", false},
        {"2026-02-28", 3, "2026-05-28", false}, // a month end does not map to a month end
        {"2026-03-10", 0, "2026-03-10", false},
        {"2024-02-29", 48, "2028-02-29", false},
        {"2026-01-31", 1200, "2126-01-31", false},
    });
}

TEST_CASE("months carry over the end of the year", "[calendar][months]") {
    check_cases({
        {"2025-10-31", 3, "2026-01-31", false},
        {"2025-12-15", 1, "2026-01-15", false},
        {"2026-07-31", 6, "2027-01-31", false},
        {"2026-12-31", 2, "2027-02-28", true},
        {"2024-02-29", 12, "2025-02-28", true},
    });
}

TEST_CASE("negative months count back with the same clamping", "[calendar][months]") {
    check_cases({
        {"2026-05-31", -3, "2026-02-28", true},
        {"2026-03-31", -1, "2026-02-28", true},
        {"2026-01-15", -1, "2025-12-15", false},
        {"2026-01-01", -1, "2025-12-01", false},
        {"2026-12-31", -10, "2026-02-28", true},
        {"2026-03-31", -25, "2024-02-29", true},
        {"2011-04-01", -120, "2001-04-01", false},
    });
}

TEST_CASE("calendar months are not 91 or 183 days", "[calendar][months]") {
    // 31 January 2026 + 91 days is 2 May; 31 August 2025 + 183 days is 2 March 2026.
    CHECK(add_months(iso("2026-01-31"), 3).result == iso("2026-04-30"));
    CHECK(add_months(iso("2025-08-31"), 6).result == iso("2026-02-28"));
    // Steps of one month from a clamped result lose the 31st: each review counts from the day
    // the previous one was held, so this is the rule, not a bug.
    const auto february = add_months(iso("2026-01-31"), 1).result;
    CHECK(add_months(february, 1).result == iso("2026-03-28"));
    CHECK(add_months(iso("2026-01-31"), 2).result == iso("2026-03-31"));
}

TEST_CASE("a month limit on a closed day keeps its date, the practical deadline is the last "
          "working day on or before it",
          "[calendar][months][england]") {
    struct row {
        const char* from;
        int months;
        const char* statutory;
        const char* practical;
    };
    const auto& cal = reviewd::test::england_and_wales();
    const std::vector<row> rows = {
        {"2025-11-30", 3, "2026-02-28", "2026-02-27"}, // a Saturday
        {"2022-03-02", 3, "2022-06-02", "2022-06-01"}, // the moved spring bank holiday
        {"2022-03-19", 6, "2022-09-19", "2022-09-16"}, // the Queen's funeral
        {"2025-06-25", 6, "2025-12-25", "2025-12-24"}, // Christmas Eve is a working day
        {"2026-01-05", 3, "2026-04-05", "2026-04-02"}, // Easter Sunday after Good Friday
        {"2026-03-04", 6, "2026-09-04", "2026-09-04"}, // a working day stands
    };
    for (const auto& r : rows) {
        INFO(r.from << " + " << r.months << " months");
        const auto limit = add_months(iso(r.from), r.months).result;
        CHECK(limit == iso(r.statutory));
        CHECK(cal.last_working_day_on_or_before(limit) == iso(r.practical));
    }
}
