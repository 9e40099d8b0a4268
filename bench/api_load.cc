// Benchmark: loads a synthetic caseload through the running daemon's API (PUT /v1/children/{ref},
// each a transaction with its deadline recompute and audit row) over several keep-alive
// connections, and prints children/s.
//
//   api_load --port P --token T [--count 100000] [--connections 4]
#include "rules/case_json.h"
#include "support/http_client.h"
#include "synthetic_cases.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    int port = 0, count = 100000, connections = 4;
    std::string token;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--port")
            port = std::atoi(argv[i + 1]);
        else if (flag == "--token")
            token = argv[i + 1];
        else if (flag == "--count")
            count = std::atoi(argv[i + 1]);
        else if (flag == "--connections")
            connections = std::atoi(argv[i + 1]);
    }
    if (port <= 0 || token.empty()) {
        std::fprintf(stderr, "usage: api_load --port P --token T [--count N] [--connections C]\n");
        return 2;
    }
    // Bodies are made before the clock starts: the figure is the daemon's, not the generator's.
    std::mt19937_64 rng(20261123);
    std::vector<std::string> bodies;
    bodies.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        bodies.push_back(
            reviewd::rules::case_to_json(reviewd::bench::synthetic_child(rng, i)).dump());

    std::atomic<int> next{0}, failed{0};
    const auto begin = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int c = 0; c < connections; ++c)
        workers.emplace_back([&] {
            reviewd::test::http_client client("127.0.0.1", static_cast<std::uint16_t>(port),
                                              std::chrono::seconds(30));
            const reviewd::test::header_list headers = {{"Authorization", "Bearer " + token},
                                                        {"Content-Type", "application/json"}};
            for (int i = next++; i < count; i = next++) {
                const auto reply = client.request("PUT", "/v1/children/B" + std::to_string(i),
                                                  bodies[static_cast<std::size_t>(i)], headers);
                if (reply.status != 201 && reply.status != 200 && failed++ < 5)
                    std::fprintf(stderr, "api_load: B%d: %d %s\n", i, reply.status,
                                 reply.body.c_str());
            }
        });
    for (auto& w : workers)
        w.join();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf(
        "api_load: %d children in %.1f s = %.0f children/s over %d connections (%d failed)\n",
        count, seconds, count / seconds, connections, failed.load());
    return failed.load() == 0 ? 0 : 1;
}
