// The annual report as text in four formats. Pure: a report in, a string out. Everything that
// came from data is escaped for its format (text_escape.h).
//   - Markdown: headings and tables, for e-mail or a council paper.
//   - CSV: ONE long table, `section,item,label,measure,value`, one figure per line, so that a
//     spreadsheet can filter or pivot it (sections and measures are listed in README.md).
//   - JSON: the figures with stable names, for other systems.
//   - HTML: one self-contained file for a councillor: inline CSS with a print stylesheet, inline
//     SVG bar charts with a short explanation under each and the same figures in a table, no
//     scripts, no external files or links.
#pragma once

#include "report/figures.h"

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::report {

enum class format { html, markdown, csv, json };

// "html", "md" (or "markdown"), "csv", "json".
std::optional<format> format_from(std::string_view text);

std::string render_markdown(const annual_report& r);
std::string render_csv(const annual_report& r);
std::string render_json(const annual_report& r);
std::string render_html(const annual_report& r);
std::string render(const annual_report& r, format f);

} // namespace reviewd::report
