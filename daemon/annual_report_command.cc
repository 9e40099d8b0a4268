// `reviewd report annual`; see annual_report_command.h. The store gives the rows (one read-only
// snapshot), lib/report counts and renders; this file only wires them and writes the result.
#include "annual_report_command.h"

#include "command_support.h"

#include "core/clock.h"
#include "core/file_clock.h"
#include "report/annual.h"
#include "report/render.h"
#include "rules_loader.h"
#include "store/report_queries.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace reviewd::app {
namespace {

// Today as the daemon sees it: the [testing] clock file when one is set, in the council's zone.
core::day today(const config& cfg) {
    if (cfg.clock_file)
        return core::local_date(core::file_clock(*cfg.clock_file).now(), cfg.time_zone);
    return core::local_date(std::chrono::system_clock::now(), cfg.time_zone);
}

// Writes `text` to `file` whole or not at all: a temporary file beside it, flushed, renamed.
bool write_whole(const std::filesystem::path& file, const std::string& text, std::ostream& err) {
    const std::filesystem::path partial =
        file.string() + ".partial-" + std::to_string(static_cast<long>(::getpid()));
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            err << "reviewd report annual: --output: cannot write " << file.string() << "\n";
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) {
        err << "reviewd report annual: --output: cannot write " << file.string() << ": "
            << ec.message() << "\n";
        std::filesystem::remove(partial, ec);
        return false;
    }
    return true;
}

} // namespace

int run_report_annual(const config& cfg, const annual_report_options& options, std::ostream& out,
                      std::ostream& err) {
    const auto format = report::format_from(options.format);
    if (!format) {
        err << "reviewd report annual: --format: \"" << options.format
            << "\" is not one of html, md, csv, json\n";
        return 2;
    }
    const auto& database = existing_database(cfg);

    report::annual_input input;
    input.year = report::calendar_year(options.year);
    input.as_of = options.as_of.value_or(today(cfg));
    auto rows = store::read_report_rows(database, input.year.first, input.year.last);
    input.deadlines = std::move(rows.deadlines);
    input.caseloads = std::move(rows.caseloads);
    input.children_without_iro = rows.children_without_iro;
    input.escalations = std::move(rows.escalations);

    // The escalations are counted on the configured ladder, in the working days it counts in.
    const loaded_rules rules = load_rules(cfg);
    const calendar::working_calendar* calendar = rules.calendars.find(cfg.escalation.holidays);
    if (!calendar)
        throw config_error(cfg.file.string() + ": [escalation] holidays = \"" +
                           cfg.escalation.holidays + "\": the holiday file has no such division");
    const auto figures = report::compute_annual(input, cfg.escalation.ladder, *calendar);
    if (!figures) {
        err << "reviewd report annual: " << core::describe(figures.err()) << "\n";
        return figures.err().field == "year" ? 2 : 1;
    }
    const std::string text = report::render(figures.value(), *format);
    if (options.output.empty()) {
        out << text;
        out.flush();
        return 0;
    }
    if (!write_whole(options.output, text, err))
        return 2;
    err << "annual report " << options.year << " (" << options.format << ", counted to "
        << core::format_iso_date(figures.value().counted_to) << ") written to " << options.output
        << ": " << text.size() << " bytes\n";
    return 0;
}

} // namespace reviewd::app
