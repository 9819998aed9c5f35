#!/usr/bin/env python3
"""report.py RESULTS: the benchmark's table (Markdown) and, as the last line, one JSON object.

RESULTS holds key=value lines written by bench/run.sh; a key given several times is one value per repetition.
"""
import json
import statistics
import sys


def load(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                key, value = line.split("=", 1)
                values.setdefault(key, []).append(value)
    return values


R = load(sys.argv[1])


def nums(key):
    out = []
    for v in R.get(key, []):
        try:
            out.append(float(v))
        except ValueError:
            pass
    return out


def med(key):
    xs = nums(key)
    return statistics.median(xs) if xs else None


def one(key, default=None):
    return R.get(key, [default])[-1]


def rnd(x, digits=3):
    return None if x is None else round(x, digits)


def fmt(x, unit="", digits=0):
    if x is None:
        return "—"
    return f"{x:,.{digits}f}{unit}"


def ratio_of_pairs(a, b, invert=False):
    xs, ys = nums(a), nums(b)
    pairs = [(x, y) for x, y in zip(xs, ys) if x and y]
    if not pairs:
        return None
    return statistics.median([(y / x) if invert else (x / y) for x, y in pairs])


rows = one("rows")
reps = len(nums("import_ours_s"))
out = {}

# import: rows/s ÷ rows/s per repetition (same file, same run), median.
import_ratio = ratio_of_pairs("import_ours_rps", "import_copy_rps")
out["import_vs_copy"] = rnd(import_ratio)
# The floor (workloads/import.sh): the same \copy plus the month's key, second index and statistics, no C# at all.
floor_ratio = ratio_of_pairs("import_floor_rps", "import_copy_rps")
out["import_floor_vs_copy"] = rnd(floor_ratio)
out["import_vs_floor"] = rnd(ratio_of_pairs("import_ours_rps", "import_floor_rps"))
out["import_peak_rss_mb"] = rnd(med("import_rss_mb"), 1)
out["import_peak_rss_mb_small"] = rnd(med("import_small_rss_mb"), 1)
out["import_rss_ratio"] = rnd(med("import_rss_mb") / med("import_small_rss_mb")) if med("import_rss_mb") and med("import_small_rss_mb") else None

match_ours, match_ref = med("match_ours_ms"), med("match_ref_ms")
capped = one("match_capped", "0") == "1"
out["match_vs_sql"] = rnd(match_ours / match_ref) if match_ours and match_ref else None
out["match_capped"] = capped

kpi_ours, kpi_ref = med("kpi_ours_ms"), med("kpi_ref_ms")
out["kpi_vs_sql"] = rnd(kpi_ours / kpi_ref) if kpi_ours and kpi_ref else None
out["kpi_agree"] = {"yes": True, "no": False}.get(one("kpi_agree", ""), None)


def delegated(key):
    v = one(key)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


out["mail_vs_smtp_source"] = rnd(delegated("mail_vs_smtp_source"))
# What limits it, measured in the same run (bench/workloads/mail.sh): the database work alone, and the CPU per e-mail.
out["mail_floor_vs_smtp_source"] = rnd(delegated("mail_floor_vs_smtp_source"))
out["mail_cpu_cap_vs_smtp_source"] = rnd(delegated("mail_cpu_cap_vs_smtp_source"))
out["mail_machine_busy"] = rnd(delegated("mail_machine_busy"))
out["mail_machine_cpu_ms_per_msg"] = rnd(delegated("mail_machine_cpu_ms_per_msg"), 2)
out["mail_cpu_ms_per_msg"] = rnd(delegated("mail_cpu_ms_per_msg"), 2)
# MailKit alone (bench/MailHarness): the same e-mail, sessions and sink, no database; the dispatcher against it.
out["mail_mailkit_vs_smtp_source"] = rnd(delegated("mail_mailkit_vs_smtp_source"))
out["mail_vs_mailkit"] = rnd(delegated("mail_vs_mailkit"))
out["mail_mailkit_cpu_ms_per_msg"] = rnd(delegated("mail_mailkit_cpu_ms_per_msg"), 2)
# The worker's dispatcher warm (bench/MailHarness dispatcher): after mail.sh's warm-up in the same process.
out["mail_warm_vs_smtp_source"] = rnd(delegated("mail_warm_vs_smtp_source"))
out["mail_warm_cpu_ms_per_msg"] = rnd(delegated("mail_warm_cpu_ms_per_msg"), 2)
out["mail_warm_vs_mailkit"] = rnd(delegated("mail_warm_vs_mailkit"))
out["enqueue_p50_ms"] = rnd(delegated("enqueue_p50_ms"), 1)
out["enqueue_p99_ms"] = rnd(delegated("enqueue_p99_ms"), 1)
out["enqueue_default_p50_ms"] = rnd(delegated("enqueue_default_p50_ms"), 1)
out["jobs_per_s_vs_default"] = rnd(delegated("jobs_per_s_vs_default"))
out["dashboard_p95_ms"] = rnd(med("dashboard_p95_ms"), 1)
out["dashboard_p95_all_ms"] = rnd(med("dashboard_p95_all_ms"), 1)
out["mode"] = one("mode")
out["rows"] = int(rows) if rows else None

table = ["| path | ours | reference, same run | ratio | goal | notes |", "| --- | --- | --- | --- | --- | --- |"]
table.append(
    f"| import, {int(rows):,}-row BIF file (median of {reps}) | {fmt(med('import_ours_rps'), ' rows/s')} "
    f"| `psql \\copy` into an unindexed text table, {fmt(med('import_copy_rps'), ' rows/s')} | **{fmt(import_ratio, '', 3)}** | ≥ 0.5 "
    f"| whole `import` process, start-up included ({fmt(med('import_ours_s'), ' s', 1)}) |")
table.append(
    f"| import floor: the same `\\copy`, then the month's key, a second index and statistics, one transaction | {fmt(med('import_floor_rps'), ' rows/s')} "
    f"| the `\\copy` above | **{fmt(floor_ratio, '', 3)}** | — | the database's share of storing the month, no client work; ours ÷ floor "
    f"{fmt(out['import_vs_floor'], '', 3)} ({fmt(med('import_floor_s'), ' s', 1)}) |")
table.append(
    f"| import peak RSS | {fmt(med('import_rss_mb'), ' MB')} at {int(rows):,} rows; {fmt(med('import_small_rss_mb'), ' MB')} at "
    f"{int(float(one('small_rows', '0'))):,} rows | — | {fmt(out['import_rss_ratio'], '×', 2)} | ≤ 300 MB, ≤ 1.3× | getrusage of the process |")
match_note = one("match_note", "")
table.append(
    f"| matching when the SOF month arrives ({fmt(float(one('match_rows', '0') or 0))} shared) | "
    f"{('> ' if capped else '') + fmt(match_ours, ' ms')} | hand-written INSERT … SELECT, fresh ANALYZE, {fmt(match_ref, ' ms')} "
    f"| **{('> ' if capped else '') + fmt(out['match_vs_sql'], '', 3)}** | ≤ 1.5 | {match_note} |")
table.append(
    f"| KPIs of a month, 24 months stored ({fmt(float(one('kpi_shared', '0') or 0))} shared) | {fmt(kpi_ours, ' ms')} "
    f"| one hand-written query, {fmt(kpi_ref, ' ms')} | **{fmt(out['kpi_vs_sql'], '', 3)}** | ≤ 1.5 "
    f"| figures agree: {one('kpi_agree', '?')} |")
if one("mail_present", "0") == "1":
    table.append(
        f"| mail, outbox → smtp-sink | {fmt(delegated('mail_msgs_per_s'), ' msg/s', 1)} | smtp-source, {fmt(delegated('smtp_source_msgs_per_s'), ' msg/s', 1)} "
        f"| **{fmt(out['mail_vs_smtp_source'], '', 3)}** | ≥ 0.5 | bench/workloads/mail.sh; worker CPU {fmt(out['mail_cpu_ms_per_msg'], ' ms', 2)} "
        f"per e-mail (PostgreSQL {fmt(delegated('mail_pg_cpu_ms_per_msg'), ' ms', 2)}, sink {fmt(delegated('mail_sink_cpu_ms_per_msg'), ' ms', 2)}; "
        f"smtp-source and sink {fmt(delegated('smtp_source_cpu_ms_per_msg'), ' ms', 2)}) |")
    table.append(
        f"| mail: what limits it | database work alone (pgbench: read each e-mail, one durable \"sent\" each), "
        f"{fmt(delegated('mail_floor_msgs_per_s'), ' msg/s', 1)}; the cores at the measured CPU per e-mail, "
        f"{fmt(delegated('mail_cpu_cap_msgs_per_s'), ' msg/s', 1)} | smtp-source, {fmt(delegated('smtp_source_msgs_per_s'), ' msg/s', 1)} "
        f"| {fmt(out['mail_floor_vs_smtp_source'], '', 3)}; {fmt(out['mail_cpu_cap_vs_smtp_source'], '', 3)} | — | bench/workloads/mail.sh; "
        f"the whole machine during the e-mails: {fmt(out['mail_machine_cpu_ms_per_msg'], ' ms', 2)} of CPU per e-mail, "
        f"the cores busy {fmt(None if out['mail_machine_busy'] is None else out['mail_machine_busy'] * 100, ' %', 0)} of the time |")
    table.append(
        f"| mail: MailKit alone (the same e-mail built by the dispatcher's code, same sessions and sink, no database, warm) "
        f"| {fmt(delegated('mail_mailkit_msgs_per_s'), ' msg/s', 1)}, {fmt(out['mail_mailkit_cpu_ms_per_msg'], ' ms', 2)} of CPU per e-mail "
        f"| smtp-source, {fmt(delegated('smtp_source_msgs_per_s'), ' msg/s', 1)} | {fmt(out['mail_mailkit_vs_smtp_source'], '', 3)} | — "
        f"| bench/MailHarness; the dispatch ÷ MailKit alone {fmt(out['mail_vs_mailkit'], '', 3)} |")
    table.append(
        f"| mail: the dispatcher warm (one process, after {fmt(delegated('mail_warm_warm_up'))} e-mails) "
        f"| {fmt(delegated('mail_warm_msgs_per_s'), ' msg/s', 1)}, "
        f"{fmt(out['mail_warm_cpu_ms_per_msg'], ' ms', 2)} of CPU per e-mail | smtp-source, {fmt(delegated('smtp_source_msgs_per_s'), ' msg/s', 1)} "
        f"| {fmt(out['mail_warm_vs_smtp_source'], '', 3)} | — | bench/MailHarness dispatcher; `dispatch` above is a fresh process; "
        f"warm dispatcher ÷ MailKit alone {fmt(out['mail_warm_vs_mailkit'], '', 3)} |")
else:
    table.append("| mail, outbox → smtp-sink | not present | smtp-source | — | ≥ 0.5 | bench/workloads/mail.sh not present |")
if one("queue_present", "0") == "1":
    table.append(
        f"| enqueue → start, 1,000 no-op jobs | p50 {fmt(out['enqueue_p50_ms'], ' ms', 1)}, p99 {fmt(out['enqueue_p99_ms'], ' ms', 1)} "
        f"| Hangfire.PostgreSql defaults: p50 {fmt(out['enqueue_default_p50_ms'], ' ms', 1)} | — | ≤ 100, ≤ 1,000 | bench/workloads/queue.sh |")
    table.append(
        f"| no-op jobs per second, two workers | {fmt(delegated('jobs_per_s'), '/s', 1)} | defaults, {fmt(delegated('jobs_per_s_default'), '/s', 1)} "
        f"| **{fmt(out['jobs_per_s_vs_default'], '', 2)}** | ≥ 2 | bench/workloads/queue.sh |")
else:
    table.append("| enqueue → start, 1,000 no-op jobs | not present | — | — | ≤ 100, ≤ 1,000 | bench/workloads/queue.sh not present |")
    table.append("| no-op jobs per second, two workers | not present | defaults | — | ≥ 2 | bench/workloads/queue.sh not present |")
table.append(
    f"| dashboard, {one('dashboard_pages', '?')} custom pages × 50 requests, cookie and HTTP Basic | worst page's p95 {fmt(out['dashboard_p95_ms'], ' ms', 1)}; "
    f"all requests {fmt(med('dashboard_p95_all_ms'), ' ms', 1)} (cookie {fmt(med('dashboard_cookie_p95_ms'), ' ms', 1)}, Basic {fmt(med('dashboard_basic_p95_ms'), ' ms', 1)}) | — | — | ≤ 300 "
    f"| {one('dashboard_errors', '0')} non-200 answers; slowest page p95 {one('dashboard_worst', '—')}"
    + "".join(f"; cut: {c}" for c in R.get("dashboard_cut", [])) + " |")

print("\n".join(table))
print(json.dumps(out, ensure_ascii=False))
