// `reviewd import ssda903`; see import_command.h.
//
// Two passes over the children. The first (pure, reading the store) merges each child's return
// with the stored case and checks the result, so a dry run and --all-or-nothing know every
// outcome before anything is written. The second writes each usable child in its own
// transaction, merging again inside it against the case as it is then (the daemon may have
// changed it meanwhile).
#include "import_command.h"

#include "command_support.h"

#include "core/file_clock.h"
#include "progress_bar.h"
#include "rules/case_json.h"
#include "rules_loader.h"
#include "ssda903/builder.h"
#include "ssda903/import_report.h"
#include "ssda903/reconcile.h"
#include "store/case_store.h"

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace reviewd::app {
namespace {

using ssda903::child_outcome;

struct planned {
    const ssda903::child_extract* child = nullptr;
    child_outcome outcome = child_outcome::refused;
    bool stored = false; // reviewd held a case for this child when planned
    rules::case_facts facts;
};

std::optional<std::string> read_input(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot read " + path;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return std::nullopt;
}

core::instant now_of(const config& cfg) {
    return cfg.clock_file ? core::file_clock(*cfg.clock_file).now()
                          : std::chrono::system_clock::now();
}

store::rules_snapshot snapshot_of(const config& cfg) {
    store::rules_snapshot s;
    s.loaded = load_rules(cfg);
    if (cfg.reminders.enabled)
        s.reminders = cfg.reminders.policy;
    s.zone = date::locate_zone(cfg.time_zone);
    return s;
}

// Merges and checks one child against `stored`; the issues found go to `issues`.
planned plan_child(const ssda903::child_extract& child,
                   const std::optional<store::stored_case>& stored,
                   const ssda903::return_extract& extract, const rules::rule_book& book,
                   std::vector<ssda903::issue>& issues) {
    planned p{&child, child_outcome::refused, stored.has_value(), {}};
    if (stored && stored->archived_at) {
        issues.push_back({ssda903::severity::error, extract.header_file.name, child.header_row, "",
                          child.id, "archived",
                          "the child's case is archived (closed) in reviewd: not changed"});
        return p;
    }
    std::optional<rules::case_facts> facts;
    if (stored)
        facts = stored->facts;
    auto merged = ssda903::reconcile(child, facts, extract.window, extract);
    issues.insert(issues.end(), merged.notes.begin(), merged.notes.end());
    if (merged.refused)
        return p;
    if (merged.keep_stored) {
        p.outcome = child_outcome::kept;
        return p;
    }
    if (auto problem = ssda903::check_reconciled(merged.facts, book, child, extract)) {
        issues.push_back(*problem);
        return p;
    }
    p.facts = std::move(merged.facts);
    if (!stored)
        p.outcome = child_outcome::created;
    else if (rules::case_to_json(p.facts) == rules::case_to_json(stored->facts))
        p.outcome = child_outcome::unchanged;
    else
        p.outcome = child_outcome::updated;
    return p;
}

// Writes one planned child; returns its outcome and detail.
ssda903::child_result write_child(store::case_store& cases, const planned& p,
                                  const ssda903::return_extract& extract,
                                  const store::rules_snapshot& rules, const store::actor& who,
                                  core::instant at, std::vector<ssda903::issue>& issues) {
    const auto& child = *p.child;
    const std::string now =
        date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(at));
    // Years of history are not news: reminders that fell due more than the late-reminder limit
    // before the import are kept as history; the recent ones go once, late, like after downtime.
    store::rule_context context = rules.view();
    if (rules.reminders)
        context.history_before =
            at - std::chrono::hours(24) * rules.reminders->skip_older_than_days;
    const auto refuse = [&](const core::error& e) {
        issues.push_back({ssda903::severity::error, extract.header_file.name, child.header_row, "",
                          child.id, e.code, "not written: " + core::describe(e)});
        return ssda903::child_result{child.id, child_outcome::refused, e.message};
    };
    if (!p.stored) {
        auto outcome = cases.put_case(p.facts, context, who, now);
        if (!outcome)
            return refuse(outcome.err());
        return {child.id,
                outcome.value().created   ? child_outcome::created
                : outcome.value().changed ? child_outcome::updated
                                          : child_outcome::unchanged,
                outcome.value().deadlines};
    }
    // Merged again inside the transaction, against the case as it is now.
    bool kept = false;
    auto outcome = cases.edit_case(
        child.id, "ssda903.import",
        [&](rules::case_facts& facts) -> std::optional<core::error> {
            auto merged = ssda903::reconcile(child, facts, extract.window, extract);
            if (merged.refused || merged.keep_stored) {
                kept = merged.keep_stored;
                return core::make_error("changed_meanwhile",
                                        "the stored case changed while importing; import again");
            }
            if (auto problem =
                    ssda903::check_reconciled(merged.facts, rules.loaded.book, child, extract))
                return core::make_error(problem->code, problem->message);
            facts = std::move(merged.facts);
            return std::nullopt;
        },
        context, who, now);
    if (kept)
        return {child.id, child_outcome::kept, ""};
    if (!outcome)
        return refuse(outcome.err());
    return {child.id, outcome.value().changed ? child_outcome::updated : child_outcome::unchanged,
            outcome.value().deadlines};
}

void print(std::ostream& out, const ssda903::import_report& report, const std::string& format) {
    if (format == "json")
        out << ssda903::to_json(report).dump(2) << "\n";
    else if (format == "csv")
        out << ssda903::render_csv(report);
    else
        out << ssda903::render_table(report);
}

} // namespace

