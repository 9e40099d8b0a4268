// `reviewd feed create|revoke|list`: the secrets of IROs' calendar feeds
// (GET /v1/iros/{ref}/calendar.ics?token=SECRET). A secret is printed once, at creation, and
// stored only as its SHA-256 hash. Each command returns the process exit status.
#pragma once

#include "config.h"

#include <cstdint>
#include <optional>
#include <string>

namespace reviewd::app {

int run_feed_create(const config& cfg, const std::string& person, const std::string& label);
// Revokes one feed by id, or every feed of one IRO.
int run_feed_revoke(const config& cfg, const std::optional<std::int64_t>& id,
                    const std::optional<std::string>& person);
int run_feed_list(const config& cfg);

} // namespace reviewd::app
