// Backoff, jitter, Retry-After and giving up: the schedule a failing message follows.
#include "delivery/retry_policy.h"

#include <catch2/catch.hpp>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::core::instant;

namespace {
const instant first = instant{} + 20'000h;
} // namespace

TEST_CASE("retries back off exponentially from 30 s up to the one-hour cap", "[delivery][retry]") {
    const retry_policy policy; // 30 s, cap 1 h, give up after 24 h, jitter 20%
    const std::pair<int, std::chrono::seconds> table[] = {
        {1, 30s},   {2, 60s},   {3, 120s},  {4, 240s},   {5, 480s},    {6, 960s},
        {7, 1920s}, {8, 3600s}, {9, 3600s}, {40, 3600s}, {1000, 3600s}};
    for (const auto& [attempts, delay] : table) {
        INFO("attempts " << attempts);
        // random01 = 0.5 means no jitter at all.
        CHECK(policy.next_attempt(attempts, first, first + 1min, std::nullopt, 0.5) ==
              first + 1min + delay);
    }
}

TEST_CASE("jitter spreads a retry by at most 20% either way", "[delivery][retry]") {
    const retry_policy policy;
    const instant now = first + 10min;
    CHECK(policy.next_attempt(3, first, now, std::nullopt, 0.0) == now + 96s);  // 120 * 0.8
    CHECK(policy.next_attempt(3, first, now, std::nullopt, 1.0) == now + 144s); // 120 * 1.2
    for (double r = 0.0; r <= 1.0; r += 0.05) {
        const auto next = policy.next_attempt(3, first, now, std::nullopt, r);
        REQUIRE(next);
        CHECK(*next >= now + 96s);
        CHECK(*next <= now + 144s);
    }
    // Out-of-range randoms are clamped, not trusted.
    CHECK(policy.next_attempt(3, first, now, std::nullopt, 7.0) == now + 144s);
    CHECK(policy.next_attempt(3, first, now, std::nullopt, -1.0) == now + 96s);
}

TEST_CASE("a server's Retry-After is never undercut", "[delivery][retry]") {
    const retry_policy policy;
    const instant now = first + 1min;
    CHECK(policy.next_attempt(1, first, now, 600s, 0.5) == now + 600s); // longer than 30 s
    CHECK(policy.next_attempt(1, first, now, 7s, 0.5) == now + 30s);    // shorter: backoff wins
    CHECK(policy.next_attempt(1, first, now, 0s, 0.5) == now + 30s);
}

TEST_CASE("a message is dead after 24 hours of trying", "[delivery][retry]") {
    const retry_policy policy;
    CHECK_FALSE(policy.next_attempt(5, first, first + 24h, std::nullopt, 0.5));
    CHECK_FALSE(policy.next_attempt(5, first, first + 30h, std::nullopt, 0.5));
    // The next attempt would land after the limit: dead now rather than one useless wait.
    CHECK_FALSE(policy.next_attempt(20, first, first + 23h + 30min, std::nullopt, 0.5));
    CHECK(policy.next_attempt(20, first, first + 22h, std::nullopt, 0.5) == first + 23h);
    // A Retry-After beyond the limit kills it too.
    CHECK_FALSE(policy.next_attempt(1, first, first + 1min, 25h, 0.5));
}

TEST_CASE("the retry policy is configurable", "[delivery][retry]") {
    retry_policy policy;
    policy.base = 5s;
    policy.cap = 40s;
    policy.give_up_after = 10min;
    policy.jitter = 0.0;
    CHECK(policy.next_attempt(1, first, first, std::nullopt, 0.9) == first + 5s);
    CHECK(policy.next_attempt(4, first, first, std::nullopt, 0.1) == first + 40s);
    CHECK(policy.next_attempt(5, first, first, std::nullopt, 0.1) == first + 40s);
    CHECK_FALSE(policy.next_attempt(5, first, first + 9min + 30s, std::nullopt, 0.1));
}
