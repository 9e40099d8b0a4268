// The validation report's vocabulary: one issue per thing the import could not use (or used with
// a stated assumption), located by file, row and column, and attributed to a child where the row
// names one. Issues never carry a date of birth or a name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

enum class severity {
    error,   // the child (or, with no child, the row) is refused: nothing of it is imported
    warning, // imported, with the assumption the message states
    note,    // for information: a child skipped or kept as stored, and why
};
std::string_view to_string(severity s);

struct issue {
    severity level = severity::error;
    std::string file;   // as named on the command line; empty: the import as a whole
    int row = 0;        // CSV line or XML line of the record; 0: the file or child as a whole
    std::string column; // as the file names it ("DECOM"; "PL" in the XML form); may be empty
    std::string child;  // the CHILD the row names; empty when it names none
    std::string code;   // stable and machine-readable: "bad_date", "unknown_code", ...
    std::string message;
};

// Orders issues by file, row, then column, for a report that reads top to bottom.
void sort_issues(std::vector<issue>& issues);

} // namespace reviewd::ssda903
