// GOV.UK bank-holidays.json parsing; see holidays.h.
#include "calendar/holidays.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace reviewd::calendar {
namespace {

using nlohmann::json;

core::result<division_holidays> parse_division(const std::string& key, const json& node,
                                               const std::string& where) {
    if (!node.is_object())
        return core::make_error("invalid_holidays", "expected an object", where + key);
    const auto events = node.find("events");
    if (events == node.end() || !events->is_array())
        return core::make_error("invalid_holidays", "expected an \"events\" array",
                                where + key + ".events");
    division_holidays out;
    out.division = key;
    for (std::size_t i = 0; i < events->size(); ++i) {
        const std::string path = where + key + ".events[" + std::to_string(i) + "]";
        const json& event = (*events)[i];
        const auto date_node = event.is_object() ? event.find("date") : event.end();
        if (!event.is_object() || date_node == event.end() || !date_node->is_string())
            return core::make_error("invalid_holidays", "expected an object with a \"date\" string",
                                    path);
        const auto date = core::parse_iso_date(date_node->get<std::string>());
        if (!date)
            return core::make_error("invalid_date",
                                    "\"" + date_node->get<std::string>() +
                                        "\" is not a date of the form YYYY-MM-DD",
                                    path + ".date");
        std::string title;
        if (const auto t = event.find("title"); t != event.end() && t->is_string())
            title = t->get<std::string>();
        out.holidays.push_back({*date, std::move(title)});
    }
    if (out.holidays.empty())
        return core::make_error("invalid_holidays", "no events: the division covers no years",
                                where + key + ".events");
    std::stable_sort(out.holidays.begin(), out.holidays.end(),
                     [](const holiday& a, const holiday& b) { return a.date < b.date; });
    out.holidays.erase(
        std::unique(out.holidays.begin(), out.holidays.end(),
                    [](const holiday& a, const holiday& b) { return a.date == b.date; }),
        out.holidays.end());
    const auto first_year = date::year_month_day{out.holidays.front().date}.year();
    const auto last_year = date::year_month_day{out.holidays.back().date}.year();
    out.covered_from = core::day{first_year / date::January / 1};
    out.covered_until = core::day{last_year / date::December / 31};
    return out;
}

} // namespace

const division_holidays* holiday_data::find(std::string_view division) const {
    for (const auto& d : divisions)
        if (d.division == division)
            return &d;
    return nullptr;
}

core::result<holiday_data> parse_bank_holidays(std::string_view json_text,
                                               std::string_view source_name) {
    const std::string where = std::string(source_name) + ": ";
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
        return core::make_error("malformed_json",
                                "not valid JSON at " + core::line_and_column(json_text, e.byte - 1),
                                std::string(source_name));
    } catch (const json::out_of_range&) {
        // nlohmann reports a number too large for a double ("1e400") so, not as a parse_error.
        return core::make_error("malformed_json", "not valid JSON: a number is too large to read",
                                std::string(source_name));
    }
    if (!doc.is_object() || doc.empty())
        return core::make_error("invalid_holidays",
                                "expected an object keyed by division (\"england-and-wales\", ...)",
                                std::string(source_name));
    holiday_data data;
    for (const auto& [key, node] : doc.items()) {
        auto division = parse_division(key, node, where);
        if (!division)
            return division.err();
        data.divisions.push_back(std::move(division).value());
    }
    return data;
}

} // namespace reviewd::calendar
