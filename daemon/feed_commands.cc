// Calendar feed commands; see feed_commands.h.
#include "feed_commands.h"

#include "command_support.h"
#include "core/percent_encoding.h"

#include <iostream>

namespace reviewd::app {
int run_feed_create(const config& cfg, const std::string& person, const std::string& label) {
    auto store = open_store(cfg);
    const auto created = store.create_feed(person, label, command_actor(), now_utc());
    if (!created) {
        std::cerr << "reviewd feed create: " << core::describe(created.err()) << "\n";
        return 2;
    }
    // The secret goes to standard output alone (for scripts); the rest is for the operator.
    std::cerr << "calendar feed " << created.value().id << " (\"" << label << "\") for IRO "
              << person << " created. Its secret is shown once, here; anyone who has it can read "
              << "this IRO's deadlines. Subscribe to\n  http://" << cfg.api.address << ":"
              << cfg.api.port << "/v1/iros/" << core::percent_encoded(person)
              << "/calendar.ics?token=<the secret>\n(through the council's HTTPS reverse proxy). "
              << "Revoke it with: reviewd feed revoke --id " << created.value().id << "\n";
    std::cout << created.value().secret << "\n";
    return 0;
}

int run_feed_revoke(const config& cfg, const std::optional<std::int64_t>& id,
                    const std::optional<std::string>& person) {
    if (id.has_value() == person.has_value()) {
        std::cerr << "reviewd feed revoke: give either --id or --person\n";
        return 2;
    }
    auto store = open_store(cfg);
    const auto revoked = id ? store.revoke_feed(*id, command_actor(), now_utc())
                            : store.revoke_feeds_of(*person, command_actor(), now_utc());
    if (!revoked) {
        std::cerr << "reviewd feed revoke: " << core::describe(revoked.err()) << "\n";
        return 2;
    }
    if (id)
        std::cout << "feed " << *id << " " << (revoked.value() ? "revoked" : "was already revoked")
                  << "\n";
    else
        std::cout << revoked.value() << " feed" << (revoked.value() == 1 ? "" : "s") << " of IRO "
                  << *person << " revoked\n";
    return 0;
}

int run_feed_list(const config& cfg) {
    auto store = open_store(cfg);
    std::cout << "ID\tIRO\tLABEL\tCREATED\tSTATE\n";
    for (const auto& f : store.list_feeds())
        std::cout << f.id << "\t" << f.person << "\t" << f.label << "\t" << f.created_at << "\t"
                  << (f.revoked_at ? "revoked " + *f.revoked_at : std::string("active")) << "\n";
    return 0;
}

} // namespace reviewd::app
