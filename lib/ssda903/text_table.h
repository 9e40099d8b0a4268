// Plain-text tables for the reports: columns as wide as their widest cell, the last column left
// unpadded (it holds the long messages). Pure: it builds a string.
#pragma once

#include <string>
#include <vector>

namespace reviewd::ssda903 {

class text_table {
public:
    explicit text_table(std::vector<std::string> headings) : rows_{std::move(headings)} {}
    void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    bool empty() const { return rows_.size() == 1; }
    std::string str() const;

private:
    std::vector<std::vector<std::string>> rows_;
};

// `items` joined by ", " and wrapped to lines of about `width` characters, each indented.
std::string wrapped_list(const std::vector<std::string>& items, std::size_t width = 96,
                         const std::string& indent = "  ");

} // namespace reviewd::ssda903
