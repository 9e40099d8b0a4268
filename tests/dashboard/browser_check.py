#!/usr/bin/python3
"""The IRO manager's dashboard in a real browser: headless Debian Chromium driven by Selenium
(python3-selenium, chromium-driver) against a running reviewd loaded with the caseload of
tests/e2e/dashboard_scenario.h (with its filler), which browser_driver.cc starts.

It opens /dashboard, is refused with a wrong token (and says so on the page), signs in with a
manager token through the form, checks what the page shows (the sections, the overdue and
due-this-week counts, an IRO's caseload, the stale escalation, the dead message), that the session
cookie is HttpOnly and SameSite=Strict and invisible to scripts, that the browser console holds no
error and no Content-Security-Policy violation, saves screenshots, and signs out.

    browser_check.py --url http://127.0.0.1:PORT --token rvd_... --out DIR

Exit status: 0 passed, 1 failed, 77 skipped (no chromium, chromedriver or selenium).
"""
import argparse
import base64
import os
import sys
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


for tool in (CHROMIUM, CHROMEDRIVER):
    if not os.access(tool, os.X_OK):
        skip(tool + " is not installed (Debian packages chromium, chromium-driver)")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip("python3-selenium is not installed")

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


# Records every CSP violation and uncaught error from the first script on, before the page's own
# (a DevTools-injected script is not subject to the page's CSP).
WATCH = """
window.__problems = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__problems.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
window.addEventListener('unhandledrejection', (e) =>
  window.__problems.push('rejection: ' + (e.reason && e.reason.message)));
"""


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--disable-gpu", "--window-size=1360,1000",
                "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


