// Fuzz target: the rule-set TOML loader (config/rules/*.toml). Any bytes must give a rule set or an
// error naming the file, line and key, never a crash or an escaping exception. A rule set that
// loads is then used as the daemon would use it: put in a rule book, checked against the shipped
// holiday calendars, and a full sample case (reviews, visits, health assessments, review
// requests) scheduled under it, so the loaded limits meet the deadline engine.
#include "fuzz_assert.h"
#include "shipped.h"

#include "rules/case_json.h"
#include "rules/deadline_json.h"
#include "rules/deadlines.h"
#include "rules/rule_book.h"
#include "rules/rule_set_toml.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace reviewd;

namespace {

// Every kind of fact the engine reads, from the rule set's first day in force.
rules::case_facts sample_case(const rules::rule_set& set) {
    static const std::string text = R"({"jurisdiction": "england",
      "child": {"id": "FUZZ-1", "date_of_birth": "2022-02-28"},
      "periods": [{"start": "2026-01-30", "end": null, "short_breaks": false,
                   "iro_allocated_on": "2026-02-02", "care_plan_on": "2026-02-06",
                   "placements": [{"start": "2026-01-30", "end": "2026-08-31", "long_term": false,
                                   "visits": ["2026-02-05", "2026-03-20"]},
                                  {"start": "2026-08-31", "end": null, "long_term": true,
                                   "visits": ["2026-09-04"]}]}],
      "reviews": [{"held": "2026-02-26", "decisions_circulated_on": "2026-03-03",
                   "record_completed_on": null},
                  {"held": "2026-05-29", "decisions_circulated_on": null,
                   "record_completed_on": null}],
      "review_requests": [{"requested_on": "2026-04-01", "due": "2026-04-15",
                           "reason": "placement move"}],
      "health_assessments": ["2026-02-20"]})";
    auto facts = rules::parse_case_json(text);
    fuzz::require(facts.ok(), "the sample case parses");
    rules::case_facts out = facts.value();
    out.jurisdiction = set.jurisdictions.empty() ? "england" : set.jurisdictions.front();
    out.periods.front().short_breaks = set.care == rules::care_type::short_breaks;
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto set = rules::parse_rule_set_toml(text, "rules/fuzz.toml");
    if (!set) {
        fuzz::require(!set.err().message.empty(), "a refused rule set says why");
        fuzz::require(set.err().field.rfind("rules/fuzz.toml", 0) == 0,
                      "a refused rule set names its file", set.err().field);
        return 0;
    }
    const rules::case_facts facts = sample_case(set.value());
    auto book = rules::rule_book::make({std::move(set).value()});
    if (!book)
        return 0;
    const auto snapshot = fuzz::shipped_snapshot();
    if (rules::check_rules_have_calendars(book.value(), snapshot->loaded.calendars))
        return 0; // a division the holiday data lacks: refused at start-up
    const auto deadlines = rules::compute_deadlines(facts, book.value(), snapshot->loaded.calendars,
                                                    fuzz::fixed_today());
    if (deadlines)
        (void)rules::schedule_to_json(facts.child.id, facts.jurisdiction, fuzz::fixed_today(),
                                      deadlines.value())
            .dump();
    return 0;
}
