#!/usr/bin/python3
"""Reads an iCalendar file the way a calendar client would, as an independent check of reviewd's
writer: the raw lines (CRLF, at most 75 octets, each valid UTF-8 on its own), then Python's
icalendar package (Debian python3-icalendar) parses it, and every VEVENT must be an all-day event
with what subscribed clients need (UID, DTSTAMP, SEQUENCE, STATUS, DTEND the next day, a well-formed
VALARM). Prints a JSON report: the calendar's properties, each event, and any problems found.

Usage: read_ics.py FILE|-        (exit 0: no problems; 1: problems, listed in the report)
"""
import datetime
import json
import sys

import icalendar


def raw_problems(data):
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the text does not end with CRLF")
    body = data[:-2] if data.endswith(b"\r\n") else data
    for number, line in enumerate(body.split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            problems.append("line %d: a bare CR or LF" % number)
        if len(line) > 75:
            problems.append("line %d: %d octets (more than 75)" % (number, len(line)))
        try:
            line.decode("utf-8", errors="strict")
        except UnicodeDecodeError as e:
            problems.append("line %d: not valid UTF-8 on its own (%s)" % (number, e.reason))
        if number > 1 and line[:1] not in (b" ", b"\t") and b":" not in line:
            problems.append("line %d: neither a continuation nor a content line" % number)
    return problems


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def read_event(event, problems):
    uid = text(event, "UID")
    where = "VEVENT %s" % uid
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
        if event.get(required) is None:
            problems.append("%s: no %s" % (where, required))
    start = event.decoded("DTSTART") if event.get("DTSTART") is not None else None
    end = event.decoded("DTEND") if event.get("DTEND") is not None else None
    if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
        problems.append("%s: DTSTART is not a DATE" % where)
    elif not isinstance(end, datetime.date) or isinstance(end, datetime.datetime):
        problems.append("%s: DTEND is not a DATE" % where)
    elif end != start + datetime.timedelta(days=1):
        problems.append("%s: DTEND %s is not the day after DTSTART %s" % (where, end, start))
    stamp = event.decoded("DTSTAMP") if event.get("DTSTAMP") is not None else None
    if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
        problems.append("%s: DTSTAMP is not a UTC date-time" % where)
    status = text(event, "STATUS")
    if status not in ("CONFIRMED", "CANCELLED", "TENTATIVE"):
        problems.append("%s: STATUS %s" % (where, status))
    alarms = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.decoded("TRIGGER") if alarm.get("TRIGGER") is not None else None
        if text(alarm, "ACTION") != "DISPLAY" or not isinstance(trigger, datetime.timedelta):
            problems.append("%s: a VALARM without ACTION:DISPLAY and a relative TRIGGER" % where)
        if not text(alarm, "DESCRIPTION"):
            problems.append("%s: a DISPLAY VALARM needs a DESCRIPTION" % where)
        alarms.append({"trigger_seconds": int(trigger.total_seconds()) if trigger else None,
                       "description": text(alarm, "DESCRIPTION")})
    organizer = event.get("ORGANIZER")
    return {
        "uid": uid,
        "sequence": int(event.decoded("SEQUENCE")) if event.get("SEQUENCE") is not None else None,
        "start": start.isoformat() if isinstance(start, datetime.date) else None,
        "end": end.isoformat() if isinstance(end, datetime.date) else None,
        "stamp": stamp.isoformat() if isinstance(stamp, datetime.datetime) else None,
        "summary": text(event, "SUMMARY"),
        "description": text(event, "DESCRIPTION"),
        "status": status,
        "transp": text(event, "TRANSP"),
        "organizer": None if organizer is None else str(organizer),
        "organizer_cn": None if organizer is None else organizer.params.get("CN"),
        "alarms": alarms,
    }


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "-"
    data = sys.stdin.buffer.read() if source == "-" else open(source, "rb").read()
    problems = raw_problems(data)
    # A client unfolds first and decodes the logical lines; what the raw checks found is reported
    # already, so decoding here replaces rather than stops.
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    try:
        calendar = icalendar.Calendar.from_ical(unfolded.decode("utf-8", errors="replace"))
    except Exception as e:  # the report is the point: say why it could not be read
        print(json.dumps({"problems": problems + ["icalendar cannot parse it: %s" % e]}))
        return 1
    if calendar.name != "VCALENDAR":
        problems.append("the outer component is %s" % calendar.name)
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problems.append("%s: icalendar reports %s" % (component.name, error))
    if text(calendar, "VERSION") != "2.0":
        problems.append("VERSION is not 2.0")
    if not text(calendar, "PRODID"):
        problems.append("no PRODID")
    events = [read_event(event, problems) for event in calendar.walk("VEVENT")]
    uids = [e["uid"] for e in events]
    if len(set(uids)) != len(uids):
        problems.append("a UID appears twice")
    properties = {name: str(value) for name, value in calendar.property_items(recursive=False)
                  if name not in ("BEGIN", "END")}
    print(json.dumps({"calendar": properties, "events": events, "problems": problems},
                     ensure_ascii=False))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
