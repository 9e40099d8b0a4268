// One SMTP submission per send() on a pooled libcurl handle; see smtp_transport.h.
#include "delivery/smtp_transport.h"

#include "delivery/config_error.h"
#include "delivery/mime.h"
#include "delivery/reply_classification.h"
#include "delivery/url_parts.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace reviewd::delivery {
namespace {

// Feeds the message to libcurl's upload.
struct upload {
    const std::string* text;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* data) {
    auto* u = static_cast<upload*>(data);
    const std::size_t n = std::min(size * count, u->text->size() - u->offset);
    std::memcpy(buffer, u->text->data() + u->offset, n);
    u->offset += n;
    return n;
}

// Keeps the server's recent reply lines: libcurl reports SMTP replies as CURLINFO_HEADER_IN.
// Only what the server said is kept; what we sent (AUTH lines) is never looked at. After a
// refusal libcurl may still QUIT, so the refusal is found by its code, not as the last line.
int watch_replies(CURL*, curl_infotype type, char* data, std::size_t size, void* out) {
    if (type != CURLINFO_HEADER_IN)
        return 0;
    auto& lines = *static_cast<std::vector<std::string>*>(out);
    std::string line(data, std::min<std::size_t>(size, 300));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (!line.empty()) {
        if (lines.size() >= 32)
            lines.erase(lines.begin());
        lines.push_back(std::move(line));
    }
    return 0;
}

// The last reply line with this code, if the server sent one.
std::string line_with_code(const std::vector<std::string>& lines, long code) {
    const std::string prefix = std::to_string(code);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        if (it->rfind(prefix, 0) == 0)
            return *it;
    return {};
}

// "451 4.3.0 try later" or "451-..." -> "4.3.0 try later".
std::string reply_text(const std::string& line) {
    if (line.size() >= 4 && std::isdigit(static_cast<unsigned char>(line[0])) &&
        (line[3] == ' ' || line[3] == '-'))
        return line.substr(4);
    return line;
}

void check_config(const smtp_config& c) {
    const auto url = split_url(c.url);
    if (!url || (url->scheme != "smtp" && url->scheme != "smtps"))
        throw config_error("smtp.url", "\"" + c.url + "\" is not an smtp:// or smtps:// URL");
    const bool loopback = is_loopback_host(url->host);
    if (!c.require_tls && url->scheme == "smtp" && !(loopback && c.allow_plain_on_loopback))
        throw config_error("smtp.require_tls",
                           "TLS may be turned off only for a server on 127.0.0.1, ::1 or "
                           "localhost with smtp.allow_plain_on_loopback = true");
    if (!c.verify_peer && !loopback)
        throw config_error("smtp.verify_peer", "certificate checks may be turned off only for a "
                                               "loopback server; set smtp.ca_file instead");
    if (!parse_mailbox(c.from))
        throw config_error("smtp.from", "\"" + c.from + "\" is not an email address");
    if (c.max_connections < 1 || c.max_connections > 100)
        throw config_error("smtp.max_connections", "must be between 1 and 100");
    if (c.connect_timeout.count() <= 0 || c.timeout.count() <= 0)
        throw config_error("smtp.timeout_ms", "timeouts must be positive");
    if (const auto* p = std::get_if<smtp_password_auth>(&c.auth); p && p->username.empty())
        throw config_error("smtp.username", "password authentication needs a username");
    if (const auto* o = std::get_if<smtp_oauth2_auth>(&c.auth)) {
        const auto token_url = split_url(o->token_url);
        if (!token_url || (token_url->scheme != "https" && token_url->scheme != "http"))
            throw config_error("smtp.oauth2.token_url",
                               "\"" + o->token_url + "\" is not an https:// URL");
        if (token_url->scheme == "http" &&
            !(is_loopback_host(token_url->host) && c.allow_plain_on_loopback))
            throw config_error("smtp.oauth2.token_url",
                               "the token endpoint must be https:// (http:// only on loopback "
                               "with smtp.allow_plain_on_loopback = true)");
        if (o->client_id.empty())
            throw config_error("smtp.oauth2.client_id", "must not be empty");
        if (o->client_secret.empty())
            throw config_error("smtp.oauth2.client_secret", "must not be empty");
        if (o->username.empty())
            throw config_error("smtp.oauth2.username", "must name the mailbox to send as");
    }
}

} // namespace

smtp_transport::smtp_transport(smtp_config config, const core::clock& clock)
    : config_((check_config(config), std::move(config))), clock_(clock),
      pool_(config_.max_connections) {
    from_address_ = parse_mailbox(config_.from).value().address;
    if (const auto* o = std::get_if<smtp_oauth2_auth>(&config_.auth))
        oauth_ = std::make_unique<oauth_token_source>(*o, clock_, config_.timeout, config_.ca_file,
                                                      config_.verify_peer);
}

smtp_transport::~smtp_transport() = default;

send_result smtp_transport::send(const message& m) {
    using o = send_result::outcome;
    if (m.via != channel::email)
        return {o::permanent, "smtp transport was given a non-email message", std::nullopt};
    auto text = build_email(m, config_.from, clock_.now());
    if (!text)
        return {o::permanent, core::describe(text.err()), std::nullopt};
    const std::string rcpt = "<" + parse_mailbox(m.recipient).value().address + ">";
    const std::string mail_from = "<" + from_address_ + ">";

    std::string bearer;
    if (oauth_) {
        auto token = oauth_->token();
        if (!token)
            return {o::retry, core::describe(token.err()), std::nullopt};
        bearer = std::move(token.value());
    }

    auto lease = pool_.acquire();
    CURL* h = lease.get();
    if (!h)
        return {o::retry, "smtp: libcurl could not make a handle", std::nullopt};

    upload body{&text.value()};
    std::vector<std::string> replies;
    char error[CURL_ERROR_SIZE] = {};
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());

    curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     config_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                         : static_cast<long>(CURLUSESSL_NONE));
    if (!config_.ca_file.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, config_.verify_peer ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, config_.verify_peer ? 2L : 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(config_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L); // without it libcurl sends no message at all
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &body);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.value().size()));
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L); // routes server replies to watch_replies
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, watch_replies);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &replies);
    if (const auto* p = std::get_if<smtp_password_auth>(&config_.auth)) {
        curl_easy_setopt(h, CURLOPT_USERNAME, p->username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, p->password.c_str());
    } else if (const auto* a = std::get_if<smtp_oauth2_auth>(&config_.auth)) {
        curl_easy_setopt(h, CURLOPT_USERNAME, a->username.c_str());
        curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, bearer.c_str());
        curl_easy_setopt(h, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
    }

    const CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(recipients);
    smtp_exchange x;
    x.transfer_ok = rc == CURLE_OK;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &x.reply_code);
    if (!x.transfer_ok && x.reply_code < 400)
        x.reply_code = 0; // a local or TLS failure after a good reply: not the server's refusal
    if (x.reply_code > 0)
        x.reply_text = reply_text(line_with_code(replies, x.reply_code));
    if (rc != CURLE_OK)
        x.transport_error = (error[0] ? std::string(error) : curl_easy_strerror(rc)) + " [curl " +
                            std::to_string(static_cast<int>(rc)) + "]";
    if (oauth_ && (rc == CURLE_LOGIN_DENIED || is_smtp_auth_failure(x.reply_code)))
        oauth_->invalidate();
    return classify_smtp(x);
}

} // namespace reviewd::delivery
