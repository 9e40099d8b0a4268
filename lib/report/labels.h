// Plain words for the report's readers (a councillor, not a developer): deadline kinds, stages,
// categories, statuses and caseload bands, plus how numbers are written. Shared by every renderer
// so that the Markdown, CSV, JSON and HTML say the same thing in the same words.
#pragma once

#include "escalation/escalation.h"
#include "report/figures.h"
#include "rules/deadline.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::report {

// Every deadline kind and category, in the order the report lists them.
const std::array<rules::deadline_kind, 8>& all_deadline_kinds();
const std::array<escalation::category, 4>& all_categories();
const std::array<escalation::outcome, 7>& all_outcomes();

std::string_view label(rules::deadline_kind kind); // "Social worker visit"
std::string_view label(escalation::category what); // "Care plan not implemented"
std::string_view label(caseload_band band);        // "over 70"
std::string_view name(caseload_band band);         // "over" (JSON, CSV)
// "The child's needs were met"; "Not recorded" for none.
std::string_view label(const std::optional<escalation::outcome>& code);
// "needs_met"; "not_recorded" for none (JSON, CSV).
std::string_view name(const std::optional<escalation::outcome>& code);
// A ladder stage id in words: "head_of_service" -> "Head of service", "cafcass" -> "Cafcass".
std::string stage_label(std::string_view stage_id);
// An IRO's row heading: "Ann Smith (IRO-1)", the ref alone without a name, and
// "No IRO assigned" for the empty ref.
std::string iro_label(const std::string& ref, const std::string& name);

// A table of outcomes in words and counts, {label, count} a row: the outcomes that happened, or
// every row when none did, so the table is never empty (the Markdown and HTML tables).
std::vector<std::vector<std::string>> outcome_table(const std::vector<outcome_count>& counts);

// "12" or "4.5": a median of working days is a whole number or ends in .5.
std::string format_number(double value);
// "66.7%", "100%", or "-" when there is none.
std::string format_percent(const std::optional<double>& value);
// The value rounded to one decimal place (for JSON and CSV).
double one_decimal(double value);
// "1 January 2026"
std::string long_date(core::day d);

} // namespace reviewd::report
