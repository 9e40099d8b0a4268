// The [reminders], [delivery] and [testing] parts of reviewd.toml: who is told what and when,
// how messages leave (files in a folder by default; SMTP and webhooks by configuration), and the
// test-only clock. Loaded strictly like the rest of the file; secrets come from files.
#pragma once

#include "schedule/digest.h"
#include "schedule/reminder_policy.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
}
} // namespace toml

namespace reviewd::core {
class table_reader;
}

namespace reviewd::app {

// Where a secret is kept (read only by `serve`, so other commands work without access to it).
struct secret_ref {
    std::string name;           // as written in the configuration
    std::filesystem::path file; // resolved against the configuration's folder
    std::string key;            // "reviewd.toml delivery.smtp.password_file", for errors
};
// The secret's first line. Under systemd, a relative name found in $CREDENTIALS_DIRECTORY (from
// LoadCredential=) is read there. Throws std::runtime_error naming the key when unreadable.
std::string read_secret(const secret_ref& ref);

struct smtp_settings {
    std::string url;
    std::string from;
    bool require_tls = true;
    bool allow_plain_on_loopback = false;
    std::string ca_file;
    bool verify_peer = true;
    std::string auth = "none"; // none, password, oauth2
    std::string username;
    secret_ref password; // password_file
    std::string oauth_token_url;
    std::string oauth_client_id;
    secret_ref oauth_client_secret; // oauth_client_secret_file
    std::string oauth_scope;
    int max_connections = 3;
};

struct webhook_settings {
    std::string name;
    std::string url;
    secret_ref secret; // secret_file, holding "whsec_..."
    std::string ca_file;
    int max_connections = 4; // requests in flight at once to this endpoint
    int rate_per_minute = 0; // at most this many POSTs a minute; 0: no limit (the default)
};

struct delivery_settings {
    std::string transport = "file"; // "file" (the embedded default) or "network"
    std::filesystem::path folder;   // file transport: where .eml and .json files go
    std::string from = "reviewd <reviewd@localhost>";
    int threads = 2;
    int rate_per_minute = 30; // emails, per the Microsoft 365 mailbox limit
    int give_up_after_hours = 24;
    std::string alert_email; // dead-message alerts; empty: none
    std::string alert_webhook;
    std::optional<smtp_settings> smtp;
    std::vector<webhook_settings> webhooks;
};

struct reminder_settings {
    bool enabled = true; // false: no reminder timers at all (an API-only deployment)
    schedule::reminder_policy policy;
    std::filesystem::path templates; // folder with reminder.txt and reminder.html
    int recheck_ms = 60000;          // the timer driver looks again at least this often
    bool calendar_part = true;       // reminder emails carry their deadlines as deadlines.ics
    schedule::digest_policy digest;  // [reminders.digest]; off by default
    std::string digest_division = "england-and-wales"; // whose working days the digest goes on
};

// Readers for the three tables; `base` resolves relative paths. Throw core::load_failure.
reminder_settings read_reminders(core::table_reader& root, const std::filesystem::path& base);
delivery_settings read_delivery(core::table_reader& root, const std::filesystem::path& base);
std::optional<std::filesystem::path> read_testing_clock(core::table_reader& root,
                                                        const std::filesystem::path& base);

} // namespace reviewd::app
