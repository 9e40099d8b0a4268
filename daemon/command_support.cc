// Shared pieces of the operator's commands; see command_support.h.
#include "command_support.h"

#include "store/maintenance.h"

#include <date/date.h>

#include <cstdlib>

namespace reviewd::app {

const std::filesystem::path& database_of(const config& cfg) {
    if (cfg.database.empty())
        throw config_error(cfg.file.string() +
                           ": no [store] path: this command needs the database");
    return cfg.database;
}

const std::filesystem::path& existing_database(const config& cfg) {
    const auto& file = database_of(cfg);
    if (!std::filesystem::exists(file))
        throw config_error("no database at " + file.string() +
                           " (start reviewd serve, or run reviewd db migrate)");
    return file;
}

store::case_store open_store(const config& cfg) {
    const auto& file = existing_database(cfg);
    store::prepare_database(file, false);
    return store::case_store(file);
}

store::actor command_actor() {
    const char* user = std::getenv("SUDO_USER");
    if (!user || !*user)
        user = std::getenv("USER");
    return {std::string("cli:") + (user && *user ? user : "unknown")};
}

std::string now_utc() {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now()));
}

} // namespace reviewd::app
