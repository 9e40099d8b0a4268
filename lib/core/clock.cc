// Civil dates from instants; the only place core touches the time-zone database.
#include "core/clock.h"

#include <date/tz.h>

namespace reviewd::core {

day local_date(instant at, const std::string& time_zone) {
    const auto zoned =
        date::make_zoned(time_zone, std::chrono::time_point_cast<std::chrono::seconds>(at));
    return day{date::floor<date::days>(zoned.get_local_time()).time_since_epoch()};
}

} // namespace reviewd::core
