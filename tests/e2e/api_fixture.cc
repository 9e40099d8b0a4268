// The API end-to-end fixture; see api_fixture.h.
#include "e2e/api_fixture.h"

#include <stdexcept>

namespace reviewd::test {

api_fixture::api_fixture(const std::string& extra_api) : daemon(extra_api) {
    if (daemon.command({"db", "migrate"}).exit_code != 0)
        throw std::runtime_error("db migrate failed");
    tokens["admin"] = daemon.create_token("admin-1", "admin");
    daemon.start();
    client = std::make_unique<http_client>("127.0.0.1", daemon.port());
    const auto person = [&](const char* ref, const char* role, const char* manager) {
        nlohmann::json body = {{"role", role},
                               {"name", std::string("Staff ") + ref},
                               {"email", std::string(ref) + "@council.example"}};
        if (manager)
            body["manager"] = manager;
        const auto r = call("admin", "PUT", std::string("/v1/people/") + ref, body.dump());
        if (r.status != 201)
            throw std::runtime_error("PUT person failed: " + r.body);
    };
    person("M1", "iro_manager", nullptr);
    person("I1", "iro", "M1");
    person("I2", "iro", "M1");
    person("T1", "team_manager", nullptr);
    tokens["manager"] = daemon.create_token("manager-1", "manager");
    tokens["integration"] = daemon.create_token("lcs-feed", "integration");
    tokens["iro"] = daemon.create_token("iro-I1", "iro", "I1");
    tokens["iro2"] = daemon.create_token("iro-I2", "iro", "I2");
}

http_reply api_fixture::call(const std::string& role, const std::string& method,
                             const std::string& target, const std::string& body) {
    header_list headers;
    if (!role.empty())
        headers.emplace_back("Authorization", "Bearer " + tokens.at(role));
    if (!body.empty())
        headers.emplace_back("Content-Type", "application/json");
    return client->request(method, target, body, headers);
}

nlohmann::json api_fixture::json_of(const http_reply& reply) const {
    return nlohmann::json::parse(reply.body);
}

std::string api_fixture::case_json(const std::string& ref, const std::string& start) {
    return nlohmann::json{{"jurisdiction", "england"},
                          {"child", {{"id", ref}, {"date_of_birth", "2015-03-02"}}},
                          {"periods", {{{"start", start}, {"placements", {{{"start", start}}}}}}}}
        .dump();
}

} // namespace reviewd::test
