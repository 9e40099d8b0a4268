// The error a delivery transport throws when its configuration cannot work or would be unsafe
// (plain SMTP to a remote host, an unparsable URL, a malformed webhook secret). It names the
// configuration key so the daemon can point at the line in reviewd.toml. Thrown only while
// constructing a transport, never from send().
#pragma once

#include <stdexcept>
#include <string>

namespace reviewd::delivery {

struct config_error : std::runtime_error {
    config_error(std::string key, const std::string& message)
        : std::runtime_error(key + ": " + message), key(std::move(key)) {}
    std::string key; // e.g. "smtp.require_tls", relative to the [delivery] table
};

} // namespace reviewd::delivery
