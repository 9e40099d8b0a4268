// The dashboard's static files (lib/api/dashboard/), compiled into the binary at build time by
// embed_files.cmake, so the page always matches the API of the binary that serves it and there
// is no file system path to traverse. Served by dashboard_pages.cc from this fixed list only.
#pragma once

#include <string_view>
#include <vector>

namespace reviewd::api {

struct embedded_file {
    std::string_view name; // "index.html", "dashboard.js", ...
    std::string_view body;
};

// Generated (dashboard_assets.cc in the build tree).
const std::vector<embedded_file>& dashboard_files();

} // namespace reviewd::api
