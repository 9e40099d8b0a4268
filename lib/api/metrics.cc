// Prometheus text rendering of request metrics; see metrics.h.
#include "api/metrics.h"

#include <fmt/format.h>

#include <iterator>

namespace reviewd::api {

void metrics::record(const std::string& method, const std::string& route, int status,
                     std::chrono::nanoseconds took) {
    const double seconds = std::chrono::duration<double>(took).count();
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    series& s = latency_[{method, route}];
    ++s.count;
    s.seconds += seconds;
    for (std::size_t i = 0; i < bucket_seconds.size(); ++i)
        if (seconds <= bucket_seconds[i])
            ++s.buckets[i];
}

std::string metrics::render(const std::vector<std::pair<std::string, double>>& gauges) const {
    std::string out;
    auto it = std::back_inserter(out);
    std::lock_guard lock(mutex_);
    out += "# HELP reviewd_http_requests_total HTTP requests by method, route and status.\n"
           "# TYPE reviewd_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        fmt::format_to(
            it, "reviewd_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
            std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
    out += "# HELP reviewd_http_request_duration_seconds Time from a complete request to its "
           "response.\n"
           "# TYPE reviewd_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : latency_) {
        for (std::size_t i = 0; i < bucket_seconds.size(); ++i)
            fmt::format_to(it,
                           "reviewd_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}"
                           "\",le=\"{}\"}} {}\n",
                           key.first, key.second, bucket_seconds[i], s.buckets[i]);
        fmt::format_to(it,
                       "reviewd_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\","
                       "le=\"+Inf\"}} {}\n",
                       key.first, key.second, s.count);
        fmt::format_to(
            it, "reviewd_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n",
            key.first, key.second, s.seconds);
        fmt::format_to(
            it, "reviewd_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n",
            key.first, key.second, s.count);
    }
    std::string last_family;
    for (const auto& [name, value] : gauges) {
        const std::string family = name.substr(0, name.find('{'));
        if (family != last_family) {
            fmt::format_to(it, "# TYPE {} gauge\n", family);
            last_family = family;
        }
        fmt::format_to(it, "{} {}\n", name, value);
    }
    return out;
}

} // namespace reviewd::api
