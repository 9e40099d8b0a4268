// The terminal progress bar; see progress_bar.h.
#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace reviewd::app {

namespace {
constexpr std::size_t bar_width = 30;
}

bool stderr_is_terminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

progress_bar::progress_bar(std::string label, std::size_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled && total > 0) {
    if (enabled_)
        draw(0);
}

progress_bar::~progress_bar() {
    if (enabled_ && shown_percent_ <= 100)
        std::fprintf(stderr, "\r\033[K");
    if (enabled_)
        std::fflush(stderr);
}

void progress_bar::update(std::size_t done) {
    if (!enabled_)
        return;
    const std::size_t percent = done * 100 / total_;
    if (percent != shown_percent_ || done == total_)
        draw(done);
}

void progress_bar::draw(std::size_t done) {
    shown_percent_ = done * 100 / total_;
    const std::size_t filled = done * bar_width / total_;
    std::string bar(filled, '#');
    bar.append(bar_width - filled, '-');
    std::fprintf(stderr, "\r%s [%s] %zu/%zu", label_.c_str(), bar.c_str(), done, total_);
    std::fflush(stderr);
}

} // namespace reviewd::app
