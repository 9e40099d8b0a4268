// Builds a working calendar per division; see calendar_set.h.
#include "calendar/calendar_set.h"

namespace reviewd::calendar {

calendar_set::calendar_set(const holiday_data& data, const std::vector<local_closure>& closures) {
    for (const auto& division : data.divisions) {
        std::vector<holiday> days = division.holidays;
        for (const auto& c : closures)
            if (c.division.empty() || c.division == division.division)
                days.push_back({c.date, c.title});
        calendars_.emplace(
            division.division,
            working_calendar(std::move(days), division.covered_from, division.covered_until));
    }
}

const working_calendar* calendar_set::find(std::string_view division) const {
    const auto it = calendars_.find(division);
    return it == calendars_.end() ? nullptr : &it->second;
}

std::vector<std::string> calendar_set::divisions() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : calendars_)
        names.push_back(name);
    return names;
}

} // namespace reviewd::calendar
