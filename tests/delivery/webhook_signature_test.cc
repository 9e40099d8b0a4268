// Standard Webhooks signing: the published known answer, and secrets that must be refused.
#include "delivery/base64.h"
#include "delivery/webhook_signature.h"

#include <catch2/catch.hpp>

using namespace reviewd::delivery;

TEST_CASE("the Standard Webhooks known answer is reproduced", "[delivery][webhook]") {
    const auto sig =
        sign_webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                     1614265330, R"({"test": 2432232314})");
    REQUIRE(sig);
    CHECK(sig.value() == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST_CASE("the signature covers the id, the timestamp and the body", "[delivery][webhook]") {
    const char* secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const auto base = sign_webhook(secret, "evt_1", 1700000000, "{}").value();
    CHECK(sign_webhook(secret, "evt_2", 1700000000, "{}").value() != base);
    CHECK(sign_webhook(secret, "evt_1", 1700000001, "{}").value() != base);
    CHECK(sign_webhook(secret, "evt_1", 1700000000, "{ }").value() != base);
    CHECK(sign_webhook("whsec_c2Vjb25k", "evt_1", 1700000000, "{}").value() != base);
}

TEST_CASE("malformed webhook secrets are errors, not signatures", "[delivery][webhook]") {
    for (const char* secret :
         {"", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_!!!!", "whsec_abc",
          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}) {
        INFO(secret);
        const auto sig = sign_webhook(secret, "evt_1", 1, "{}");
        REQUIRE_FALSE(sig);
        CHECK(sig.err().code == "invalid_webhook_secret");
    }
}

TEST_CASE("base64 follows RFC 4648 and decodes strictly", "[delivery][base64]") {
    const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        CHECK(base64_encode(plain) == encoded);
        CHECK(base64_decode(encoded) == std::string(plain));
    }
    const std::string binary("\x00\xff\xfe\x80\x7f", 5);
    CHECK(base64_decode(base64_encode(binary)) == binary);
    for (const char* bad : {"Zg=", "Zg", "Z===", "Zg==Zg==", "Zm9v YmFy", "Zm9*", "=Zm9"})
        CHECK_FALSE(base64_decode(bad));
}
