// Request counts and latencies for GET /metrics, in Prometheus text format. Thread-safe: the
// hot path takes one short mutex per request.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace reviewd::api {

class metrics {
public:
    // `route` is the pattern ("/v1/children/{}/deadlines"), never the concrete path: references
    // stay out of metrics.
    void record(const std::string& method, const std::string& route, int status,
                std::chrono::nanoseconds took);

    // Appends the request families; `gauges` adds name -> value lines (with labels if given).
    std::string render(const std::vector<std::pair<std::string, double>>& gauges) const;

private:
    static constexpr std::array<double, 11> bucket_seconds = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0};
    struct series {
        std::uint64_t count = 0;
        double seconds = 0;
        std::array<std::uint64_t, bucket_seconds.size()> buckets{};
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::pair<std::string, std::string>, series> latency_;
};

} // namespace reviewd::api
