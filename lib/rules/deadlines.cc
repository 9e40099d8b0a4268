// Computing a child's deadlines: grouping the facts by period and settling each deadline.
#include "rules/deadlines.h"

#include "rules/basis.h"
#include "rules/case_validation.h"
#include "rules/deadline_maker.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <tuple>

namespace reviewd::rules {
namespace {

std::vector<period_view> group_by_period(const case_facts& facts) {
    std::vector<period_view> views;
    for (const auto& p : facts.periods) {
        period_view v;
        v.period = &p;
        v.care = p.short_breaks ? care_type::short_breaks : care_type::standard;
        for (const auto& pl : p.placements)
            v.placements.push_back(&pl);
        std::sort(v.placements.begin(), v.placements.end(),
                  [](const placement* a, const placement* b) { return a->start < b->start; });
        views.push_back(std::move(v));
    }
    std::sort(views.begin(), views.end(), [](const period_view& a, const period_view& b) {
        return a.period->start < b.period->start;
    });
    auto owner = [&](core::day d) -> period_view* {
        for (auto& v : views)
            if (d >= v.period->start && (!v.period->end || d <= *v.period->end))
                return &v;
        return nullptr; // check_case has ruled this out
    };
    for (const auto& r : facts.reviews)
        if (auto* v = owner(r.held))
            v->reviews.push_back(&r);
    for (const auto& r : facts.review_requests)
        if (auto* v = owner(r.requested_on))
            v->requests.push_back(&r);
    for (const auto d : facts.health_assessments)
        if (auto* v = owner(d))
            v->health_assessments.push_back(d);
    int number = 1;
    for (auto& v : views) {
        v.number = number++;
        std::sort(v.reviews.begin(), v.reviews.end(),
                  [](const held_review* a, const held_review* b) { return a->held < b->held; });
        std::stable_sort(v.requests.begin(), v.requests.end(),
                         [](const review_request* a, const review_request* b) {
                             return a->requested_on < b->requested_on;
                         });
        std::sort(v.health_assessments.begin(), v.health_assessments.end());
    }
    return views;
}

// Sorts by period, due date, kind, placement and sequence. The order is decided on an index and
// then applied by following its cycles, so each deadline (strings and all) moves about once
// instead of at every comparison of an insertion sort.
void sort_deadlines(std::vector<deadline>& deadlines) {
    std::vector<std::uint32_t> order(deadlines.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        const deadline& a = deadlines[x];
        const deadline& b = deadlines[y];
        return std::tie(a.period, a.due, a.kind, a.placement, a.sequence) <
               std::tie(b.period, b.due, b.kind, b.placement, b.sequence);
    });
    // Position i must receive deadlines[order[i]]: rotate each cycle through one temporary.
    for (std::uint32_t start = 0; start < order.size(); ++start) {
        if (order[start] == start)
            continue;
        deadline held = std::move(deadlines[start]);
        std::uint32_t at = start;
        while (order[at] != start) {
            const std::uint32_t from = order[at];
            deadlines[at] = std::move(deadlines[from]);
            order[at] = at;
            at = from;
        }
        deadlines[at] = std::move(held);
        order[at] = at;
    }
}

} // namespace

const rule_set& deadline_maker::rules_on(care_type care, core::day day) const {
    const rule_set* rules =
        (care == care_type::short_breaks ? short_breaks_ : standard_).in_force(day);
    if (!rules)
        throw std::logic_error(
            "deadline_maker: no rule set in force; check_case should have refused the case");
    return *rules;
}

const calendar::working_calendar& deadline_maker::calendar_of(const rule_set& rules) const {
    if (cached_rules_ == &rules)
        return *cached_calendar_;
    const calendar::working_calendar* cal = calendars_.find(rules.holidays);
    if (!cal)
        throw std::logic_error("deadline_maker: no calendar \"" + rules.holidays +
                               "\"; check_rules_have_calendars should have refused the rules");
    cached_rules_ = &rules;
    cached_calendar_ = cal;
    return *cal;
}

