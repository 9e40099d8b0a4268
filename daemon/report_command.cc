// `reviewd report timeliness`; see report_command.h. The store gives the deadlines; the
// comparisons and rendering are lib/ssda903/timeliness.h.
#include "report_command.h"

#include "command_support.h"

#include "core/file_clock.h"
#include "ssda903/timeliness.h"
#include "store/case_store.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace reviewd::app {
namespace {

// Every review deadline in the store with this status, page by page.
void collect(store::case_store& cases, const std::string& status, core::day as_of,
             std::vector<ssda903::child_deadline>& out) {
    store::deadline_filter filter;
    filter.kind = "review";
    filter.status = status;
    filter.limit = 1000;
    for (;;) {
        auto page = cases.list_deadlines(filter, as_of);
        for (auto& item : page.items)
            out.push_back({item.child, std::move(item.stored.deadline)});
        if (!page.next_cursor)
            return;
        filter.cursor = page.next_cursor;
    }
}

} // namespace

int run_report_timeliness(const config& cfg, const timeliness_options& options, std::ostream& out,
                          std::ostream& err) {
    auto cases = open_store(cfg);
    const core::instant now =
        cfg.clock_file ? core::file_clock(*cfg.clock_file).now() : std::chrono::system_clock::now();
    ssda903::timeliness_report report;
    report.as_of = options.as_of.value_or(core::local_date(now, cfg.time_zone));

    std::vector<ssda903::child_deadline> candidates;
    collect(cases, "met_late", report.as_of, candidates);
    collect(cases, "missed", report.as_of, candidates);
    report.late = ssda903::late_reviews(candidates, report.as_of);

    if (!options.cms_due.empty()) {
        std::ifstream in(options.cms_due, std::ios::binary);
        if (!in) {
            err << "reviewd report timeliness: cannot read " << options.cms_due << "\n";
            return 2;
        }
        std::ostringstream text;
        text << in.rdbuf();
        const std::string body = text.str();
        std::vector<ssda903::issue> issues;
        const auto rows = ssda903::read_cms_due({options.cms_due, body}, issues);
        if (!rows) {
            err << "reviewd report timeliness: " << core::describe(rows.err()) << "\n";
            return 2;
        }
        auto comparison = ssda903::compare_cms_due(
            options.cms_due, rows.value(),
            [&](const std::string& child) -> std::optional<std::vector<rules::deadline>> {
                auto stored = cases.case_deadlines(child, report.as_of);
                if (!stored)
                    return std::nullopt;
                std::vector<rules::deadline> deadlines;
                for (auto& s : *stored)
                    deadlines.push_back(std::move(s.deadline));
                return deadlines;
            });
        comparison.issues.insert(comparison.issues.begin(), issues.begin(), issues.end());
        ssda903::sort_issues(comparison.issues);
        report.cms_file = options.cms_due;
        report.cms = std::move(comparison);
    }
    if (options.format == "json")
        out << ssda903::to_json(report).dump(2) << "\n";
    else if (options.format == "csv")
        out << ssda903::render_csv(report);
    else
        out << ssda903::render_table(report);
    return 0;
}

} // namespace reviewd::app
