// Consistency checks of case facts; see case_validation.h.
#include "rules/case_validation.h"

#include <algorithm>
#include <numeric>

namespace reviewd::rules {
namespace {

using core::format_iso_date;

std::string range_text(core::day start, const std::optional<core::day>& end) {
    return format_iso_date(start) + " to " + (end ? format_iso_date(*end) : std::string("open"));
}

bool within(core::day d, core::day start, const std::optional<core::day>& end) {
    return d >= start && (!end || d <= *end);
}

std::string period_path(std::size_t i) {
    return "periods[" + std::to_string(i) + "]";
}

// Where a dated fact belongs: the index of the period containing it, or an error saying why not.
std::optional<core::error> check_in_some_period(const case_facts& facts, core::day d,
                                                const std::string& field) {
    for (const auto& p : facts.periods)
        if (within(d, p.start, p.end))
            return std::nullopt;
    const auto first =
        std::min_element(facts.periods.begin(), facts.periods.end(),
                         [](const auto& a, const auto& b) { return a.start < b.start; });
    if (first != facts.periods.end() && d < first->start)
        return core::make_error("outside_period",
                                format_iso_date(d) + " is before the first period of care began (" +
                                    format_iso_date(first->start) + ")",
                                field);
    return core::make_error("outside_period",
                            format_iso_date(d) + " is not within any period of care", field);
}

std::optional<core::error> check_period(const period_of_care& p, std::size_t index,
                                        const rule_book& book, const case_facts& facts) {
    const std::string path = period_path(index);
    if (p.end && *p.end < p.start)
        return core::make_error("invalid_range",
                                "ends " + format_iso_date(*p.end) + ", before it starts " +
                                    format_iso_date(p.start),
                                path + ".end");
    if (p.start < facts.child.date_of_birth)
        return core::make_error("invalid_range",
                                format_iso_date(p.start) + " is before the child's date of birth",
                                path + ".start");
    const care_type care = p.short_breaks ? care_type::short_breaks : care_type::standard;
    if (!book.in_force(facts.jurisdiction, care, p.start)) {
        const rule_set* earliest = book.earliest(facts.jurisdiction, care);
        const std::string what =
            p.short_breaks ? "short breaks in " + facts.jurisdiction : facts.jurisdiction;
        return core::make_error("no_rule_set",
                                earliest ? "no rule set for " + what + " was in force on " +
                                               format_iso_date(p.start) + " (the earliest, \"" +
                                               earliest->id + "\", is in force from " +
                                               format_iso_date(earliest->in_force_from) + ")"
                                         : "no rule set covers " + what,
                                path + (p.short_breaks ? ".short_breaks" : ".start"));
    }
    for (const auto* field : {&p.iro_allocated_on, &p.care_plan_on})
        if (*field && **field < p.start - date::days{366})
            return core::make_error(
                "invalid_range", format_iso_date(**field) + " is long before the period began",
                path + (field == &p.iro_allocated_on ? ".iro_allocated_on" : ".care_plan_on"));
    for (std::size_t j = 0; j < p.placements.size(); ++j) {
        const auto& pl = p.placements[j];
        const std::string pl_path = path + ".placements[" + std::to_string(j) + "]";
        if (!within(pl.start, p.start, p.end))
            return core::make_error("outside_period",
                                    format_iso_date(pl.start) + " is outside its period of care (" +
                                        range_text(p.start, p.end) + ")",
                                    pl_path + ".start");
        if (pl.end && (*pl.end < pl.start || (p.end && *pl.end > *p.end)))
            return core::make_error(
                "invalid_range",
                format_iso_date(*pl.end) +
                    " must fall between the placement's start and the period's end",
                pl_path + ".end");
        for (std::size_t k = 0; k < pl.visits.size(); ++k)
            if (!within(pl.visits[k], pl.start, pl.end))
                return core::make_error("outside_placement",
                                        format_iso_date(pl.visits[k]) +
                                            " is outside the placement (" +
                                            range_text(pl.start, pl.end) + ")",
                                        pl_path + ".visits[" + std::to_string(k) + "]");
        for (std::size_t k = 0; k < j; ++k) {
            const auto& other = p.placements[k];
            const bool apart =
                (other.end && *other.end <= pl.start) || (pl.end && *pl.end <= other.start);
            if (!apart)
                return core::make_error("overlapping_placements",
                                        range_text(pl.start, pl.end) + " overlaps placements[" +
                                            std::to_string(k) + "] (" +
                                            range_text(other.start, other.end) + ")",
                                        pl_path);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<core::error> check_case(const case_facts& facts, const rule_book& book) {
    if (!book.knows_jurisdiction(facts.jurisdiction)) {
        std::string known;
        for (const auto& j : book.jurisdictions())
            known += (known.empty() ? "" : ", ") + j;
        return core::make_error("unknown_jurisdiction",
                                "\"" + facts.jurisdiction +
                                    "\" is not a known jurisdiction (known: " + known + ")",
                                "jurisdiction");
    }
    if (facts.periods.empty())
        return core::make_error("missing_field", "at least one period of care is required",
                                "periods");

    std::vector<std::size_t> order(facts.periods.size());
    std::iota(order.begin(), order.end(), 0);
    if (order.size() > 1)
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return facts.periods[a].start < facts.periods[b].start;
        });
    for (std::size_t n = 0; n < order.size(); ++n) {
        if (auto e = check_period(facts.periods[order[n]], order[n], book, facts))
            return e;
        if (n == 0)
            continue;
        const auto& earlier = facts.periods[order[n - 1]];
        const auto& later = facts.periods[order[n]];
        if (!earlier.end || *earlier.end >= later.start)
            return core::make_error("overlapping_periods",
                                    range_text(later.start, later.end) + " overlaps " +
                                        period_path(order[n - 1]) + " (" +
                                        range_text(earlier.start, earlier.end) + ")",
                                    period_path(order[n]));
    }

    for (std::size_t i = 0; i < facts.reviews.size(); ++i) {
        const auto& r = facts.reviews[i];
        const std::string path = "reviews[" + std::to_string(i) + "]";
        if (auto e = check_in_some_period(facts, r.held, path + ".held"))
            return e;
        if (r.decisions_circulated_on && *r.decisions_circulated_on < r.held)
            return core::make_error("invalid_range",
                                    format_iso_date(*r.decisions_circulated_on) +
                                        " is before the review was held",
                                    path + ".decisions_circulated_on");
        if (r.record_completed_on && *r.record_completed_on < r.held)
            return core::make_error("invalid_range",
                                    format_iso_date(*r.record_completed_on) +
                                        " is before the review was held",
                                    path + ".record_completed_on");
    }
    for (std::size_t i = 0; i < facts.review_requests.size(); ++i) {
        const auto& r = facts.review_requests[i];
        const std::string path = "review_requests[" + std::to_string(i) + "]";
        if (auto e = check_in_some_period(facts, r.requested_on, path + ".requested_on"))
            return e;
        if (r.due < r.requested_on)
            return core::make_error("invalid_range",
                                    format_iso_date(r.due) + " is before the request was made",
                                    path + ".due");
    }
    for (std::size_t i = 0; i < facts.health_assessments.size(); ++i)
        if (auto e = check_in_some_period(facts, facts.health_assessments[i],
                                          "health_assessments[" + std::to_string(i) + "]"))
            return e;
    return std::nullopt;
}

} // namespace reviewd::rules
