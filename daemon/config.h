// The daemon's configuration file (config/reviewd.toml documents every key). Loading is strict:
// an unknown key, a wrong type or a missing file is an error naming the file, line and key.
// Relative paths in the file are resolved against the file's own folder.
#pragma once

#include "calendar/calendar_set.h"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace reviewd::app {

// A configuration error: start-up stops with this message.
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct config {
    std::filesystem::path file;
    std::filesystem::path holidays_file;
    std::filesystem::path rules_directory;
    std::string time_zone = "Europe/London";
    std::vector<calendar::local_closure> closures;
};

config load_config(const std::filesystem::path& file);

// Reads a whole file; throws config_error naming it when it cannot.
std::string read_file(const std::filesystem::path& file);

} // namespace reviewd::app
