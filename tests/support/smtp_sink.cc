// The SMTP sink fixture; see smtp_sink.h.
#include "support/smtp_sink.h"

#include "support/test_data.h"

namespace reviewd::test {

smtp_sink::smtp_sink(smtp_sink_options options) {
    std::vector<std::string> args{"--maildir", (dir_.path() / "mail").string(), "--stats",
                                  (dir_.path() / "stats.json").string()};
    if (options.port != 0)
        args.insert(args.end(), {"--port", std::to_string(options.port)});
    if (options.starttls) {
        cert_ = std::make_unique<tls_certificate>();
        args.insert(args.end(), {"--tls-cert", cert_->cert_file().string(), "--tls-key",
                                 cert_->key_file().string()});
    }
    for (const auto& t : options.xoauth2_tokens)
        args.insert(args.end(), {"--auth-xoauth2-token", t});
    if (options.xoauth2_any)
        args.push_back("--auth-xoauth2-any");
    if (options.reject_code != 0) {
        args.insert(args.end(), {"--reject-code", std::to_string(options.reject_code)});
        if (options.reject_at_data)
            args.insert(args.end(), {"--reject-at", "data"});
    }
    server_ = std::make_unique<python_server>(support_script("smtp_sink.py"), args);
}

std::string smtp_sink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(port());
}

std::filesystem::path smtp_sink::cert_file() const {
    return cert_ ? cert_->cert_file() : std::filesystem::path();
}

nlohmann::json smtp_sink::stats() const {
    return nlohmann::json::parse(read_text_file((dir_.path() / "stats.json").string()));
}

std::string smtp_sink::message_text(int n) const {
    return read_text_file((dir_.path() / "mail" / (std::to_string(n) + ".eml")).string());
}

} // namespace reviewd::test
