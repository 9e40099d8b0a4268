// The synthetic 2026; see synthetic_year.h. Working days below are counted by hand from the
// calendar (England and Wales): 2025-12-25/26, 2026-01-01 and 2026-12-25/28 are bank holidays,
// none falls inside the other spells.
#include "synthetic_year.h"

#include "report_fixture.h"

namespace reviewd::test::rep {

report::annual_input synthetic_year() {
    using rules::deadline_kind;
    using rules::deadline_status;
    report::annual_input in;
    in.year = report::calendar_year(2026);
    in.as_of = d("2027-01-15");

    // Reviews. I-A: 1st 3 on time + 1 held on the due day (on time); 2nd 3 on time, 1 late;
    // 3rd and later: on time as 3rd and as 4th, late as 3rd, not met as 6th.
    auto& rows = in.deadlines;
    add_on_time(rows, "I-A", 1, 3);
    add_on_due_day(rows, "I-A", 1, 1);
    add_on_time(rows, "I-A", 2, 3);
    add_late(rows, "I-A", 2, 1);
    add_on_time(rows, "I-A", 3, 1);
    add_on_time(rows, "I-A", 4, 1);
    add_late(rows, "I-A", 3, 1);
    add_not_met(rows, "I-A", 6, 1);
    // I-B: 1st 1 on time, 1 late; 2nd 1 on time, 1 not met, and 1 held only on 2027-01-04 (due
    // 2026-12-30: after the count, so not met); 3rd 4 on time.
    add_on_time(rows, "I-B", 1, 1);
    add_late(rows, "I-B", 1, 1);
    add_on_time(rows, "I-B", 2, 1);
    add_not_met(rows, "I-B", 2, 1);
    auto held_after_the_year =
        row(deadline_kind::review, "2026-12-30", "2027-01-04", "I-B", deadline_status::met_late);
    held_after_the_year.sequence = 2;
    rows.push_back(held_after_the_year);
    add_on_time(rows, "I-B", 3, 4);
    // No IRO assigned: one 1st review not met.
    add_not_met(rows, "", 1, 1);
    // Not in the year (due 2025-12-31 and 2027-01-01), and two cancelled 1st reviews of I-A: none
    // counted.
    add_on_time(rows, "I-A", 1, 1, "2025-12-31");
    add_not_met(rows, "I-A", 1, 1, "2027-01-01");
    rows.push_back(
        row(deadline_kind::review, "2026-08-01", nullptr, "I-A", deadline_status::cancelled));
    rows.push_back(
        row(deadline_kind::review, "2026-09-01", nullptr, "I-A", deadline_status::cancelled));

    // Other kinds: visits 10 on time, 5 late, 5 not met; care plans 4 on time; reviews brought
    // forward 1 on time, 1 late; no health assessments.
    for (int i = 0; i < 10; ++i)
        rows.push_back(row(deadline_kind::social_worker_visit, "2026-03-10", "2026-03-09"));
    for (int i = 0; i < 5; ++i)
        rows.push_back(row(deadline_kind::social_worker_visit, "2026-03-10", "2026-03-20"));
    for (int i = 0; i < 5; ++i)
        rows.push_back(row(deadline_kind::social_worker_visit, "2026-03-10", nullptr));
    for (int i = 0; i < 4; ++i)
        rows.push_back(row(deadline_kind::care_plan, "2026-04-20", "2026-04-20"));
    rows.push_back(row(deadline_kind::review_request, "2026-10-01", "2026-09-30"));
    rows.push_back(row(deadline_kind::review_request, "2026-10-01", "2026-10-02"));

    // Caseloads: 49 under, 50 and 70 within, 71 over; an inactive IRO with none is left out, one
    // with 12 is kept (under).
    in.caseloads = {{"I-A", "Ann Ash", true, 49}, {"I-B", hostile_name, true, 50},
                    {"I-C", "Cy Cole", true, 70}, {"I-D", "Di Dale", true, 71},
                    {"I-E", "Ed Eve", false, 0},  {"I-F", "Fay Fox", false, 12}};
    in.children_without_iro = 3;

    using escalation::category;
    // E0, carried in: raised 2025-12-01, at service manager from 2025-12-08 until resolved on
    // 2026-01-12 without an answer: 4 + 5 + 3 + 3 (Dec) + 1 (2 Jan) + 5 + 1 = 22 working days.
    in.escalations.push_back(recorder("E0", category::other)
                                 .raise("2025-12-01")
                                 .advance("2025-12-08")
                                 .resolve("2026-01-12")
                                 .done());
    // E1: team manager 2 to 6 Feb (4), answered on the 4th; resolved there, needs met.
    in.escalations.push_back(recorder("E1", category::care_plan_not_implemented)
                                 .raise("2026-02-02")
                                 .respond("2026-02-04")
                                 .resolve("2026-02-06", escalation::outcome::needs_met)
                                 .done());
    // E2: team manager 2 to 9 Mar (5, its due day: not late); service manager 9 to 20 Mar (9,
    // unanswered past its due day 16 Mar); resolved there, the care plan amended.
    in.escalations.push_back(recorder("E2", category::review_not_held)
                                 .raise("2026-03-02")
                                 .advance("2026-03-09")
                                 .resolve("2026-03-20", escalation::outcome::plan_amended)
                                 .done());
    // E3: team manager 1 to 15 Jun (10, unanswered), service manager 15 to 17 Jun (2: head of
    // service endorsed), head of service 17 to 24 Jun (5, answered on the 18th), Cafcass 24 Jun
    // to 22 Jul (20) when Cafcass withdrew. 17 working days to Cafcass: inside the 20.
    in.escalations.push_back(recorder("E3", category::placement_unsuitable)
                                 .raise("2026-06-01")
                                 .advance("2026-06-15")
                                 .request_endorsement("2026-06-16", "head_of_service")
                                 .endorse("2026-06-17")
                                 .respond("2026-06-18")
                                 .refer("2026-06-24")
                                 .withdraw("2026-07-22")
                                 .done());
    // E4: team manager 7 to 8 Sep (1); resolved there with no outcome code (a note only).
    in.escalations.push_back(recorder("E4", category::care_plan_not_implemented)
                                 .raise("2026-09-07")
                                 .resolve("2026-09-08")
                                 .done());
    // E6: team manager 2 to 6 Nov (4), then service manager from 6 Nov, unanswered, still there
    // at the end: 16 (Nov) + 21 (Dec) = 37; open 41 working days, past the 20-day limit.
    in.escalations.push_back(
        recorder("E6", category::other).raise("2026-11-02").advance("2026-11-06").done());
    // E7: raised after the year: not counted at all.
    in.escalations.push_back(recorder("E7", category::other).raise("2027-01-04").done());
    return in;
}

} // namespace reviewd::test::rep
