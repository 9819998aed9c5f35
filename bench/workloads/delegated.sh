# shellcheck shell=bash
# Sourced by bench/run.sh: the workloads other scripts own, called by their interface when present
# (bench/workloads/queue.sh, bench/workloads/mail.sh), each on a fresh database of the bench cluster. Their
# key=value lines go into the results as they are; absent, their keys are null and the table says "not present".

keep_keys() { # keep_keys FILE KEY... -> appends KEY=value lines found in FILE to the results
  local file="$1" key line
  shift
  for key in "$@"; do
    line="$(grep -E "^$key=" "$file" | tail -1 || true)"
    [ -n "$line" ] && printf '%s\n' "$line" >>"$RESULTS"
  done
}

bench_delegated() {
  local q="$BENCH_DIR/workloads/queue.sh" mail="$BENCH_DIR/workloads/mail.sh"
  if [ -f "$q" ]; then
    put queue_present 1
    bifsof_pg_createdb "$PG_PORT" bench_queue
    log "queue latency (bench/workloads/queue.sh, 1,000 jobs)"
    bash "$q" --mode latency --jobs 1000 --pg "$(conn bench_queue bench-queue)" >"$WORK/queue-latency.txt" 2>"$WORK/queue-latency.err" ||
      { tail -20 "$WORK/queue-latency.err" >&2; log "WARNING: queue.sh --mode latency failed"; }
    keep_keys "$WORK/queue-latency.txt" enqueue_p50_ms enqueue_p99_ms enqueue_default_p50_ms
    log "queue throughput (bench/workloads/queue.sh, $QUEUE_THROUGHPUT_JOBS jobs)"
    bash "$q" --mode throughput --jobs "$QUEUE_THROUGHPUT_JOBS" --pg "$(conn bench_queue bench-queue)" >"$WORK/queue-throughput.txt" 2>"$WORK/queue-throughput.err" ||
      { tail -20 "$WORK/queue-throughput.err" >&2; log "WARNING: queue.sh --mode throughput failed"; }
    keep_keys "$WORK/queue-throughput.txt" jobs_per_s jobs_per_s_default jobs_per_s_vs_default
  else
    put queue_present 0
    log "bench/workloads/queue.sh not present: its keys stay null"
  fi
  if [ -f "$mail" ]; then
    put mail_present 1
    bifsof_pg_createdb "$PG_PORT" bench_mail
    # The worker's tables first (every verb applies the migrations): mail.sh queues its e-mails with SQL.
    worker_as bench_mail bench-setup -- user list >/dev/null
    log "mail ($MAIL_COUNT e-mails, bench/workloads/mail.sh)"
    ConnectionStrings__BifSof="$(conn bench_mail bench-mail)" \
      bash "$mail" --count "$MAIL_COUNT" --harness-repeats "$MAIL_HARNESS_REPEATS" --pg "$(conn bench_mail bench-mail)" --sink-port "$SINK_PORT" --worker "$WORKER" \
      >"$WORK/mail.txt" 2>"$WORK/mail.err" ||
      { tail -20 "$WORK/mail.err" >&2; log "WARNING: mail.sh failed"; }
    keep_keys "$WORK/mail.txt" mail_msgs_per_s smtp_source_msgs_per_s mail_vs_smtp_source mail_cpu_ms_per_msg \
      smtp_source_cpu_ms_per_msg mail_pg_cpu_ms_per_msg mail_sink_cpu_ms_per_msg mail_cpu_cap_msgs_per_s mail_cpu_cap_vs_smtp_source \
      mail_floor_msgs_per_s mail_floor_vs_smtp_source mail_vs_floor mail_mailkit_msgs_per_s mail_mailkit_vs_smtp_source \
      mail_vs_mailkit mail_mailkit_cpu_ms_per_msg mail_warm_msgs_per_s mail_warm_vs_smtp_source mail_warm_cpu_ms_per_msg \
      mail_warm_vs_mailkit mail_warm_warm_up mail_machine_cpu_ms_per_msg mail_machine_busy
  else
    put mail_present 0
    log "bench/workloads/mail.sh not present: its keys stay null"
  fi
}
