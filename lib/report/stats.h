// The few statistics the report uses, defined once: the median (the mean of the two middle
// values for an even count), the worst, and a percentage that is absent when nothing counted.
#pragma once

#include <optional>
#include <vector>

namespace reviewd::report {

// None for no values; the middle value of an odd count; the mean of the two middle values of an
// even count (so a median of working days may end in .5).
std::optional<double> median(std::vector<int> values);

// The largest value; none for no values.
std::optional<int> worst(const std::vector<int>& values);

// part / whole * 100; none when whole is 0.
std::optional<double> percent(int part, int whole);

} // namespace reviewd::report
