// One working calendar per holiday division, with the council's own closure days added
// (for example the days between Christmas and New Year when its offices close).
#pragma once

#include "calendar/holidays.h"
#include "calendar/working_calendar.h"

#include <map>
#include <string>
#include <vector>

namespace reviewd::calendar {

struct local_closure {
    core::day date;
    std::string title;
    std::string division; // empty: every division
};

class calendar_set {
public:
    calendar_set() = default;
    calendar_set(const holiday_data& data, const std::vector<local_closure>& closures);

    const working_calendar* find(std::string_view division) const;
    std::vector<std::string> divisions() const;

private:
    std::map<std::string, working_calendar, std::less<>> calendars_;
};

} // namespace reviewd::calendar
