// The annual report as JSON with stable names; see render.h. Percentages are rounded to one
// decimal place; a figure that does not exist (a median of nothing) is null.
#include "report/labels.h"
#include "report/render.h"

#include <nlohmann/json.hpp>

namespace reviewd::report {
namespace {

using nlohmann::json;

template <class T> json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json percent_json(const std::optional<double>& value) {
    return value ? json(one_decimal(*value)) : json(nullptr);
}

json to_json(const timeliness& t) {
    return {{"on_time", t.on_time},     {"late", t.late},
            {"not_met", t.not_met},     {"not_yet_due", t.not_yet_due},
            {"cancelled", t.cancelled}, {"counted", t.counted()},
            {"missed", t.missed()},     {"percent_on_time", percent_json(t.percent_on_time())}};
}

json to_json(const by_review_number& r) {
    return {{"first", to_json(r.first)},
            {"second", to_json(r.second)},
            {"third_and_later", to_json(r.later)},
            {"all", to_json(r.all)}};
}

json stage_counts(const std::vector<stage_count>& counts) {
    json out = json::array();
    for (const auto& c : counts)
        out.push_back({{"stage", c.stage}, {"count", c.count}});
    return out;
}

json reviews_json(const review_figures& f) {
    json by_iro = json::array();
    for (const auto& row : f.by_iro) {
        json one = to_json(row.reviews);
        one["iro"] = row.ref.empty() ? json(nullptr) : json(row.ref);
        one["name"] = row.name;
        by_iro.push_back(std::move(one));
    }
    return {{"overall", to_json(f.overall)}, {"by_iro", by_iro}};
}

json caseloads_json(const caseload_figures& c) {
    json iros = json::array();
    for (const auto& row : c.iros)
        iros.push_back({{"iro", row.ref},
                        {"name", row.name},
                        {"active", row.active},
                        {"children", row.children},
                        {"band", name(row.band)}});
    return {{"guidance", {{"low", c.guidance_low}, {"high", c.guidance_high}}},
            {"iros", iros},
            {"under", c.under},
            {"within", c.within},
            {"over", c.over},
            {"children_with_iro", c.children_with_iro},
            {"children_without_iro", c.children_without_iro}};
}

json outcome_counts(const std::vector<outcome_count>& counts) {
    json out = json::object();
    for (const auto& c : counts)
        out[std::string(name(c.code))] = c.count;
    return out;
}

json escalations_json(const escalation_figures& e) {
    json categories = json::object();
    for (const auto& c : e.by_category)
        categories[std::string(escalation::to_string(c.what))] = c.count;
    json times = json::array();
    for (const auto& t : e.time_per_stage)
        times.push_back({{"stage", t.stage},
                         {"spells", t.spells},
                         {"still_running", t.still_running},
                         {"median_working_days", or_null(t.median_working_days)},
                         {"worst_working_days", or_null(t.worst_working_days)},
                         {"no_answer_in_time",
                          t.has_response_clock ? json(t.no_answer_in_time) : json(nullptr)}});
    return {{"raised", e.raised},
            {"by_category", categories},
            {"stage_reached", stage_counts(e.stage_reached)},
            {"status_at_end",
             {{"open", e.open},
              {"awaiting_endorsement", e.awaiting_endorsement},
              {"with_cafcass", e.with_cafcass},
              {"resolved", e.resolved},
              {"withdrawn", e.withdrawn}}},
            {"resolved_at", stage_counts(e.resolved_at)},
            {"outcomes", outcome_counts(e.outcomes)},
            {"total_limit",
             {{"working_days", e.total_limit_working_days}, {"breached", e.total_limit_breached}}},
            {"time_per_stage", times},
            {"cafcass",
             {{"referred", e.cafcass.referred},
              {"resolved", e.cafcass.resolved},
              {"withdrawn", e.cafcass.withdrawn},
              {"still_with_cafcass", e.cafcass.still_with_cafcass},
              {"outcomes", outcome_counts(e.cafcass.outcomes)}}},
            {"carried_in", {{"count", e.carried_in}, {"finished", e.carried_in_finished}}},
            {"open_at_end",
             {{"count", e.open_at_end},
              {"longest_working_days", or_null(e.longest_open_working_days)}}},
            {"provisional", e.provisional}};
}

} // namespace

std::string render_json(const annual_report& r) {
    json kinds = json::array();
    for (const auto& k : r.deadlines_by_kind) {
        json one = to_json(k.figures);
        one["kind"] = rules::to_string(k.kind);
        one["percent_missed"] = percent_json(k.figures.percent_missed());
        kinds.push_back(std::move(one));
    }
    const json out = {
        {"report", "annual"},
        {"period",
         {{"first", core::format_iso_date(r.year.first)},
          {"last", core::format_iso_date(r.year.last)}}},
        {"as_of", core::format_iso_date(r.as_of)},
        {"counted_to", core::format_iso_date(r.counted_to)},
        {"year_complete", r.year_complete},
        {"reviews", reviews_json(r.reviews)},
        {"deadlines_by_kind", kinds},
        {"caseloads", caseloads_json(r.caseloads)},
        {"escalations", escalations_json(r.escalations)},
    };
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace reviewd::report
