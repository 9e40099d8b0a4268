// reviewd: one binary, many subcommands. This file only parses the command line and hands each
// subcommand its configuration; the work lives in the library modules and daemon/*_command.cc.
#include "config.h"
#include "rules_loader.h"
#include "schedule_command.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

namespace {

std::string default_config_path() {
    if (const char* env = std::getenv("REVIEWD_CONFIG"); env && *env)
        return env;
    return REVIEWD_DEFAULT_CONFIG;
}

} // namespace

int main(int argc, char** argv) {
    using namespace reviewd;
    CLI::App cli{"reviewd: statutory review and escalation deadlines for Independent Reviewing Officer services"};
    cli.set_version_flag("--version", REVIEWD_VERSION);
    cli.require_subcommand(1);
    std::string config_path = default_config_path();
    cli.add_option("-c,--config", config_path, "Configuration file (default: $REVIEWD_CONFIG, else " REVIEWD_DEFAULT_CONFIG ")");

    app::schedule_options schedule;
    std::string as_of_text;
    auto* schedule_cmd = cli.add_subcommand("schedule", "Compute a case's deadlines from JSON, without a database");
    schedule_cmd->add_option("-i,--input", schedule.input, "Case JSON file, or - for standard input")->required();
    schedule_cmd->add_option("-f,--format", schedule.format, "Output format")
        ->check(CLI::IsMember({"json", "table"}))
        ->capture_default_str();
    schedule_cmd->add_option("--as-of", as_of_text,
                             "Day that decides open versus missed, YYYY-MM-DD (default: today in the configured time zone)");

    auto* check_cmd = cli.add_subcommand("check-config", "Load the configuration, holidays and rule sets, and report");

    CLI11_PARSE(cli, argc, argv);

    try {
        const app::config cfg = app::load_config(config_path);
        if (*schedule_cmd) {
            if (!as_of_text.empty()) {
                schedule.as_of = core::parse_iso_date(as_of_text);
                if (!schedule.as_of) {
                    std::cerr << "reviewd schedule: --as-of: \"" << as_of_text << "\" is not a date (expected YYYY-MM-DD)\n";
                    return 2;
                }
            }
            return app::run_schedule(cfg, schedule, std::cout, std::cerr);
        }
        if (*check_cmd) {
            const app::loaded_rules loaded = app::load_rules(cfg);
            std::cout << "configuration " << cfg.file.string() << ": ok\n";
            for (const auto& set : loaded.book.sets())
                std::cout << "  rule set " << set.id << " (" << rules::to_string(set.sure) << ", in force from "
                          << core::format_iso_date(set.in_force_from) << "): " << set.instrument << "\n";
            for (const auto& division : loaded.calendars.divisions()) {
                const auto* cal = loaded.calendars.find(division);
                std::cout << "  holidays " << division << ": " << core::format_iso_date(cal->covered_from()) << " to "
                          << core::format_iso_date(cal->covered_until()) << "\n";
            }
            return 0;
        }
    } catch (const app::config_error& e) {
        std::cerr << "reviewd: configuration error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
