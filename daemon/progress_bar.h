// A progress bar on standard error for long commands (a 903 import of thousands of children):
// drawn only when standard error is a terminal, redrawn when the shown count changes by a
// percent, and erased when done, so logs and pipes never see it.
#pragma once

#include <cstddef>
#include <string>

namespace reviewd::app {

class progress_bar {
public:
    // Draws nothing unless `enabled` (see stderr_is_terminal()).
    progress_bar(std::string label, std::size_t total, bool enabled);
    ~progress_bar(); // erases the bar
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

    void update(std::size_t done);

private:
    void draw(std::size_t done);

    std::string label_;
    std::size_t total_;
    bool enabled_;
    std::size_t shown_percent_ = 101; // none drawn yet
};

bool stderr_is_terminal();

} // namespace reviewd::app
