// Strict TOML table reading with located errors; see toml_reader.h.
#include "core/toml_reader.h"

namespace reviewd::core {

std::string table_reader::where(const std::string& key) const {
    const toml::node* node = table_.get(key);
    const auto line = node ? node->source().begin.line : table_.source().begin.line;
    return file_ + ":" + std::to_string(line) + " " + path(key);
}

void table_reader::fail(const std::string& key, const std::string& code,
                        const std::string& message) const {
    throw load_failure{make_error(code, message, where(key))};
}

const toml::node* table_reader::find(const std::string& key) {
    known_.insert(key);
    return table_.get(key);
}

const toml::node& table_reader::require(const std::string& key) {
    const toml::node* node = find(key);
    if (!node)
        fail(key, "missing_key", "required key is missing");
    return *node;
}

std::string table_reader::string(const std::string& key) {
    const toml::node& node = require(key);
    if (!node.is_string())
        fail(key, "wrong_type", "expected a string in quotes");
    return *node.value<std::string>();
}

std::string table_reader::string_or(const std::string& key, std::string fallback) {
    return find(key) ? string(key) : fallback;
}

bool table_reader::boolean_or(const std::string& key, bool fallback) {
    const toml::node* node = find(key);
    if (!node)
        return fallback;
    if (!node->is_boolean())
        fail(key, "wrong_type", "expected true or false");
    return *node->value<bool>();
}

std::int64_t table_reader::integer_or(const std::string& key, std::int64_t fallback,
                                      std::int64_t min, std::int64_t max) {
    const toml::node* node = find(key);
    if (!node)
        return fallback;
    if (!node->is_integer())
        fail(key, "wrong_type", "expected a whole number");
    const std::int64_t value = *node->value<std::int64_t>();
    if (value < min || value > max)
        fail(key, "out_of_range",
             std::to_string(value) + " is outside " + std::to_string(min) + " to " +
                 std::to_string(max));
    return value;
}

day table_reader::date(const std::string& key) {
    const toml::node& node = require(key);
    if (!node.is_date())
        fail(key, "wrong_type", "expected a date such as 2011-04-01 (no quotes)");
    const toml::date d = *node.value<toml::date>();
    const date::year_month_day ymd{date::year{d.year}, date::month{d.month}, date::day{d.day}};
    if (!ymd.ok())
        fail(key, "invalid_date", "not a date");
    return day{ymd};
}

std::vector<std::string> table_reader::strings(const std::string& key) {
    const toml::node& node = require(key);
    const toml::array* array = node.as_array();
    if (!array || array->empty())
        fail(key, "wrong_type", "expected a non-empty array of strings");
    std::vector<std::string> out;
    for (const auto& element : *array) {
        if (!element.is_string())
            fail(key, "wrong_type", "expected a non-empty array of strings");
        out.push_back(*element.value<std::string>());
    }
    return out;
}

std::size_t table_reader::one_of(const std::string& key,
                                 std::initializer_list<std::string_view> options,
                                 std::string_view fallback) {
    const std::string value = string_or(key, std::string(fallback));
    std::size_t index = 0;
    std::string listed;
    for (const auto option : options) {
        if (option == value)
            return index;
        listed += (listed.empty() ? "\"" : ", \"") + std::string(option) + "\"";
        ++index;
    }
    fail(key, "invalid_value", "\"" + value + "\" is not one of " + listed);
}

const toml::table* table_reader::table(const std::string& key) {
    const toml::node* node = find(key);
    if (!node)
        return nullptr;
    if (!node->is_table())
        fail(key, "wrong_type", "expected a table [" + path(key) + "]");
    return node->as_table();
}

const toml::array* table_reader::array_of_tables(const std::string& key) {
    const toml::node* node = find(key);
    if (!node)
        return nullptr;
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables())
        fail(key, "wrong_type",
             "expected an array of tables ([[" + path(key) + "]] or [{...}, ...])");
    return array;
}

void table_reader::reject_unknown_keys() const {
    for (const auto& [key, node] : table_) {
        const std::string name(key.str());
        if (!known_.count(name))
            fail(name, "unknown_key", "unknown key (misspelt, or not valid here)");
    }
}

result<toml::table> parse_toml(std::string_view text, const std::string& source_name) {
    try {
        return toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        return make_error("malformed_toml", std::string(e.description()),
                          source_name + ":" + std::to_string(e.source().begin.line));
    }
}

} // namespace reviewd::core
