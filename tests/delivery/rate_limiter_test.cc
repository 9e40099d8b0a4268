// The token bucket that keeps reviewd within Microsoft 365's 30 messages a minute.
#include "delivery/rate_limiter.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace reviewd::delivery;
using namespace std::chrono_literals;
using reviewd::core::instant;

namespace {
const instant start = instant{} + 20'000h;
} // namespace

TEST_CASE("30 a minute: a full bucket gives 30 at once, then one every 2 s", "[delivery][rate]") {
    rate_limiter limiter(30, 60s, start);
    for (int i = 0; i < 30; ++i)
        REQUIRE(limiter.try_take(start));
    CHECK_FALSE(limiter.try_take(start));
    CHECK(limiter.next_free(start) >= start + 2s);
    CHECK(limiter.next_free(start) < start + 2s + 1ms);
    CHECK_FALSE(limiter.try_take(start + 1999ms));
    CHECK(limiter.try_take(start + 2s));
    CHECK_FALSE(limiter.try_take(start + 2s));
    // Waiting for next_free always works.
    const instant free_at = limiter.next_free(start + 2500ms);
    CHECK(limiter.try_take(free_at));
}

TEST_CASE("sustained sending is held to the rate", "[delivery][rate]") {
    rate_limiter limiter(30, 60s, start);
    int sent = 0;
    for (instant t = start; t < start + 10min; t += 100ms)
        sent += limiter.try_take(t) ? 1 : 0;
    CHECK(sent == 30 + 300 - 1); // the initial burst, then 30 a minute for ten minutes
}

TEST_CASE("the bucket never holds more than its burst", "[delivery][rate]") {
    rate_limiter limiter(30, 60s, start, 5);
    for (int i = 0; i < 5; ++i)
        REQUIRE(limiter.try_take(start));
    CHECK_FALSE(limiter.try_take(start));
    const instant later = start + 24h;
    for (int i = 0; i < 5; ++i)
        REQUIRE(limiter.try_take(later));
    CHECK_FALSE(limiter.try_take(later));
    CHECK(limiter.next_free(later) > later);
}

TEST_CASE("a clock stepping backwards earns no tokens", "[delivery][rate]") {
    rate_limiter limiter(1, 60s, start);
    REQUIRE(limiter.try_take(start));
    CHECK_FALSE(limiter.try_take(start - 1h));
    CHECK_FALSE(limiter.try_take(start + 59s));
    CHECK(limiter.next_free(start - 1h) >= start + 60s);
    CHECK(limiter.try_take(start + 60s));
}

TEST_CASE("nonsense rates are refused", "[delivery][rate]") {
    CHECK_THROWS_AS(rate_limiter(0, 60s, start), std::invalid_argument);
    CHECK_THROWS_AS(rate_limiter(30, 0s, start), std::invalid_argument);
    CHECK_THROWS_AS(rate_limiter(30, 60s, start, -1), std::invalid_argument);
}

TEST_CASE("the shared limiter hands out each token once across threads", "[delivery][rate]") {
    shared_rate_limiter limiter(100, 60s, start);
    std::atomic<int> taken{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 100; ++i)
                if (limiter.try_take(start))
                    ++taken;
        });
    for (auto& t : threads)
        t.join();
    CHECK(taken == 100);
}
