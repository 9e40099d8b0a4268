// sd_notify wrappers; see systemd_notify.h.
#include "runtime/systemd_notify.h"

#include <systemd/sd-daemon.h>

namespace reviewd::runtime {

void notify_ready(const std::string& status) {
    sd_notifyf(0, "READY=1\nSTATUS=%s", status.c_str());
}
void notify_status(const std::string& status) {
    sd_notifyf(0, "STATUS=%s", status.c_str());
}
void notify_stopping() {
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}
void notify_watchdog() {
    sd_notify(0, "WATCHDOG=1");
}

std::optional<std::chrono::milliseconds> watchdog_interval() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
        return std::nullopt;
    return std::chrono::milliseconds(usec / 2000);
}

} // namespace reviewd::runtime
