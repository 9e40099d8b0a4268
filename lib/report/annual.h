// The IRO manager's annual report to the council's lead elected member (domain.md, step 10;
// issue 5): reviews held on time, missed deadlines, caseloads against the guidance, and how the
// escalations went. Pure: the inputs (inputs.h) are values, `as_of` is handed in, nothing is
// read from a clock, a file or the database. Aggregate only: no child reference, name or date of
// birth reaches the figures, and neither do escalation ids, descriptions or notes.
//
// What counts, precisely.
//
// The count. A report covers a period (a calendar year for `reviewd report annual`) and is made
// on `as_of`, which must not be before the period's first day. It counts up to `counted_to`, the
// period's last day, or `as_of` when that is earlier (a report of the year so far). Anything
// recorded after `counted_to` is ignored, so a report of a finished year says the same whenever
// it is made (except caseloads, which the store keeps only as they are now).
//
// Deadlines. A deadline belongs to the year when its statutory due date is in the period. Each
// is exactly one of:
//   - cancelled: stored as cancelled (the period of care ended first); shown, never counted;
//   - on time:   met on a day on or before its statutory due date (not the practical date: a
//                review held on the Saturday it was due is on time), that day being on or before
//                `counted_to`;
//   - late:      met after its due date, on or before `counted_to`;
//   - not met:   not met by `counted_to`, and due before `as_of` (so in a finished year every
//                unmet deadline is not met; in the year so far one due today is not yet due);
//   - not yet due: the rest.
// counted = on time + late + not met; missed = late + not met; "% on time" = on time / counted,
// and there is none (shown as a dash) when nothing counted. Percentages are rounded to one decimal
// place only when shown.
//   Reviews held on time are the deadlines of kind `review` (the statutory timetable), grouped by
// review number within the period of care: 1st, 2nd, and 3rd and later; reviews brought forward
// (`review_request`) are counted with the other kinds under missed deadlines. Per IRO, a review
// is counted under the child's IRO on the day the report is made (assignments keep no history);
// children with no IRO assigned make a row of their own.
//
// Caseloads. Each IRO's open (not archived) cases on the day the report is made, against the
// guidance of 50-70 children per full-time IRO: under 50, 50 to 70 (both included), over 70.
// reviewd does not know IROs' hours, so every IRO is compared as full-time. Inactive IROs with no
// children are left out.
//
// Escalations. Each history is cut at `counted_to` (later events ignored) and replayed with
// escalation::state_of() on `counted_to`: the report never re-derives what an event does.
//   - Raised in the year: raised on a day in the period. For these: the category; the stage
//     reached (the highest entered: with Cafcass, the Cafcass stage); where they stood at the end
//     (open, awaiting endorsement, with Cafcass, resolved, withdrawn); for the resolved, the stage
//     they were resolved at and the outcome code the IRO gave (escalation/outcome.h: the code at
//     the head of the resolved event's note; "not recorded" without one); and how many ran past
//     the total limit (20 working days) before they were resolved or went to Cafcass, or are
//     still running past it.
//   - Time per stage: a spell is the time an escalation spent at one stage, from the day it
//     entered the stage to the day it left it (advanced, endorsed into a higher stage, referred,
//     resolved or withdrawn), in working days: the day of entry is not counted, the day of leaving
//     is (calendar::working_calendar::working_days_between), as in every clock in reviewd; a
//     stage left on the day it was entered took 0. Counted: every spell that ended during the
//     year, and every spell still running at `counted_to` (measured up to it, so a lower bound:
//     the "still running" column says how many), whatever year its escalation was raised in.
//     Waiting for the IRO manager's endorsement of a higher stage is time at the current stage.
//     The median of an odd count is the middle value; of an even count, the mean of the two
//     middle values (so it may end in .5); the worst is the largest. "No answer in time": the
//     stage's owner gave no response by the end of the stage's response time (state.h), counting
//     spells answered late and spells that ran past it unanswered; the Cafcass stage has no
//     response clock.
//   - Referrals to Cafcass: escalations that entered the Cafcass stage on a day in the year
//     (a referral still awaiting endorsement has not), whenever raised, and where they stood at
//     the end: resolved (with the outcome codes), withdrawn by Cafcass, or still with Cafcass.
//   - Carried in: raised before the year and still open (or with Cafcass) when it began; how many
//     were resolved or withdrawn by `counted_to`.
//   - Open at the end: every escalation open, awaiting endorsement or with Cafcass at
//     `counted_to`, and the longest of them in working days since it was raised.
#pragma once

#include "calendar/working_calendar.h"
#include "core/result.h"
#include "escalation/ladder.h"
#include "report/figures.h"
#include "report/inputs.h"

namespace reviewd::report {

// The figures, or an error: `as_of` before the period, a period that ends before it begins, or
// an escalation whose history the ladder cannot replay (field "escalations[<id>]").
core::result<annual_report> compute_annual(const annual_input& input,
                                           const escalation::ladder& ladder,
                                           const calendar::working_calendar& calendar);

// The parts, for the shell and the tests.
std::vector<kind_figures> deadline_figures(const std::vector<deadline_row>& rows, const period& p,
                                           core::day counted_to, core::day as_of);
review_figures review_timeliness(const std::vector<deadline_row>& rows,
                                 const std::vector<iro_caseload>& caseloads, const period& p,
                                 core::day counted_to, core::day as_of);
caseload_figures caseload_bands(const std::vector<iro_caseload>& caseloads,
                                int children_without_iro);
core::result<escalation_figures>
escalation_summary(const std::vector<escalation::escalation>& escalations, const period& p,
                   core::day counted_to, const escalation::ladder& ladder,
                   const calendar::working_calendar& calendar);

} // namespace reviewd::report
