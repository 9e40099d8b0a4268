// Reminder email bodies; see mail_body.h.
#include "reminders/mail_body.h"

#include "core/dates.h"

namespace reviewd::reminders {

std::string html_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string deadline_title(const rules::deadline& d) {
    std::string name(rules::to_string(d.kind));
    for (auto& c : name)
        if (c == '_')
            c = ' ';
    return name + " " + std::to_string(d.sequence);
}

store::outbox_message render_mail(const std::string& recipient, const std::string& event_id,
                                  const std::string& subject, const std::vector<mail_line>& lines,
                                  bool late, const compose_options& options) {
    std::string text_items, html_items;
    for (const auto& line : lines) {
        const rules::deadline& d = *line.deadline;
        const std::string due = core::format_iso_date(d.due);
        const std::string practical = core::format_iso_date(d.practical_due);
        text_items += "- child " + line.child + ": " + deadline_title(d) + ", " + line.standing +
                      " (due " + due + (practical != due ? ", practical " + practical : "") + ")" +
                      (line.late ? " [late]" : "") + "\n  " + d.basis + "\n";
        html_items += "<tr><td>" + html_escape(line.child) + "</td><td>" +
                      html_escape(deadline_title(d)) + "</td><td>" + html_escape(line.standing) +
                      "</td><td>" + due + "</td><td>" + practical + "</td><td>" +
                      html_escape(d.basis) + "</td></tr>\n";
    }
    const std::string late_note =
        late ? " (sent late: reviewd was not running when some of these fell due)" : std::string();
    const std::vector<std::pair<std::string, std::string>> values = {
        {"count", std::to_string(lines.size())},
        {"late_note", late_note},
        {"service", options.service}};
    store::outbox_message m;
    m.event_id = event_id;
    m.channel = "email";
    m.recipient = recipient;
    m.event_type = "deadline.reminder";
    m.subject = subject;
    auto text_values = values;
    text_values.emplace_back("items", text_items);
    auto html_values = values;
    html_values.emplace_back("items", html_items);
    m.text_body = fill(options.mail.text, text_values);
    m.html_body = options.mail.html.empty() ? std::string() : fill(options.mail.html, html_values);
    m.json_body = "{}";
    m.late = late;
    return m;
}

} // namespace reviewd::reminders
