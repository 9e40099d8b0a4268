// Dashboard sessions and their cookie; see dashboard_sessions.h.
#include "api/dashboard_sessions.h"

#include "store/secrets.h"

#include <algorithm>

namespace reviewd::api {

dashboard_sessions::dashboard_sessions(dashboard_settings settings)
    : settings_(settings),
      cookie_name_(settings.secure_cookie ? "__Host-reviewd_session" : "reviewd_session") {}

bool dashboard_sessions::expired(const dashboard_session& s, core::instant now) const {
    // A clock set back by more than the idle time ends the session too: its ages would be
    // negative, and a session must never outlive what is configured.
    return now - s.last_used >= settings_.idle || now - s.opened >= settings_.absolute ||
           now < s.opened - settings_.idle;
}

void dashboard_sessions::sweep(core::instant now) {
    std::erase_if(by_hash_, [&](const auto& entry) { return expired(entry.second, now); });
}

std::string dashboard_sessions::open(const store::token_record& who, core::instant now) {
    const std::string id = store::random_secret("");
    std::lock_guard lock(mutex_);
    if (by_hash_.size() >= settings_.max_sessions)
        sweep(now);
    while (!by_hash_.empty() && by_hash_.size() >= settings_.max_sessions) {
        const auto oldest =
            std::min_element(by_hash_.begin(), by_hash_.end(), [](const auto& a, const auto& b) {
                return a.second.opened < b.second.opened;
            });
        by_hash_.erase(oldest);
    }
    by_hash_[store::sha256_hex(id)] = dashboard_session{who, now, now};
    return id;
}

std::optional<dashboard_session> dashboard_sessions::use(const std::string& id, core::instant now) {
    if (!store::has_secret_shape(id, ""))
        return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto found = by_hash_.find(store::sha256_hex(id));
    if (found == by_hash_.end())
        return std::nullopt;
    if (expired(found->second, now)) {
        by_hash_.erase(found);
        return std::nullopt;
    }
    found->second.last_used = std::max(found->second.last_used, now);
    return found->second;
}

std::optional<dashboard_session> dashboard_sessions::close(const std::string& id) {
    if (!store::has_secret_shape(id, ""))
        return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto found = by_hash_.find(store::sha256_hex(id));
    if (found == by_hash_.end())
        return std::nullopt;
    dashboard_session ended = std::move(found->second);
    by_hash_.erase(found);
    return ended;
}

std::size_t dashboard_sessions::size() const {
    std::lock_guard lock(mutex_);
    return by_hash_.size();
}

std::optional<std::string> cookie_value(const std::string* cookie_header, const std::string& name) {
    if (!cookie_header)
        return std::nullopt;
    // "a=1; b=2": pairs separated by ';' and optional spaces (RFC 6265 section 5.4).
    std::string_view rest = *cookie_header;
    while (!rest.empty()) {
        const auto semicolon = rest.find(';');
        std::string_view pair = rest.substr(0, semicolon);
        rest =
            semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
        while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t'))
            pair.remove_prefix(1);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
            std::string_view value = pair.substr(equals + 1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            return std::string(value);
        }
    }
    return std::nullopt;
}

namespace {

std::string cookie_with(const dashboard_sessions& sessions, const std::string& value,
                        std::chrono::seconds max_age) {
    std::string c = sessions.cookie_name() + "=" + value +
                    "; Path=/; Max-Age=" + std::to_string(max_age.count()) +
                    "; HttpOnly; SameSite=Strict";
    if (sessions.settings().secure_cookie)
        c += "; Secure";
    return c;
}

} // namespace

std::string session_cookie(const dashboard_sessions& sessions, const std::string& id) {
    return cookie_with(sessions, id, sessions.settings().absolute);
}

std::string expired_session_cookie(const dashboard_sessions& sessions) {
    return cookie_with(sessions, "", std::chrono::seconds(0));
}

} // namespace reviewd::api
