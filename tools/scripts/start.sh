#!/usr/bin/env bash
# npm start: install what is missing, bring the embedded stack up, migrate and register the connector,
# then wait. Ctrl-C stops the stack too, when this script is the one that started it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash tools/scripts/bootstrap.sh
stack() { bash tools/scripts/run-ts.sh tools/stack/src/stack-cli.ts "$@"; }

started_here=false
if ! stack status >/dev/null 2>&1; then started_here=true; fi
stack up

processor_pid=""
stop() {
  trap '' INT TERM # a second Ctrl-C (or the group's signal) must not cut the clean-up short
  echo
  if [ -n "$processor_pid" ]; then kill -TERM "$processor_pid" 2>/dev/null || true; wait "$processor_pid" 2>/dev/null || true; fi
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
# A supervisor of one: the processor exits when it must not go on (fenced, retries exhausted); restart it.
( set +e
  trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' INT TERM
  while true; do
    bash tools/scripts/run-ts.sh apps/enrichment-processor/src/main.ts >> .stack/logs/enrichment-processor.log 2>&1 &
    child=$!; wait $child; sleep 2
  done ) &
processor_pid=$!

cat <<MSG

The pipeline source is running:
  PostgreSQL   $(stack status --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).connection.postgresUrl))')  (password in .stack/secrets/pgpass)
  Kafka        127.0.0.1:9092, change events on employee-server.public.employees and employee-server.public.employee_activities
  Connect      http://127.0.0.1:8083/connectors/employee-connector/status
  Registry     http://127.0.0.1:8081/apis/ccompat/v7
  Enrichment   processed-employee-activities (Avro), DLQ employee-activities-dlq; health http://127.0.0.1:9464/healthz,
               metrics http://127.0.0.1:9464/metrics, log .stack/logs/enrichment-processor.log
  Logs         npm run stack -- logs <postgres|kafka|connect|registry>

Press Ctrl-C to stop.
MSG
while true; do sleep 3600 & wait $!; done
