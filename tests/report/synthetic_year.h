// A synthetic 2026 whose every figure is known by construction (synthetic_year.cc says how each
// part is built and what it must count to); used by the figures and the rendering tests.
#pragma once

#include "report/inputs.h"

namespace reviewd::test::rep {

// Reported on 2027-01-15: the year is complete.
report::annual_input synthetic_year();

// Staff names chosen to break naive escaping (a comma, quotes, '<', '|', a leading '=').
inline constexpr const char* hostile_name = "=Bob \"B\" <b>Birch</b>, | *x*";

} // namespace reviewd::test::rep
