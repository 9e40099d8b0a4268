// Benchmark: full deadline schedules for many synthetic children (fixed seed) on one core, with
// the shipped rules and holidays. Prints children/s and deadlines/s.
//
//   schedule_bench [--count N] [--config FILE]
//
// Each synthetic child has one period of care in 2012-2025, one or two placements with social
// worker visits, and zero to eight reviews held near their due dates: roughly the shape of a real
// caseload. The work is consumed into a checksum so the optimiser cannot drop it.
#include "config.h"
#include "rules/deadlines.h"
#include "rules_loader.h"
#include "synthetic_cases.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using reviewd::bench::synthetic_child;
using reviewd::core::day;
using reviewd::rules::case_facts;

} // namespace

int main(int argc, char** argv) {
    long count = 1'000'000;
    std::string config_path = REVIEWD_SOURCE_DIR "/config/reviewd.toml";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--count")
            count = std::atol(argv[i + 1]);
        else if (flag == "--config")
            config_path = argv[i + 1];
    }
    const auto cfg = reviewd::app::load_config(config_path);
    const auto loaded = reviewd::app::load_rules(cfg);

    std::mt19937_64 rng(20261123);
    std::vector<case_facts> children;
    children.reserve(static_cast<std::size_t>(count));
    for (long i = 0; i < count; ++i)
        children.push_back(synthetic_child(rng, static_cast<int>(i)));

    const day as_of = reviewd::core::make_day(2026, 11, 23);
    std::size_t deadlines = 0, checksum = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (const auto& child : children) {
        auto result =
            reviewd::rules::compute_deadlines(child, loaded.book, loaded.calendars, as_of);
        if (!result) {
            std::fprintf(stderr, "schedule_bench: child %s refused: %s\n", child.child.id.c_str(),
                         reviewd::core::describe(result.err()).c_str());
            return 1;
        }
        deadlines += result.value().size();
        for (const auto& d : result.value())
            checksum += static_cast<std::size_t>(d.due.time_since_epoch().count()) + d.basis.size();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf(
        "schedule: %ld children (%zu deadlines) in %.3f s = %.0f children/s, %.2f M deadlines/s "
        "(one core; checksum %zu)\n",
        count, deadlines, seconds, static_cast<double>(count) / seconds,
        static_cast<double>(deadlines) / seconds / 1e6, checksum);
    return 0;
}
