// The fuzz targets' oracle beyond the sanitizers: a broken invariant prints what broke and aborts,
// which libFuzzer reports as a crash and keeps the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace reviewd::fuzz {

[[noreturn]] inline void invariant_broken(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz invariant broken: %.*s\n%.*s\n", static_cast<int>(what.size()),
                 what.data(), static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void require(bool holds, std::string_view what, std::string_view detail = {}) {
    if (!holds)
        invariant_broken(what, detail);
}

} // namespace reviewd::fuzz
