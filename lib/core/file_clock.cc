// The file-driven clock for tests; see file_clock.h.
#include "core/file_clock.h"

#include <date/date.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reviewd::core {

instant file_clock::now() const {
    std::ifstream in(file_);
    std::string text;
    if (!in || !std::getline(in, text))
        throw std::runtime_error("clock file " + file_.string() + " cannot be read");
    std::istringstream parse(text);
    date::sys_seconds at;
    parse >> date::parse("%FT%TZ", at);
    if (parse.fail())
        throw std::runtime_error("clock file " + file_.string() + ": \"" + text +
                                 "\" is not YYYY-MM-DDTHH:MM:SSZ");
    return instant{std::chrono::duration_cast<instant::duration>(at.time_since_epoch())};
}

} // namespace reviewd::core
