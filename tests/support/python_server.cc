// Python test servers as child processes; see python_server.h.
#include "support/python_server.h"

#include "support/test_data.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace reviewd::test {

std::filesystem::path support_script(const std::string& name) {
    return source_path("tests/support/" + name);
}

python_server::python_server(const std::filesystem::path& script, std::vector<std::string> args,
                             std::chrono::milliseconds limit)
    : log_(dir_.path() / "server.log") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<std::string> argv{"/usr/bin/python3", "-u", script.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv)
        raw.push_back(a.data());
    raw.push_back(nullptr);
    const int rc = posix_spawn(&pid_, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        pid_ = -1;
        throw std::runtime_error("cannot start /usr/bin/python3 " + script.string());
    }

    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = log();
        if (const auto at = text.find("READY "); at != std::string::npos) {
            const auto end = text.find('\n', at);
            if (end != std::string::npos) {
                port_ = static_cast<std::uint16_t>(std::stoi(text.substr(at + 6, end - at - 6)));
                return;
            }
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error(script.filename().string() + " exited at start:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const std::string text = log();
    stop();
    throw std::runtime_error(script.filename().string() + " was not READY in time:\n" + text);
}

python_server::~python_server() {
    stop();
}

std::string python_server::log() const {
    std::ifstream in(log_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void python_server::stop() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

} // namespace reviewd::test
