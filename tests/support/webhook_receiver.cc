// The webhook receiver fixture; see webhook_receiver.h.
#include "support/webhook_receiver.h"

#include "support/http_client.h"

namespace reviewd::test {

webhook_receiver::webhook_receiver(std::vector<std::string> args)
    : server_(std::make_unique<python_server>(support_script("webhook_receiver.py"),
                                              std::move(args))) {}

std::string webhook_receiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
}

namespace {

nlohmann::json get_json(std::uint16_t port, const std::string& target) {
    http_client client("127.0.0.1", port);
    const auto reply = client.request("GET", target);
    if (reply.status != 200)
        throw std::runtime_error("webhook receiver " + target + " answered " +
                                 std::to_string(reply.status));
    return nlohmann::json::parse(reply.body);
}

} // namespace

nlohmann::json webhook_receiver::stats() const {
    return get_json(port(), "/stats");
}

nlohmann::json webhook_receiver::summary() const {
    return get_json(port(), "/summary");
}

} // namespace reviewd::test
