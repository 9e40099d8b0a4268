// Rendering of errors for people; see result.h.
#include "core/result.h"

namespace reviewd::core {

std::string describe(const error& e) {
    if (e.field.empty())
        return e.message;
    return e.field + ": " + e.message;
}

std::string line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace reviewd::core
