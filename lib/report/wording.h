// The report's sentences in plain words, shared by the Markdown and HTML renderers so that both
// say the same: the title, what period was counted, a short explanation under each section, and
// how the figures are counted (the definitions of annual.h, for a councillor).
#pragma once

#include "report/figures.h"

#include <string>
#include <utility>
#include <vector>

namespace reviewd::report {

std::string report_title(const annual_report& r); // "... annual report 2026"
std::string period_words(const period& p);        // "2026", or "1 April 2026 to 31 March 2027"
std::string counted_sentence(const annual_report& r);

// Short explanations, one per chart or table.
std::string explain_reviews(const annual_report& r);
std::string explain_reviews_by_iro();
std::string explain_deadlines();
std::string explain_caseloads(const annual_report& r);
std::string explain_escalations_raised(const annual_report& r);
std::string explain_stage_reached();
std::string explain_resolved_at();
std::string explain_outcomes();
std::string explain_time_per_stage();
std::string explain_cafcass();
std::string explain_carried_and_open();

// "How the figures are counted": (term, meaning) pairs.
std::vector<std::pair<std::string, std::string>> definitions(const annual_report& r);

// Said when a working-day count went past the years the holiday data covers.
std::string provisional_warning();

} // namespace reviewd::report
