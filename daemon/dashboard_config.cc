// Loading [dashboard]; see dashboard_config.h.
#include "dashboard_config.h"

#include "core/toml_reader.h"

#include <arpa/inet.h>

namespace reviewd::app {

bool is_loopback_address(const std::string& address) {
    if (address == "localhost")
        return true;
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

api::dashboard_settings read_dashboard(core::table_reader& root, const std::string& api_address) {
    api::dashboard_settings d;
    d.secure_cookie = !is_loopback_address(api_address);
    const toml::table* table = root.table("dashboard");
    if (!table)
        return d;
    core::table_reader r = root.nested(*table, "dashboard");
    d.enabled = r.boolean_or("enabled", d.enabled);
    d.idle = std::chrono::minutes(r.integer_or("idle_minutes", 30, 1, 24 * 60));
    d.absolute = std::chrono::hours(r.integer_or("absolute_hours", 8, 1, 7 * 24));
    switch (r.one_of("secure_cookie", {"auto", "always", "never"}, "auto")) {
    case 1:
        d.secure_cookie = true;
        break;
    case 2:
        d.secure_cookie = false;
        break;
    default:
        break;
    }
    r.reject_unknown_keys();
    return d;
}

} // namespace reviewd::app
