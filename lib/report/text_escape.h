// Making text from data (staff names and refs, stage ids from configuration) safe for each
// output: HTML and SVG text and attributes, Markdown, CSV. Every renderer passes every string
// that did not come from this module's own wording through one of these.
#pragma once

#include <string>
#include <string_view>

namespace reviewd::report {

// Valid UTF-8 with every control character (tabs and line breaks too: a report cell is one line)
// made a space; invalid bytes become U+FFFD. The base of the three below.
std::string clean_text(std::string_view text);

// & < > " ' as character references: safe in element content and quoted attributes, and
// well-formed XML (the HTML report parses as XML).
std::string html_escape(std::string_view text);

// Every ASCII punctuation character backslash-escaped (CommonMark allows this for any of them),
// so data can neither open a link, a table cell, emphasis or raw HTML.
std::string markdown_escape(std::string_view text);

// One RFC 4180 field: quoted when it holds a comma or quote (line breaks are gone); a text starting
// with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
std::string csv_field(std::string_view text);

} // namespace reviewd::report
