# shellcheck shell=bash
# Sourced by bench/run.sh: dashboard_p95_ms.
#
# Every custom page (each feature's AddDashboardPage, found in the source), 50 requests each with the login cookie
# (signed in through the login form) and 50 with HTTP Basic (an admin made by `user add`), on 36 months of data at the
# quick size, against `serve` (Development environment: plain HTTP on 127.0.0.1). One curl per request; its
# time_total is one sample. Two unmeasured requests per page and mode warm up first. A page that needs seconds per
# request would take the run past its time box: each page and mode gets DASH_PAGE_BUDGET seconds, and what was not
# sent by then is reported as cut (dashboard_cut), the p95 taken over the requests that were.

dashboard_pages() {
  local src="$REPO_ROOT/src/BifSof.Worker" page file path
  grep -rhoE 'AddDashboardPage<[A-Za-z0-9_]+>' "$src" --include=*.cs | sed -E 's/.*<([A-Za-z0-9_]+)>/\1/' | sort -u |
    while read -r page; do
      file="$(grep -rlE "class $page\b" "$src" --include=*.cs | head -1)"
      [ -n "$file" ] || continue
      path="$(grep -oE 'const string Path = "[^"]+"' "$file" | head -1 | sed -E 's/.*"([^"]+)"/\1/')"
      [ -n "$path" ] && printf '%s\n' "$path"
    done
}

