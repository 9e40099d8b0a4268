// Plain words and number formats for the report; see labels.h.
#include "report/labels.h"

#include <cmath>
#include <cstdio>

namespace reviewd::report {

const std::array<rules::deadline_kind, 8>& all_deadline_kinds() {
    using k = rules::deadline_kind;
    static constexpr std::array<k, 8> kinds = {
        k::review,           k::review_request, k::iro_allocated,       k::care_plan,
        k::review_decisions, k::review_record,  k::social_worker_visit, k::health_assessment};
    return kinds;
}

const std::array<escalation::category, 4>& all_categories() {
    using c = escalation::category;
    static constexpr std::array<c, 4> categories = {
        c::care_plan_not_implemented, c::review_not_held, c::placement_unsuitable, c::other};
    return categories;
}

const std::array<escalation::outcome, 7>& all_outcomes() {
    using o = escalation::outcome;
    static constexpr std::array<o, 7> outcomes = {
        o::needs_met,           o::plan_amended,        o::partially_met, o::not_upheld,
        o::overtaken_by_events, o::cafcass_proceedings, o::other};
    return outcomes;
}

std::string_view label(const std::optional<escalation::outcome>& code) {
    if (!code)
        return "Not recorded";
    switch (*code) {
    case escalation::outcome::needs_met:
        return "The child's needs were met";
    case escalation::outcome::plan_amended:
        return "Care plan changed by agreement";
    case escalation::outcome::partially_met:
        return "Partly put right";
    case escalation::outcome::not_upheld:
        return "Not pursued on the answers given";
    case escalation::outcome::overtaken_by_events:
        return "Overtaken by events";
    case escalation::outcome::cafcass_proceedings:
        return "Settled through Cafcass";
    case escalation::outcome::other:
        return "Other";
    }
    return "Other";
}

std::string_view name(const std::optional<escalation::outcome>& code) {
    return code ? escalation::to_string(*code) : "not_recorded";
}

std::string_view label(rules::deadline_kind kind) {
    switch (kind) {
    case rules::deadline_kind::review:
        return "Review (statutory timetable)";
    case rules::deadline_kind::review_request:
        return "Review brought forward";
    case rules::deadline_kind::iro_allocated:
        return "IRO allocated";
    case rules::deadline_kind::care_plan:
        return "Care plan";
    case rules::deadline_kind::review_decisions:
        return "Review decisions circulated";
    case rules::deadline_kind::review_record:
        return "Full review record";
    case rules::deadline_kind::social_worker_visit:
        return "Social worker visit";
    case rules::deadline_kind::health_assessment:
        return "Health assessment";
    }
    return "Other";
}

std::string_view label(escalation::category what) {
    switch (what) {
    case escalation::category::care_plan_not_implemented:
        return "Care plan not implemented";
    case escalation::category::review_not_held:
        return "Review not held";
    case escalation::category::placement_unsuitable:
        return "Placement unsuitable";
    case escalation::category::other:
        return "Other";
    }
    return "Other";
}

std::string_view label(caseload_band band) {
    switch (band) {
    case caseload_band::under:
        return "under 50";
    case caseload_band::within:
        return "50 to 70";
    case caseload_band::over:
        return "over 70";
    }
    return "";
}

std::string_view name(caseload_band band) {
    switch (band) {
    case caseload_band::under:
        return "under";
    case caseload_band::within:
        return "within";
    case caseload_band::over:
        return "over";
    }
    return "";
}

std::string stage_label(std::string_view stage_id) {
    std::string out;
    std::size_t from = 0;
    while (from <= stage_id.size()) {
        const std::size_t to = std::min(stage_id.find('_', from), stage_id.size());
        std::string word(stage_id.substr(from, to - from));
        if (word == "iro")
            word = "IRO";
        else if (word == "cafcass")
            word = "Cafcass";
        if (!out.empty())
            out += ' ';
        out += word;
        from = to + 1;
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

std::string iro_label(const std::string& ref, const std::string& name) {
    if (ref.empty())
        return "No IRO assigned";
    return name.empty() ? ref : name + " (" + ref + ")";
}

std::vector<std::vector<std::string>> outcome_table(const std::vector<outcome_count>& counts) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& o : counts)
        if (o.count > 0)
            rows.push_back({std::string(label(o.code)), std::to_string(o.count)});
    if (rows.empty())
        for (const auto& o : counts)
            rows.push_back({std::string(label(o.code)), std::to_string(o.count)});
    return rows;
}

std::string format_number(double value) {
    char text[32];
    if (value == std::floor(value))
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

double one_decimal(double value) {
    return std::round(value * 10.0) / 10.0;
}

std::string format_percent(const std::optional<double>& value) {
    if (!value)
        return "-";
    return format_number(one_decimal(*value)) + "%";
}

std::string long_date(core::day d) {
    static constexpr std::array<std::string_view, 12> months = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    const date::year_month_day ymd{d};
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           std::string(months[static_cast<unsigned>(ymd.month()) - 1]) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

} // namespace reviewd::report
