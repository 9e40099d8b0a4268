// The body of a reminder email, shared by single reminders and the daily digest: one line per
// deadline in the plain-text and HTML templates. Internal to lib/reminders.
#pragma once

#include "reminders/compose.h"
#include "rules/deadline.h"

#include <string>
#include <vector>

namespace reviewd::reminders {

struct mail_line {
    std::string child;                         // case reference
    const rules::deadline* deadline = nullptr; // never null
    std::string standing;                      // "due in 5 working days", "overdue since ...", ...
    bool late = false;
};

std::string html_escape(const std::string& text);
// "review 2", "care plan 1": the deadline's kind in words and its number.
std::string deadline_title(const rules::deadline& d);

// An email to `recipient` with the templates filled from `lines`.
store::outbox_message render_mail(const std::string& recipient, const std::string& event_id,
                                  const std::string& subject, const std::vector<mail_line>& lines,
                                  bool late, const compose_options& options);

} // namespace reviewd::reminders
