// The dashboard's static files and the security headers of every dashboard response.
//
// Files are served from the fixed list compiled into the binary (dashboard_assets.h): a name
// either is on the list or is 404, so no path ever reaches the file system. The page holds no
// data; it needs no sign-in, and everything it shows comes from GET /v1/dashboard.
#include "api/dashboard_assets.h"
#include "api/handlers.h"

namespace reviewd::api {
namespace {

std::string_view content_type_of(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot);
    if (ext == ".html")
        return "text/html; charset=utf-8";
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".js")
        return "text/javascript; charset=utf-8";
    if (ext == ".svg")
        return "image/svg+xml";
    return "application/octet-stream";
}

http::response file_response(std::string_view name) {
    for (const auto& f : dashboard_files())
        if (f.name == name) {
            http::response r;
            r.content_type = std::string(content_type_of(name));
            r.body = std::string(f.body);
            return r;
        }
    return error_response(404, "not_found", "no such dashboard file");
}

} // namespace

bool is_dashboard_route(std::string_view pattern) {
    return pattern.rfind("/dashboard", 0) == 0 || pattern.rfind("/v1/dashboard", 0) == 0;
}

void add_dashboard_headers(http::response& r) {
    // Only this origin's own files and requests; no inline script or style; never in a frame;
    // no form ever submitted by the browser itself (sign-in goes by fetch, so a page whose script
    // failed to load cannot post the token anywhere, nor put it in a URL).
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                           "form-action 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    // The files are small and change with the binary; the data must not outlive the session.
    r.headers.emplace_back("Cache-Control", "no-store");
}

http::response get_dashboard_page(call& c) {
    if (!c.ctx.dashboard)
        return error_response(404, "not_found", "the dashboard is not enabled");
    return file_response("index.html");
}

http::response get_dashboard_file(call& c) {
    if (!c.ctx.dashboard)
        return error_response(404, "not_found", "the dashboard is not enabled");
    // index.html is served at /dashboard only: one address per page.
    if (c.params.at(0) == "index.html")
        return error_response(404, "not_found", "no such dashboard file");
    return file_response(c.params.at(0));
}

} // namespace reviewd::api
