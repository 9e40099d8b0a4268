// Rendering of errors for people; see result.h.
#include "core/result.h"

namespace reviewd::core {

std::string describe(const error& e) {
    if (e.field.empty())
        return e.message;
    return e.field + ": " + e.message;
}

} // namespace reviewd::core
