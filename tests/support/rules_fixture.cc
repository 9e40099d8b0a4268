// The shipped rules and quick case facts for tests; see rules_fixture.h.
#include "support/rules_fixture.h"

#include "rules/case_json.h"
#include "rules/deadlines.h"
#include "rules/rule_set_toml.h"
#include "support/test_data.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace reviewd::test {
namespace {

struct shipped_file {
    std::string id; // the file's stem: "england" for config/rules/england.toml
    std::string text;
};

const std::vector<shipped_file>& shipped_files() {
    static const std::vector<shipped_file> files = [] {
        std::vector<std::filesystem::path> paths;
        for (const auto& entry : std::filesystem::directory_iterator(source_path("config/rules")))
            if (entry.path().extension() == ".toml")
                paths.push_back(entry.path());
        std::sort(paths.begin(), paths.end());
        if (paths.empty())
            throw std::runtime_error("no rule sets in config/rules");
        std::vector<shipped_file> out;
        for (const auto& path : paths)
            out.push_back({path.stem().string(), read_text_file(path.string())});
        return out;
    }();
    return files;
}

rules::rule_set parse_or_throw(const std::string& text, const std::string& name) {
    auto parsed = rules::parse_rule_set_toml(text, name);
    if (!parsed)
        throw std::runtime_error(core::describe(parsed.err()));
    return std::move(parsed).value();
}

rules::rule_book book_or_throw(std::vector<rules::rule_set> sets) {
    auto book = rules::rule_book::make(std::move(sets));
    if (!book)
        throw std::runtime_error(core::describe(book.err()));
    return std::move(book).value();
}

std::optional<core::day> optional_day(std::string_view iso_text) {
    if (iso_text.empty())
        return std::nullopt;
    return day(iso_text);
}

} // namespace

std::string shipped_rule_name(const std::string& id) {
    return "config/rules/" + id + ".toml";
}

std::string shipped_rule_text(const std::string& id) {
    for (const auto& file : shipped_files())
        if (file.id == id)
            return file.text;
    throw std::runtime_error("no shipped rule set " + shipped_rule_name(id));
}

const rules::rule_book& shipped_rules() {
    static const rules::rule_book book = shipped_rules_with({}, {});
    return book;
}

rules::rule_book shipped_rules_with(const std::string& id, const std::string& text) {
    std::vector<rules::rule_set> sets;
    bool replaced = false;
    for (const auto& file : shipped_files()) {
        const bool replace = !id.empty() && file.id == id;
        replaced = replaced || replace;
        sets.push_back(parse_or_throw(replace ? text : file.text, shipped_rule_name(file.id)));
    }
    if (!id.empty() && !replaced)
        throw std::runtime_error("no shipped rule set " + shipped_rule_name(id) + " to replace");
    return book_or_throw(std::move(sets));
}

const calendar::calendar_set& shipped_calendar_set() {
    static const calendar::calendar_set set(shipped_holidays(), {});
    return set;
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("replace_once: \"" + std::string(from) + "\" not found");
    if (text.find(from, at + 1) != std::string::npos)
        throw std::runtime_error("replace_once: \"" + std::string(from) +
                                 "\" occurs more than once");
    text.replace(at, from.size(), to);
    return text;
}

core::day day(std::string_view iso_text) {
    const auto parsed = core::parse_iso_date(iso_text);
    if (!parsed)
        throw std::runtime_error("not a date: " + std::string(iso_text));
    return *parsed;
}

std::string iso(core::day d) {
    return core::format_iso_date(d);
}

rules::case_facts case_from_json_text(std::string_view json) {
    auto parsed = rules::parse_case_json(json);
    if (!parsed)
        throw std::runtime_error(core::describe(parsed.err()));
    return std::move(parsed).value();
}

case_builder::case_builder(std::string jurisdiction, std::string_view born) {
    facts_.jurisdiction = std::move(jurisdiction);
    facts_.child.id = "TEST-0001";
    facts_.child.date_of_birth = day(born);
}

rules::period_of_care& case_builder::last_period() {
    if (facts_.periods.empty())
        throw std::logic_error("case_builder: no period yet");
    return facts_.periods.back();
}

rules::placement& case_builder::last_placement() {
    auto& placements = last_period().placements;
    if (placements.empty())
        throw std::logic_error("case_builder: no placement yet");
    return placements.back();
}

case_builder& case_builder::period(std::string_view start, std::string_view end) {
    rules::period_of_care p;
    p.start = day(start);
    p.end = optional_day(end);
    facts_.periods.push_back(std::move(p));
    return *this;
}

case_builder& case_builder::short_breaks() {
    last_period().short_breaks = true;
    return *this;
}

case_builder& case_builder::iro_allocated_on(std::string_view on) {
    last_period().iro_allocated_on = day(on);
    return *this;
}

case_builder& case_builder::care_plan_on(std::string_view on) {
    last_period().care_plan_on = day(on);
    return *this;
}

case_builder& case_builder::placement(std::string_view start, std::string_view end,
                                      bool long_term) {
    rules::placement p;
    p.start = day(start);
    p.end = optional_day(end);
    p.long_term = long_term;
    last_period().placements.push_back(std::move(p));
    return *this;
}

case_builder& case_builder::visit(std::string_view on) {
    last_placement().visits.push_back(day(on));
    return *this;
}

case_builder& case_builder::review(std::string_view held, std::string_view decisions_circulated,
                                   std::string_view record_completed) {
    facts_.reviews.push_back(
        {day(held), optional_day(decisions_circulated), optional_day(record_completed)});
    return *this;
}

case_builder& case_builder::request(std::string_view requested_on, std::string_view due,
                                    std::string reason) {
    facts_.review_requests.push_back({day(requested_on), day(due), std::move(reason)});
    return *this;
}

case_builder& case_builder::health_assessment(std::string_view on) {
    facts_.health_assessments.push_back(day(on));
    return *this;
}

std::vector<rules::deadline> schedule(const rules::case_facts& facts, std::string_view as_of,
                                      const rules::rule_book& book) {
    auto computed = rules::compute_deadlines(facts, book, shipped_calendar_set(), day(as_of));
    if (!computed)
        throw std::runtime_error("case refused: " + core::describe(computed.err()));
    return std::move(computed).value();
}

std::vector<std::string> keys(const std::vector<rules::deadline>& deadlines) {
    std::vector<std::string> out;
    for (const auto& d : deadlines)
        out.push_back(d.key());
    return out;
}

bool has(const std::vector<rules::deadline>& deadlines, std::string_view key) {
    return std::any_of(deadlines.begin(), deadlines.end(),
                       [&](const rules::deadline& d) { return d.key() == key; });
}

const rules::deadline& deadline_at(const std::vector<rules::deadline>& deadlines,
                                   std::string_view key) {
    const auto it = std::find_if(deadlines.begin(), deadlines.end(),
                                 [&](const rules::deadline& d) { return d.key() == key; });
    if (it != deadlines.end())
        return *it;
    std::string known;
    for (const auto& k : keys(deadlines))
        known += (known.empty() ? "" : ", ") + k;
    throw std::runtime_error("no deadline " + std::string(key) + " (there are: " + known + ")");
}

} // namespace reviewd::test