int run_import_ssda903(const config& cfg, const import_options& options, std::ostream& out,
                       std::ostream& err) {
    const bool xml = !options.xml.empty();
    if (xml == (!options.header.empty() || !options.episodes.empty() || !options.reviews.empty()) ||
        (!xml && (options.header.empty() || options.episodes.empty() || options.reviews.empty()))) {
        err << "reviewd import ssda903: give either --header, --episodes and --reviews (the CSV "
               "form) or --xml (the XML form)\n";
        return 2;
    }
    ssda903::import_report report;
    report.dry_run = options.dry_run;
    std::string header_text, episodes_text, reviews_text, xml_text;
    core::result<ssda903::return_rows> rows = core::make_error("", "");
    if (xml) {
        if (auto e = read_input(options.xml, xml_text)) {
            err << "reviewd import ssda903: " << *e << "\n";
            return 2;
        }
        report.files = {options.xml};
        rows = ssda903::rows_from_xml({options.xml, xml_text});
    } else {
        for (const auto& [path, text] : {std::pair{&options.header, &header_text},
                                         std::pair{&options.episodes, &episodes_text},
                                         std::pair{&options.reviews, &reviews_text}})
            if (auto e = read_input(*path, *text)) {
                err << "reviewd import ssda903: " << *e << "\n";
                return 2;
            }
        report.files = {options.header, options.episodes, options.reviews};
        rows =
            ssda903::rows_from_csv({options.header, header_text}, {options.episodes, episodes_text},
                                   {options.reviews, reviews_text});
    }
    if (!rows) {
        err << "reviewd import ssda903: " << core::describe(rows.err())
            << "\nNothing was imported.\n";
        return 2;
    }
    const ssda903::return_extract extract = ssda903::build_extract(rows.value());
    report.window = extract.window;
    report.issues = extract.issues;
    for (const auto& id : extract.refused)
        report.children.push_back({id, child_outcome::refused, "see the issues"});
    for (const auto& id : extract.skipped)
        report.children.push_back({id, child_outcome::skipped, "no episode in this return"});

    const store::rules_snapshot rules = snapshot_of(cfg);
    auto cases = open_store(cfg);
    const bool terminal = stderr_is_terminal();

    std::vector<planned> plan;
    {
        progress_bar bar("checking", extract.children.size(), terminal);
        for (const auto& child : extract.children) {
            plan.push_back(plan_child(child, cases.get_case(child.id), extract, rules.loaded.book,
                                      report.issues));
            bar.update(plan.size());
        }
    }
    const bool any_refused =
        !extract.refused.empty() || std::any_of(plan.begin(), plan.end(), [](const planned& p) {
            return p.outcome == child_outcome::refused;
        });

    const bool write = !options.dry_run && !(options.all_or_nothing && any_refused);
    if (!write) {
        for (const auto& p : plan)
            report.children.push_back(
                {p.child->id, p.outcome,
                 p.outcome == child_outcome::refused ? "see the issues" : ""});
        if (options.all_or_nothing && any_refused && !options.dry_run)
            report.issues.push_back({ssda903::severity::error, "", 0, "", "", "all_or_nothing",
                                     "--all-or-nothing: some children were refused, so nothing "
                                     "was written"});
    } else {
        const store::actor who = command_actor();
        const core::instant now = now_of(cfg);
        progress_bar bar("importing", plan.size(), terminal);
        std::size_t done = 0;
        for (const auto& p : plan) {
            if (p.outcome == child_outcome::refused || p.outcome == child_outcome::kept)
                report.children.push_back(
                    {p.child->id, p.outcome,
                     p.outcome == child_outcome::refused ? "see the issues" : ""});
            else
                report.children.push_back(
                    write_child(cases, p, extract, rules, who, now, report.issues));
            bar.update(++done);
        }
    }
    ssda903::sort_issues(report.issues);
    print(out, report, options.format);
    if (!write && !options.dry_run)
        return 2;
    return report.count(child_outcome::refused) > 0 ? 3 : 0;
}

} // namespace reviewd::app
