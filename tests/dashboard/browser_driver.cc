// Hands a running daemon to the browser test: starts `reviewd serve` with the dashboard's known
// caseload and filler (tests/e2e/dashboard_scenario.h) on the driven clock, runs
// browser_check.py against it with a manager token, and exits with the script's status (77 when
// it skips). Registered by tests/dashboard/CMakeLists.txt only where Chromium and chromedriver
// are installed.
//
//   dashboard_browser_check SCRIPT OUTPUT_DIR
#include "e2e/dashboard_scenario.h"
#include "support/process.h"

#include <unistd.h>

#include <iostream>

int main(int argc, char** argv) {
    using namespace reviewd::test;
    if (argc != 3) {
        std::cerr << "usage: dashboard_browser_check SCRIPT OUTPUT_DIR\n";
        return 2;
    }
    if (access("/usr/bin/chromium", X_OK) != 0 || access("/usr/bin/chromedriver", X_OK) != 0) {
        std::cout << "SKIP: Debian chromium and chromium-driver are not installed\n";
        return 77;
    }
    try {
        dashboard_scenario s(true);
        std::vector<std::string> command{"/usr/bin/python3",
                                         argv[1],
                                         "--url",
                                         "http://127.0.0.1:" +
                                             std::to_string(s.api().daemon.port()),
                                         "--token",
                                         s.api().tokens.at("manager"),
                                         "--out",
                                         argv[2]};
        const auto result = run_process(command);
        std::cout << result.out;
        std::cerr << result.err;
        if (result.exit_code == 1)
            std::cerr << "daemon log:\n" << s.stack->log();
        s.stack->stop();
        return result.exit_code;
    } catch (const std::exception& e) {
        std::cerr << "dashboard browser check: " << e.what() << "\n";
        return 1;
    }
}
