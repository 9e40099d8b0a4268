// Internal to the rules module: what every kind of deadline shares. One deadline_maker serves one
// child; it picks the rule set in force when each clock starts, applies the limit on that rule
// set's calendar, decides the status and writes the basis.
#pragma once

#include "calendar/calendar_set.h"
#include "rules/basis.h"
#include "rules/case_facts.h"
#include "rules/deadline.h"
#include "rules/rule_book.h"

#include <optional>
#include <string_view>
#include <vector>

namespace reviewd::rules {

// One period of care with the facts that fell within it, in date order.
struct period_view {
    int number = 1;
    const period_of_care* period = nullptr;
    care_type care = care_type::standard;
    std::vector<const placement*> placements;
    std::vector<const held_review*> reviews;
    std::vector<const review_request*> requests;
    std::vector<core::day> health_assessments;
};

// What a deadline is about and where it sits.
struct deadline_subject {
    deadline_kind kind;
    int period;
    int placement;
    int sequence;
    std::optional<certainty> sure = std::nullopt; // unset: the rule set's own certainty
};

class deadline_maker {
public:
    deadline_maker(const case_facts& facts, const rule_book& book,
                   const calendar::calendar_set& calendars, core::day as_of)
        : facts_(facts), standard_(book.timeline(facts.jurisdiction, care_type::standard)),
          short_breaks_(book.timeline(facts.jurisdiction, care_type::short_breaks)),
          calendars_(calendars), as_of_(as_of) {}

    // The rule set in force on `day` for this child's jurisdiction; `day` is never before the
    // period's start, for which check_case guaranteed a rule set.
    const rule_set& rules_on(care_type care, core::day day) const;
    const calendar::working_calendar& calendar_of(const rule_set& rules) const;

    // A deadline `limit` after `start`; `ends` is when the period or placement ended, if it did.
    deadline after_limit(const deadline_subject& subject, const rule_set& rules,
                         const time_limit& limit, const clock_event& start,
                         std::optional<core::day> met_on, std::optional<core::day> ends) const;

    // A deadline on a given date (a brought-forward review, "before the first review").
    deadline on_date(const deadline_subject& subject, const rule_set& rules, core::day clock_start,
                     core::day due, std::string basis, std::optional<core::day> met_on,
                     std::optional<core::day> ends) const;

    const case_facts& facts() const { return facts_; }

private:
    void settle(deadline& d, const deadline_subject& subject, const rule_set& rules,
                std::optional<core::day> met_on, std::optional<core::day> ends) const;

    const case_facts& facts_;
    rule_timeline standard_;
    rule_timeline short_breaks_;
    const calendar::calendar_set& calendars_;
    core::day as_of_;
    // The last rule set's calendar: a child's deadlines nearly always share one rule set, so this
    // spares a map lookup by division name per deadline.
    mutable const rule_set* cached_rules_ = nullptr;
    mutable const calendar::working_calendar* cached_calendar_ = nullptr;
};

void add_review_deadlines(const deadline_maker& maker, const period_view& period,
                          std::vector<deadline>& out);
void add_other_deadlines(const deadline_maker& maker, const period_view& period,
                         std::vector<deadline>& out);

} // namespace reviewd::rules
