// Calendar-month arithmetic as the regulations read "N months after": the corresponding day of
// the later month, or that month's last day when it has no such day (31 August + 6 months is
// 28 or 29 February). Never +91 or +183 days.
#pragma once

#include "core/dates.h"

namespace reviewd::calendar {

struct month_step {
    core::day result;
    bool clamped = false; // the later month had no corresponding day; result is its last day
};

month_step add_months(core::day from, int months);

} // namespace reviewd::calendar
