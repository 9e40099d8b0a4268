// Loading holidays and rule sets from disk; see rules_loader.h.
#include "rules_loader.h"

#include "calendar/holidays.h"
#include "rules/deadlines.h"
#include "rules/rule_set_toml.h"

#include <algorithm>

namespace reviewd::app {

loaded_rules load_rules(const config& cfg) {
    auto holidays =
        calendar::parse_bank_holidays(read_file(cfg.holidays_file), cfg.holidays_file.string());
    if (!holidays)
        throw config_error(core::describe(holidays.err()));
    for (const auto& closure : cfg.closures)
        if (!closure.division.empty() && !holidays.value().find(closure.division))
            throw config_error(cfg.file.string() + ": calendar.closures: division \"" +
                               closure.division + "\" is not in " + cfg.holidays_file.string());

    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(cfg.rules_directory, ec))
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    if (ec)
        throw config_error("cannot list rules directory " + cfg.rules_directory.string() + ": " +
                           ec.message());
    if (files.empty())
        throw config_error("no rule sets (*.toml) in " + cfg.rules_directory.string());
    std::sort(files.begin(), files.end());

    std::vector<rules::rule_set> sets;
    for (const auto& file : files) {
        auto set = rules::parse_rule_set_toml(read_file(file), file.string());
        if (!set)
            throw config_error(core::describe(set.err()));
        sets.push_back(std::move(set).value());
    }
    auto book = rules::rule_book::make(std::move(sets));
    if (!book)
        throw config_error(core::describe(book.err()));
    loaded_rules loaded{calendar::calendar_set(holidays.value(), cfg.closures),
                        std::move(book).value()};
    if (auto error = rules::check_rules_have_calendars(loaded.book, loaded.calendars))
        throw config_error(core::describe(*error));
    return loaded;
}

} // namespace reviewd::app
