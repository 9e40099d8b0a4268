// The merge of one child's return with what reviewd already holds for them. A yearly 903 return
// holds only the episodes open during its year and the reviews held in it, so a later return
// updates the stored case rather than replacing it:
//   - history before the return is kept: periods that ended before its first episode, and the
//     placements and reviews before it;
//   - the return is authoritative from the child's first episode in it (periods, placements) and
//     over its collection year (reviews): stored ones it does not repeat are removed, and said so;
//   - a period the return continues (first episode not RNE S) takes its start, and its placement
//     when RNE is L, from the stored case; with nothing stored to continue, the child is refused;
//   - facts the 903 does not carry are kept where they still fit: visits, long-term flags, care
//     plan and IRO allocation dates, review decision and record dates, review requests, health
//     assessments, initials;
//   - a stored case with facts after the return's year is newer than the return: kept as it is.
// Pure.
#pragma once

#include "rules/case_facts.h"
#include "rules/rule_book.h"
#include "ssda903/extract.h"

#include <optional>
#include <vector>

namespace reviewd::ssda903 {

struct reconciled {
    bool refused = false;     // the return cannot be merged: `notes` holds the error
    bool keep_stored = false; // the stored case is newer than the return: write nothing
    rules::case_facts facts;  // the case to hold (unless refused or keep_stored)
    std::vector<issue> notes; // what was removed, kept or assumed; the error when refused
};

reconciled reconcile(const child_extract& child, const std::optional<rules::case_facts>& stored,
                     const std::optional<collection_window>& window, const return_extract& where);

// check_case on the merged facts, its error located where possible at the row that brought the
// fact in (a review by its day, a period by its start). nullopt when the case is consistent.
std::optional<issue> check_reconciled(const rules::case_facts& facts, const rules::rule_book& book,
                                      const child_extract& child, const return_extract& where);

// The facts as reviewd would hold them for a child new to it (no stored case).
rules::case_facts fresh_facts(const child_extract& child);

} // namespace reviewd::ssda903
