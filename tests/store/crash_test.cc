// A writer killed with SIGKILL mid-stream leaves a database that opens, passes the check, and
// holds every case it committed completely (case, deadlines and audit row together) or not at all.
#include "store/maintenance.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using reviewd::test::store_fixture;

TEST_CASE("a database survives its writer being killed mid-write", "[store][crash]") {
    store_fixture f;
    f.db.reset(); // the child process opens its own
    for (int round = 0; round < 3; ++round) {
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // The writer: cases as fast as it can until it is killed.
            reviewd::store::case_store db(f.file);
            for (int i = 0;; ++i) {
                const std::string ref = "R" + std::to_string(round) + "-" + std::to_string(i);
                if (!db.put_case(store_fixture::simple_case(ref), f.rules, f.who, "t"))
                    _exit(3);
            }
        }
        // Kill it once it has committed a few cases, at a moment we do not choose.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (f.count("children", "ref LIKE 'R" + std::to_string(round) + "-%'") < 5 + round * 7 &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
    }
    const auto report = reviewd::store::check_database(f.file, f.rules);
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    CHECK(report.ok());
    const auto children = f.count("children");
    CHECK(children >= 5);
    CHECK(f.count("audit", "action = 'child.create'") == children);
    CHECK(f.count("children", "id NOT IN (SELECT child_id FROM deadlines)") == 0);
    reviewd::store::case_store reopened(f.file);
    CHECK(reopened.put_case(store_fixture::simple_case("after"), f.rules, f.who, "t"));
}
