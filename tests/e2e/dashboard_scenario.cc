// The dashboard's known caseload; see dashboard_scenario.h.
#include "e2e/dashboard_scenario.h"

#include <stdexcept>
#include <thread>

namespace reviewd::test {
namespace {

delivery_options options(const smtp_sink& sink, const webhook_receiver& receiver) {
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    return d;
}

void expect(const http_reply& r, int status, const std::string& what) {
    if (r.status != status)
        throw std::runtime_error(what + " answered " + std::to_string(r.status) + ": " + r.body);
}

void put_child(api_fixture& api, const std::string& ref, const std::string& body,
               const std::string& iro) {
    const auto created = api.call("integration", "PUT", "/v1/children/" + ref, body);
    if (created.status != 201 && created.status != 200)
        throw std::runtime_error("PUT child " + ref + ": " + created.body);
    if (!iro.empty())
        expect(api.call("integration", "PUT", "/v1/children/" + ref + "/assignments",
                        nlohmann::json{{"iro", iro}}.dump()),
               200, "PUT assignments of " + ref);
}

void add_filler(api_fixture& api, const std::string& iro, int children) {
    for (int i = 1; i <= children; ++i) {
        const std::string ref = "F-" + iro + "-" + std::to_string(i);
        put_child(api, ref, dashboard_case(ref, "2026-03-02"), iro);
    }
}

} // namespace

std::string dashboard_case(const std::string& ref, const std::string& start,
                           const std::string& care_plan_on, const std::string& visit) {
    nlohmann::json placement = {{"start", start}};
    if (!visit.empty())
        placement["visits"] = {visit};
    nlohmann::json period = {{"start", start}, {"placements", {placement}}};
    if (!care_plan_on.empty())
        period["care_plan_on"] = care_plan_on;
    return nlohmann::json{{"jurisdiction", "england"},
                          {"child", {{"id", ref}, {"date_of_birth", "2015-03-02"}}},
                          {"periods", {period}}}
        .dump();
}

dashboard_scenario::dashboard_scenario(bool filler)
    : receiver({"--secret", webhook_secret, "--script", "404"}),
      stack(std::make_unique<delivery_stack>("2026-01-26T09:00:00Z", options(sink, receiver))) {
    api_fixture& a = stack->api;
    put_child(a, "A1", dashboard_case("A1", "2026-01-05"), "I1");
    put_child(a, "A2", dashboard_case("A2", "2026-01-07", "2026-01-08", "2026-01-10"), "I1");
    put_child(a, "B1", dashboard_case("B1", "2026-01-08", "2026-01-08", "2026-01-09"), "I2");
    put_child(a, "U1", dashboard_case("U1", "2026-01-05", "2026-01-06", "2026-01-06"), "");
    put_child(a, "X1", dashboard_case("X1", "2026-01-05"), "I2");
    expect(a.call("integration", "DELETE", "/v1/children/X1"), 200, "DELETE child X1");

    // The IRO raises a dispute about A1 at the first stage of the default ladder.
    expect(a.call("iro", "POST", "/v1/escalations",
                  nlohmann::json{{"child", "A1"},
                                 {"category", "review_not_held"},
                                 {"description", "Review 1 was not convened"}}
                      .dump()),
           201, "POST /v1/escalations");

    if (filler) {
        stack->add_iro("I3");
        add_filler(a, "I1", 52);
        add_filler(a, "I2", 66);
        add_filler(a, "I3", 74);
    }

    stack->set_clock("2026-02-04T10:00:00Z");
    // Settled: the one dead webhook recorded, every other message delivered, and nothing new for
    // a quiet period (the daemon notices the clock move within its 50 ms recheck, so a look just
    // after set_clock may come before the last due timers have fired).
    std::string states;
    const auto look = [&] {
        int dead = 0, open = 0;
        states.clear();
        for (const auto& m : stack->outbox()) {
            dead += m.state == "dead" ? 1 : 0;
            open += m.state == "pending" || m.state == "sending" ? 1 : 0;
            states += std::to_string(m.id) + ":" + m.channel + ":" + m.state + " ";
        }
        return dead == 1 && open == 0;
    };
    const auto give_up = std::chrono::steady_clock::now() + wait_limit;
    for (;;) {
        if (look()) {
            const std::string before = states;
            quiet_period();
            if (look() && states == before)
                break;
        }
        if (std::chrono::steady_clock::now() >= give_up)
            throw std::runtime_error("the outbox did not settle with one dead message: " + states +
                                     "\n" + stack->log());
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // each look runs a command
    }
}

} // namespace reviewd::test
