// The annual report as one self-contained HTML file for a councillor; see render.h. Key figures
// first, then a section per subject: a chart, a sentence under it saying how to read it, and the
// same figures in a table (for screen readers and for print). XML-clean (every element closed,
// only the five XML character references) so a test can parse it as XML; every string is escaped.
#include "report/html_charts.h"
#include "report/html_style.h"
#include "report/labels.h"
#include "report/render.h"
#include "report/text_escape.h"
#include "report/wording.h"

#include <sstream>
#include <vector>

namespace reviewd::report {
namespace {

using cells = std::vector<std::string>;

std::string num(int n) {
    return std::to_string(n);
}

std::string words(int n, const char* one, const char* many) {
    return n == 1 ? one : many;
}

// A table; every cell is escaped. The first cell of each row heads it; the others are figures.
void table(std::ostringstream& out, const std::string& caption, const cells& headings,
           const std::vector<cells>& rows) {
    out << "<table>\n<caption>" << html_escape(caption) << "</caption>\n<thead><tr>";
    for (std::size_t i = 0; i < headings.size(); ++i)
        out << "<th scope=\"col\">" << html_escape(headings[i]) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out << "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i == 0)
                out << "<th scope=\"row\">" << html_escape(row[i]) << "</th>";
            else
                out << "<td class=\"n\">" << html_escape(row[i]) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

void figure(std::ostringstream& out, const bar_chart& chart, const std::string& explanation) {
    out << "<figure>\n"
        << svg_bar_chart(chart) << "<figcaption>" << html_escape(explanation)
        << "</figcaption>\n</figure>\n";
}

void paragraph(std::ostringstream& out, const std::string& text, const char* cls = nullptr) {
    out << "<p" << (cls ? std::string(" class=\"") + cls + "\"" : std::string()) << ">"
        << html_escape(text) << "</p>\n";
}

const std::vector<chart_series> timeliness_series = {
    {"On time", colour_blue}, {"Late", colour_orange}, {"Not met", colour_vermillion}};

chart_row timeliness_row(std::string label, const timeliness& t) {
    std::string note = format_percent(t.percent_on_time()) + " on time";
    if (t.counted() > 0)
        note += " (" + num(t.on_time) + " of " + num(t.counted()) + ")";
    return {std::move(label),
            {static_cast<double>(t.on_time), static_cast<double>(t.late),
             static_cast<double>(t.not_met)},
            note};
}

cells timeliness_cells(std::string first, const timeliness& t) {
    return {std::move(first),
            num(t.on_time),
            num(t.late),
            num(t.not_met),
            format_percent(t.percent_on_time()),
            num(t.not_yet_due),
            num(t.cancelled)};
}

const cells timeliness_headings = {"",          "On time",     "Late",     "Not met",
                                   "% on time", "Not yet due", "Cancelled"};

timeliness all_deadlines(const annual_report& r) {
    timeliness sum;
    for (const auto& k : r.deadlines_by_kind) {
        sum.on_time += k.figures.on_time;
        sum.late += k.figures.late;
        sum.not_met += k.figures.not_met;
    }
    return sum;
}

void key_figures(std::ostringstream& out, const annual_report& r) {
    const auto& reviews = r.reviews.overall.all;
    const timeliness deadlines = all_deadlines(r);
    const std::vector<std::pair<std::string, std::string>> key = {
        {format_percent(reviews.percent_on_time()), "of reviews held on time (" +
                                                        num(reviews.on_time) + " of " +
                                                        num(reviews.counted()) + ")"},
        {num(deadlines.missed()), words(deadlines.missed(), "deadline", "deadlines") +
                                      " missed, of " + num(deadlines.counted()) + " due"},
        {num(r.escalations.raised),
         words(r.escalations.raised, "concern", "concerns") + " raised by IROs"},
        {num(r.escalations.cafcass.referred),
         words(r.escalations.cafcass.referred, "referral", "referrals") + " to Cafcass"},
        {num(r.caseloads.over), words(r.caseloads.over, "IRO", "IROs") + " with more than " +
                                    num(r.caseloads.guidance_high) + " children"},
    };
    out << "<section id=\"key\" aria-label=\"Key figures\">\n<ul class=\"key\">\n";
    for (const auto& [figure, words] : key)
        out << "<li><span class=\"figure\">" << html_escape(figure) << "</span> "
            << html_escape(words) << "</li>\n";
    out << "</ul>\n</section>\n";
}

void reviews(std::ostringstream& out, const annual_report& r) {
    const auto& o = r.reviews.overall;
    out << "<section id=\"reviews\">\n<h2>Reviews held on time</h2>\n";
    figure(out,
           {"reviews-by-number",
            "Reviews held on time, by review number",
            "For the first, second and later reviews: how many were on time, late or not held.",
            timeliness_series,
            {timeliness_row("1st review", o.first), timeliness_row("2nd review", o.second),
             timeliness_row("3rd and later", o.later), timeliness_row("All reviews", o.all)},
            true,
            std::nullopt,
            {},
            "reviews"},
           explain_reviews(r));
    cells first = timeliness_headings;
    first[0] = "Review";
    table(out, "Reviews due in the year, by review number", first,
          {timeliness_cells("1st review", o.first), timeliness_cells("2nd review", o.second),
           timeliness_cells("3rd and later", o.later), timeliness_cells("All reviews", o.all)});

    out << "<h3>By IRO</h3>\n";
    bar_chart by_iro{"reviews-by-iro",
                     "Reviews held on time, by IRO",
                     "For each IRO: how many of their children's reviews were on time, late or "
                     "not held.",
                     timeliness_series,
                     {},
                     true,
                     std::nullopt,
                     {},
                     "reviews"};
    std::vector<cells> rows;
    for (const auto& i : r.reviews.by_iro) {
        const std::string who = iro_label(i.ref, i.name);
        by_iro.rows.push_back(timeliness_row(who, i.reviews.all));
        cells row = timeliness_cells(who, i.reviews.all);
        row.insert(row.begin() + 5, {format_percent(i.reviews.first.percent_on_time()),
                                     format_percent(i.reviews.second.percent_on_time()),
                                     format_percent(i.reviews.later.percent_on_time())});
        rows.push_back(std::move(row));
    }
    figure(out, by_iro, explain_reviews_by_iro());
    table(out, "Reviews due in the year, by IRO",
          {"IRO", "On time", "Late", "Not met", "% on time", "1st: % on time", "2nd: % on time",
           "3rd and later: % on time", "Not yet due", "Cancelled"},
          rows);
    out << "</section>\n";
}

void deadlines(std::ostringstream& out, const annual_report& r) {
    out << "<section id=\"deadlines\">\n<h2>Missed deadlines by kind</h2>\n";
    bar_chart chart{"deadlines-by-kind",
                    "Deadlines due in the year, by kind",
                    "For each kind of deadline: how many were met on time, late or not at all.",
                    timeliness_series,
                    {},
                    true,
                    std::nullopt,
                    {},
                    "deadlines"};
    std::vector<cells> rows;
    for (const auto& k : r.deadlines_by_kind) {
        const auto& t = k.figures;
        if (t.counted() > 0)
            chart.rows.push_back({std::string(label(k.kind)),
                                  {static_cast<double>(t.on_time), static_cast<double>(t.late),
                                   static_cast<double>(t.not_met)},
                                  format_percent(t.percent_missed()) + " missed (" +
                                      num(t.missed()) + " of " + num(t.counted()) + ")"});
        rows.push_back({std::string(label(k.kind)), num(t.counted()), num(t.on_time), num(t.late),
                        num(t.not_met), num(t.missed()), format_percent(t.percent_missed()),
                        num(t.not_yet_due)});
    }
    figure(out, chart, explain_deadlines());
    table(out, "Deadlines due in the year, by kind",
          {"Deadline", "Due", "On time", "Late", "Not met", "Missed", "% missed", "Not yet due"},
          rows);
    out << "</section>\n";
}

void caseloads(std::ostringstream& out, const annual_report& r) {
    const auto& c = r.caseloads;
    out << "<section id=\"caseloads\">\n<h2>IRO caseloads</h2>\n";
    bar_chart chart{"caseloads",
                    "Children per IRO",
                    "Each IRO's number of children, against the guidance of " +
                        num(c.guidance_low) + " to " + num(c.guidance_high) + ".",
                    {{"Children", colour_blue}},
                    {},
                    false,
                    std::pair<double, double>(c.guidance_low, c.guidance_high),
                    "Guidance: " + num(c.guidance_low) + " to " + num(c.guidance_high),
                    "children"};
    std::vector<cells> rows;
    for (const auto& i : c.iros) {
        const std::string who = iro_label(i.ref, i.name) + (i.active ? "" : " (inactive)");
        chart.rows.push_back({who,
                              {static_cast<double>(i.children)},
                              num(i.children) + " children: " + std::string(label(i.band))});
        rows.push_back({who, num(i.children), std::string(label(i.band))});
    }
    figure(out, chart, explain_caseloads(r));
    table(out, "Children per IRO on the day the report was made",
          {"IRO", "Children", "Against the guidance"}, rows);
    table(out, "Caseloads in summary", {"", "IROs or children"},
          {{"IROs under " + num(c.guidance_low), num(c.under)},
           {"IROs with " + num(c.guidance_low) + " to " + num(c.guidance_high), num(c.within)},
           {"IROs over " + num(c.guidance_high), num(c.over)},
           {"Children with an IRO", num(c.children_with_iro)},
           {"Children with no IRO assigned", num(c.children_without_iro)}});
    out << "</section>\n";
}

bar_chart stage_chart(std::string id, std::string title, std::string description,
                      const std::vector<stage_count>& counts, const char* colour) {
    bar_chart chart{std::move(id),
                    std::move(title),
                    std::move(description),
                    {{"Concerns", colour}},
                    {},
                    false,
                    std::nullopt,
                    {},
                    "concerns"};
    for (const auto& s : counts)
        chart.rows.push_back({stage_label(s.stage), {static_cast<double>(s.count)}, num(s.count)});
    return chart;
}

std::vector<cells> stage_cells(const std::vector<stage_count>& counts) {
    std::vector<cells> rows;
    for (const auto& s : counts)
        rows.push_back({stage_label(s.stage), num(s.count)});
    return rows;
}

std::string days(const std::optional<double>& v) {
    return v ? format_number(*v) : "-";
}

void time_per_stage(std::ostringstream& out, const escalation_figures& e) {
    out << "<h3>Time spent at each stage</h3>\n";
    bar_chart chart{"time-per-stage",
                    "Working days spent at each stage",
                    "For each stage: the median and the worst time concerns spent there.",
                    {{"Median", colour_blue}, {"Worst", colour_orange}},
                    {},
                    false,
                    std::nullopt,
                    {},
                    "working days"};
    std::vector<cells> rows;
    for (const auto& t : e.time_per_stage) {
        const std::optional<double> worst =
            t.worst_working_days ? std::optional<double>(*t.worst_working_days) : std::nullopt;
        if (t.spells > 0)
            chart.rows.push_back(
                {stage_label(t.stage),
                 {t.median_working_days.value_or(0), worst.value_or(0)},
                 "median " + days(t.median_working_days) + ", worst " + days(worst)});
        rows.push_back({stage_label(t.stage), num(t.spells), days(t.median_working_days),
                        days(worst), num(t.still_running),
                        t.has_response_clock ? num(t.no_answer_in_time) : "n/a"});
    }
    figure(out, chart, explain_time_per_stage());
    table(out, "Time at each stage, in working days",
          {"Stage", "Stays", "Median", "Worst", "Still running", "No answer in time"}, rows);
}

void escalations(std::ostringstream& out, const annual_report& r) {
    const auto& e = r.escalations;
    out << "<section id=\"escalations\">\n<h2>Concerns raised by IROs (escalations)</h2>\n";
    paragraph(out, explain_escalations_raised(r), "explain");
    if (e.provisional)
        paragraph(out, provisional_warning(), "note");
    std::vector<cells> categories;
    for (const auto& c : e.by_category)
        categories.push_back({std::string(label(c.what)), num(c.count)});
    categories.push_back({"All raised in the year", num(e.raised)});
    table(out, "Concerns raised in the year, by kind", {"Concern", "Raised"}, categories);
    table(out, "Where they stood at the end of the year", {"", "Concerns"},
          {{"Still open", num(e.open)},
           {"Waiting for the IRO manager's endorsement", num(e.awaiting_endorsement)},
           {"With Cafcass", num(e.with_cafcass)},
           {"Resolved", num(e.resolved)},
           {"Withdrawn by Cafcass", num(e.withdrawn)},
           {"Took longer than " + num(e.total_limit_working_days) + " working days",
            num(e.total_limit_breached)}});

    out << "<h3>Stage reached</h3>\n";
    figure(out,
           stage_chart("stage-reached", "Most senior level reached",
                       "For each level: how many concerns raised in the year went that far.",
                       e.stage_reached, colour_blue),
           explain_stage_reached());
    table(out, "Most senior level reached", {"Level", "Concerns"}, stage_cells(e.stage_reached));
    out << "<h3>Where they were resolved</h3>\n";
    figure(out,
           stage_chart("resolved-at", "Level at which concerns were resolved",
                       "For each level: how many concerns raised in the year were resolved there.",
                       e.resolved_at, colour_green),
           explain_resolved_at());
    table(out, "Resolved at", {"Level", "Concerns"}, stage_cells(e.resolved_at));
    out << "<h3>How they ended</h3>\n";
    paragraph(out, explain_outcomes(), "explain");
    table(out, "Outcomes of the concerns resolved", {"Outcome", "Concerns"},
          outcome_table(e.outcomes));
    time_per_stage(out, e);

    out << "<h3>Referrals to Cafcass</h3>\n";
    paragraph(out, explain_cafcass(), "explain");
    table(out, "Referrals to Cafcass", {"", "Concerns"},
          {{"Referred in the year", num(e.cafcass.referred)},
           {"Then resolved", num(e.cafcass.resolved)},
           {"Cafcass withdrew (the child's needs were met)", num(e.cafcass.withdrawn)},
           {"Still with Cafcass", num(e.cafcass.still_with_cafcass)}});
    if (e.cafcass.resolved > 0)
        table(out, "Outcomes of the referrals resolved", {"Outcome", "Concerns"},
              outcome_table(e.cafcass.outcomes));
    out << "<h3>Carried in and still open</h3>\n";
    paragraph(out, explain_carried_and_open(), "explain");
    table(out, "Open concerns", {"", "Concerns"},
          {{"Open when the year began", num(e.carried_in)},
           {"Of those, resolved or withdrawn since", num(e.carried_in_finished)},
           {"Open at the end", num(e.open_at_end)},
           {"Longest open, in working days since raised",
            e.longest_open_working_days ? num(*e.longest_open_working_days) : "-"}});
    out << "</section>\n";
}

void definitions_section(std::ostringstream& out, const annual_report& r) {
    out << "<section id=\"definitions\">\n<h2>How the figures are counted</h2>\n"
        << "<dl class=\"terms\">\n";
    for (const auto& [term, meaning] : definitions(r))
        out << "<dt>" << html_escape(term) << "</dt><dd>" << html_escape(meaning) << "</dd>\n";
    out << "</dl>\n</section>\n";
}

} // namespace

std::string render_html(const annual_report& r) {
    std::ostringstream out;
    const std::string title = report_title(r);
    out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        << "<title>" << html_escape(title) << "</title>\n<style>" << html_style << "</style>\n"
        << "</head>\n<body>\n<header>\n<h1>" << html_escape(title) << "</h1>\n";
    paragraph(out, counted_sentence(r), "lead");
    out << "</header>\n<main>\n";
    key_figures(out, r);
    reviews(out, r);
    deadlines(out, r);
    caseloads(out, r);
    escalations(out, r);
    definitions_section(out, r);
    out << "</main>\n<footer>\n";
    paragraph(out, "Made by reviewd on " + long_date(r.as_of) +
                       ". The report counts; it names no child and gives no date of birth.");
    out << "</footer>\n</body>\n</html>\n";
    return out.str();
}

} // namespace reviewd::report
