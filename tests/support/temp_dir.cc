// Self-cleaning temporary directories; see temp_dir.h.
#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace reviewd::test {

temp_dir::temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "reviewd-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path temp_dir::write(const std::string& relative, const std::string& text) const {
    const auto full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + full.string());
    return full;
}

} // namespace reviewd::test
