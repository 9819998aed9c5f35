# shellcheck shell=bash
# Phase 4 of scripts/chaos.sh: a day of the recurring follow-up jobs (3 March 2010 on the demo data), replayed by three
# processes at once, against the same day replayed once on a copy of the same database. Any e-mail the triple replay
# queued beyond the single one is a duplicate; so is any e-mail the triple replay queued twice under different keys.

REPLAY_DAY=2010-03-03
REPLAY_JOBS=(milestone-reminders benefit-stop-advisories social-plan-chase monthly-digest coordination-meetings)

# The e-mails of a database as "template|recipients|subject|text" lines, one per queued e-mail.
chaos_mail_facts() {
  chaos_sql "$1" "SELECT template || '|' || array_to_string(\"to\", ',') || '|' || subject || '|' || md5(text_body)
                  FROM bifsof.outbox_messages ORDER BY 1"
}

chaos_recurring() {
  local single=chaos_replay_1 triple=chaos_replay_3 job i
  chaos_sql postgres "CREATE DATABASE $single TEMPLATE $PG_DB" >/dev/null
  chaos_sql postgres "CREATE DATABASE $triple TEMPLATE $PG_DB" >/dev/null
  chaos_sql "$single" "DELETE FROM bifsof.outbox_messages" >/dev/null
  chaos_sql "$triple" "DELETE FROM bifsof.outbox_messages" >/dev/null

  chaos_log "recurring: ${#REPLAY_JOBS[@]} jobs as of $REPLAY_DAY, once, then three processes at once"
  local failures=0
  for job in "${REPLAY_JOBS[@]}"; do
    chaos_worker "$single" run "$job" --as-of "$REPLAY_DAY" >>"$CHAOS_WORK/replay-1.out" 2>>"$CHAOS_WORK/replay-1.err" || failures=$((failures + 1))
  done
  for job in "${REPLAY_JOBS[@]}"; do
    local pids=()
    for i in 1 2 3; do
      chaos_worker "$triple" run "$job" --as-of "$REPLAY_DAY" >>"$CHAOS_WORK/replay-3.out" 2>>"$CHAOS_WORK/replay-3.err" &
      pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || failures=$((failures + 1)); done
  done

  local once thrice extra same
  once="$(chaos_sql "$single" "SELECT count(*) FROM bifsof.outbox_messages")"
  thrice="$(chaos_sql "$triple" "SELECT count(*) FROM bifsof.outbox_messages")"
  # E-mails of the triple replay that the single one does not have (by business key), and e-mails queued twice there.
  extra="$(comm -13 <(chaos_sql "$single" "SELECT business_key FROM bifsof.outbox_messages ORDER BY 1") \
    <(chaos_sql "$triple" "SELECT business_key FROM bifsof.outbox_messages ORDER BY 1") | grep -c . || true)"
  same="$(chaos_mail_facts "$triple" | uniq -d | grep -c . || true)"
  local same_single
  same_single="$(chaos_mail_facts "$single" | uniq -d | grep -c . || true)"
  chaos_fig recurring_duplicates $((extra + same - same_single)) "e-mails of ${#REPLAY_JOBS[@]} jobs x 3 processes on $REPLAY_DAY beyond one replay ($thrice vs $once queued; $extra new keys, $((same - same_single)) same e-mail under two keys) (goal 0); failed runs: $failures"
}
