// Deadline serialisation; see deadline_json.h.
#include "rules/deadline_json.h"

#include <nlohmann/json.hpp>

namespace reviewd::rules {

nlohmann::json deadline_to_json(const deadline& d) {
    nlohmann::json j = {
        {"key", d.key()},
        {"kind", to_string(d.kind)},
        {"period", d.period},
        {"sequence", d.sequence},
        {"clock_start", core::format_iso_date(d.clock_start)},
        {"due", core::format_iso_date(d.due)},
        {"practical_due", core::format_iso_date(d.practical_due)},
        {"status", to_string(d.status)},
        {"met_on",
         d.met_on ? nlohmann::json(core::format_iso_date(*d.met_on)) : nlohmann::json(nullptr)},
        {"provisional", d.provisional},
        {"rule_set", d.rule_set},
        {"certainty", to_string(d.sure)},
        {"basis", d.basis},
    };
    if (d.placement > 0)
        j["placement"] = d.placement;
    return j;
}

nlohmann::json schedule_to_json(const std::string& child_id, const std::string& jurisdiction,
                                core::day as_of, const std::vector<deadline>& deadlines) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : deadlines)
        list.push_back(deadline_to_json(d));
    return {{"child", {{"id", child_id}}},
            {"jurisdiction", jurisdiction},
            {"as_of", core::format_iso_date(as_of)},
            {"deadlines", std::move(list)}};
}

} // namespace reviewd::rules
