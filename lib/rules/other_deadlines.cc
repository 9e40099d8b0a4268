// The other deadlines an IRO watches in a period of care (domain.md): IRO allocated, care plan,
// review decisions and record, social worker visits, health assessments. Each is on or off per
// rule set; the rule set in force when its clock starts decides.
#include "rules/deadline_maker.h"

#include "calendar/months.h"

#include <algorithm>

namespace reviewd::rules {
namespace {

void add_period_start_deadlines(const deadline_maker& maker, const period_view& view,
                                std::vector<deadline>& out) {
    const period_of_care& period = *view.period;
    const rule_set& rules = maker.rules_on(view.care, period.start);
    if (rules.iro_allocated.enabled)
        out.push_back(maker.after_limit(
            {deadline_kind::iro_allocated, view.number, 0, 1, rules.iro_allocated.sure}, rules,
            rules.iro_allocated.within, {period.start, clock_event::what::became_looked_after},
            period.iro_allocated_on, period.end));
    if (rules.care_plan.enabled) {
        const bool placed = !view.placements.empty();
        const core::day start = placed ? view.placements.front()->start : period.start;
        const rule_set& plan_rules = maker.rules_on(view.care, start);
        out.push_back(maker.after_limit(
            {deadline_kind::care_plan, view.number, 0, 1, plan_rules.care_plan.sure}, plan_rules,
            plan_rules.care_plan.within,
            {start, placed ? clock_event::what::first_placement_began
                           : clock_event::what::became_looked_after},
            period.care_plan_on, period.end));
    }
}

void add_after_review_deadlines(const deadline_maker& maker, const period_view& view,
                                std::vector<deadline>& out) {
    int n = 0;
    for (const held_review* review : view.reviews) {
        ++n;
        const rule_set& rules = maker.rules_on(view.care, review->held);
        const clock_event event{review->held, clock_event::what::review_held, n};
        if (rules.review_decisions.enabled)
            out.push_back(maker.after_limit(
                {deadline_kind::review_decisions, view.number, 0, n, rules.review_decisions.sure},
                rules, rules.review_decisions.within, event, review->decisions_circulated_on,
                std::nullopt));
        if (rules.review_record.enabled)
            out.push_back(maker.after_limit(
                {deadline_kind::review_record, view.number, 0, n, rules.review_record.sure}, rules,
                rules.review_record.within, event, review->record_completed_on, std::nullopt));
    }
}

// Visits within a placement: the first after it starts, then each from the last one made.
void add_visits(const deadline_maker& maker, const period_view& view, std::vector<deadline>& out) {
    int placement_number = 0;
    for (const placement* pl : view.placements) {
        ++placement_number;
        std::vector<core::day> sorted_copy;
        const std::vector<core::day>* visits_in_order = &pl->visits;
        if (!std::is_sorted(pl->visits.begin(), pl->visits.end())) {
            sorted_copy = pl->visits;
            std::sort(sorted_copy.begin(), sorted_copy.end());
            visits_in_order = &sorted_copy;
        }
        const std::vector<core::day>& visits = *visits_in_order;
        std::optional<core::day> ends = pl->end;
        if (view.period->end && (!ends || *view.period->end < *ends))
            ends = view.period->end;
        const core::day first_year_ends = calendar::add_months(pl->start, 12).result;
        clock_event clock{pl->start, clock_event::what::placement_began};
        for (int n = 1;; ++n) {
            const rule_set& rules = maker.rules_on(view.care, clock.day);
            const visit_rule& rule = rules.social_worker_visits;
            if (!rule.enabled)
                break;
            const time_limit& limit = n == 1                        ? rule.first
                                      : clock.day < first_year_ends ? rule.first_year
                                      : pl->long_term               ? rule.long_term
                                                                    : rule.other;
            const auto index = static_cast<std::size_t>(n - 1);
            const std::optional<core::day> made =
                index < visits.size() ? std::optional(visits[index]) : std::nullopt;
            out.push_back(maker.after_limit(
                {deadline_kind::social_worker_visit, view.number, placement_number, n, rule.sure},
                rules, limit, clock, made, ends));
            if (!made)
                break;
            clock = {*made, clock_event::what::visit_made, n};
        }
    }
}

bool under_five_on(core::day date_of_birth, core::day d) {
    return d < calendar::add_months(date_of_birth, 60).result;
}

// The initial assessment is due by the first review; later ones run from the last one made.
void add_health(const deadline_maker& maker, const period_view& view, std::vector<deadline>& out) {
    const period_of_care& period = *view.period;
    const rule_set& opening = maker.rules_on(view.care, period.start);
    if (!opening.health_assessments.enabled)
        return;
    const auto first_review = std::find_if(out.begin(), out.end(), [&](const deadline& d) {
        return d.kind == deadline_kind::review && d.period == view.number && d.sequence == 1;
    });
    if (first_review == out.end())
        return;
    const std::optional<core::day> review_held = first_review->met_on; // copied: out grows below
    const bool held_early = review_held && *review_held < first_review->due;
    const core::day initial_due = held_early ? *review_held : first_review->due;
    std::string basis = "before the first review, ";
    basis += held_early ? "held " : "due ";
    core::append_iso_date(basis, initial_due);
    const auto& made = view.health_assessments;
    out.push_back(maker.on_date(
        {deadline_kind::health_assessment, view.number, 0, 1, opening.health_assessments.sure},
        opening, period.start, initial_due, std::move(basis),
        made.empty() ? std::nullopt : std::optional(made.front()), period.end));
    const core::day dob = maker.facts().child.date_of_birth;
    for (std::size_t i = 0; i < made.size(); ++i) {
        const core::day clock = made[i];
        const rule_set& rules = maker.rules_on(view.care, clock);
        const health_rule& rule = rules.health_assessments;
        if (!rule.enabled)
            break;
        const bool young = under_five_on(dob, clock);
        const clock_event event{clock,
                                young ? clock_event::what::health_assessment_under_five
                                      : clock_event::what::health_assessment_five_and_over,
                                static_cast<int>(i) + 1};
        const std::optional<core::day> next =
            i + 1 < made.size() ? std::optional(made[i + 1]) : std::nullopt;
        out.push_back(maker.after_limit(
            {deadline_kind::health_assessment, view.number, 0, static_cast<int>(i) + 2, rule.sure},
            rules, young ? rule.under_five : rule.five_and_over, event, next, period.end));
    }
}

} // namespace

void add_other_deadlines(const deadline_maker& maker, const period_view& view,
                         std::vector<deadline>& out) {
    add_period_start_deadlines(maker, view, out);
    add_after_review_deadlines(maker, view, out);
    add_visits(maker, view, out);
    add_health(maker, view, out);
}

} // namespace reviewd::rules
