// Synthetic children for benchmarks (never real data): one period of care in 2012-2025, one or
// two placements with social worker visits, and zero to eight reviews held near their due dates.
// Deterministic for a given generator state.
#pragma once

#include "rules/case_facts.h"

#include <random>
#include <string>

namespace reviewd::bench {

inline rules::case_facts synthetic_child(std::mt19937_64& rng, int index) {
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    rules::case_facts facts;
    facts.jurisdiction = "england";
    facts.child.id = "B" + std::to_string(index);
    const core::day start = core::make_day(2012, 1, 1) + date::days{uniform(0, 14 * 365)};
    facts.child.date_of_birth = start - date::days{uniform(30, 17 * 365)};
    rules::period_of_care period;
    period.start = start;
    period.care_plan_on = start + date::days{uniform(0, 20)};
    rules::placement first{start, std::nullopt, false, {}};
    core::day visit = start;
    for (int v = uniform(1, 8); v > 0; --v)
        first.visits.push_back(visit = visit + date::days{uniform(5, 45)});
    if (uniform(0, 2) == 0) {
        const core::day move = visit + date::days{uniform(1, 60)};
        first.end = move;
        rules::placement second{
            move, std::nullopt, uniform(0, 1) == 1, {move + date::days{uniform(2, 9)}}};
        period.placements = {first, second};
    } else {
        period.placements = {first};
    }
    facts.periods.push_back(period);
    core::day held = start + date::days{uniform(10, 30)};
    for (int r = uniform(0, 8), n = 0; n < r; ++n) {
        facts.reviews.push_back({held, std::nullopt, std::nullopt});
        held = held + date::days{n == 0 ? uniform(80, 95) : uniform(170, 190)};
    }
    return facts;
}

} // namespace reviewd::bench
