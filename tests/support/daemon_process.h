// The real `reviewd serve` started as a child process for end-to-end tests, on a free loopback
// port with its own temporary database and a copy of the shipped configuration. Its log goes to a
// file the test can read; start() waits for the "api.listening" line to learn the port.
#pragma once

#include "support/temp_dir.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reviewd::test {

class daemon_process {
public:
    // Copies config/ into a temp dir and writes reviewd.toml there with the database in the temp
    // dir, port 0, and `extra_api` appended to the [api] table (e.g. "max_body_bytes = 4096").
    explicit daemon_process(const std::string& extra_api = {});
    ~daemon_process(); // kills the daemon if still running

    // Runs `reviewd --config <temp config> args...` to completion (db migrate, token create...).
    struct command_result {
        int exit_code;
        std::string out;
        std::string err;
    };
    command_result command(const std::vector<std::string>& args) const;
    std::string create_token(const std::string& name, const std::string& role,
                             const std::string& person = {}) const;

    void start(); // throws when it does not listen within 15 s
    int
    terminate(std::chrono::milliseconds limit = std::chrono::seconds(15)); // SIGTERM; exit status
    void kill_now();                                                       // SIGKILL
    bool running() const { return pid_ > 0; }
    std::uint16_t port() const { return port_; }
    std::string log() const; // everything the daemon wrote to stderr so far

    const std::filesystem::path& config_file() const { return config_; }
    const std::filesystem::path& database() const { return database_; }
    const temp_dir& dir() const { return dir_; }

private:
    temp_dir dir_;
    std::filesystem::path config_;
    std::filesystem::path database_;
    std::filesystem::path log_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

} // namespace reviewd::test
