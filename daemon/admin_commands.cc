// Database and token commands; see admin_commands.h.
#include "admin_commands.h"

#include "command_support.h"
#include "core/file_clock.h"
#include "rules_loader.h"
#include "store/case_store.h"
#include "store/maintenance.h"
#include "store/schema.h"

#include <date/date.h>
#include <date/tz.h>

#include <iostream>

namespace reviewd::app {
namespace {

// "Now" for commands that schedule outbox work: the daemon's own clock, which is the [testing]
// clock file when one is set, so that a message retried by hand is due when the daemon says so.
core::instant daemon_now(const config& cfg) {
    if (cfg.clock_file)
        return core::file_clock(*cfg.clock_file).now();
    return std::chrono::system_clock::now();
}

} // namespace

int run_db_migrate(const config& cfg) {
    const auto& file = database_of(cfg);
    try {
        const int applied = store::prepare_database(file, true);
        std::cout << "database " << file.string() << ": schema version "
                  << store::latest_schema_version() << " (" << applied << " migration"
                  << (applied == 1 ? "" : "s") << " applied)\n";
        return 0;
    } catch (const store::newer_schema_error& e) {
        std::cerr << "reviewd db migrate: " << file.string() << ": " << e.what() << "\n";
        return 1;
    }
}

int run_db_backup(const config& cfg, const std::string& target) {
    store::backup_database(database_of(cfg), target);
    std::cout << "backup of " << cfg.database.string() << " written to " << target << "\n";
    return 0;
}

int run_db_check(const config& cfg) {
    const auto rules = load_rules(cfg);
    // Escalation histories are replayed under the configured ladder and its holidays.
    std::optional<store::escalation_context> escalations;
    if (const auto* cal = rules.calendars.find(cfg.escalation.holidays))
        escalations.emplace(
            store::escalation_context{cfg.escalation, *cal, *date::locate_zone(cfg.time_zone)});
    const auto report = store::check_database(database_of(cfg), {rules.book, rules.calendars},
                                              escalations ? &*escalations : nullptr);
    for (const auto& problem : report.problems)
        std::cout << "problem: " << problem << "\n";
    std::cout << "database " << cfg.database.string() << ": " << report.children << " children, "
              << report.deadlines << " deadlines, " << report.escalations << " escalations, "
              << report.problems.size() << " problem" << (report.problems.size() == 1 ? "" : "s")
              << "\n";
    return report.ok() ? 0 : 1;
}

int run_token_create(const config& cfg, const token_options& options) {
    auto store = open_store(cfg);
    const auto token = store.create_token({options.name, options.role, options.person},
                                          command_actor(), now_utc());
    if (!token) {
        std::cerr << "reviewd token create: " << core::describe(token.err()) << "\n";
        return 2;
    }
    std::cerr << "token \"" << options.name << "\" (" << options.role
              << ") created. It is shown once, here; keep it secret:\n";
    std::cout << token.value() << "\n";
    return 0;
}

int run_token_revoke(const config& cfg, const std::string& name) {
    auto store = open_store(cfg);
    const auto outcome = store.revoke_token(name, command_actor(), now_utc());
    if (!outcome) {
        std::cerr << "reviewd token revoke: " << core::describe(outcome.err()) << "\n";
        return 2;
    }
    std::cout << "token \"" << name << "\" "
              << (outcome.value().changed ? "revoked" : "was already revoked") << "\n";
    return 0;
}

int run_token_list(const config& cfg) {
    auto store = open_store(cfg);
    for (const auto& [token, revoked_at] : store.list_tokens())
        std::cout << token.name << "\t" << token.role << "\t" << token.person.value_or("-") << "\t"
                  << (revoked_at ? "revoked " + *revoked_at : std::string("active")) << "\n";
    return 0;
}

namespace {
std::string when(const std::optional<std::int64_t>& unix_seconds) {
    if (!unix_seconds)
        return "-";
    return date::format("%FT%TZ", std::chrono::sys_seconds{std::chrono::seconds(*unix_seconds)});
}
} // namespace

int run_outbox_list(const config& cfg, const std::optional<std::string>& state, int limit) {
    auto store = open_store(cfg);
    const auto rows = store.list_outbox(state, limit);
    std::cout << "ID\tSTATE\tCHANNEL\tATTEMPTS\tCREATED\tNEXT\tSENT\tEVENT\tLAST ERROR\n";
    for (const auto& r : rows)
        std::cout << r.id << "\t" << r.state << "\t" << r.message.channel << "\t" << r.attempts
                  << "\t" << when(r.created_at) << "\t"
                  << (r.state == "pending" ? when(r.next_attempt_at) : "-") << "\t"
                  << when(r.sent_at) << "\t" << r.message.event_id << "\t"
                  << r.last_error.value_or("-") << "\n";
    std::cout.flush();
    std::cerr << rows.size() << " message" << (rows.size() == 1 ? "" : "s")
              << (state ? " " + *state : "") << "\n";
    return 0;
}

int run_outbox_retry(const config& cfg, std::int64_t id) {
    auto store = open_store(cfg);
    const auto outcome = store.retry_outbox(id, daemon_now(cfg), command_actor());
    if (!outcome) {
        std::cerr << "reviewd outbox retry: " << core::describe(outcome.err()) << "\n";
        return 2;
    }
    std::cout << "message " << id
              << " will be sent again (the running daemon picks it up within a second)\n";
    return 0;
}

int run_outbox_discard(const config& cfg, std::int64_t id) {
    auto store = open_store(cfg);
    const auto outcome = store.discard_outbox(id, daemon_now(cfg), command_actor());
    if (!outcome) {
        std::cerr << "reviewd outbox discard: " << core::describe(outcome.err()) << "\n";
        return 2;
    }
    std::cout << "message " << id << " discarded\n";
    return 0;
}

} // namespace reviewd::app
