// Loads one rule set from TOML text (config/rules/*.toml). Strict: a missing key, a wrong type,
// an unknown key (a typo would otherwise silently switch a rule off) or a phrase that is not a
// time limit is an error naming the file, line and key.
#pragma once

#include "core/result.h"
#include "rules/rule_set.h"

#include <string>
#include <string_view>

namespace reviewd::rules {

core::result<rule_set> parse_rule_set_toml(std::string_view text, const std::string& source_name);

} // namespace reviewd::rules
