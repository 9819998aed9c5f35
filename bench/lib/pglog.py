#!/usr/bin/env python3
"""Durations from the bench cluster's PostgreSQL log (log_line_prefix '%m [%p] app=%a ', log_min_duration_statement).

    pglog.py LOG APP statement TEXT   -> ms of the longest logged execution by APP whose first line contains TEXT
    pglog.py LOG APP window BEGIN END -> ms from the start of the last statement by APP starting with BEGIN to the end
                                         of the first statement after it starting with END (a transaction, client
                                         time between its statements included)
Prints nothing when not found.
"""
import datetime
import re
import sys

LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) \S+ \[\d+\] app=(\S*) LOG:  duration: ([0-9.]+) ms  "
                  r"(?:statement|execute [^:]*): (.*)$")


def entries(path, app):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m and m.group(2) == app:
                end = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f")
                yield end, float(m.group(3)), m.group(4)


def main():
    path, app, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = list(entries(path, app))
    if mode == "statement":
        found = [ms for _, ms, text in rows if sys.argv[4] in text]
        if found:
            print(f"{max(found):.1f}")
    elif mode == "window":
        begins = [i for i, (_, _, text) in enumerate(rows) if text.startswith(sys.argv[4])]
        if not begins:
            return
        i = begins[-1]
        start = rows[i][0] - datetime.timedelta(milliseconds=rows[i][1])
        for end, _, text in rows[i + 1:]:
            if text.startswith(sys.argv[5]):
                print(f"{(end - start).total_seconds() * 1000:.1f}")
                return


if __name__ == "__main__":
    main()
