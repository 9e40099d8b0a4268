// Talking to systemd (Type=notify): READY=1 once the daemon can do its work, STATUS= lines,
// WATCHDOG=1 from the event loop while it is healthy, STOPPING=1 on the way out. Outside systemd
// (no NOTIFY_SOCKET) every call is a cheap no-op.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace reviewd::runtime {

void notify_ready(const std::string& status);
void notify_status(const std::string& status);
void notify_stopping();
void notify_watchdog();
// Half the watchdog interval systemd asked for, or nullopt when it asked for none.
std::optional<std::chrono::milliseconds> watchdog_interval();

} // namespace reviewd::runtime
