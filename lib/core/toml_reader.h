// Strict reading of a TOML table for configuration and rule files: every failure names the file,
// the line and the key path ("rules/england.toml:21 reviews.first"), and keys nobody asked for are
// reported as unknown (a typo must not silently switch a rule off).
#pragma once

#include "core/dates.h"
#include "core/result.h"

#include <toml++/toml.h>

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::core {

// Thrown by table_reader; loaders catch it at their edge and return its error as a value.
struct load_failure {
    error failure;
};

class table_reader {
public:
    table_reader(const toml::table& table, std::string file, std::string prefix)
        : table_(table), file_(std::move(file)), prefix_(std::move(prefix)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& code,
                           const std::string& message) const;

    const toml::node* find(const std::string& key); // marks the key known
    const toml::node& require(const std::string& key);

    std::string string(const std::string& key);
    std::string string_or(const std::string& key, std::string fallback);
    bool boolean_or(const std::string& key, bool fallback);
    std::int64_t integer_or(const std::string& key, std::int64_t fallback, std::int64_t min,
                            std::int64_t max);
    day date(const std::string& key);
    std::vector<std::string> strings(const std::string& key); // non-empty array of strings

    // The index of the key's string value among `options`; fails naming the options otherwise.
    std::size_t one_of(const std::string& key, std::initializer_list<std::string_view> options,
                       std::string_view fallback);

    const toml::table* table(const std::string& key);           // nullptr when absent
    const toml::array* array_of_tables(const std::string& key); // nullptr when absent

    void reject_unknown_keys() const;

    const std::string& file() const { return file_; }
    std::string path(const std::string& key) const {
        return prefix_.empty() ? key : prefix_ + "." + key;
    }
    // A reader for a sub-table found with table() or an element of array_of_tables().
    table_reader nested(const toml::table& sub, const std::string& key) const {
        return table_reader(sub, file_, path(key));
    }

private:
    std::string where(const std::string& key) const;

    const toml::table& table_;
    std::string file_;
    std::string prefix_;
    std::set<std::string, std::less<>> known_;
};

// Parses TOML text, turning syntax errors into "file:line" errors.
result<toml::table> parse_toml(std::string_view text, const std::string& source_name);

} // namespace reviewd::core
