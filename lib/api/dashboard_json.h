// GET /v1/dashboard's body, from the store's dashboard figures: pure, so its shape is tested
// without a server. References, counts and dates only; lib/api/README.md describes each field.
#pragma once

#include "core/dates.h"
#include "escalation/ladder.h"
#include "store/dashboard_records.h"

#include <nlohmann/json.hpp>

namespace reviewd::api {

// IRO caseload guidance (domain.md): 50-70 children per full-time IRO.
inline constexpr int caseload_guidance_low = 50;
inline constexpr int caseload_guidance_high = 70;

// "This week": Monday to Sunday, the week holding `today`.
struct dashboard_window {
    core::day week_start;
    core::day week_end;
};
dashboard_window window_of(core::day today);

// "below", "within" or "above" the 50-70 guidance.
const char* caseload_band(int children);

nlohmann::json dashboard_json(const store::dashboard_figures& figures,
                              const store::dashboard_query& query, const dashboard_window& window,
                              const escalation::ladder& ladder);

} // namespace reviewd::api
