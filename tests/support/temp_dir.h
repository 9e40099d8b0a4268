// A fresh directory under the system temp folder, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace reviewd::test {

class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to `relative` (creating folders) and returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& text) const;

private:
    std::filesystem::path path_;
};

} // namespace reviewd::test
