// The review timetable of one period of care, and reviews brought forward.
//
// Review 1's clock starts when the child became looked after (or, where the rule set says so, at
// the first placement); review n+1's clock starts on the day review n was actually held, so an
// early review restarts the clock. The chain stops at the first review not yet held: its
// successor cannot be known. Each clock uses the rule set in force on the day it starts.
#include "rules/deadline_maker.h"

#include <algorithm>

namespace reviewd::rules {
namespace {

const time_limit& limit_for(const review_timetable& t, int sequence) {
    if (sequence == 1)
        return t.first;
    if (sequence == 2 && t.second)
        return *t.second;
    return t.later;
}

void add_timetable(const deadline_maker& maker, const period_view& view,
                   std::vector<deadline>& out) {
    const period_of_care& period = *view.period;
    const rule_set& opening = maker.rules_on(view.care, period.start);
    clock_event clock{period.start, clock_event::what::became_looked_after};
    if (opening.reviews.first_from == first_review_from::first_placement &&
        !view.placements.empty())
        clock = {view.placements.front()->start, clock_event::what::first_placement_began};
    for (int n = 1;; ++n) {
        const rule_set& rules = n == 1 ? opening : maker.rules_on(view.care, clock.day);
        const auto index = static_cast<std::size_t>(n - 1);
        const std::optional<core::day> held =
            index < view.reviews.size() ? std::optional(view.reviews[index]->held) : std::nullopt;
        out.push_back(maker.after_limit({deadline_kind::review, view.number, 0, n}, rules,
                                        limit_for(rules.reviews, n), clock, held, period.end));
        if (!held)
            return;
        clock = {*held, clock_event::what::review_held, n};
    }
}

void add_requests(const deadline_maker& maker, const period_view& view,
                  std::vector<deadline>& out) {
    int sequence = 0;
    for (const review_request* request : view.requests) {
        ++sequence;
        const auto answered =
            std::find_if(view.reviews.begin(), view.reviews.end(),
                         [&](const held_review* r) { return r->held >= request->requested_on; });
        const std::optional<core::day> met =
            answered == view.reviews.end() ? std::nullopt : std::optional((*answered)->held);
        std::string basis = "review brought forward on ";
        core::append_iso_date(basis, request->requested_on);
        basis += " (";
        basis += request->reason;
        basis += "), due as requested";
        const rule_set& rules = maker.rules_on(view.care, request->requested_on);
        out.push_back(maker.on_date({deadline_kind::review_request, view.number, 0, sequence},
                                    rules, request->requested_on, request->due, std::move(basis),
                                    met, view.period->end));
    }
}

} // namespace

void add_review_deadlines(const deadline_maker& maker, const period_view& view,
                          std::vector<deadline>& out) {
    add_timetable(maker, view, out);
    add_requests(maker, view, out);
}

} // namespace reviewd::rules
