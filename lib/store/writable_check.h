// Can this process write the database? Asked by `reviewd serve` before it takes any work: a file
// it may only read (wrong owner or mode after a restore, an immutable flag) or a write lock that
// another process keeps would otherwise show only later, as failing writes with SQLite's terse
// words. The answer is a reason fit for the log, naming what to check.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace reviewd::store {

// nullopt when the database can be written (or does not exist yet: it will be created); else
// why not. Waits up to connection::busy_wait_ms for another process's write lock.
std::optional<std::string> why_not_writable(const std::filesystem::path& file);

} // namespace reviewd::store
