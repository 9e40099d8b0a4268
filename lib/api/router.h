// Request targets taken apart (path segments, query parameters, percent-decoding) and matched
// against route patterns such as "/v1/children/{}/deadlines". Pure; no HTTP library.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::api {

struct target {
    std::vector<std::string> segments; // decoded; "/v1/children/C1" -> {"v1", "children", "C1"}
    std::map<std::string, std::string> query;
};

// nullopt when the target is not a valid origin-form path or its escapes are malformed.
std::optional<target> parse_target(std::string_view raw);

// Matches `segments` against a pattern whose "{}" segments capture; returns the captures.
std::optional<std::vector<std::string>> match(std::string_view pattern,
                                              const std::vector<std::string>& segments);

} // namespace reviewd::api
