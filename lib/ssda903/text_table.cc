// Plain-text tables; see text_table.h.
#include "ssda903/text_table.h"

#include <algorithm>

namespace reviewd::ssda903 {

std::string text_table::str() const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows_)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.push_back(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    std::string out;
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += row[i];
            if (i + 1 < row.size())
                out.append(widths[i] - row[i].size() + 2, ' ');
        }
        out += '\n';
    }
    return out;
}

std::string wrapped_list(const std::vector<std::string>& items, std::size_t width,
                         const std::string& indent) {
    std::string out, line = indent;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string piece = items[i] + (i + 1 < items.size() ? "," : "");
        if (line.size() > indent.size() && line.size() + 1 + piece.size() > width) {
            out += line + '\n';
            line = indent;
        }
        line += (line.size() > indent.size() ? " " : "") + piece;
    }
    if (line.size() > indent.size())
        out += line + '\n';
    return out;
}

} // namespace reviewd::ssda903
