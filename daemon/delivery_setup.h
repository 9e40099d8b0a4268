// Builds the delivery side from configuration: the transports (file, or SMTP and webhooks), the
// email rate limiter, the composer's options and templates, and the routes the outbox worker
// uses to pick a transport for each message.
#pragma once

#include "config.h"
#include "delivery/rate_limiter.h"
#include "delivery/transport.h"
#include "reminders/compose.h"
#include "runtime/outbox_worker.h"

#include <map>
#include <memory>

namespace reviewd::app {

class delivery_setup {
public:
    // Throws config_error when a transport cannot be set up (a plain SMTP URL off loopback, ...).
    delivery_setup(const config& cfg, const core::clock& clock);

    runtime::outbox_routes routes();
    const reminders::compose_options& compose() const { return compose_; }
    std::string describe() const; // for the log and STATUS=

private:
    const config& cfg_;
    std::unique_ptr<delivery::transport> file_;
    std::unique_ptr<delivery::transport> smtp_;
    std::map<std::string, std::unique_ptr<delivery::transport>> webhooks_;
    std::unique_ptr<delivery::shared_rate_limiter> email_limit_;
    std::map<std::string, std::unique_ptr<delivery::shared_rate_limiter>> webhook_limits_;
    reminders::compose_options compose_;
};

} // namespace reviewd::app
