// The HTML report's one stylesheet, inlined in its <style>: plain type, tables with figures
// aligned right, key figures as boxes, and a print stylesheet (A4 margins, no breaks inside a
// chart or table, colours kept). No url(), no @import: the file stays self-contained.
// Internal to lib/report.
#pragma once

namespace reviewd::report {

extern const char* const html_style;

} // namespace reviewd::report