dashboard_db() { # prints the database to measure, with 36 months at the quick size
  local db m
  if [ "$MODE" = quick ]; then
    # The 36 months are in place: 2009-01 … 2010-08 and 2011 copied by workloads/data.sh, 2010-09 … 12 imported.
    db=bench
  else
    db=bench_dash
    bifsof_pg_createdb "$PG_PORT" "$db"
    log "dashboard data: $DASH_CITIZENS citizens, 36 months at the quick size"
    worker_as "$db" bench-setup -- demo --out "$WORK/demo-dash" --citizens "$DASH_CITIZENS" --seed "$SEED" >/dev/null
    mkdir -p "$WORK/dash"
    for m in 2010-11 "$KPI_MONTH"; do
      python3 "$BENCH_DIR/lib/resize_month.py" "$DASH_ROWS" "$WORK/demo-dash/bif_$m.csv" "$WORK/demo-dash/sof_$m.csv" \
        "$WORK/dash/bif_$m.csv" "$WORK/dash/sof_$m.csv" >/dev/null
    done
    rm -rf "$WORK/demo-dash"
    worker_as "$db" bench-setup -- catalogue load >/dev/null
    worker_as "$db" bench-setup "Options='-c enable_nestloop=off'" -- import "$WORK"/dash/*.csv >/dev/null
    clone_months "$db" "$KPI_MONTH" "$(month_list 2009-01 2010-10 2011-01 2011-12)"
    worker_as "$db" bench-setup -- kpi "$KPI_MONTH" >/dev/null
  fi
  # Every month's KPIs as the job would have stored them: the computed month's figures under each month.
  "${PSQL[@]}" -d "$db" >/dev/null <<SQL
INSERT INTO bifsof.monthly_kpis (month, figures, computed_at)
SELECT m.month, jsonb_set(k.figures, '{month}', to_jsonb(to_char(m.month, 'YYYY-MM'))), now()
FROM bifsof.extract_months m CROSS JOIN (SELECT figures FROM bifsof.monthly_kpis WHERE month = '$KPI_MONTH-01') k
WHERE m.matched_at IS NOT NULL
ON CONFLICT (month) DO NOTHING;
DELETE FROM bifsof.kpi_stale_months;
SQL
  "${PSQL[@]}" -d postgres -c "ALTER DATABASE $db RESET log_min_duration_statement" >/dev/null
  printf '%s\n' "$db"
}

bench_dashboard() {
  local db port base pw pages page n deadline token_name token_value code mode auth i args errors=0
  db="$(dashboard_db)"
  [ -n "$db" ] || die "the dashboard's data could not be prepared"
  port="$(bifsof_free_port)"
  base="http://127.0.0.1:$port"
  pw="$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
  printf '%s' "$pw" | worker_as "$db" bench-setup -- user add bench --role admin --password-stdin >/dev/null
  log "serving the dashboard on $base"
  ConnectionStrings__BifSof="$(conn "$db" bench-serve)" ASPNETCORE_URLS="$base" BifSof__PublicBaseUrl="$base" \
    setsid "$WORKER" serve >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for ((i = 0; i < 240; i++)); do
    curl -fsS -m 2 -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$SERVE_PID" 2>/dev/null || { tail -20 "$WORK/serve.log" >&2; die "serve exited"; }
    sleep 0.5
  done
  curl -fsS -m 2 -o /dev/null "$base/healthz" || die "serve did not answer /healthz"

  # Login through the form: antiforgery token and its cookie, then the login cookie.
  curl -sS -c "$WORK/cookies" -b "$WORK/cookies" -o "$WORK/login.html" "$base/login"
  read -r token_name token_value < <(python3 - "$WORK/login.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<input[^>]*type="hidden"[^>]*>', html):
    n = re.search(r'name="([^"]+)"', m.group(0)); v = re.search(r'value="([^"]*)"', m.group(0))
    if n and v and n.group(1) != "returnUrl":
        print(n.group(1), v.group(1)); break
PY
)
  code="$(curl -sS -c "$WORK/cookies" -b "$WORK/cookies" -o /dev/null -w '%{http_code}' \
    --data-urlencode "$token_name=$token_value" --data-urlencode username=bench --data-urlencode "password=$pw" \
    --data-urlencode returnUrl=/hangfire "$base/login")"
  [ "$code" = 302 ] || die "login through the form answered $code"

  mapfile -t pages < <(dashboard_pages)
  [ "${#pages[@]}" -gt 0 ] || die "no dashboard pages found"
  put dashboard_pages "${#pages[@]}"
  log "dashboard: ${#pages[@]} pages (${pages[*]}), 50 requests each, cookie and HTTP Basic"
  : >"$WORK/dash-all.txt"
  for mode in cookie basic; do
    if [ "$mode" = cookie ]; then auth=(-b "$WORK/cookies"); else auth=(-u "bench:$pw"); fi
    : >"$WORK/dash-$mode.txt"
    for page in "${pages[@]}"; do
      curl -sS "${auth[@]}" -o /dev/null -o /dev/null "$base/hangfire$page" "$base/hangfire$page"
      deadline=$((SECONDS + DASH_PAGE_BUDGET))
      for ((n = 0; n < 50; n++)); do
        if [ "$SECONDS" -ge "$deadline" ]; then
          put dashboard_cut "$page ($mode): $n of 50 requests within ${DASH_PAGE_BUDGET} s"
          log "  $page ($mode): stopped after $n requests (${DASH_PAGE_BUDGET} s per page and mode)"
          break
        fi
        curl -sS "${auth[@]}" -o /dev/null -w "$page %{http_code} %{time_total}\n" "$base/hangfire$page" >>"$WORK/dash-$mode.txt"
      done
    done
    cat "$WORK/dash-$mode.txt" >>"$WORK/dash-all.txt"
  done
  kill -TERM "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=""

  python3 - "$WORK/dash-cookie.txt" "$WORK/dash-basic.txt" "$RESULTS" <<'PY'
import math, sys
def p95(xs):  # nearest rank
    xs = sorted(xs)
    return xs[max(0, math.ceil(0.95 * len(xs)) - 1)] * 1000 if xs else None
samples, per_page, errors = {}, {}, 0
for mode, path in (("cookie", sys.argv[1]), ("basic", sys.argv[2])):
    for line in open(path):
        page, code, t = line.split()
        if code != "200":
            errors += 1
        samples.setdefault(mode, []).append(float(t))
        per_page.setdefault((page, mode), []).append(float(t))
worst = max(per_page, key=lambda k: p95(per_page[k]))
with open(sys.argv[3], "a") as out:
    # The key is the worst page's p95 (each page must meet the goal; a page cut by its time budget has few samples
    # and would vanish in a pooled figure), the pooled one beside it.
    out.write(f"dashboard_p95_ms={p95(per_page[worst]):.1f}\n")
    out.write(f"dashboard_p95_all_ms={p95(samples['cookie'] + samples['basic']):.1f}\n")
    out.write(f"dashboard_cookie_p95_ms={p95(samples['cookie']):.1f}\n")
    out.write(f"dashboard_basic_p95_ms={p95(samples['basic']):.1f}\n")
    out.write(f"dashboard_errors={errors}\n")
    out.write(f"dashboard_worst={worst[0]} ({worst[1]}) {p95(per_page[worst]):.0f} ms\n")
for (page, mode), xs in sorted(per_page.items()):
    print(f"  {page:16} {mode:6} p50 {sorted(xs)[len(xs)//2]*1000:8.1f} ms  p95 {p95(xs):8.1f} ms", file=sys.stderr)
PY
}
