// The report's sentences; see wording.h.
#include "report/wording.h"

#include "report/labels.h"

namespace reviewd::report {

std::string period_words(const period& p) {
    const date::year_month_day first{p.first};
    const date::year_month_day last{p.last};
    if (first.month() == date::January && first.day() == date::day{1} &&
        last.month() == date::December && last.day() == date::day{31} &&
        first.year() == last.year())
        return std::to_string(static_cast<int>(first.year()));
    return long_date(p.first) + " to " + long_date(p.last);
}

std::string report_title(const annual_report& r) {
    return "Independent Reviewing Service: annual report " + period_words(r.year);
}

std::string counted_sentence(const annual_report& r) {
    if (r.year_complete)
        return "Figures for " + long_date(r.year.first) + " to " + long_date(r.year.last) +
               ", made on " + long_date(r.as_of) +
               ". Nothing recorded after the end of the year changes them, except the caseloads, "
               "which are as they stand on the day the report was made.";
    return "Figures for the year so far: " + long_date(r.year.first) + " to " +
           long_date(r.counted_to) + ". The year has not ended, so these figures will change.";
}

std::string explain_reviews(const annual_report&) {
    return "Every child in care must have their care plan reviewed on time: the first review "
           "within 20 working days of coming into care, the second within 3 months of the "
           "first, and then at least every 6 months. A review is on time when it was held on or "
           "before the date the law sets. Reviews cancelled because the child left care are not "
           "counted.";
}

std::string explain_reviews_by_iro() {
    return "The same reviews, under each child's current Independent Reviewing Officer (IRO). "
           "A child who changed IRO during the year is counted under the IRO they have now.";
}

std::string explain_deadlines() {
    return "Every deadline reviewd watches that fell due in the year. A deadline is missed when "
           "it was met late or not at all.";
}

std::string explain_caseloads(const annual_report& r) {
    return "The number of children each IRO has on the day the report was made. National "
           "guidance is " +
           std::to_string(r.caseloads.guidance_low) + " to " +
           std::to_string(r.caseloads.guidance_high) +
           " children for a full-time IRO (the shaded band). reviewd does not know who works "
           "part-time, so every IRO is compared with the full-time guidance.";
}

std::string explain_escalations_raised(const annual_report& r) {
    return "When an IRO finds the council is failing a child, they raise the concern with the "
           "manager responsible, and it climbs to more senior managers until it is put right. "
           "The whole process should take no more than " +
           std::to_string(r.escalations.total_limit_working_days) +
           " working days. These are the concerns raised during the year and where they stood "
           "at its end.";
}

std::string explain_stage_reached() {
    return "How far up the council each concern raised in the year had to go: the most senior "
           "level it reached.";
}

std::string explain_resolved_at() {
    return "Of the concerns raised in the year that were put right, the level at which that "
           "happened.";
}

std::string explain_outcomes() {
    return "For the concerns raised in the year that were resolved, how they ended, in the "
           "words the IRO chose when closing them.";
}

std::string explain_time_per_stage() {
    return "How long concerns waited at each level, in working days, counting every stay at a "
           "level that ended during the year or was still going on at its end (those are counted "
           "up to the end, so the real time is longer). The median is the middle stay: half took "
           "less, half took more. \"No answer in time\" counts stays where the manager did not "
           "answer within the time the council allows.";
}

std::string explain_cafcass() {
    return "When the council cannot put things right, the IRO can refer the child's case to "
           "Cafcass, which can take legal action for the child. These are the referrals made "
           "during the year and what had happened to them by its end.";
}

std::string explain_carried_and_open() {
    return "Concerns raised before the year that were still open when it began, and every "
           "concern still open when it ended, with the longest-running of those.";
}

std::vector<std::pair<std::string, std::string>> definitions(const annual_report& r) {
    return {
        {"The year", "Deadlines due and concerns raised between " + long_date(r.year.first) +
                         " and " + long_date(r.year.last) + ", counted up to " +
                         long_date(r.counted_to) + "."},
        {"On time", "Met on or before the date the law sets (not the working day before it)."},
        {"Late", "Met after that date."},
        {"Not met", "Not met by the end of the count and already past its date."},
        {"Not yet due", "Not met, but its date had not passed when the report was made."},
        {"% on time", "On time, out of on time, late and not met together. A dash means there "
                      "was nothing to count."},
        {"Working days", "Monday to Friday except bank holidays. The day a concern reached a "
                         "level is not counted; the day it left is."},
        {"Median", "The middle value when the stays are put in order; with an even number of "
                   "stays, halfway between the two middle ones."},
        {"Worst", "The longest stay."},
        {"Caseload", "Open cases assigned to the IRO on the day the report was made."},
        {"Aggregate only", "The report counts; it names no child and gives no date of birth."},
    };
}

std::string provisional_warning() {
    return "Some working-day counts reach years the bank holiday list does not cover, so they "
           "treat those years' bank holidays as working days.";
}

} // namespace reviewd::report
