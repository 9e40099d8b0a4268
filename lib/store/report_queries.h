// What the annual report reads from the database (lib/report computes and renders it): the
// deadlines due in a period with each child's IRO, the IROs' caseloads now, the open cases with
// no IRO, and the escalations with their histories (read as escalation_store reads them). One
// read-only connection and one read transaction, so the figures come from one consistent snapshot
// and the command never writes.
#pragma once

#include "core/dates.h"
#include "report/inputs.h"

#include <filesystem>
#include <vector>

namespace reviewd::store {

struct report_rows {
    // Due in [first, last], archived (closed) cases included: a child who left care during the
    // year still had reviews due in it. `iro` is the child's IRO assigned now.
    std::vector<report::deadline_row> deadlines;
    // Every person with role iro, with the number of open (not archived) cases assigned now.
    std::vector<report::iro_caseload> caseloads;
    int children_without_iro = 0; // open cases with no IRO assigned
    // Every escalation raised on or before `last`, with its whole history, in id order. What the
    // report does not need is left out: the child's reference, the description and the events'
    // notes are blank here, so they cannot reach a report by mistake; a resolved event keeps only
    // its outcome code (escalation/outcome.h), without the IRO's details.
    std::vector<escalation::escalation> escalations;
};

// Opens `file` read-only. Throws sqlite_error when it cannot be read, and std::runtime_error
// when its schema is not this build's (run `reviewd db migrate`) or a stored row is malformed.
report_rows read_report_rows(const std::filesystem::path& file, core::day first, core::day last);

} // namespace reviewd::store
