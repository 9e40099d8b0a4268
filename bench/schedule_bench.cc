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

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using reviewd::core::day;
using reviewd::rules::case_facts;

case_facts synthetic_child(std::mt19937_64& rng, int index) {
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    case_facts facts;
    facts.jurisdiction = "england";
    facts.child.id = "B" + std::to_string(index);
    const day start = reviewd::core::make_day(2012, 1, 1) + date::days{uniform(0, 14 * 365)};
    facts.child.date_of_birth = start - date::days{uniform(30, 17 * 365)};
    reviewd::rules::period_of_care period;
    period.start = start;
    period.care_plan_on = start + date::days{uniform(0, 20)};
    reviewd::rules::placement first{start, std::nullopt, false, {}};
    day visit = start;
    for (int v = uniform(1, 8); v > 0; --v)
        first.visits.push_back(visit = visit + date::days{uniform(5, 45)});
    if (uniform(0, 2) == 0) {
        const day move = visit + date::days{uniform(1, 60)};
        first.end = move;
        reviewd::rules::placement second{move, std::nullopt, uniform(0, 1) == 1, {move + date::days{uniform(2, 9)}}};
        period.placements = {first, second};
    } else {
        period.placements = {first};
    }
    facts.periods.push_back(period);
    day held = start + date::days{uniform(10, 30)};
    for (int r = uniform(0, 8), n = 0; n < r; ++n) {
        facts.reviews.push_back({held, std::nullopt, std::nullopt});
        held = held + date::days{n == 0 ? uniform(80, 95) : uniform(170, 190)};
    }
    return facts;
}

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
        auto result = reviewd::rules::compute_deadlines(child, loaded.book, loaded.calendars, as_of);
        if (!result) {
            std::fprintf(stderr, "schedule_bench: child %s refused: %s\n", child.child.id.c_str(),
                         reviewd::core::describe(result.err()).c_str());
            return 1;
        }
        deadlines += result.value().size();
        for (const auto& d : result.value())
            checksum += static_cast<std::size_t>(d.due.time_since_epoch().count()) + d.basis.size();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("schedule: %ld children (%zu deadlines) in %.3f s = %.0f children/s, %.2f M deadlines/s "
                "(one core; checksum %zu)\n",
                count, deadlines, seconds, static_cast<double>(count) / seconds,
                static_cast<double>(deadlines) / seconds / 1e6, checksum);
    return 0;
}
