// The report's statistics; see stats.h.
#include "report/stats.h"

#include "report/figures.h"

#include <algorithm>

namespace reviewd::report {

std::optional<double> median(std::vector<int> values) {
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    if (n % 2 == 1)
        return values[n / 2];
    return (static_cast<double>(values[n / 2 - 1]) + values[n / 2]) / 2.0;
}

std::optional<int> worst(const std::vector<int>& values) {
    if (values.empty())
        return std::nullopt;
    return *std::max_element(values.begin(), values.end());
}

std::optional<double> percent(int part, int whole) {
    if (whole == 0)
        return std::nullopt;
    return 100.0 * part / whole;
}

std::optional<double> timeliness::percent_on_time() const {
    return percent(on_time, counted());
}

std::optional<double> timeliness::percent_missed() const {
    return percent(missed(), counted());
}

} // namespace reviewd::report
