// The annual report as Markdown: a heading per section, a table per figure group, and the same
// explanations as the HTML; see render.h. Data (names, refs, stage ids) is escaped.
#include "report/labels.h"
#include "report/render.h"
#include "report/text_escape.h"
#include "report/wording.h"

#include <sstream>
#include <vector>

namespace reviewd::report {
namespace {

using row = std::vector<std::string>;

// A GitHub-flavoured table; the first column is left-aligned, the rest right-aligned (figures).
void table(std::ostringstream& out, const row& headings, const std::vector<row>& rows) {
    out << "|";
    for (const auto& h : headings)
        out << " " << h << " |";
    out << "\n|";
    for (std::size_t i = 0; i < headings.size(); ++i)
        out << (i == 0 ? " --- |" : " ---: |");
    out << "\n";
    for (const auto& r : rows) {
        out << "|";
        for (const auto& cell : r)
            out << " " << cell << " |";
        out << "\n";
    }
    out << "\n";
}

std::string num(int n) {
    return std::to_string(n);
}

std::string opt(const std::optional<int>& n) {
    return n ? std::to_string(*n) : "-";
}

std::string opt(const std::optional<double>& n) {
    return n ? format_number(*n) : "-";
}

const row timeliness_headings = {"On time",   "Late",        "Not met",
                                 "% on time", "Not yet due", "Cancelled"};

row timeliness_cells(std::string first, const timeliness& t) {
    return {std::move(first),
            num(t.on_time),
            num(t.late),
            num(t.not_met),
            format_percent(t.percent_on_time()),
            num(t.not_yet_due),
            num(t.cancelled)};
}

row with_first(std::string first, const row& rest) {
    row out{std::move(first)};
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

void reviews(std::ostringstream& out, const annual_report& r) {
    out << "## Reviews held on time\n\n" << explain_reviews(r) << "\n\n";
    const auto& o = r.reviews.overall;
    table(out, with_first("Review", timeliness_headings),
          {timeliness_cells("1st review", o.first), timeliness_cells("2nd review", o.second),
           timeliness_cells("3rd and later", o.later), timeliness_cells("All reviews", o.all)});
    out << "### By IRO\n\n" << explain_reviews_by_iro() << "\n\n";
    std::vector<row> rows;
    for (const auto& i : r.reviews.by_iro) {
        row cells = timeliness_cells(markdown_escape(iro_label(i.ref, i.name)), i.reviews.all);
        cells.insert(cells.begin() + 5, {format_percent(i.reviews.first.percent_on_time()),
                                         format_percent(i.reviews.second.percent_on_time()),
                                         format_percent(i.reviews.later.percent_on_time())});
        rows.push_back(std::move(cells));
    }
    table(out,
          {"IRO", "On time", "Late", "Not met", "% on time", "1st % on time", "2nd % on time",
           "3rd+ % on time", "Not yet due", "Cancelled"},
          rows);
}

void deadlines(std::ostringstream& out, const annual_report& r) {
    out << "## Missed deadlines by kind\n\n" << explain_deadlines() << "\n\n";
    std::vector<row> rows;
    for (const auto& k : r.deadlines_by_kind) {
        const auto& t = k.figures;
        rows.push_back({std::string(label(k.kind)), num(t.counted()), num(t.on_time), num(t.late),
                        num(t.not_met), num(t.missed()), format_percent(t.percent_missed()),
                        num(t.not_yet_due)});
    }
    table(out,
          {"Deadline", "Due", "On time", "Late", "Not met", "Missed", "% missed", "Not yet due"},
          rows);
}

void caseloads(std::ostringstream& out, const annual_report& r) {
    const auto& c = r.caseloads;
    out << "## IRO caseloads\n\n" << explain_caseloads(r) << "\n\n";
    std::vector<row> rows;
    for (const auto& i : c.iros)
        rows.push_back({markdown_escape(iro_label(i.ref, i.name)) + (i.active ? "" : " (inactive)"),
                        num(i.children), std::string(label(i.band))});
    table(out, {"IRO", "Children", "Against the guidance"}, rows);
    out << "IROs under " << c.guidance_low << ": " << c.under << "; " << c.guidance_low << " to "
        << c.guidance_high << ": " << c.within << "; over " << c.guidance_high << ": " << c.over
        << ". Children with an IRO: " << c.children_with_iro
        << "; children with no IRO assigned: " << c.children_without_iro << ".\n\n";
}

std::vector<row> stage_rows(const std::vector<stage_count>& counts) {
    std::vector<row> rows;
    for (const auto& s : counts)
        rows.push_back({markdown_escape(stage_label(s.stage)), num(s.count)});
    return rows;
}

void escalations(std::ostringstream& out, const annual_report& r) {
    const auto& e = r.escalations;
    out << "## Escalations\n\n" << explain_escalations_raised(r) << "\n\n";
    if (e.provisional)
        out << "Note: " << provisional_warning() << "\n\n";
    std::vector<row> categories;
    for (const auto& c : e.by_category)
        categories.push_back({std::string(label(c.what)), num(c.count)});
    categories.push_back({"All raised in the year", num(e.raised)});
    table(out, {"Concern", "Raised"}, categories);
    table(out, {"At the end of the year", "Concerns"},
          {{"Still open", num(e.open)},
           {"Waiting for the IRO manager's endorsement", num(e.awaiting_endorsement)},
           {"With Cafcass", num(e.with_cafcass)},
           {"Resolved", num(e.resolved)},
           {"Withdrawn by Cafcass", num(e.withdrawn)},
           {"Took longer than " + num(e.total_limit_working_days) + " working days",
            num(e.total_limit_breached)}});

    out << "### Stage reached\n\n" << explain_stage_reached() << "\n\n";
    table(out, {"Most senior level reached", "Concerns"}, stage_rows(e.stage_reached));
    out << "### Where they were resolved\n\n" << explain_resolved_at() << "\n\n";
    table(out, {"Resolved at", "Concerns"}, stage_rows(e.resolved_at));

    out << "### How they ended\n\n" << explain_outcomes() << "\n\n";
    table(out, {"Outcome", "Concerns"}, outcome_table(e.outcomes));

    out << "### Time spent at each stage\n\n" << explain_time_per_stage() << "\n\n";
    std::vector<row> times;
    for (const auto& t : e.time_per_stage)
        times.push_back({markdown_escape(stage_label(t.stage)), num(t.spells),
                         opt(t.median_working_days), opt(t.worst_working_days),
                         num(t.still_running),
                         t.has_response_clock ? num(t.no_answer_in_time) : "n/a"});
    table(out,
          {"Stage", "Stays", "Median (working days)", "Worst (working days)", "Still running",
           "No answer in time"},
          times);

    out << "### Referrals to Cafcass\n\n" << explain_cafcass() << "\n\n";
    table(out, {"Referrals to Cafcass", "Concerns"},
          {{"Referred in the year", num(e.cafcass.referred)},
           {"Then resolved", num(e.cafcass.resolved)},
           {"Cafcass withdrew (the child's needs were met)", num(e.cafcass.withdrawn)},
           {"Still with Cafcass", num(e.cafcass.still_with_cafcass)}});
    if (e.cafcass.resolved > 0)
        table(out, {"Resolved after referral: outcome", "Concerns"},
              outcome_table(e.cafcass.outcomes));

    out << "### Carried in and still open\n\n" << explain_carried_and_open() << "\n\n";
    table(out, {"", "Concerns"},
          {{"Open when the year began", num(e.carried_in)},
           {"Of those, resolved or withdrawn since", num(e.carried_in_finished)},
           {"Open at the end", num(e.open_at_end)},
           {"Longest open (working days since raised)", opt(e.longest_open_working_days)}});
}

} // namespace

std::string render_markdown(const annual_report& r) {
    std::ostringstream out;
    out << "# " << report_title(r) << "\n\n" << counted_sentence(r) << "\n\n";
    reviews(out, r);
    deadlines(out, r);
    caseloads(out, r);
    escalations(out, r);
    out << "## How the figures are counted\n\n";
    for (const auto& [term, meaning] : definitions(r))
        out << "- **" << term << "**: " << meaning << "\n";
    return out.str();
}

} // namespace reviewd::report
