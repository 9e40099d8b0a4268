#!/usr/bin/python3
"""Checks reviewd's working-day arithmetic against numpy.busday_offset and compares their speed.

Runs workday_bench with --dump into a temporary directory, loads the same (start, n) pairs and
reviewd's answers, and asks numpy for "the n-th working day after start" in England and Wales:
np.busday_offset(starts, n, roll='backward', busdaycal=<GOV.UK holidays>). roll='backward' is
exactly reviewd's "start day excluded" rule: a Saturday start rolls back to Friday, then +n, so
Monday is day 1. Every result must be equal (exit 1 with the first mismatch otherwise); then
both throughputs and their ratio are printed (target: reviewd at least 10x numpy).

    bench/workday_vs_numpy.py --bench build/bench/workday_bench [--holidays FILE]
                              [--count N] [--check-only]

--check-only verifies equality with one run of each and skips the timing repeats: the CTest test
calendar_matches_numpy runs it that way.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

TARGET_RATIO = 10.0
REPEATS = 5
DIVISION = "england-and-wales"


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="path to the workday_bench binary")
    parser.add_argument("--holidays",
                        default=os.path.join(here, os.pardir, "config", "bank-holidays.json"),
                        help="GOV.UK bank-holidays.json (default: the shipped config file)")
    parser.add_argument("--count", type=int, default=1_000_000, help="number of (start, n) pairs")
    parser.add_argument("--check-only", action="store_true",
                        help="verify equality only; skip the timing repeats")
    return parser.parse_args()


def run_bench(args, dump_dir):
    command = [args.bench, args.holidays, "--count", str(args.count), "--dump", dump_dir,
               "--repeat", "1" if args.check_only else str(REPEATS)]
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError as e:
        sys.exit("workday_vs_numpy: cannot run %s: %s" % (args.bench, e))
    if done.returncode != 0:
        sys.exit("workday_vs_numpy: %s failed (%d): %s" % (" ".join(command), done.returncode,
                                                          done.stderr.strip()))
    match = re.search(r"workday_add: (\d+) ops in [0-9.]+ s = ([0-9.]+) M ops/s", done.stdout)
    if not match:
        sys.exit("workday_vs_numpy: no timing line in workday_bench output: %r" % done.stdout)
    return done.stdout.strip(), int(match.group(1)), float(match.group(2))


def load_i32(dump_dir, name, count):
    values = np.fromfile(os.path.join(dump_dir, name), dtype="<i4")
    if values.size != count:
        sys.exit("workday_vs_numpy: %s holds %d values, expected %d" % (name, values.size, count))
    return values


def holiday_calendar(path):
    with open(path, encoding="utf-8") as f:
        events = json.load(f)[DIVISION]["events"]
    return np.busdaycalendar(holidays=np.array([e["date"] for e in events], dtype="datetime64[D]"))


def time_numpy(starts, offsets, calendar, repeats):
    best, result = None, None
    for _ in range(repeats):
        begin = time.perf_counter()
        result = np.busday_offset(starts, offsets, roll="backward", busdaycal=calendar)
        seconds = time.perf_counter() - begin
        best = seconds if best is None else min(best, seconds)
    return result, best


def first_mismatch(starts, offsets, ours, theirs):
    index = int(np.flatnonzero(ours != theirs)[0])
    start = np.datetime64(int(starts[index]), "D")
    weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday"][(int(starts[index]) + 3) % 7]  # 1970-01-01 was a Thursday
    return ("mismatch at pair %d: %s (%s) + %d working days: reviewd %s, numpy %s"
            % (index, start, weekday, int(offsets[index]), np.datetime64(int(ours[index]), "D"),
               np.datetime64(int(theirs[index]), "D")))


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="workday_vs_numpy.") as dump_dir:
        line, count, reviewd_rate = run_bench(args, dump_dir)
        starts = load_i32(dump_dir, "starts.i32", count)
        offsets = load_i32(dump_dir, "offsets.i32", count)
        ours = load_i32(dump_dir, "results.i32", count).astype(np.int64)

    days = starts.astype(np.int64).astype("datetime64[D]")
    calendar = holiday_calendar(args.holidays)
    result, numpy_seconds = time_numpy(days, offsets, calendar, 1 if args.check_only else REPEATS)
    theirs = result.astype(np.int64)
    if not np.array_equal(ours, theirs):
        print("workday_vs_numpy: %d of %d results differ" % (int(np.sum(ours != theirs)), count))
        print(first_mismatch(starts, offsets, ours, theirs))
        return 1
    print("check: all %d results equal numpy.busday_offset(roll='backward') for %s"
          % (count, DIVISION))
    if args.check_only:
        return 0

    numpy_rate = count / numpy_seconds / 1e6
    ratio = reviewd_rate / numpy_rate
    print("reviewd " + line)
    print("numpy   busday_offset: %d ops in %.4f s = %.1f M ops/s (numpy %s, best of %d)"
          % (count, numpy_seconds, numpy_rate, np.__version__, REPEATS))
    print("ratio: reviewd/numpy = %.1fx (target >= %gx)%s"
          % (ratio, TARGET_RATIO, "" if ratio >= TARGET_RATIO else "  BELOW TARGET"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
