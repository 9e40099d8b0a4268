// The operator's commands: `reviewd db migrate|backup|check` and `reviewd token
// create|revoke|list`. Each prints what it did and returns the process exit status.
#pragma once

#include "config.h"

#include <cstdint>
#include <optional>
#include <string>

namespace reviewd::app {

int run_db_migrate(const config& cfg);
int run_db_backup(const config& cfg, const std::string& target);
int run_db_check(const config& cfg);

struct token_options {
    std::string name;
    std::string role;
    std::optional<std::string> person;
};
int run_token_create(const config& cfg, const token_options& options);
int run_token_revoke(const config& cfg, const std::string& name);
int run_token_list(const config& cfg);

// `reviewd outbox list [--dead|--state S]`, `retry ID`, `discard ID`.
int run_outbox_list(const config& cfg, const std::optional<std::string>& state, int limit);
int run_outbox_retry(const config& cfg, std::int64_t id);
int run_outbox_discard(const config& cfg, std::int64_t id);

} // namespace reviewd::app
