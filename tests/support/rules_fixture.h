// The rules as users get them, for tests: the SHIPPED config/rules/*.toml loaded with
// parse_rule_set_toml into a rule_book, the shipped holiday calendars, and quick ways to write a
// child's facts (a builder, or JSON text) and to pick deadlines out of a schedule by key.
// Helpers throw on anything unexpected, so a broken fixture fails the test that used it.
#pragma once

#include "calendar/calendar_set.h"
#include "core/dates.h"
#include "rules/case_facts.h"
#include "rules/deadline.h"
#include "rules/rule_book.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::test {

// config/rules/*.toml, each parsed under the name "config/rules/<file>", in one rule_book.
const rules::rule_book& shipped_rules();
// The calendars built from config/bank-holidays.json with no local closures.
const calendar::calendar_set& shipped_calendar_set();

// The text of config/rules/<id>.toml, and its source name as the shipped book uses it.
std::string shipped_rule_text(const std::string& id);
std::string shipped_rule_name(const std::string& id);

// `text` with `from` replaced by `to`; throws unless `from` occurs exactly once.
std::string replace_once(std::string text, std::string_view from, std::string_view to);

// The shipped rule sets with config/rules/<id>.toml replaced by `text` (parsed under the same
// name). Throws when the text or the book does not load.
rules::rule_book shipped_rules_with(const std::string& id, const std::string& text);

core::day day(std::string_view iso); // throws on an impossible date
std::string iso(core::day d);

// parse_case_json that throws with the error described.
rules::case_facts case_from_json_text(std::string_view json);

// Builds case facts a line at a time. Dates are ISO text; an empty one means absent.
// The child ("TEST-0001") is born 2010-01-04 unless told otherwise.
// period() opens a new period of care; placement(), visit(), care_plan_on(), ... add to the
// most recent period or placement.
class case_builder {
public:
    explicit case_builder(std::string jurisdiction = "england",
                          std::string_view born = "2010-01-04");

    case_builder& period(std::string_view start, std::string_view end = {});
    case_builder& short_breaks();
    case_builder& iro_allocated_on(std::string_view on);
    case_builder& care_plan_on(std::string_view on);
    case_builder& placement(std::string_view start, std::string_view end = {},
                            bool long_term = false);
    case_builder& visit(std::string_view on);
    case_builder& review(std::string_view held, std::string_view decisions_circulated = {},
                         std::string_view record_completed = {});
    case_builder& request(std::string_view requested_on, std::string_view due,
                          std::string reason = "IRO asked");
    case_builder& health_assessment(std::string_view on);

    const rules::case_facts& facts() const { return facts_; }
    operator const rules::case_facts&() const { return facts_; }

private:
    rules::period_of_care& last_period();
    rules::placement& last_placement();

    rules::case_facts facts_;
};

// compute_deadlines on the shipped calendars; throws when the case is refused.
std::vector<rules::deadline> schedule(const rules::case_facts& facts, std::string_view as_of,
                                      const rules::rule_book& book = shipped_rules());

// The deadline with this key ("p1/review/2"); throws listing the keys there are.
const rules::deadline& deadline_at(const std::vector<rules::deadline>& deadlines,
                                   std::string_view key);
bool has(const std::vector<rules::deadline>& deadlines, std::string_view key);
std::vector<std::string> keys(const std::vector<rules::deadline>& deadlines);

} // namespace reviewd::test
