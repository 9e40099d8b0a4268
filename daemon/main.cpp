// reviewd: one binary, many subcommands. This file only parses the command line and hands each
// subcommand its configuration; the work lives in the library modules and daemon/*_command.cc.
#include "admin_commands.h"
#include "annual_report_command.h"
#include "config.h"
#include "escalation_command.h"
#include "feed_commands.h"
#include "import_command.h"
#include "report_command.h"
#include "rules_loader.h"
#include "schedule_command.h"
#include "serve_command.h"
#include "store/sqlite.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

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
    CLI::App cli{"reviewd: statutory review and escalation deadlines for Independent Reviewing "
                 "Officer services"};
    cli.set_version_flag("--version", REVIEWD_VERSION);
    cli.require_subcommand(1);
    std::string config_path = default_config_path();
    cli.add_option("-c,--config", config_path,
                   "Configuration file (default: $REVIEWD_CONFIG, else " REVIEWD_DEFAULT_CONFIG
                   ")");

    app::schedule_options schedule;
    std::string as_of_text;
    auto* schedule_cmd =
        cli.add_subcommand("schedule", "Compute a case's deadlines from JSON, without a database");
    schedule_cmd
        ->add_option("-i,--input", schedule.input, "Case JSON file, or - for standard input")
        ->required();
    schedule_cmd->add_option("-f,--format", schedule.format, "Output format")
        ->check(CLI::IsMember({"json", "table"}))
        ->capture_default_str();
    schedule_cmd->add_option("--as-of", as_of_text,
                             "Day that decides open versus missed, YYYY-MM-DD (default: today in "
                             "the configured time zone)");

    auto* check_cmd = cli.add_subcommand(
        "check-config", "Load the configuration, holidays and rule sets, and report");

    auto* serve_cmd = cli.add_subcommand(
        "serve", "Run the daemon: the HTTP API over the database, until SIGTERM");
    std::string log_level = "info";
    serve_cmd->add_option("--log-level", log_level, "trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
        ->capture_default_str();

    auto* db_cmd = cli.add_subcommand("db", "Database maintenance");
    db_cmd->require_subcommand(1);
    auto* db_migrate =
        db_cmd->add_subcommand("migrate", "Create the database or bring it to this build's schema");
    std::string backup_target;
    auto* db_backup =
        db_cmd->add_subcommand("backup", "Copy the live database to a new file (online backup)");
    db_backup->add_option("path", backup_target, "The new file")->required();
    auto* db_check = db_cmd->add_subcommand(
        "check", "Integrity check plus reviewd's own invariants; exit 1 on problems");

    auto* token_cmd = cli.add_subcommand("token", "API tokens");
    token_cmd->require_subcommand(1);
    app::token_options token;
    std::string person;
    auto* token_create = token_cmd->add_subcommand("create", "Create a token; it is printed once");
    token_create->add_option("--name", token.name, "A name for the token (who or what uses it)")
        ->required();
    token_create->add_option("--role", token.role, "admin, manager, iro or integration")
        ->required()
        ->check(CLI::IsMember({"admin", "manager", "iro", "integration"}));
    token_create->add_option("--person", person, "For role iro: the IRO's person reference");
    std::string revoke_name;
    auto* token_revoke = token_cmd->add_subcommand("revoke", "Revoke a token by name");
    token_revoke->add_option("--name", revoke_name, "The token's name")->required();
    auto* token_list =
        token_cmd->add_subcommand("list", "List tokens (names and roles; never the tokens)");

    auto* feed_cmd = cli.add_subcommand("feed", "Calendar feeds of IROs' deadlines (iCalendar)");
    feed_cmd->require_subcommand(1);
    std::string feed_person, feed_label = "calendar";
    auto* feed_create = feed_cmd->add_subcommand(
        "create", "Create a secret for an IRO's calendar feed; it is printed once");
    feed_create->add_option("--person", feed_person, "The IRO's person reference")->required();
    feed_create->add_option("--label", feed_label, "What it is for (\"outlook\", \"phone\")")
        ->capture_default_str();
    std::int64_t feed_id = 0;
    auto* feed_revoke =
        feed_cmd->add_subcommand("revoke", "Revoke one feed (--id) or all of an IRO's (--person)");
    auto* feed_revoke_id = feed_revoke->add_option("--id", feed_id, "The feed's id (feed list)");
    auto* feed_revoke_person =
        feed_revoke->add_option("--person", feed_person, "Every feed of this IRO");
    feed_revoke_id->excludes(feed_revoke_person);
    auto* feed_list =
        feed_cmd->add_subcommand("list", "List feeds (ids, IROs, labels; never the secrets)");

    auto* outbox_cmd = cli.add_subcommand("outbox", "Messages waiting, sent and dead");
    outbox_cmd->require_subcommand(1);
    auto* outbox_list = outbox_cmd->add_subcommand("list", "List outbox messages, newest first");
    bool dead_only = false;
    std::string outbox_state;
    int outbox_limit = 100;
    outbox_list->add_flag("--dead", dead_only, "Only messages that could not be delivered");
    outbox_list->add_option("--state", outbox_state, "Only this state")
        ->check(CLI::IsMember({"pending", "sending", "sent", "dead", "discarded"}));
    outbox_list->add_option("--limit", outbox_limit, "At most this many")->capture_default_str();
    std::int64_t outbox_id = 0;
    auto* outbox_retry =
        outbox_cmd->add_subcommand("retry", "Send a dead or discarded message again");
    outbox_retry->add_option("id", outbox_id, "The message's id (from outbox list)")->required();
    auto* outbox_discard = outbox_cmd->add_subcommand("discard", "Stop trying to send a message");
    outbox_discard->add_option("id", outbox_id, "The message's id (from outbox list)")->required();

    auto* escalation_cmd = cli.add_subcommand("escalation", "Escalations of the dispute ladder");
    escalation_cmd->require_subcommand(1);
    std::string escalation_id;
    std::string escalation_format = "md";
    auto* escalation_chronology = escalation_cmd->add_subcommand(
        "chronology", "The Cafcass referral pack summary of one escalation");
    escalation_chronology->add_option("id", escalation_id, "The escalation, e.g. ESC-12")
        ->required();
    escalation_chronology->add_option("-f,--format", escalation_format, "md or json")
        ->check(CLI::IsMember({"md", "json"}))
        ->capture_default_str();

    auto* import_cmd = cli.add_subcommand("import", "Import data from a council's systems");
    import_cmd->require_subcommand(1);
    app::import_options import_903;
    auto* import_ssda903 = import_cmd->add_subcommand(
        "ssda903", "Import an SSDA903 return (CSV files or XML): periods, placements, reviews");
    import_ssda903->add_option("--header", import_903.header, "The header CSV file");
    import_ssda903->add_option("--episodes", import_903.episodes, "The episodes CSV file");
    import_ssda903->add_option("--reviews", import_903.reviews, "The reviews CSV file");
    import_ssda903->add_option("--xml", import_903.xml, "The return as one XML file instead");
    import_ssda903->add_flag("--dry-run", import_903.dry_run,
                             "Check and report what would change; write nothing");
    import_ssda903->add_flag("--all-or-nothing", import_903.all_or_nothing,
                             "Write nothing unless every child can be imported");
    import_ssda903->add_option("-f,--format", import_903.format, "Report format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();

    auto* report_cmd = cli.add_subcommand("report", "Reports over the stored cases");
    report_cmd->require_subcommand(1);
    app::timeliness_options timeliness;
    std::string timeliness_as_of;
    auto* report_timeliness = report_cmd->add_subcommand(
        "timeliness", "Reviews late against the statute; with --cms-due, where the council's "
                      "own due dates differ from the statutory ones");
    report_timeliness->add_option("--as-of", timeliness_as_of,
                                  "Day that decides late versus not yet due, YYYY-MM-DD (default: "
                                  "today in the configured time zone)");
    report_timeliness->add_option("--cms-due", timeliness.cms_due,
                                  "CSV of the council's due dates: CHILD, REVIEW (number, "
                                  "period/number or date held), DUE");
    report_timeliness->add_option("-f,--format", timeliness.format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    app::annual_report_options annual;
    std::string annual_as_of;
    auto* report_annual = report_cmd->add_subcommand(
        "annual", "The annual report for the lead elected member: reviews on time, missed "
                  "deadlines, caseloads, escalations (aggregate figures; no child named)");
    report_annual->add_option("--year", annual.year, "The calendar year, YYYY")
        ->required()
        ->check(CLI::Range(1970, 9999));
    report_annual->add_option("-f,--format", annual.format, "Output format")
        ->check(CLI::IsMember({"html", "md", "csv", "json"}))
        ->capture_default_str();
    report_annual->add_option(
        "-o,--output", annual.output,
        "Write to this file (whole or not at all) instead of standard output");
    report_annual->add_option("--as-of", annual_as_of,
                              "The day the report is made, YYYY-MM-DD (default: today in the "
                              "configured time zone); figures count up to the year's end or it");

    CLI11_PARSE(cli, argc, argv);

    // Under systemd the journal stamps the time itself and wants the level as a priority.
    const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
    auto logger = journal ? spdlog::systemd_logger_mt("reviewd", "reviewd")
                          : spdlog::stderr_logger_mt("reviewd");
    logger->set_pattern(journal ? "%v" : "%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(log_level));

    try {
        const app::config cfg = app::load_config(config_path);
        if (*schedule_cmd) {
            if (!as_of_text.empty()) {
                schedule.as_of = core::parse_iso_date(as_of_text);
                if (!schedule.as_of) {
                    std::cerr << "reviewd schedule: --as-of: \"" << as_of_text
                              << "\" is not a date (expected YYYY-MM-DD)\n";
                    return 2;
                }
            }
            return app::run_schedule(cfg, schedule, std::cout, std::cerr);
        }
        if (*import_ssda903)
            return app::run_import_ssda903(cfg, import_903, std::cout, std::cerr);
        if (*report_timeliness) {
            if (!timeliness_as_of.empty()) {
                timeliness.as_of = core::parse_iso_date(timeliness_as_of);
                if (!timeliness.as_of) {
                    std::cerr << "reviewd report timeliness: --as-of: \"" << timeliness_as_of
                              << "\" is not a date (expected YYYY-MM-DD)\n";
                    return 2;
                }
            }
            return app::run_report_timeliness(cfg, timeliness, std::cout, std::cerr);
        }
        if (*report_annual) {
            if (!annual_as_of.empty()) {
                annual.as_of = core::parse_iso_date(annual_as_of);
                if (!annual.as_of) {
                    std::cerr << "reviewd report annual: --as-of: \"" << annual_as_of
                              << "\" is not a date (expected YYYY-MM-DD)\n";
                    return 2;
                }
            }
            return app::run_report_annual(cfg, annual, std::cout, std::cerr);
        }
        if (*serve_cmd)
            return app::run_serve(cfg);
        if (*db_migrate)
            return app::run_db_migrate(cfg);
        if (*db_backup)
            return app::run_db_backup(cfg, backup_target);
        if (*db_check)
            return app::run_db_check(cfg);
        if (*token_create) {
            if (!person.empty())
                token.person = person;
            return app::run_token_create(cfg, token);
        }
        if (*token_revoke)
            return app::run_token_revoke(cfg, revoke_name);
        if (*token_list)
            return app::run_token_list(cfg);
        if (*feed_create)
            return app::run_feed_create(cfg, feed_person, feed_label);
        if (*feed_revoke)
            return app::run_feed_revoke(
                cfg, *feed_revoke_id ? std::optional<std::int64_t>(feed_id) : std::nullopt,
                *feed_revoke_person ? std::optional<std::string>(feed_person) : std::nullopt);
        if (*feed_list)
            return app::run_feed_list(cfg);
        if (*outbox_list)
            return app::run_outbox_list(cfg,
                                        dead_only ? std::optional<std::string>("dead")
                                        : outbox_state.empty()
                                            ? std::nullopt
                                            : std::optional<std::string>(outbox_state),
                                        outbox_limit);
        if (*outbox_retry)
            return app::run_outbox_retry(cfg, outbox_id);
        if (*outbox_discard)
            return app::run_outbox_discard(cfg, outbox_id);
        if (*escalation_chronology)
            return app::run_escalation_chronology(cfg, escalation_id, escalation_format, std::cout,
                                                  std::cerr);
        if (*check_cmd) {
            const app::loaded_rules loaded = app::load_rules(cfg);
            std::cout << "configuration " << cfg.file.string() << ": ok\n";
            for (const auto& set : loaded.book.sets())
                std::cout << "  rule set " << set.id << " (" << rules::to_string(set.sure)
                          << ", in force from " << core::format_iso_date(set.in_force_from)
                          << "): " << set.instrument << "\n";
            for (const auto& division : loaded.calendars.divisions()) {
                const auto* cal = loaded.calendars.find(division);
                std::cout << "  holidays " << division << ": "
                          << core::format_iso_date(cal->covered_from()) << " to "
                          << core::format_iso_date(cal->covered_until()) << "\n";
            }
            return 0;
        }
    } catch (const app::config_error& e) {
        std::cerr << "reviewd: configuration error: " << e.what() << "\n";
        return 1;
    } catch (const store::sqlite_error& e) {
        std::cerr << "reviewd: database error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "reviewd: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
