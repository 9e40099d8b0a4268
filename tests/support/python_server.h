// A test server written in Python (an SMTP sink, a webhook receiver, ...) run as a child process
// with the Debian interpreter /usr/bin/python3 (pyenv's python3 lacks Debian's modules such as
// aiosmtpd). The script must print "READY <port>" on standard output once it listens; start
// waits for that line (bounded) and the destructor kills the process. Output goes to a log file
// the test can read when something fails.
//
// Conventions for scripts in tests/support: listen on 127.0.0.1 only, take --port (0 = any free
// port), print READY, and exit on SIGTERM.
#pragma once

#include "support/temp_dir.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reviewd::test {

// REVIEWD_SOURCE_DIR/tests/support/<name>
std::filesystem::path support_script(const std::string& name);

class python_server {
public:
    // Starts `/usr/bin/python3 -u script args...`; throws std::runtime_error (with the log) when
    // the process exits or prints no READY line within `limit`.
    python_server(const std::filesystem::path& script, std::vector<std::string> args,
                  std::chrono::milliseconds limit = std::chrono::seconds(20));
    ~python_server(); // SIGTERM, then SIGKILL after 2 s
    python_server(const python_server&) = delete;
    python_server& operator=(const python_server&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    bool running() const { return pid_ > 0; }
    std::string log() const; // everything the script printed so far (stdout and stderr)
    void stop();             // as the destructor; idempotent

private:
    temp_dir dir_;
    std::filesystem::path log_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

// Polls `done` every few milliseconds until it returns true or `limit` passes; returns its last
// answer. For waiting on another process without sleeping for a fixed time.
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds limit = std::chrono::seconds(10));

} // namespace reviewd::test

#include <thread>

template <class Predicate>
bool reviewd::test::eventually(Predicate done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}
