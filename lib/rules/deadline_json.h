// Deadlines as JSON: the output of `reviewd schedule` and of the API's deadline resources.
// Carries the child's reference only: no date of birth, no names.
#pragma once

#include "rules/deadline.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace reviewd::rules {

nlohmann::json deadline_to_json(const deadline& d);
nlohmann::json schedule_to_json(const std::string& child_id, const std::string& jurisdiction,
                                core::day as_of, const std::vector<deadline>& deadlines);

} // namespace reviewd::rules
