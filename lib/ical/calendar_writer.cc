// Writing a VCALENDAR; see calendar_writer.h.
#include "ical/calendar_writer.h"

#include "ical/content_lines.h"

namespace reviewd::ical {
namespace {

// A parameter value (RFC 5545 3.2): quoted when it holds ':', ';' or ','. It can never hold a
// DQUOTE or a control character, so those are dropped.
std::string parameter_value(const std::string& text) {
    std::string clean;
    bool needs_quotes = false;
    for (const char c : valid_utf8(text)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '"')
            continue;
        needs_quotes = needs_quotes || c == ':' || c == ';' || c == ',';
        clean += c;
    }
    return needs_quotes ? "\"" + clean + "\"" : clean;
}

// A mailto: URI from an address: anything that could end the value or the line is dropped.
std::string mailto(const std::string& address) {
    std::string out = "mailto:";
    for (const char c : address)
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '"' && c != ';' && c != ',' &&
            c != '<' && c != '>')
            out += c;
    return out;
}

void append_event(std::string& out, const event& e, const std::string& stamp,
                  const std::optional<organizer>& publisher) {
    append_line(out, "BEGIN", "VEVENT");
    append_line(out, "UID", escape_text(e.uid));
    append_line(out, "DTSTAMP", stamp);
    append_line(out, "SEQUENCE", std::to_string(e.sequence < 0 ? 0 : e.sequence));
    append_line(out, "DTSTART;VALUE=DATE", format_date(e.day));
    append_line(out, "DTEND;VALUE=DATE", format_date(e.day + date::days{1}));
    append_line(out, "SUMMARY", escape_text(e.summary));
    if (!e.description.empty())
        append_line(out, "DESCRIPTION", escape_text(e.description));
    append_line(out, "STATUS", e.status == event_status::cancelled ? "CANCELLED" : "CONFIRMED");
    // A deadline is not time spent: it must not make anyone look busy.
    append_line(out, "TRANSP", "TRANSPARENT");
    if (publisher) {
        const std::string name =
            publisher->name.empty() ? std::string() : ";CN=" + parameter_value(publisher->name);
        append_line(out, "ORGANIZER" + name, mailto(publisher->address));
    }
    if (e.reminder && e.status != event_status::cancelled) {
        append_line(out, "BEGIN", "VALARM");
        append_line(out, "ACTION", "DISPLAY");
        append_line(out, "TRIGGER;RELATED=START", format_duration(e.reminder->offset));
        append_line(out, "DESCRIPTION", escape_text(e.reminder->description));
        append_line(out, "END", "VALARM");
    }
    append_line(out, "END", "VEVENT");
}

} // namespace

std::string write_calendar(const calendar_header& header, const std::vector<event>& events,
                           core::instant stamp) {
    std::string out;
    out.reserve(256 + events.size() * 700);
    append_line(out, "BEGIN", "VCALENDAR");
    append_line(out, "VERSION", "2.0");
    append_line(out, "PRODID", escape_text(header.product_id));
    append_line(out, "CALSCALE", "GREGORIAN");
    if (!header.method.empty())
        append_line(out, "METHOD", header.method);
    if (!header.name.empty()) {
        append_line(out, "NAME", escape_text(header.name));
        append_line(out, "X-WR-CALNAME", escape_text(header.name));
    }
    if (header.refresh) {
        const std::string every = format_duration(*header.refresh);
        append_line(out, "REFRESH-INTERVAL;VALUE=DURATION", every);
        append_line(out, "X-PUBLISHED-TTL", every);
    }
    const std::string dtstamp = format_utc(stamp);
    for (const auto& e : events)
        append_event(out, e, dtstamp, header.publisher);
    append_line(out, "END", "VCALENDAR");
    return out;
}

} // namespace reviewd::ical
