# shellcheck shell=bash
# Phases 1 and 2 of scripts/chaos.sh: three `serve` processes deliver queued e-mails (outbox-dispatch, every minute)
# while the one delivering is killed with SIGKILL twice and restarted; then the sink stops during a delivery.

MAIL_DB=chaos_mail

# chaos_queue_mail PREFIX COUNT : COUNT e-mails in the outbox as a feature queues them (stable Message-IDs from the key)
chaos_queue_mail() {
  chaos_sql "$MAIL_DB" "
    INSERT INTO bifsof.outbox_messages (business_key, message_id, template, \"to\", cc, subject, html_body, text_body, status, attempts)
    SELECT '$1:' || g, '$1-' || g || '@bifsof.example.dk', 'chaos', ARRAY['sof-' || (g % 17) || '@bifsof.example.dk'], ARRAY[]::text[],
           'Prøve ' || g, '<p>Prøve ' || g || '</p>', 'Prøve ' || g, 'Pending', 0
    FROM generate_series(1, $2) g" >/dev/null
}

chaos_sent() { chaos_sql "$MAIL_DB" "SELECT count(*) FROM bifsof.outbox_messages WHERE business_key LIKE '$1:%' AND status = 'Sent'" 2>/dev/null || echo 0; }

# The pid of the serve whose worker runs outbox-dispatch now (Hangfire's ServerId is bifsof-HOST-PID:guid), or nothing.
chaos_dispatching_pid() {
  chaos_sql "$MAIL_DB" "
    SELECT s.data::json->>'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
    WHERE j.statename = 'Processing' AND j.invocationdata->>'Type' LIKE '%OutboxDispatchJob%'
    ORDER BY j.id DESC LIMIT 1" 2>/dev/null | sed -nE 's/^.*-([0-9]+):.*$/\1/p' || true
}

# chaos_count PREFIX -> sets DELIVERED LOST DUPLICATES for the Message-IDs PREFIX-n@…
chaos_count() {
  local prefix="$1" expected="$2" ids
  ids="$(chaos_sink_ids | grep -E "^$prefix-[0-9]+@" || true)"
  DELIVERED=$(printf '%s' "$ids" | grep -c . || true)
  local distinct
  distinct=$(printf '%s' "$ids" | sort -u | grep -c . || true)
  LOST=$((expected - distinct))
  DUPLICATES=$((DELIVERED - distinct))
}

chaos_delivery() {
  chaos_db "$MAIL_DB"
  chaos_worker "$MAIL_DB" catalogue load >/dev/null
  chaos_queue_mail mail "$MAILS"
  chaos_log "delivery: $MAILS e-mails queued; starting three serve processes"
  local slot
  for slot in 0 1 2; do chaos_serve_start "$slot" "$MAIL_DB"; done
  chaos_serve_wait_healthy 0 1 2

  local kills=0 deadline=$((SECONDS + PHASE_LIMIT)) pid sent last_kill_sent=-1 explained=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    sent="$(chaos_sent mail)"
    [ "$sent" -ge "$MAILS" ] && break
    if [ "$kills" -lt 2 ]; then
      pid="$(chaos_dispatching_pid)"
      # Mid-delivery: this run has sent some, and not since the last kill's run.
      if [ -n "$pid" ] && [ "$sent" -gt 0 ] && [ "$sent" != "$last_kill_sent" ]; then
        for slot in 0 1 2; do
          if [ "${SERVE_PIDS[$slot]}" = "$pid" ]; then
            chaos_log "SIGKILL serve $slot (pid $pid) while it delivers ($sent of $MAILS sent)"
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            kills=$((kills + 1))
            last_kill_sent="$sent"
            chaos_serve_start "$slot" "$MAIL_DB"
            break
          fi
        done
      fi
    fi
    sleep 0.2
  done
  sleep 2
  chaos_count mail "$MAILS"
  chaos_fig delivered "$DELIVERED" "messages at the sink from $MAILS queued, three serve processes, by Message-ID"
  chaos_fig kills "$kills" "SIGKILLs of the serve running outbox-dispatch, mid-delivery, each restarted"
  chaos_fig lost "$LOST" "queued Message-IDs never at the sink within the phase's ${PHASE_LIMIT} s (goal 0)"
  chaos_fig duplicates "$DUPLICATES" "second deliveries of a Message-ID (goal: at most kills; each is a message accepted by the sink before the kill could mark it sent)"
  MAIL_PHASE_SECONDS=$((SECONDS - deadline + PHASE_LIMIT))
}

chaos_outage() {
  chaos_queue_mail outage "$OUTAGE_MAILS"
  chaos_log "outage: $OUTAGE_MAILS e-mails queued; the sink stops for $OUTAGE_SECONDS s once delivery begins"
  local deadline=$((SECONDS + PHASE_LIMIT)) sent stopped=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    sent="$(chaos_sent outage)"
    if [ "$stopped" = 0 ] && [ "$sent" -gt 0 ]; then
      chaos_log "smtp-sink stopped ($sent of $OUTAGE_MAILS sent)"
      chaos_sink_stop
      sleep "$OUTAGE_SECONDS"
      chaos_sink_start
      chaos_log "smtp-sink started again"
      stopped=1
    fi
    [ "$stopped" = 1 ] && [ "$sent" -ge "$OUTAGE_MAILS" ] && break
    sleep 0.2
  done
  sleep 2
  chaos_count outage "$OUTAGE_MAILS"
  chaos_fig smtp_outage_lost "$LOST" "of $OUTAGE_MAILS queued, never at the sink after a $OUTAGE_SECONDS s outage mid-delivery (goal 0)"
  chaos_fig smtp_outage_duplicates "$DUPLICATES" "second deliveries after the outage (goal 0)"
}
