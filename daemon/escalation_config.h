// The [escalation] part of reviewd.toml: the council's dispute ladder (stages, owners, response
// times, endorsement, automatic climbing), its clocks, which holidays its working days skip, when
// alerts go, and a fixed mailbox per stage where no person in `people` holds it. Without the
// table, escalation::default_ladder() applies. Loaded strictly like the rest of the file; a
// ladder that escalation::validate_ladder() refuses is an error naming the file, line and key.
#pragma once

#include "calendar/calendar_set.h"
#include "store/escalation_records.h"

namespace reviewd::core {
class table_reader;
}

namespace reviewd::app {

// Throws core::load_failure.
store::escalation_setup read_escalation(core::table_reader& root);

// Throws config_error naming the key when the ladder counts the working days of a holiday
// division the holiday file does not have.
void check_escalation_holidays(const store::escalation_setup& setup,
                               const calendar::calendar_set& calendars,
                               const std::string& config_file);

} // namespace reviewd::app
