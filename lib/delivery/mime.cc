// Assembly of the email text from its parts; see mime.h. The encodings live in mime_encoding.cc.
#include "delivery/mime.h"

#include "core/fnv.h"

#include "delivery/base64.h"
#include "delivery/mime_encoding.h"

#include <cstdint>

namespace reviewd::delivery {
namespace {

bool is_atext(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_domain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

// local@domain with a dot-atom local part and a dotted domain name; no quoting, no IP literals.
bool is_valid_address(std::string_view a) {
    if (a.empty() || a.size() > 254)
        return false;
    const auto at = a.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || at > 64)
        return false;
    const auto local = a.substr(0, at);
    const auto domain = a.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local)
        if (!is_atext(c) && c != '.')
            return false;
    if (domain.front() == '.' || domain.back() == '.' || domain.front() == '-' ||
        domain.find("..") != std::string_view::npos)
        return false;
    for (char c : domain)
        if (!is_domain_char(c))
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

core::error bad_address(std::string_view text) {
    std::string shown;
    for (char c : text.substr(0, 80))
        shown += (c == '\r' || c == '\n') ? ' ' : c;
    return core::make_error("invalid_address", "\"" + shown + "\" is not an email address");
}

std::string without_line_breaks(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == '\r' || c == '\n')
            c = ' ';
    return out;
}

// A boundary that cannot occur in quoted-printable text: "=_" never appears there.
std::string boundary_for(std::string_view event_id) {
    const std::uint64_t h = core::fnv1a64().add(event_id).value();
    std::string out = "=_reviewd_";
    for (int shift = 60; shift >= 0; shift -= 4)
        out += "0123456789abcdef"[h >> shift & 15];
    return out;
}

void append_part(std::string& out, std::string_view content_type, std::string_view body) {
    out += "Content-Type: ";
    out += content_type;
    out += "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += quoted_printable(body);
    out += "\r\n";
}

// The readable body: text/plain alone, or multipart/alternative with text/plain and text/html.
void append_body(std::string& out, const message& m, const std::string& boundary) {
    if (m.html_body.empty()) {
        append_part(out, "text/plain", m.text_body);
        return;
    }
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "This is a multi-part message in MIME format.\r\n";
    out += "--" + boundary + "\r\n";
    append_part(out, "text/plain", m.text_body);
    out += "--" + boundary + "\r\n";
    append_part(out, "text/html", m.html_body);
    out += "--" + boundary + "--\r\n";
}

// The calendar as an attachment in base64: iCalendar's own line folding and CRLFs pass through
// untouched, and every line stays at 76 characters.
void append_calendar(std::string& out, std::string_view calendar) {
    out += "Content-Type: text/calendar; charset=utf-8; method=PUBLISH;\r\n "
           "name=\"deadlines.ics\"\r\n";
    out += "Content-Disposition: attachment; filename=\"deadlines.ics\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    const std::string encoded = base64_encode(calendar);
    for (std::size_t at = 0; at < encoded.size(); at += 76)
        out.append(encoded, at, 76).append("\r\n");
}

} // namespace

core::result<mailbox> parse_mailbox(std::string_view text) {
    const std::string_view t = trim(text);
    if (t.find_first_of("\r\n") != std::string_view::npos)
        return bad_address(text);
    mailbox box;
    const auto open = t.find('<');
    if (open == std::string_view::npos) {
        box.address = std::string(t);
    } else {
        if (t.back() != '>' || t.find('<', open + 1) != std::string_view::npos)
            return bad_address(text);
        box.address = std::string(t.substr(open + 1, t.size() - open - 2));
        std::string_view name = trim(t.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        if (name.find_first_of("\"\\") != std::string_view::npos)
            return bad_address(text);
        for (char c : name)
            if (static_cast<unsigned char>(c) < 32 || c == 127)
                return bad_address(text);
        box.display_name = std::string(name);
    }
    if (!is_valid_address(box.address))
        return bad_address(text);
    return box;
}

std::string format_mailbox(const mailbox& box) {
    if (box.display_name.empty())
        return box.address;
    bool plain = true;
    for (char c : box.display_name)
        plain = plain && (is_atext(c) || c == ' ');
    std::string name;
    if (plain)
        name = box.display_name;
    else if (is_printable_ascii(box.display_name) &&
             box.display_name.find("=?") == std::string::npos)
        name = "\"" + box.display_name + "\"";
    else
        name = encode_header_text(box.display_name, 6);
    return name + " <" + box.address + ">";
}

bool is_safe_event_id(std::string_view event_id) {
    if (event_id.empty() || event_id.size() > 200 || event_id.front() == '.')
        return false;
    for (char c : event_id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

core::result<std::string> build_email(const message& m, std::string_view from, core::instant date) {
    auto sender = parse_mailbox(from);
    if (!sender)
        return sender.err();
    auto recipient = parse_mailbox(m.recipient);
    if (!recipient)
        return recipient.err();
    if (!is_safe_event_id(m.event_id))
        return core::make_error("invalid_event_id",
                                "event id \"" + without_line_breaks(m.event_id.substr(0, 80)) +
                                    "\" cannot be used in a Message-ID");

    std::string out;
    out.reserve(1024 + 2 * (m.text_body.size() + m.html_body.size()) + 2 * m.calendar_body.size());
    out += "Date: " + rfc5322_date(date) + "\r\n";
    out += "From: " + format_mailbox(sender.value()) + "\r\n";
    out += "To: " + format_mailbox(recipient.value()) + "\r\n";
    out += "Subject: " + encode_header_text(without_line_breaks(m.subject), 9) + "\r\n";
    out += "Message-ID: <" + m.event_id + "@" + sender.value().domain() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n"; // RFC 3834: no vacation replies, please
    const std::string boundary = boundary_for(m.event_id);
    if (m.calendar_body.empty()) {
        append_body(out, m, boundary);
        return out;
    }
    // The calendar goes beside the body, not as a third alternative: a client that picks the
    // "best" alternative would otherwise show an event instead of the words.
    const std::string mixed = boundary_for(m.event_id + "/mixed");
    out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
    out += "This is a multi-part message in MIME format.\r\n";
    out += "--" + mixed + "\r\n";
    append_body(out, m, boundary);
    out += "--" + mixed + "\r\n";
    append_calendar(out, m.calendar_body);
    out += "--" + mixed + "--\r\n";
    return out;
}

} // namespace reviewd::delivery
