// The reminder delivery end-to-end fixture; see delivery_e2e_fixture.h.
#include "e2e/delivery_e2e_fixture.h"

#include "support/test_data.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace reviewd::test {
namespace {

// The shipped [[reminders.rule]] tables, taken from config/reviewd.toml itself so that the tests'
// expectations are about the rules users get. They end where the next kind of table begins
// (the digest's, or [delivery]); tests add their own.
std::string shipped_reminder_rules() {
    const std::string text = read_text_file(source_path("config/reviewd.toml"));
    const auto begin = text.find("\n[[reminders.rule]]"); // a table, not a comment naming it
    const auto end =
        std::min(text.find("\n[reminders.digest]", begin), text.find("\n[delivery]", begin));
    if (begin == std::string::npos || end == std::string::npos)
        throw std::runtime_error("config/reviewd.toml has no [[reminders.rule]] before [delivery]");
    return text.substr(begin, end - begin) + "\n";
}

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::string configuration(const std::filesystem::path& clock_file,
                          const std::filesystem::path& secret_file, const delivery_options& d) {
    std::string c =
        "\n[reminders]\nrecheck_ms = 50\n" + shipped_reminder_rules() + d.reminder_tables;
    c += "[testing]\nclock_file = " + quoted(clock_file.string()) + "\n";
    c += "[delivery]\ntransport = \"network\"\n"
         "from = \"IRO reminders <iro-reminders@council.example>\"\n"
         "alert_email = \"alerts@council.example\"\n" +
         d.delivery_keys;
    c += "[delivery.smtp]\nurl = " + quoted(d.smtp_url) + "\n" + d.smtp_keys;
    if (!d.webhook_url.empty())
        c += "[[delivery.webhook]]\nname = \"case-system\"\nurl = " + quoted(d.webhook_url) +
             "\nsecret_file = " + quoted(secret_file.string()) + "\n" + d.webhook_keys;
    return c;
}

std::filesystem::path write_clock(const temp_dir& dir, date::sys_seconds t) {
    // Written whole and renamed into place: the daemon never reads half a line.
    const auto file = dir.path() / "now";
    dir.write("now.tmp", iso(t) + "\n");
    std::filesystem::rename(dir.path() / "now.tmp", file);
    return file;
}

std::vector<std::string> split(const std::string& line, char by) {
    std::vector<std::string> out;
    std::string::size_type from = 0;
    for (;;) {
        const auto to = line.find(by, from);
        out.push_back(line.substr(from, to - from));
        if (to == std::string::npos)
            return out;
        from = to + 1;
    }
}

void expect_2xx(const http_reply& r, const std::string& what) {
    if (r.status < 200 || r.status > 299)
        throw std::runtime_error(what + " answered " + std::to_string(r.status) + ": " + r.body);
}

} // namespace

date::sys_seconds at(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    char z = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) !=
            7 ||
        z != 'Z')
        throw std::runtime_error("not an instant: " + text);
    const date::year_month_day day{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!day.ok())
        throw std::runtime_error("not an instant: " + text);
    return date::sys_days{day} + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(sec);
}

std::string iso(date::sys_seconds t) {
    return date::format("%FT%TZ", t);
}

std::string received_mail::header(const std::string& name) const {
    const std::string head = text.substr(0, text.find("\r\n\r\n"));
    const std::string wanted = name + ":";
    std::istringstream lines(head);
    std::string line, value;
    bool in_it = false;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (in_it && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            value += line; // a folded continuation
            continue;
        }
        if (in_it)
            break;
        if (line.size() >= wanted.size() &&
            std::equal(wanted.begin(), wanted.end(), line.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            in_it = true;
            value = line.substr(wanted.size());
        }
    }
    while (!value.empty() && value.front() == ' ')
        value.erase(value.begin());
    return value;
}

delivery_stack::delivery_stack(const std::string& start, const delivery_options& delivery)
    : clock_file_(write_clock(files_, at(start))), now_(at(start)),
      api(configuration(clock_file_, files_.write("webhook-secret", webhook_secret + "\n"),
                        delivery)) {}