def visible(driver, css, timeout=10):
    return WebDriverWait(driver, timeout).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def full_page_screenshot(driver, path):
    """The whole page, not only the window: DevTools' captureBeyondViewport."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    print("screenshot " + path)


def console_problems(driver, allowed):
    """Browser console entries at SEVERE or mentioning CSP, less those `allowed` to happen."""
    problems = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        serious = entry.get("level") == "SEVERE" or "Content Security Policy" in message
        if serious and not any(a in message for a in allowed):
            problems.append(entry["level"] + " " + message)
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()

    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            run(driver, args)
        finally:
            driver.quit()
    print("browser check took %.1f s" % (time.monotonic() - started))
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


def run(driver, args):
    driver.get(args.url + "/dashboard")
    visible(driver, "#sign-in")
    check(driver.title == "IRO service dashboard · reviewd", "the page's title")
    check(not driver.find_element(By.ID, "board").is_displayed(), "no figures before sign-in")
    full_page_screenshot(driver, os.path.join(args.out, "dashboard-sign-in.png"))

    # A wrong token: refused, said on the page, no cookie.
    driver.find_element(By.ID, "token").send_keys("rvd_" + "0" * 64)
    driver.find_element(By.CSS_SELECTOR, "#sign-in-form button[type=submit]").click()
    error = visible(driver, "#sign-in-error")
    check(error.text == "The token is not valid or was revoked.",
          "a wrong token is refused on the page: " + repr(error.text))
    check(driver.get_cookies() == [], "no cookie after a refused sign-in")

    # The manager's token, through the form.
    field = driver.find_element(By.ID, "token")
    field.clear()
    field.send_keys(args.token)
    driver.find_element(By.CSS_SELECTOR, "#sign-in-form button[type=submit]").click()
    visible(driver, "#board")
    WebDriverWait(driver, 10).until(lambda d: text(d, "#overdue-count") != "–")
    check(field.get_attribute("value") == "", "the token field is cleared after sign-in")

    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#board h2")]
    for wanted in ("Deadlines overdue and due this week, by IRO", "Stale escalations",
                   "IRO caseloads", "Delivery health"):
        check(wanted in headings, "section " + repr(wanted))
    check(text(driver, "#viewer") == "Signed in as manager-1 (manager)",
          "who is signed in: " + repr(text(driver, "#viewer")))
    check(text(driver, "#as-of").startswith("As of Wed 4 Feb 2026"),
          "as of today on the driven clock: " + repr(text(driver, "#as-of")))
    check(text(driver, "#overdue-count") == "4", "4 deadlines overdue")
    check(text(driver, "#week-count") == "2", "2 due this week")
    check(text(driver, "#dead-count") == "1", "1 message not delivered")

    groups = driver.find_elements(By.CSS_SELECTOR, "#deadline-groups .group")
    check(len(groups) == 3, "three groups: I1, I2 and no IRO")
    if groups:
        first = groups[0].text
        check("Staff I1 (I1)" in first and "3 overdue" in first and "1 due this week" in first,
              "I1's group heading")
        check("Social worker visit 1" in first and "23 days overdue" in first,
              "A1's first visit, 23 days overdue")
        check("A2" in first and "Review 1" in first, "A2's review due this week")
    check("No IRO allocated" in groups[-1].text and "U1" in groups[-1].text,
          "the unassigned child's review")

    rows = {row.find_element(By.CSS_SELECTOR, ".ref").text: row.text
            for row in driver.find_elements(By.CSS_SELECTOR, "#caseload-list .caseload")}
    check(set(rows) == {"I1", "I2", "I3"}, "caseloads of I1, I2 and I3: " + repr(sorted(rows)))
    check(rows.get("I1", "").endswith("54"), "I1 has 54 children: " + repr(rows.get("I1")))
    check(rows.get("I3", "").endswith("74"), "I3 has 74 children")
    check("without an IRO" in text(driver, "#caseload-summary"), "children without an IRO said")

    check(text(driver, "#stale-count") == "1", "1 stale escalation")
    stale = driver.find_elements(By.CSS_SELECTOR, "#escalation-list .stale-escalation")
    check(len(stale) == 1, "one stale escalation listed")
    if stale:
        row = stale[0].text
        check("ESC-1" in row and "A1" in row and "Team manager" in row and "(1 of 7)" in row,
              "ESC-1 about A1 at the team manager, rung 1 of 7: " + repr(row))
        rungs = stale[0].find_elements(By.CSS_SELECTOR, ".rung")
        check(len(rungs) == 7 and "here" in rungs[0].get_attribute("class"),
              "the ladder drawn with the first rung marked")
    dead = driver.find_elements(By.CSS_SELECTOR, "#dead-list .dead-message")
    check(len(dead) == 1 and "http 404" in dead[0].text and "Webhook" in dead[0].text,
          "the dead webhook and its error")

    cookies = driver.get_cookies()
    session = [c for c in cookies if c["name"] == "reviewd_session"]
    check(len(session) == 1 and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict",
          "the session cookie is HttpOnly and SameSite=Strict: " + repr(cookies))
    check(driver.execute_script("return document.cookie") == "",
          "the page's scripts cannot read the session cookie")
    check(args.token not in driver.page_source, "the token is nowhere in the page")

    full_page_screenshot(driver, os.path.join(args.out, "dashboard.png"))

    # Clean console: only the refused sign-in's 401 may appear.
    problems = console_problems(driver, ["/v1/dashboard/session - Failed to load resource: the "
                                         "server responded with a status of 401"])
    check(problems == [], "no console errors or CSP violations: " + repr(problems))
    recorded = driver.execute_script("return window.__problems")
    check(recorded == [], "no CSP violation or script error event: " + repr(recorded))

    # Sign out: the form again, and a reload does not bring the figures back.
    driver.find_element(By.ID, "sign-out").click()
    visible(driver, "#sign-in")
    check(text(driver, "#notice") == "You have signed out.", "signed out said")
    driver.refresh()
    visible(driver, "#sign-in")
    check(not driver.find_element(By.ID, "board").is_displayed(), "still signed out after reload")
    check([c for c in driver.get_cookies() if c["name"] == "reviewd_session"] == [],
          "the browser forgot the cookie")

    # The detector is not blind: an inline script is refused by the CSP, and seen.
    driver.execute_script("const s = document.createElement('script');"
                          "s.textContent = 'window.__ran = true'; document.head.append(s);")
    time.sleep(0.2)
    check(driver.execute_script("return window.__ran === undefined"), "inline script blocked")
    check(any("csp:" in p for p in driver.execute_script("return window.__problems")) and
          console_problems(driver, []) != [], "a CSP violation is detected when there is one")


if __name__ == "__main__":
    sys.exit(main())
