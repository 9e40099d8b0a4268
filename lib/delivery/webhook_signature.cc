// Standard Webhooks signing with OpenSSL's HMAC; see webhook_signature.h.
#include "delivery/webhook_signature.h"

#include "delivery/base64.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

namespace reviewd::delivery {

core::result<std::string> webhook_key(std::string_view secret) {
    constexpr std::string_view prefix = "whsec_";
    if (secret.substr(0, prefix.size()) != prefix)
        return core::make_error("invalid_webhook_secret",
                                "a webhook secret must start with \"whsec_\"");
    auto key = base64_decode(secret.substr(prefix.size()));
    if (!key)
        return core::make_error("invalid_webhook_secret",
                                "the part of the webhook secret after \"whsec_\" is not base64");
    if (key->empty())
        return core::make_error("invalid_webhook_secret", "the webhook secret is empty");
    return std::move(*key);
}

core::result<std::string> sign_webhook(std::string_view secret, std::string_view id,
                                       std::int64_t timestamp, std::string_view body) {
    auto key = webhook_key(secret);
    if (!key)
        return key.err();
    std::string content;
    content.reserve(id.size() + body.size() + 24);
    content.append(id).append(".").append(std::to_string(timestamp)).append(".").append(body);

    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    const auto& k = key.value();
    if (!HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()),
              reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac,
              &mac_size))
        return core::make_error("signature_failed", "HMAC-SHA256 failed in OpenSSL");
    return "v1," + base64_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

} // namespace reviewd::delivery
