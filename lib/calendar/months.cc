// Corresponding-date month arithmetic; see months.h.
#include "calendar/months.h"

namespace reviewd::calendar {

month_step add_months(core::day from, int months) {
    const date::year_month_day ymd{from};
    const date::year_month target = ymd.year() / ymd.month() + date::months{months};
    const date::day last = (target / date::last).day();
    if (ymd.day() > last)
        return {core::day{target / last}, true};
    return {core::day{target / ymd.day()}, false};
}

} // namespace reviewd::calendar
