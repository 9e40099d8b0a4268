// Everything deadlines are computed from, as one value: the calendars (holidays plus local
// closures) and the rule book. The daemon holds it behind a shared_ptr and swaps it on reload.
#pragma once

#include "calendar/calendar_set.h"
#include "rules/rule_book.h"

namespace reviewd::rules {

struct loaded_rules {
    calendar::calendar_set calendars;
    rule_book book;
};

} // namespace reviewd::rules
