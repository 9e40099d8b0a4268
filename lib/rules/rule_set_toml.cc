// TOML rule-set loading with located errors; see rule_set_toml.h.
#include "rules/rule_set_toml.h"

#include "core/toml_reader.h"

namespace reviewd::rules {
namespace {

using core::table_reader;

time_limit read_limit(table_reader& r, const std::string& key) {
    const std::string text = r.string(key);
    const auto parsed = parse_time_limit(text);
    if (!parsed)
        r.fail(key, "invalid_time_limit",
               "\"" + text +
                   "\" is not a time limit (write e.g. \"20 working days\", \"28 days\", \"6 "
                   "weeks\", \"3 months\")");
    return *parsed;
}

certainty read_certainty(table_reader& r, const std::string& key) {
    r.require(key); // required: without this a missing status reads as "" and is misreported
    return static_cast<certainty>(r.one_of(key, {"confirmed", "to-confirm", "local-practice"}, ""));
}

// Reads an optional rule table; absent means switched off. `fill` reads the rule's own limits.
template <class Rule, class Fill>
Rule read_optional_rule(table_reader& parent, const std::string& key, Fill fill) {
    Rule rule;
    const toml::table* table = parent.table(key);
    if (!table)
        return rule;
    table_reader r = parent.nested(*table, key);
    rule.enabled = r.boolean_or("enabled", true);
    fill(r, rule);
    rule.sure = read_certainty(r, "status");
    rule.source = r.string("source");
    r.reject_unknown_keys();
    return rule;
}

review_timetable read_reviews(table_reader& parent) {
    const toml::table* table = parent.table("reviews");
    if (!table)
        parent.fail("reviews", "missing_key", "required table [reviews] is missing");
    table_reader r = parent.nested(*table, "reviews");
    review_timetable t;
    t.first = read_limit(r, "first");
    t.first_from = static_cast<first_review_from>(
        r.one_of("first_from", {"period_start", "first_placement"}, "period_start"));
    if (r.find("second"))
        t.second = read_limit(r, "second");
    t.later = read_limit(r, "later");
    r.reject_unknown_keys();
    return t;
}

rule_set read_rule_set(const toml::table& root, const std::string& file) {
    table_reader r(root, file, "");
    rule_set set;
    set.source_file = file;
    set.id = r.string("id");
    set.title = r.string("title");
    set.instrument = r.string("instrument");
    set.sure = read_certainty(r, "status");
    set.jurisdictions = r.strings("jurisdictions");
    set.care = static_cast<care_type>(r.one_of("care", {"standard", "short-breaks"}, "standard"));
    set.in_force_from = r.date("in_force_from");
    set.holidays = r.string("holidays");
    set.counting = r.boolean_or("count_start_day", false) ? calendar::start_day::counted
                                                          : calendar::start_day::excluded;
    set.reviews = read_reviews(r);
    const auto within = [](table_reader& t, deadline_rule& rule) {
        rule.within = read_limit(t, "within");
    };
    set.iro_allocated = read_optional_rule<deadline_rule>(r, "iro_allocated", within);
    set.care_plan = read_optional_rule<deadline_rule>(r, "care_plan", within);
    set.review_decisions = read_optional_rule<deadline_rule>(r, "review_decisions", within);
    set.review_record = read_optional_rule<deadline_rule>(r, "review_record", within);
    set.social_worker_visits = read_optional_rule<visit_rule>(
        r, "social_worker_visits", [](table_reader& t, visit_rule& rule) {
            rule.first = read_limit(t, "first");
            rule.first_year = read_limit(t, "first_year");
            rule.long_term = read_limit(t, "long_term");
            rule.other = read_limit(t, "other");
        });
    set.health_assessments = read_optional_rule<health_rule>(
        r, "health_assessments", [](table_reader& t, health_rule& rule) {
            rule.under_five = read_limit(t, "under_five");
            rule.five_and_over = read_limit(t, "five_and_over");
        });
    r.reject_unknown_keys();
    return set;
}

} // namespace

core::result<rule_set> parse_rule_set_toml(std::string_view text, const std::string& source_name) {
    auto root = core::parse_toml(text, source_name);
    if (!root)
        return root.err();
    try {
        return read_rule_set(root.value(), source_name);
    } catch (const core::load_failure& failure) {
        return failure.failure;
    }
}

} // namespace reviewd::rules
