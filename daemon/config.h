// The daemon's configuration file (config/reviewd.toml documents every key). Loading is strict:
// an unknown key, a wrong type or a missing file is an error naming the file, line and key.
// Relative paths in the file are resolved against the file's own folder.
#pragma once

#include "calendar/calendar_set.h"
#include "dashboard_config.h"
#include "delivery_config.h"
#include "store/escalation_records.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reviewd::app {

// A configuration error: start-up stops with this message.
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct api_config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 2;
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_header_bytes = 16 * 1024;
    int request_timeout_ms = 10000;
    int idle_timeout_ms = 30000;
    std::size_t max_connections = 512;
    int shutdown_grace_ms = 10000;
};

struct config {
    std::filesystem::path file;
    std::filesystem::path
        database; // empty when the file has no [store]: commands needing it refuse
    std::int64_t max_database_mb = 0; // [store] max_size_mb: a ceiling on its size; 0: none
    std::filesystem::path holidays_file;
    std::filesystem::path rules_directory;
    std::string time_zone = "Europe/London";
    std::vector<calendar::local_closure> closures;
    api_config api;
    reminder_settings reminders;
    store::escalation_setup escalation; // [escalation]: the dispute ladder
    delivery_settings delivery;
    api::dashboard_settings dashboard; // [dashboard]: the IRO manager's page and its sessions
    std::optional<std::filesystem::path> clock_file; // [testing]: a file-driven clock
};

config load_config(const std::filesystem::path& file);

// `value` as written in the configuration, resolved against the configuration file's folder.
inline std::filesystem::path resolve_path(const std::filesystem::path& base,
                                          const std::string& value) {
    const std::filesystem::path p(value);
    return p.is_absolute() ? p : base / p;
}

// Reads a whole file; throws config_error naming it when it cannot.
std::string read_file(const std::filesystem::path& file);

} // namespace reviewd::app
