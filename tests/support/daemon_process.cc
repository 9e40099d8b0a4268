// Running reviewd serve for end-to-end tests; see daemon_process.h.
#include "support/daemon_process.h"

#include "support/process.h"
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

daemon_process::daemon_process(const std::string& extra_api)
    : config_(dir_.path() / "config" / "reviewd.toml"),
      database_(dir_.path() / "var" / "reviewd.db"), log_(dir_.path() / "daemon.log") {
    namespace fs = std::filesystem;
    fs::create_directories(dir_.path() / "config");
    fs::copy(source_path("config/bank-holidays.json"),
             dir_.path() / "config" / "bank-holidays.json");
    fs::copy(source_path("config/rules"), dir_.path() / "config" / "rules");
    fs::copy(source_path("config/templates"), dir_.path() / "config" / "templates");
    dir_.write("config/reviewd.toml",
               "[calendar]\nholidays_file = \"bank-holidays.json\"\n"
               "[rules]\ndirectory = \"rules\"\n"
               "[store]\npath = \"" +
                   database_.string() +
                   "\"\n"
                   "[api]\naddress = \"127.0.0.1\"\nport = 0\nshutdown_grace_ms = 5000\n" +
                   extra_api + "\n");
}

daemon_process::~daemon_process() {
    if (pid_ > 0)
        kill_now();
}

daemon_process::command_result daemon_process::command(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{REVIEWD_BINARY, "--config", config_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_process(argv);
    return {r.exit_code, r.out, r.err};
}

std::string daemon_process::create_token(const std::string& name, const std::string& role,
                                         const std::string& person) const {
    std::vector<std::string> args{"token", "create", "--name", name, "--role", role};
    if (!person.empty()) {
        args.push_back("--person");
        args.push_back(person);
    }
    const auto r = command(args);
    if (r.exit_code != 0 || r.out.size() < 68)
        throw std::runtime_error("token create failed: " + r.err);
    return r.out.substr(0, 68);
}

std::string daemon_process::log() const {
    std::ifstream in(log_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void daemon_process::start() {
    if (pid_ > 0)
        throw std::runtime_error("daemon already running");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    std::vector<std::string> argv{REVIEWD_BINARY, "--config", config_.string(), "serve"};
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back(a.data());
    args.push_back(nullptr);
    const std::size_t log_start =
        std::filesystem::exists(log_) ? std::filesystem::file_size(log_) : 0;
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start reviewd");

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = log().substr(log_start);
        if (const auto at = text.find("api.listening"); at != std::string::npos) {
            const auto p = text.find("port=", at);
            const auto end = text.find('\n', p);
            if (p != std::string::npos && end != std::string::npos) {
                port_ = static_cast<std::uint16_t>(std::stoi(text.substr(p + 5, end - p - 5)));
                return;
            }
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("reviewd serve exited at start:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill_now();
    throw std::runtime_error("reviewd serve did not listen within 15 s:\n" + log());
}

int daemon_process::terminate(std::chrono::milliseconds limit) {
    if (pid_ <= 0)
        throw std::runtime_error("daemon not running");
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill_now();
    throw std::runtime_error("reviewd did not stop within the limit after SIGTERM");
}

void daemon_process::kill_now() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

} // namespace reviewd::test
