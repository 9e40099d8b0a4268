// Reads one case from JSON (the input of `reviewd schedule` and of `PUT /v1/children/{id}`).
// Strict: unknown fields, wrong types and impossible dates are errors naming the field path
// ("periods[0].placements[1].start") and the value; syntax errors give line and column.
#pragma once

#include "core/result.h"
#include "rules/case_facts.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace reviewd::rules {

core::result<case_facts> parse_case_json(std::string_view text);
core::result<case_facts> case_from_json(const nlohmann::json& document);

// The parts of a case on their own, for the API's sub-resources (POST a review, a period, ...).
// `field` prefixes the paths in errors.
core::result<period_of_care> period_from_json(const nlohmann::json& node,
                                              const std::string& field = "");
core::result<placement> placement_from_json(const nlohmann::json& node,
                                            const std::string& field = "");
core::result<held_review> review_from_json(const nlohmann::json& node,
                                           const std::string& field = "");
core::result<review_request> review_request_from_json(const nlohmann::json& node,
                                                      const std::string& field = "");

// The canonical JSON form: every field present, arrays in the order given. Reading it back with
// case_from_json gives the same facts; equal facts give equal text.
nlohmann::json case_to_json(const case_facts& facts);

// A case reference as the API accepts it in a URL: 1-64 of letters, digits, '.', '_', '-'.
bool valid_case_reference(std::string_view ref);

} // namespace reviewd::rules
