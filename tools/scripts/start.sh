#!/usr/bin/env bash
# npm start: install what is missing, bring the embedded stack up, migrate and register the connector,
# start the enrichment processor, the summary aggregator, the activity simulator and the console, then wait. Ctrl-C stops the stack too, when this script is the one that started it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash tools/scripts/bootstrap.sh
stack() { bash tools/scripts/run-ts.sh tools/stack/src/stack-cli.ts "$@"; }

started_here=false
if ! stack status >/dev/null 2>&1; then started_here=true; fi
stack up

app_pids=()
sleeper=
stop() {
  trap '' INT TERM # a second Ctrl-C (or the group's signal) must not cut the clean-up short
  echo
  kill "$sleeper" 2>/dev/null || true
  for pid in "${app_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${app_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $started_here; then
    echo "▸ stopping the stack (npm start brought it up)"
    stack down
  else
    echo "▸ leaving the stack running (it was up before npm start)"
  fi
  exit 0
}
trap stop INT TERM

bash tools/scripts/run-ts.sh apps/connector-registrar/src/main.ts
mkdir -p .stack/logs
# A supervisor per app: an app exits non-zero when it must not go on (fenced, retries exhausted); restart it
# with backoff (2 s, doubling to 30 s; back to 2 s after a run of a minute) and say so.
supervise() {
  local app=$1
  ( set +e; child=; pause=
    trap 'kill -TERM $child $pause 2>/dev/null; wait $child; exit 0' INT TERM
    delay=2
    while true; do
      started=$(date +%s)
      bash tools/scripts/run-ts.sh "apps/$app/src/main.ts" >> ".stack/logs/$app.log" 2>&1 &
      child=$!; wait $child; code=$?
      if [ "$code" = 0 ]; then echo "▸ $app finished (log .stack/logs/$app.log)" >&2; exit 0; fi # the simulator after SIMULATOR_ROWS or SIMULATOR_DURATION
      [ $(( $(date +%s) - started )) -ge 60 ] && delay=2
      echo "▸ $app exited ($code); restarting in ${delay} s (log .stack/logs/$app.log)" >&2
      sleep $delay & pause=$!; wait $pause; delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
    done ) &
  app_pids+=($!)
}
supervise enrichment-processor
supervise summary-aggregator
supervise activity-simulator
supervise console

cat <<MSG

The pipeline is running. Open the console: http://${CONSOLE_HOST:-127.0.0.1}:${CONSOLE_PORT:-8080}/

  PostgreSQL   $(stack status --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).connection.postgresUrl))')  (password in .stack/secrets/pgpass)
  Kafka        127.0.0.1:9092, change events on employee-server.public.employees and employee-server.public.employee_activities
  Connect      http://127.0.0.1:8083/connectors/employee-connector/status
  Registry     http://127.0.0.1:8081/apis/ccompat/v7
  Enrichment   processed-employee-activities (Avro), DLQ employee-activities-dlq; health http://127.0.0.1:9464/healthz,
               metrics http://127.0.0.1:9464/metrics, log .stack/logs/enrichment-processor.log
  Summaries    employee-activity-summaries (Avro, compacted); health http://127.0.0.1:9465/healthz,
               metrics http://127.0.0.1:9465/metrics, log .stack/logs/summary-aggregator.log
  Simulator    ${SIMULATOR_RATE:-50} rows/s of activity into streaming_db (SIMULATOR_RATE to change it); progress in .stack/logs/activity-simulator.log,
               metrics http://127.0.0.1:9466/metrics
  Console      http://${CONSOLE_HOST:-127.0.0.1}:${CONSOLE_PORT:-8080}/ (log .stack/logs/console.log)
  Verify       npm run pipeline -- verify
  Inspect      npm run pipeline -- status | doctor | tail <topic>
  Logs         npm run stack -- logs <postgres|kafka|connect|registry>

Press Ctrl-C to stop.
MSG
# Background jobs of a script ignore SIGINT, so stop() kills the sleeper by its pid.
while true; do sleep 3600 & sleeper=$!; wait $sleeper; done
