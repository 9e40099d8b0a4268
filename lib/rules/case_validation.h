// The checks a case must pass before deadlines are computed: facts that contradict each other
// (a review before the period began, overlapping periods, a visit outside its placement) are
// errors naming the field and value, never silently dropped.
#pragma once

#include "core/result.h"
#include "rules/case_facts.h"
#include "rules/rule_book.h"

#include <optional>

namespace reviewd::rules {

std::optional<core::error> check_case(const case_facts& facts, const rule_book& book);

} // namespace reviewd::rules
