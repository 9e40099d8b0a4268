// The chronology as Markdown (for people: the referral pack summary) and as JSON (for systems);
// see chronology.h.
#include "escalation/chronology.h"

#include <nlohmann/json.hpp>

namespace reviewd::escalation {
namespace {

using nlohmann::json;

std::string words(std::string_view id) {
    std::string out(id);
    for (auto& ch : out)
        if (ch == '_')
            ch = ' ';
    return out;
}

std::string iso(core::day d) {
    return core::format_iso_date(d);
}
std::string iso(const std::optional<core::day>& d, const char* none = "-") {
    return d ? core::format_iso_date(*d) : std::string(none);
}

// Text in a Markdown table cell: one line, pipes escaped.
std::string cell(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        if (ch == '|')
            out += "\\|";
        else if (ch == '\n' || ch == '\r')
            out += ' ';
        else
            out += ch;
    }
    return out.empty() ? "-" : out;
}

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string item_words(checklist_item i) {
    switch (i) {
    case checklist_item::complaints_procedure_explained:
        return "Complaints procedure explained to the child and family";
    case checklist_item::advocate_offered:
        return "Advocate offered to the child";
    case checklist_item::wishes_and_feelings_recorded:
        return "Child's wishes and feelings recorded";
    }
    return "";
}

json day_json(const std::optional<core::day>& d) {
    return d ? json(core::format_iso_date(*d)) : json(nullptr);
}

json checklist_object(const checklist& k) {
    return {{"complaints_procedure_explained", k.complaints_procedure_explained},
            {"advocate_offered", k.advocate_offered},
            {"wishes_and_feelings_recorded", k.wishes_and_feelings_recorded}};
}

std::string status_words(const chronology& c) {
    switch (c.now) {
    case status::open:
        return "open at " + words(c.stage_reached);
    case status::awaiting_endorsement:
        return "open at " + words(c.stage_reached) + ", awaiting the IRO manager's endorsement";
    case status::with_cafcass:
        return "with Cafcass";
    case status::resolved:
        return "resolved at " + words(c.stage_reached);
    case status::withdrawn:
        return "withdrawn from Cafcass";
    }
    return "";
}

} // namespace

std::string chronology_markdown(const chronology& c) {
    std::string md;
    md += "# Referral pack summary: escalation " + c.id + "\n\n";
    md += "- Child: " + c.child + "\n";
    md += "- Raised by the IRO " + c.raised_by + " on " + iso(c.raised_on) + "\n";
    md += "- Status: " + status_words(c) + " (as of " + iso(c.as_of) + ")\n\n";

    md += "## The failure\n\nCategory: " + words(to_string(c.what)) + "\n\n";
    std::string quoted = "> ";
    for (const char ch : c.description)
        quoted += ch == '\n' ? std::string("\n> ") : std::string(1, ch);
    md += quoted + "\n\n";

    md += "## Dispute steps\n\n";
    md += "| # | Stage | Asked (role, person) | Entered | Response due | Acknowledged | Answered "
          "| Working days taken | Answer | Left |\n";
    md += "|---|---|---|---|---|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
        const dispute_step& s = c.steps[i];
        std::string taken = std::to_string(s.working_days);
        if (!s.answered)
            taken += s.left_on ? " (no answer)" : " (no answer yet)";
        else if (s.response_due)
            taken += s.in_time ? " (in time)" : " (late)";
        std::string answers;
        for (const auto& a : s.answers)
            answers += (answers.empty() ? "" : "; ") + iso(a.on) + " " + a.by + ": " + a.text;
        md += "| " + std::to_string(i + 1) + " | " + cell(words(s.stage)) + " | " +
              cell(s.owner_role + ", " + s.asked.value_or("not found")) + " | " +
              iso(s.entered_on) + (s.automatic ? " (automatic)" : "") + " | " +
              iso(s.response_due) + " | " + iso(s.acknowledged_on) + " | " +
              (s.answered ? iso(s.answers.front().on) : std::string("-")) + " | " + taken + " | " +
              cell(answers) + " | " +
              cell(s.left_on ? iso(*s.left_on) + ", " + s.left_how : std::string()) + " |\n";
    }
    md += "\n";

    if (!c.endorsements.empty()) {
        md += "## Endorsements by the IRO manager\n\n";
        md += "| Requested | For stage | Asked | Decided | By | Decision | Working days | Note |\n";
        md += "|---|---|---|---|---|---|---|---|\n";
        for (const auto& e : c.endorsements)
            md += "| " + iso(e.requested_on) + " | " + cell(words(e.stage)) + " | " +
                  cell(e.asked.value_or("not found")) + " | " + iso(e.decided_on) + " | " +
                  cell(e.decided_by) + " | " + cell(e.decision.empty() ? "pending" : e.decision) +
                  " | " + std::to_string(e.working_days) + " | " + cell(e.note) + " |\n";
        md += "\n";
    }

    md += "## Time limit\n\n" + plural(c.total_working_days, "working day", "working days") +
          " of the " + std::to_string(c.total_limit_working_days) +
          (c.total_breached ? " allowed: the limit was breached.\n\n"
                            : " allowed: within the limit.\n\n");

    if (c.referred_to_cafcass_on) {
        md += "## Cafcass\n\nReferred on " + iso(*c.referred_to_cafcass_on) + ".";
        if (c.cafcass_reports.empty())
            md += " No progress report recorded.";
        else {
            md += " Progress reports received:";
            for (const auto d : c.cafcass_reports)
                md += " " + iso(d);
            md += ".";
        }
        if (c.withdrawn_on)
            md += " Cafcass withdrew on " + iso(*c.withdrawn_on) + ".";
        md += "\n\n";
    }

    md += "## Checklist\n\n";
    const std::pair<checklist_item, bool> items[] = {
        {checklist_item::complaints_procedure_explained, c.checks.complaints_procedure_explained},
        {checklist_item::advocate_offered, c.checks.advocate_offered},
        {checklist_item::wishes_and_feelings_recorded, c.checks.wishes_and_feelings_recorded}};
    for (const auto& [item, done] : items)
        md += std::string("- [") + (done ? "x" : " ") + "] " + item_words(item) + "\n";
    if (!c.entered_incomplete.empty()) {
        md += "\nFormal stages entered with the checklist incomplete:";
        for (const auto& s : c.entered_incomplete)
            md += " " + words(s);
        md += ".\n";
    }
    md += "\n";

    if (c.resolved_on) {
        md += "## Resolution\n\nResolved on " + iso(*c.resolved_on) + " at " +
              words(c.stage_reached) + ". Outcome: " +
              (c.resolved && c.resolved->code ? words(to_string(*c.resolved->code))
                                              : std::string("not coded")) +
              (c.resolved && !c.resolved->details.empty() ? " (" + c.resolved->details + ")"
                                                          : std::string()) +
              ".\n\n";
    }

    md += "## Every event\n\n| # | Date | Event | By (role) | Stage | Note |\n";
    md += "|---|---|---|---|---|---|\n";
    for (const auto& e : c.events)
        md += "| " + std::to_string(e.seq) + " | " + iso(e.on) + " | " + words(e.kind) + " | " +
              cell(e.actor + " (" + words(e.role) + ")") + " | " + cell(words(e.stage)) + " | " +
              cell(e.note) + " |\n";
    return md;
}

