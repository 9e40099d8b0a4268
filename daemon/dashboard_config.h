// The [dashboard] part of reviewd.toml: whether the daemon serves the IRO manager's dashboard,
// how long its sign-in sessions last, and whether the session cookie is marked Secure.
//
// secure_cookie = "auto" (the default) marks the cookie Secure unless [api] address is a loopback
// address: a daemon reachable from other machines is meant to sit behind TLS, and a loopback one
// is reached over plain http://127.0.0.1 from the same machine, where a Secure cookie is not
// promised to work in every browser. Behind a TLS proxy on the same machine (the proxy talks to
// 127.0.0.1), set "always": the browser sees https and the cookie must never travel in clear.
#pragma once

#include "api/dashboard_sessions.h"

#include <string>

namespace reviewd::core {
class table_reader;
}

namespace reviewd::app {

// Throws core::load_failure naming the key. `api_address` is [api] address, for "auto".
api::dashboard_settings read_dashboard(core::table_reader& root, const std::string& api_address);

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_address(const std::string& address);

} // namespace reviewd::app
