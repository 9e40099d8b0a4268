// Access to the project's shipped data from tests: the GOV.UK holiday file and rule sets in
// config/, read once and shared, so tests exercise exactly what users get.
#pragma once

#include "calendar/calendar_set.h"
#include "calendar/holidays.h"

#include <string>

namespace reviewd::test {

std::string source_path(const std::string& relative); // REVIEWD_SOURCE_DIR + "/" + relative
std::string read_text_file(const std::string& path);  // throws on failure

const calendar::holiday_data& shipped_holidays(); // config/bank-holidays.json
const calendar::working_calendar& england_and_wales();
const calendar::working_calendar& scotland();
const calendar::working_calendar& northern_ireland();

} // namespace reviewd::test