void deadline_maker::settle(deadline& d, const deadline_subject& subject, const rule_set& rules,
                            std::optional<core::day> met_on, std::optional<core::day> ends) const {
    d.rule_set = rules.id;
    d.sure = subject.sure.value_or(rules.sure);
    d.met_on = met_on;
    if (met_on)
        d.status = *met_on <= d.due ? deadline_status::met : deadline_status::met_late;
    else if (ends && *ends <= d.due)
        d.status = deadline_status::cancelled;
    else if (as_of_ > d.due)
        d.status = deadline_status::missed;
    else
        d.status = deadline_status::open;
}

namespace {
deadline begin_deadline(const deadline_subject& subject, core::day clock_start) {
    deadline d;
    d.kind = subject.kind;
    d.period = subject.period;
    d.placement = subject.placement;
    d.sequence = subject.sequence;
    d.clock_start = clock_start;
    return d;
}
} // namespace

deadline deadline_maker::after_limit(const deadline_subject& subject, const rule_set& rules,
                                     const time_limit& limit, const clock_event& start,
                                     std::optional<core::day> met_on,
                                     std::optional<core::day> ends) const {
    const calendar::working_calendar& cal = calendar_of(rules);
    deadline d = begin_deadline(subject, start.day);
    const applied_limit applied = apply_limit(limit, start.day, cal, rules.counting);
    d.due = applied.due;
    d.practical_due = cal.last_working_day_on_or_before(applied.due);
    const core::day looked_from =
        limit.in == time_limit::unit::working_days ? start.day : d.practical_due;
    d.provisional = !cal.covers(looked_from, d.due);
    // Built in a reused buffer, then copied once at its exact size: one allocation per basis.
    thread_local std::string scratch;
    scratch.clear();
    append_limit_basis(scratch, {limit, start, applied, rules.counting}, cal);
    append_practical_basis(scratch, d.due, d.practical_due, d.provisional, cal);
    d.basis.assign(scratch);
    settle(d, subject, rules, met_on, ends);
    return d;
}

deadline deadline_maker::on_date(const deadline_subject& subject, const rule_set& rules,
                                 core::day clock_start, core::day due, std::string basis,
                                 std::optional<core::day> met_on,
                                 std::optional<core::day> ends) const {
    const calendar::working_calendar& cal = calendar_of(rules);
    deadline d = begin_deadline(subject, clock_start);
    d.due = due;
    d.practical_due = cal.last_working_day_on_or_before(due);
    d.provisional = !cal.covers(d.practical_due, due);
    d.basis = std::move(basis);
    append_practical_basis(d.basis, d.due, d.practical_due, d.provisional, cal);
    settle(d, subject, rules, met_on, ends);
    return d;
}

core::result<std::vector<deadline>> compute_deadlines(const case_facts& facts,
                                                      const rule_book& book,
                                                      const calendar::calendar_set& calendars,
                                                      core::day as_of) {
    if (auto error = check_case(facts, book))
        return *error;
    const deadline_maker maker(facts, book, calendars, as_of);
    std::vector<deadline> out;
    std::size_t expected = 4 * facts.periods.size() + 3 * facts.reviews.size() +
                           facts.review_requests.size() + facts.health_assessments.size();
    for (const auto& p : facts.periods)
        for (const auto& pl : p.placements)
            expected += pl.visits.size() + 1;
    out.reserve(expected);
    for (const auto& period : group_by_period(facts)) {
        add_review_deadlines(maker, period, out);
        add_other_deadlines(maker, period, out);
    }
    sort_deadlines(out);
    return out;
}

std::optional<core::error> check_rules_have_calendars(const rule_book& book,
                                                      const calendar::calendar_set& calendars) {
    for (const auto& set : book.sets())
        if (!calendars.find(set.holidays)) {
            std::string known;
            for (const auto& name : calendars.divisions())
                known += (known.empty() ? "" : ", ") + name;
            return core::make_error("unknown_holidays",
                                    "holiday division \"" + set.holidays +
                                        "\" is not in the holiday data (it has: " + known + ")",
                                    set.source_file + " holidays");
        }
    return std::nullopt;
}

} // namespace reviewd::rules