void delivery_stack::set_clock(date::sys_seconds t) {
    write_clock(files_, t);
    now_ = t;
}

void delivery_stack::add_iro(const std::string& ref, const std::string& manager) {
    const nlohmann::json body = {{"role", "iro"},
                                 {"name", "Staff " + ref},
                                 {"email", ref + "@council.example"},
                                 {"manager", manager}};
    expect_2xx(api.call("admin", "PUT", "/v1/people/" + ref, body.dump()), "PUT person " + ref);
}

void delivery_stack::put_child(const std::string& ref, const std::string& start) {
    expect_2xx(
        api.call("integration", "PUT", "/v1/children/" + ref, api_fixture::case_json(ref, start)),
        "PUT child " + ref);
}

void delivery_stack::assign(const std::string& child, const std::string& iro) {
    expect_2xx(api.call("integration", "PUT", "/v1/children/" + child + "/assignments",
                        nlohmann::json{{"iro", iro}}.dump()),
               "PUT assignments of " + child);
}

void delivery_stack::add_child(const std::string& ref, const std::string& start,
                               const std::string& iro) {
    put_child(ref, start);
    assign(ref, iro);
}

std::vector<outbox_entry> delivery_stack::outbox(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{"outbox", "list", "--limit", "1000"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = api.daemon.command(argv);
    if (r.exit_code != 0)
        throw std::runtime_error("reviewd outbox list failed: " + r.err);
    std::vector<outbox_entry> out;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line); // the heading
    while (std::getline(lines, line)) {
        auto f = split(line, '\t');
        if (f.size() < 9)
            throw std::runtime_error("unexpected outbox list line: " + line);
        outbox_entry e;
        e.id = std::stoll(f[0]);
        e.state = f[1];
        e.channel = f[2];
        e.attempts = std::stoi(f[3]);
        e.created = f[4];
        e.next = f[5];
        e.sent = f[6];
        e.event_id = f[7];
        e.last_error = f[8];
        for (std::size_t i = 9; i < f.size(); ++i)
            e.last_error += "\t" + f[i];
        out.insert(out.begin(), e); // the command lists newest first
    }
    return out;
}

void delivery_stack::stop() {
    const int status = api.daemon.terminate();
    if (status != 0)
        throw std::runtime_error("reviewd serve exited with " + std::to_string(status) + ":\n" +
                                 log());
}

void delivery_stack::kill() {
    api.daemon.kill_now();
}

void delivery_stack::restart() {
    api.daemon.start();
    api.client = std::make_unique<http_client>("127.0.0.1", api.daemon.port());
}

std::vector<received_mail> mails(const smtp_sink& sink) {
    const auto stats = sink.stats();
    std::vector<received_mail> out;
    int n = 0;
    for (const auto& d : stats["deliveries"]) {
        ++n;
        received_mail m;
        m.rcpt = d["rcpt_tos"].empty() ? std::string() : d["rcpt_tos"][0].get<std::string>();
        m.text = sink.message_text(n);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<nlohmann::json> hook_posts(const webhook_receiver& receiver) {
    std::vector<nlohmann::json> out;
    const auto stats = receiver.stats(); // kept: a range-for over a temporary's member dangles
    for (const auto& r : stats["requests"])
        if (r["path"] != "/oauth/token")
            out.push_back(r);
    return out;
}

nlohmann::json body_of(const nlohmann::json& post) {
    return nlohmann::json::parse(post["body"].get<std::string>());
}

bool wait_for_mails(const smtp_sink& sink, std::size_t n) {
    return eventually([&] { return sink.messages_received() >= static_cast<int>(n); }, wait_limit);
}

bool wait_for_posts(const webhook_receiver& receiver, std::size_t n) {
    return eventually([&] { return hook_posts(receiver).size() >= n; }, wait_limit);
}

void quiet_period() {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
}

} // namespace reviewd::test
