// The IRO manager's dashboard: asks whether this browser is signed in, shows the sign-in form or
// draws GET /v1/dashboard. Plain DOM: every value goes in through textContent (never innerHTML),
// so nothing the API returns can become markup. No inline handlers (the CSP forbids them); no
// automatic refresh (an unattended screen must reach its idle timeout and sign itself out).
"use strict";

(function () {
  const KIND_NAMES = {
    review: "Review",
    review_request: "Review requested",
    care_plan: "Care plan",
    social_worker_visit: "Social worker visit",
    iro_allocated: "IRO allocated",
    review_decisions: "Review decisions circulated",
    review_record: "Review record",
    health_assessment: "Health assessment",
  };

  const $ = (id) => document.getElementById(id);

  // el("td", {className: "num"}, "3") -> <td class="num">3</td>; children may be nodes or text.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  // "2026-02-04" -> "Wed 4 Feb", read as a calendar date (no time zone shift).
  function shortDate(iso) {
    const d = new Date(iso + "T00:00:00Z");
    return d.toLocaleDateString("en-GB", {
      timeZone: "UTC", weekday: "short", day: "numeric", month: "short",
    });
  }

  // "2026-02-04" -> "Wed 4 Feb 2026".
  function longDate(iso) {
    return shortDate(iso) + " " + iso.slice(0, 4);
  }

  function dateTime(iso) {
    if (!iso) return "–";
    const d = new Date(iso);
    return d.toLocaleString("en-GB", {
      day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
      timeZone: "Europe/London",
    });
  }

  function words(id) {
    const text = String(id || "").replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function deadlineName(d) {
    const name = KIND_NAMES[d.kind] || words(d.kind);
    return d.sequence > 1 || d.kind === "review" || d.kind === "social_worker_visit"
      ? name + " " + d.sequence
      : name;
  }

  function table(headings, rows, className) {
    const head = el("tr", null, ...headings.map((h) =>
      el("th", { scope: "col", className: h.num ? "num" : "" }, h.text || h)));
    return el("table", { className: className || "" }, el("thead", null, head),
      el("tbody", null, ...rows));
  }

  function setTile(id, figure, level) {
    $(id).classList.remove("alert", "warn", "good");
    $(id).classList.add(level);
    $(id).querySelector(".tile-figure").textContent = figure;
  }

  // --- sections ---------------------------------------------------------------------------

  function drawDeadlines(data) {
    const box = $("deadline-groups");
    box.replaceChildren();
    const groups = data.deadlines.by_iro;
    if (groups.length === 0) {
      box.append(el("p", { className: "empty" }, "Nothing overdue and nothing due this week."));
      return;
    }
    const limit = data.deadlines.items_limit;
    for (const g of groups) {
      const title = g.iro
        ? el("h3", null, g.name || g.iro, " ", el("span", { className: "ref" }, "(" + g.iro + ")"))
        : el("h3", null, "No IRO allocated");
      const head = el("div", { className: "group-head" }, title,
        g.overdue ? el("span", { className: "pill late" }, g.overdue + " overdue") : null,
        g.due_this_week
          ? el("span", { className: "pill soon" }, g.due_this_week + " due this week") : null);
      const rows = [];
      for (const d of g.overdue_items)
        rows.push(el("tr", { className: "overdue" },
          el("td", { className: "ref" }, d.child),
          el("td", null, deadlineName(d)),
          el("td", null, shortDate(d.due)),
          el("td", null, el("span", { className: "pill late" },
            plural(d.days_overdue, "day") + " overdue"))));
      for (const d of g.this_week_items)
        rows.push(el("tr", { className: "this-week" },
          el("td", { className: "ref" }, d.child),
          el("td", null, deadlineName(d)),
          el("td", null, shortDate(d.due)),
          el("td", null, el("span", { className: "pill soon" },
            d.practical_due !== d.due ? "act by " + shortDate(d.practical_due) : "due this week"))));
      const group = el("div", { className: "group" }, head,
        table(["Child", "Deadline", "Due", "Status"], rows, "deadline-table"));
      const hidden = (g.overdue - g.overdue_items.length) + (g.due_this_week - g.this_week_items.length);
      if (hidden > 0)
        group.append(el("p", { className: "more" },
          "Showing the earliest " + limit + " of each; " + plural(hidden, "more deadline") +
          " not shown (GET /v1/deadlines?iro=" + (g.iro || "") + " lists them all)."));
      box.append(group);
    }
  }

  function ladderDots(position, stages) {
    const dots = el("span", { className: "ladder", title: "Stage " + position + " of " + stages });
    dots.setAttribute("aria-hidden", "true");
    for (let i = 1; i <= stages; ++i)
      dots.append(el("span", { className: "rung" + (i < position ? " passed" : i === position ? " here" : "") }));
    return dots;
  }

  function drawEscalations(data) {
    const e = data.escalations;
    $("escalation-summary").textContent =
      plural(e.open, "escalation") + " open; " + e.stale + " stale (a stage past its time to respond).";
    const box = $("escalation-list");
    box.replaceChildren();
    if (e.stale_items.length === 0) {
      box.append(el("p", { className: "empty" }, "No escalation is stale."));
      return;
    }
    const stages = e.ladder.length;
    const rows = e.stale_items.map((x) => {
      const stageCell = el("td", null);
      if (x.position) stageCell.append(ladderDots(x.position, stages));
      stageCell.append(el("span", { className: "stage-name" }, words(x.stage)),
        el("span", { className: "ref" }, x.position ? " (" + x.position + " of " + stages + ")" : ""));
      if (x.status === "awaiting_endorsement")
        stageCell.append(el("div", { className: "more" }, "awaiting the IRO manager's endorsement"));
      return el("tr", { className: "stale-escalation" },
        el("td", { className: "ref" }, x.id),
        el("td", { className: "ref" }, x.child),
        el("td", null, x.raised_by),
        el("td", null, stageCell),
        el("td", null, el("span", { className: "pill late" }, plural(x.days_stale, "day"))),
      );
    });
    box.append(table(["Escalation", "Child", "IRO", "Stage", "Stale for"], rows));
  }

  function drawCaseloads(data) {
    const c = data.caseloads;
    const low = c.guidance.low, high = c.guidance.high;
    $("caseload-summary").textContent =
      plural(c.open_children, "child", "children") + " in care; " +
      (c.without_iro ? plural(c.without_iro, "child", "children") + " without an IRO." : "every child has an IRO.");
    const box = $("caseload-list");
    box.replaceChildren();
    if (c.iros.length === 0) {
      box.append(el("p", { className: "summary" }, "No IROs are recorded."));
      return;
    }
    const scale = Math.max(high + 20, ...c.iros.map((i) => i.children));
    for (const i of c.iros) {
      const band = el("span", { className: "meter-band" });
      band.style.left = (100 * low / scale) + "%";
      band.style.width = (100 * (high - low) / scale) + "%";
      const fill = el("span", { className: "meter-fill " + i.band });
      fill.style.width = (100 * i.children / scale) + "%";
      const marks = [low, high].map((n) => {
        const mark = el("span", { className: "meter-mark" });
        mark.style.left = (100 * n / scale) + "%";
        return mark;
      });
      const meter = el("div", { className: "meter" }, band, fill, ...marks);
      meter.setAttribute("role", "img");
      meter.setAttribute("aria-label", i.children + " children; guidance " + low + " to " + high);
      box.append(el("div", { className: "caseload" + (i.active ? "" : " inactive") },
        el("div", { className: "caseload-name" }, i.name || i.iro,
          el("span", { className: "ref" }, i.iro + (i.active ? "" : " · no longer active"))),
        meter,
        el("div", { className: "caseload-count", title: words(i.band) + " the guidance" }, i.children)));
    }
    box.append(el("p", { className: "legend" },
      "The shaded band is the " + low + "–" + high + " children per full-time IRO guidance; " +
      "part-time IROs carry proportionally fewer."));
  }

  function drawDelivery(data) {
    const d = data.delivery;
    $("delivery-summary").textContent = d.dead === 0
      ? "Every message has been delivered or is on its way (" + d.pending + " waiting)."
      : plural(d.dead, "message") + " could not be delivered; " + d.pending + " waiting to be sent.";
    const box = $("dead-list");
    box.replaceChildren();
    if (d.latest_dead.length === 0) return;
    const rows = d.latest_dead.map((m) => el("tr", { className: "dead-message" },
      el("td", { className: "ref" }, m.id),
      el("td", null, words(m.channel)),
      el("td", { className: "ref" }, m.event_type),
      el("td", { className: "num" }, m.attempts),
      el("td", { className: "wrap" }, m.last_error || "–"),
      el("td", null, dateTime(m.first_attempt_at))));
    box.append(table(["Outbox id", "Channel", "Event",
      { text: "Attempts", num: true }, "Last error", "First tried"], rows));
    box.append(el("p", { className: "hint" }, "On the server: ",
      el("code", null, "reviewd outbox list --dead"), " shows them all; ",
      el("code", null, "reviewd outbox retry ID"), " sends one again."));
  }

  function draw(data) {
    $("as-of").textContent = "As of " + longDate(data.as_of) + " (this week: " +
      shortDate(data.week.from) + " to " + shortDate(data.week.to) + ").";
    $("viewer").textContent = "Signed in as " + data.viewer.token + " (" + data.viewer.role + ")";
    setTile("tile-overdue", data.deadlines.overdue, data.deadlines.overdue ? "alert" : "good");
    setTile("tile-week", data.deadlines.due_this_week, data.deadlines.due_this_week ? "warn" : "good");
    setTile("tile-stale", data.escalations.stale, data.escalations.stale ? "alert" : "good");
    setTile("tile-dead", data.delivery.dead, data.delivery.dead ? "alert" : "good");
    drawDeadlines(data);
    drawEscalations(data);
    drawCaseloads(data);
    drawDelivery(data);
  }

  // --- states -----------------------------------------------------------------------------

  function notice(text) {
    $("notice").textContent = text || "";
    $("notice").hidden = !text;
  }

  function showSignIn(message) {
    $("board").hidden = true;
    $("account").hidden = true;
    $("sign-in").hidden = false;
    notice(message);
    $("token").focus();
  }

  async function load() {
    const reply = await fetch("/v1/dashboard", { headers: { Accept: "application/json" } });
    if (reply.status === 401) {
      showSignIn("Your session has ended. Sign in again.");
      return;
    }
    if (!reply.ok) {
      notice("The dashboard could not be loaded (" + reply.status + "). Try Refresh.");
      return;
    }
    const data = await reply.json();
    notice("");
    $("sign-in").hidden = true;
    $("account").hidden = false;
    $("board").hidden = false;
    draw(data);
  }

  async function signIn(event) {
    event.preventDefault();
    const error = $("sign-in-error");
    error.hidden = true;
    const token = $("token").value.trim();
    if (!token) {
      error.textContent = "Enter an API token.";
      error.hidden = false;
      return;
    }
    const reply = await fetch("/v1/dashboard/session", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: token }),
    });
    $("token").value = "";
    if (!reply.ok) {
      let message = "Sign-in failed (" + reply.status + ").";
      try {
        message = (await reply.json()).error.message;
      } catch (ignored) { /* keep the status */ }
      error.textContent = message.charAt(0).toUpperCase() + message.slice(1) + ".";
      error.hidden = false;
      return;
    }
    await load();
  }

  async function signOut() {
    await fetch("/v1/dashboard/session", { method: "DELETE" });
    showSignIn("You have signed out.");
  }

  async function start() {
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", signOut);
    $("refresh").addEventListener("click", load);
    const reply = await fetch("/v1/dashboard/session", { headers: { Accept: "application/json" } });
    const session = reply.ok ? await reply.json() : { signed_in: false };
    if (session.signed_in) await load();
    else showSignIn("");
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((e) => notice("The dashboard could not start: " + e.message));
  });
})();
