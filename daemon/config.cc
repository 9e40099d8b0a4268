// Loading reviewd.toml; see config.h.
#include "config.h"

#include "core/toml_reader.h"
#include "dashboard_config.h"
#include "escalation_config.h"

#include <date/tz.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace reviewd::app {
namespace {

void read_calendar(core::table_reader& root, config& cfg, const std::filesystem::path& base) {
    const toml::table* table = root.table("calendar");
    if (!table)
        root.fail("calendar", "missing_key", "required table [calendar] is missing");
    core::table_reader r = root.nested(*table, "calendar");
    cfg.holidays_file = resolve_path(base, r.string("holidays_file"));
    cfg.time_zone = r.string_or("time_zone", cfg.time_zone);
    try {
        (void)date::locate_zone(cfg.time_zone);
    } catch (const std::exception&) {
        r.fail("time_zone", "unknown_time_zone",
               "\"" + cfg.time_zone + "\" is not a time zone in the system's tz database");
    }
    if (const toml::array* closures = r.array_of_tables("closures")) {
        for (std::size_t i = 0; i < closures->size(); ++i) {
            core::table_reader c =
                r.nested(*closures->get(i)->as_table(), "closures[" + std::to_string(i) + "]");
            cfg.closures.push_back({c.date("date"), c.string_or("title", "Local closure"),
                                    c.string_or("division", "")});
            c.reject_unknown_keys();
        }
    }
    r.reject_unknown_keys();
}

void read_rules(core::table_reader& root, config& cfg, const std::filesystem::path& base) {
    const toml::table* table = root.table("rules");
    if (!table)
        root.fail("rules", "missing_key", "required table [rules] is missing");
    core::table_reader r = root.nested(*table, "rules");
    cfg.rules_directory = resolve_path(base, r.string("directory"));
    r.reject_unknown_keys();
}

void read_store(core::table_reader& root, config& cfg, const std::filesystem::path& base) {
    const toml::table* table = root.table("store");
    if (!table)
        return;
    core::table_reader r = root.nested(*table, "store");
    cfg.database = resolve_path(base, r.string("path"));
    cfg.max_database_mb = r.integer_or("max_size_mb", 0, 0, 1 << 30);
    r.reject_unknown_keys();
}

void read_api(core::table_reader& root, config& cfg) {
    const toml::table* table = root.table("api");
    if (!table)
        return;
    core::table_reader r = root.nested(*table, "api");
    api_config& a = cfg.api;
    a.address = r.string_or("address", a.address);
    a.port = static_cast<std::uint16_t>(r.integer_or("port", a.port, 0, 65535));
    a.threads = static_cast<int>(r.integer_or("threads", a.threads, 1, 64));
    a.max_body_bytes = static_cast<std::size_t>(r.integer_or(
        "max_body_bytes", static_cast<std::int64_t>(a.max_body_bytes), 1024, 64 << 20));
    a.max_header_bytes = static_cast<std::size_t>(r.integer_or(
        "max_header_bytes", static_cast<std::int64_t>(a.max_header_bytes), 1024, 1 << 20));
    a.request_timeout_ms =
        static_cast<int>(r.integer_or("request_timeout_ms", a.request_timeout_ms, 100, 600000));
    a.idle_timeout_ms =
        static_cast<int>(r.integer_or("idle_timeout_ms", a.idle_timeout_ms, 100, 3600000));
    a.max_connections = static_cast<std::size_t>(
        r.integer_or("max_connections", static_cast<std::int64_t>(a.max_connections), 1, 100000));
    a.shutdown_grace_ms =
        static_cast<int>(r.integer_or("shutdown_grace_ms", a.shutdown_grace_ms, 0, 600000));
    r.reject_unknown_keys();
}

} // namespace

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw config_error("cannot read " + file.string() + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

config load_config(const std::filesystem::path& file) {
    const std::string text = read_file(file);
    auto root = core::parse_toml(text, file.string());
    if (!root)
        throw config_error(core::describe(root.err()));
    config cfg;
    cfg.file = file;
    const std::filesystem::path base =
        file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    try {
        core::table_reader r(root.value(), file.string(), "");
        read_calendar(r, cfg, base);
        read_rules(r, cfg, base);
        read_store(r, cfg, base);
        read_api(r, cfg);
        cfg.dashboard = read_dashboard(r, cfg.api.address);
        cfg.reminders = read_reminders(r, base);
        cfg.delivery = read_delivery(r, base);
        cfg.escalation = read_escalation(r);
        cfg.clock_file = read_testing_clock(r, base);
        r.reject_unknown_keys();
    } catch (const core::load_failure& failure) {
        throw config_error(core::describe(failure.failure));
    }
    return cfg;
}

} // namespace reviewd::app
