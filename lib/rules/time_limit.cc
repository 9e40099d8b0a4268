// Time-limit phrases and their application; see time_limit.h.
#include "rules/time_limit.h"

#include "calendar/months.h"

#include <charconv>

namespace reviewd::rules {

std::optional<time_limit> parse_time_limit(std::string_view text) {
    int amount = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (ec != std::errc{} || amount < 1 || amount > 1000 || end == text.data() + text.size() ||
        *end != ' ')
        return std::nullopt;
    const std::string_view rest = text.substr(static_cast<std::size_t>(end - text.data()) + 1);
    const bool one = amount == 1;
    if (rest == (one ? "working day" : "working days"))
        return time_limit{time_limit::unit::working_days, amount};
    if (rest == (one ? "day" : "days"))
        return time_limit{time_limit::unit::days, amount};
    if (rest == (one ? "week" : "weeks"))
        return time_limit{time_limit::unit::weeks, amount};
    if (rest == (one ? "month" : "months"))
        return time_limit{time_limit::unit::months, amount};
    return std::nullopt;
}

std::string to_string(const time_limit& limit) {
    std::string out;
    append_time_limit(out, limit);
    return out;
}

void append_time_limit(std::string& out, const time_limit& limit) {
    const bool one = limit.amount == 1;
    const char* unit = "";
    switch (limit.in) {
    case time_limit::unit::working_days:
        unit = one ? " working day" : " working days";
        break;
    case time_limit::unit::days:
        unit = one ? " day" : " days";
        break;
    case time_limit::unit::weeks:
        unit = one ? " week" : " weeks";
        break;
    case time_limit::unit::months:
        unit = one ? " month" : " months";
        break;
    }
    char digits[12];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, limit.amount);
    out.append(digits, end);
    out += unit;
}

applied_limit apply_limit(const time_limit& limit, core::day start,
                          const calendar::working_calendar& calendar,
                          calendar::start_day counting) {
    switch (limit.in) {
    case time_limit::unit::working_days:
        return {calendar.add_working_days(start, limit.amount, counting), false};
    case time_limit::unit::days:
        return {start + date::days{limit.amount}, false};
    case time_limit::unit::weeks:
        return {start + date::days{7 * limit.amount}, false};
    case time_limit::unit::months: {
        const auto step = calendar::add_months(start, limit.amount);
        return {step.result, step.clamped};
    }
    }
    return {start, false};
}

} // namespace reviewd::rules
