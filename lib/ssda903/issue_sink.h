// Appending issues about one child's rows in one file, with the column named as that file names
// it. A convenience for the builder and the merge; it only appends to a vector.
#pragma once

#include "ssda903/issues.h"
#include "ssda903/return_rows.h"

#include <string>
#include <string_view>
#include <vector>

namespace reviewd::ssda903 {

class issue_sink {
public:
    issue_sink(const source_file& file, std::string child, std::vector<issue>& out)
        : file_(file), child_(std::move(child)), out_(out) {}

    void error(int row, std::string_view column, std::string code, std::string message) {
        add(severity::error, row, column, std::move(code), std::move(message));
        ++errors_;
    }
    void warning(int row, std::string_view column, std::string code, std::string message) {
        add(severity::warning, row, column, std::move(code), std::move(message));
    }
    void note(int row, std::string_view column, std::string code, std::string message) {
        add(severity::note, row, column, std::move(code), std::move(message));
    }
    int errors() const { return errors_; }

private:
    void add(severity level, int row, std::string_view column, std::string code,
             std::string message) {
        out_.push_back({level, file_.name, row,
                        column.empty() ? std::string() : column_label(file_, column), child_,
                        std::move(code), std::move(message)});
    }

    const source_file& file_;
    std::string child_;
    std::vector<issue>& out_;
    int errors_ = 0;
};

// "row 12" as messages name another row of the same file.
inline std::string row_text(int row) {
    return "row " + std::to_string(row);
}

} // namespace reviewd::ssda903
