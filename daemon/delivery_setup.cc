// Delivery wiring from configuration; see delivery_setup.h.
#include "delivery_setup.h"

#include "delivery/config_error.h"
#include "delivery/file_transport.h"
#include "delivery/smtp_transport.h"
#include "delivery/webhook_transport.h"

namespace reviewd::app {

delivery_setup::delivery_setup(const config& cfg, const core::clock& clock) : cfg_(cfg) {
    const delivery_settings& d = cfg.delivery;
    try {
        if (d.transport == "file") {
            file_ = std::make_unique<delivery::file_transport>(
                delivery::file_transport_config{d.folder, d.from}, clock);
        } else {
            const smtp_settings& s = *d.smtp;
            delivery::smtp_config c;
            c.url = s.url;
            c.from = s.from;
            c.require_tls = s.require_tls;
            c.allow_plain_on_loopback = s.allow_plain_on_loopback;
            c.ca_file = s.ca_file;
            c.verify_peer = s.verify_peer;
            c.max_connections = s.max_connections;
            if (s.auth == "password")
                c.auth = delivery::smtp_password_auth{s.username, read_secret(s.password)};
            else if (s.auth == "oauth2")
                c.auth = delivery::smtp_oauth2_auth{s.oauth_token_url, s.oauth_client_id,
                                                    read_secret(s.oauth_client_secret),
                                                    s.oauth_scope, s.username};
            smtp_ = std::make_unique<delivery::smtp_transport>(c, clock);
            for (const auto& w : d.webhooks) {
                delivery::webhook_config wc;
                wc.name = w.name;
                wc.url = w.url;
                wc.secret = read_secret(w.secret);
                wc.ca_file = w.ca_file;
                wc.max_connections = w.max_connections;
                webhooks_.emplace(w.name, std::make_unique<delivery::webhook_transport>(wc, clock));
            }
        }
    } catch (const delivery::config_error& e) {
        throw config_error(cfg.file.string() + ": [delivery]: " + e.what());
    } catch (const std::runtime_error& e) {
        throw config_error(e.what()); // an unreadable secret
    }
    email_limit_ = std::make_unique<delivery::shared_rate_limiter>(
        d.rate_per_minute, std::chrono::seconds(60), clock.now());
    for (const auto& w : d.webhooks)
        if (w.rate_per_minute > 0 && !file_)
            webhook_limits_.emplace(w.name,
                                    std::make_unique<delivery::shared_rate_limiter>(
                                        w.rate_per_minute, std::chrono::seconds(60), clock.now()));
    compose_.mail.text = read_file(cfg.reminders.templates / "reminder.txt");
    compose_.mail.html = read_file(cfg.reminders.templates / "reminder.html");
    for (const auto& w : d.webhooks)
        compose_.webhooks.push_back(w.name);
    compose_.calendar.enabled = cfg.reminders.calendar_part;
    compose_.calendar.organizer = file_ ? d.from : d.smtp->from;
}

runtime::outbox_routes delivery_setup::routes() {
    runtime::outbox_routes r;
    r.transport_for = [this](const store::outbox_message& m) -> delivery::transport* {
        if (file_)
            return file_.get();
        if (m.channel == "email")
            return smtp_.get();
        const auto it = webhooks_.find(m.recipient);
        return it == webhooks_.end() ? nullptr : it->second.get();
    };
    r.limiter_for = [this](const store::outbox_message& m) -> delivery::shared_rate_limiter* {
        if (file_)
            return nullptr;
        if (m.channel == "email")
            return email_limit_.get();
        const auto it = webhook_limits_.find(m.recipient);
        return it == webhook_limits_.end() ? nullptr : it->second.get();
    };
    r.dead_alert = [this](const store::outbox_row& dead) -> std::optional<store::outbox_message> {
        if (dead.message.event_type == "outbox.dead")
            return std::nullopt; // an alert that died raises no alert about itself
        const delivery_settings& d = cfg_.delivery;
        if (!d.alert_webhook.empty() &&
            !(dead.message.channel == "webhook" && dead.message.recipient == d.alert_webhook))
            return reminders::compose_dead_alert(dead, "webhook", d.alert_webhook, compose_);
        if (!d.alert_email.empty() &&
            !(dead.message.channel == "email" && dead.message.recipient == d.alert_email))
            return reminders::compose_dead_alert(dead, "email", d.alert_email, compose_);
        return std::nullopt;
    };
    return r;
}

std::string delivery_setup::describe() const {
    if (file_)
        return "file folder=" + cfg_.delivery.folder.string();
    return "network smtp=" + cfg_.delivery.smtp->url +
           " webhooks=" + std::to_string(webhooks_.size());
}

} // namespace reviewd::app
