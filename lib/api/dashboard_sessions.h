// The dashboard's server-side sessions: an IRO manager signs in once with an API token and the
// browser then holds only a random session id in an HttpOnly cookie, never the token.
//
// A session id is 256 bits from OpenSSL's CSPRNG, written as 64 hex digits; the table keys
// sessions by the SHA-256 of the id, so a lookup never compares the secret itself and a memory
// dump of the table opens nothing. A session ends when it has not been used for `idle`, when
// `absolute` has passed since sign-in, at sign-out, or when the daemon stops (the table is in
// memory: a restart signs everyone out, and nothing secret is ever written to disk). Time is
// passed in, so expiry is tested with a driven clock. Thread-safe.
#pragma once

#include "core/clock.h"
#include "store/records.h"

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace reviewd::api {

struct dashboard_settings {
    bool enabled = true;
    std::chrono::seconds idle{30 * 60};         // unused this long: signed out
    std::chrono::seconds absolute{8 * 60 * 60}; // this long after sign-in: signed out
    // The cookie carries Secure (and the __Host- name prefix, which requires it). The daemon
    // resolves the configuration's "auto" to: secure unless it listens on a loopback address.
    bool secure_cookie = true;
    std::size_t max_sessions = 1000; // when full, expired sessions go first, then the oldest
};

// A signed-in browser, as the table reports it.
struct dashboard_session {
    store::token_record who; // the token it was opened with (name and role; never the token)
    core::instant opened;
    core::instant last_used;
};

class dashboard_sessions {
public:
    explicit dashboard_sessions(dashboard_settings settings);

    const dashboard_settings& settings() const { return settings_; }
    // "__Host-reviewd_session" with a Secure cookie, else "reviewd_session".
    const std::string& cookie_name() const { return cookie_name_; }

    // A new session for `who`; returns its id (the cookie value), which is kept only as a hash.
    std::string open(const store::token_record& who, core::instant now);
    // The session named by `id` when it is live at `now` (and marks it used); an expired one is
    // removed. nullopt for anything else, malformed ids included.
    std::optional<dashboard_session> use(const std::string& id, core::instant now);
    // Ends the session; returns what it was, or nullopt when there was none.
    std::optional<dashboard_session> close(const std::string& id);
    // Live or not yet swept sessions.
    std::size_t size() const;

private:
    bool expired(const dashboard_session& s, core::instant now) const;
    void sweep(core::instant now); // holds mutex_

    dashboard_settings settings_;
    std::string cookie_name_;
    mutable std::mutex mutex_;
    std::map<std::string, dashboard_session> by_hash_;
};

// The value of cookie `name` in the request's Cookie header, if present.
std::optional<std::string> cookie_value(const std::string* cookie_header, const std::string& name);
// The Set-Cookie value that gives the browser the session id: HttpOnly, SameSite=Strict, Path=/,
// Max-Age = the absolute lifetime, and Secure when so configured.
std::string session_cookie(const dashboard_sessions& sessions, const std::string& id);
// The Set-Cookie value that makes the browser forget it (same attributes, Max-Age=0).
std::string expired_session_cookie(const dashboard_sessions& sessions);

} // namespace reviewd::api
