// Issue helpers; see issues.h.
#include "ssda903/issues.h"

#include <algorithm>
#include <tuple>

namespace reviewd::ssda903 {

std::string_view to_string(severity s) {
    switch (s) {
    case severity::error:
        return "error";
    case severity::warning:
        return "warning";
    case severity::note:
        return "note";
    }
    return "error";
}

void sort_issues(std::vector<issue>& issues) {
    std::stable_sort(issues.begin(), issues.end(), [](const issue& a, const issue& b) {
        return std::tie(a.file, a.row, a.column) < std::tie(b.file, b.row, b.column);
    });
}

} // namespace reviewd::ssda903