std::string chronology_json(const chronology& c) {
    json steps = json::array();
    for (const auto& s : c.steps) {
        json answers = json::array();
        for (const auto& a : s.answers)
            answers.push_back({{"on", iso(a.on)}, {"by", a.by}, {"text", a.text}});
        steps.push_back(
            {{"stage", s.stage},
             {"owner_role", s.owner_role},
             {"asked", s.asked ? json(*s.asked) : json(nullptr)},
             {"entered_on", iso(s.entered_on)},
             {"entered_by", s.entered_by},
             {"automatic", s.automatic},
             {"response_due", day_json(s.response_due)},
             {"acknowledged_on", day_json(s.acknowledged_on)},
             {"answers", std::move(answers)},
             {"answered", s.answered},
             {"in_time", s.in_time},
             {"working_days", s.working_days},
             {"left_on", day_json(s.left_on)},
             {"left_how", s.left_how},
             {"checklist_on_entry",
              s.checklist_on_entry ? checklist_object(*s.checklist_on_entry) : json(nullptr)}});
    }
    json endorsements = json::array();
    for (const auto& e : c.endorsements)
        endorsements.push_back({{"stage", e.stage},
                                {"requested_on", iso(e.requested_on)},
                                {"requested_by", e.requested_by},
                                {"asked", e.asked ? json(*e.asked) : json(nullptr)},
                                {"decided_on", day_json(e.decided_on)},
                                {"decided_by", e.decided_by},
                                {"decision", e.decision},
                                {"note", e.note},
                                {"working_days", e.working_days}});
    json events = json::array();
    for (const auto& e : c.events)
        events.push_back({{"seq", e.seq},
                          {"on", iso(e.on)},
                          {"at", e.at},
                          {"kind", e.kind},
                          {"actor", e.actor},
                          {"role", e.role},
                          {"stage", e.stage},
                          {"note", e.note}});
    json reports = json::array();
    for (const auto d : c.cafcass_reports)
        reports.push_back(iso(d));
    json missing = json::array();
    for (const auto m : c.missing)
        missing.push_back(to_string(m));
    json resolution = nullptr;
    if (c.resolved_on)
        resolution = {{"on", iso(*c.resolved_on)},
                      {"stage_reached", c.stage_reached},
                      {"outcome", c.resolved && c.resolved->code
                                      ? json(to_string(*c.resolved->code))
                                      : json(nullptr)},
                      {"details", c.resolved ? c.resolved->details : std::string()}};
    const json j = {{"escalation", c.id},
                    {"child", c.child},
                    {"raised_by", c.raised_by},
                    {"raised_on", iso(c.raised_on)},
                    {"as_of", iso(c.as_of)},
                    {"status", to_string(c.now)},
                    {"stage_reached", c.stage_reached},
                    {"failure", {{"category", to_string(c.what)}, {"description", c.description}}},
                    {"steps", std::move(steps)},
                    {"endorsements", std::move(endorsements)},
                    {"time_limit",
                     {{"working_days", c.total_working_days},
                      {"limit_working_days", c.total_limit_working_days},
                      {"breached", c.total_breached}}},
                    {"cafcass",
                     {{"referred_on", day_json(c.referred_to_cafcass_on)},
                      {"progress_reports", std::move(reports)},
                      {"withdrawn_on", day_json(c.withdrawn_on)}}},
                    {"checklist",
                     {{"items", checklist_object(c.checks)},
                      {"missing", std::move(missing)},
                      {"entered_incomplete", c.entered_incomplete}}},
                    {"resolution", std::move(resolution)},
                    {"events", std::move(events)}};
    return j.dump(2) + "\n";
}

} // namespace reviewd::escalation
