#!/usr/bin/env python3
"""timeit.py OUT CAP -- COMMAND...: runs COMMAND, writes "<seconds> <peak RSS MB> <exit code>" to OUT.

CAP (seconds, 0 = none): the command is stopped (SIGTERM, then SIGKILL) when it runs longer; exit code is then 124.
The peak RSS is the child's maximum resident set (getrusage of the children), in MB (1024 × 1024 bytes).
"""
import os
import resource
import signal
import subprocess
import sys
import time

out, cap, argv = sys.argv[1], float(sys.argv[2]), sys.argv[4:]
start = time.monotonic()
proc = subprocess.Popen(argv, start_new_session=True)
try:
    rc = proc.wait(timeout=cap if cap > 0 else None)
except subprocess.TimeoutExpired:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    rc = 124
elapsed = time.monotonic() - start
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
with open(out, "w") as f:
    f.write(f"{elapsed:.3f} {rss_mb:.1f} {rc}\n")
sys.exit(0)
