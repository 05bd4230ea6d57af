#!/usr/bin/env bash
# npm start: install what is missing, bring the embedded stack up, migrate and register the connector,
# start the enrichment processor, the summary aggregator, the activity simulator and the console, then wait. Ctrl-C stops the stack too, when this script is the one that started it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# The compiled apps must resolve workspace packages to their dist: a --conditions=@eap/source inherited in
# NODE_OPTIONS (npm test sets it) would send them to the .ts sources, which plain node cannot load.
# run-ts.sh passes that condition itself where sources are meant.
NODE_OPTIONS=$(sed -E 's/(^| )--conditions[= ]@eap\/source( |$)/ /g' <<<"${NODE_OPTIONS:-}")
export NODE_OPTIONS
# PIPELINE_INSTANCES: how many instances of the enrichment processor and of the summary aggregator to run.
instances=${PIPELINE_INSTANCES:-1}
if ! [[ "$instances" =~ ^[1-9][0-9]*$ ]] || (( instances > 16 )); then
  echo "✗ PIPELINE_INSTANCES: must be a whole number from 1 to 16, got \"$instances\"" >&2
  exit 1
fi
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

# An app runs from its production build (npm run build: compiled JavaScript, plain node) when that build
# is current for every source it comes from; otherwise from the sources through tsx.
app_entry() { node tools/scripts/app-entry.mjs "$1"; }
if [[ "$(app_entry enrichment-processor)" == node* ]]; then
  echo "▸ apps: the production build (apps/*/dist, from npm run build)"
else
  echo "▸ apps: from TypeScript sources through tsx (npm run build makes a compiled build, which npm start then prefers)"
fi
# The addresses in use: the stack's from its own status, the apps' from their settings.
connection=$(stack status --json)
fact() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s).connection[process.argv[1]];console.log(Array.isArray(v)?v.join(","):v)})' "$1" <<<"$connection"; }
# Every app is given every broker (three with STACK_KAFKA_BROKERS=3), unless KAFKA_BROKERS says otherwise.
KAFKA_BROKERS=${KAFKA_BROKERS:-$(fact kafkaBrokers)}
export KAFKA_BROKERS
$(app_entry connector-registrar)
mkdir -p .stack/logs
# A supervisor per app: an app exits non-zero when it must not go on (fenced, retries exhausted); restart it
# with backoff (2 s, doubling to 30 s; back to 2 s after a run of a minute) and say so.
# supervise <app> [<instance id> <log name> <health port setting> <port>]: the instance's id and, past the
# first, any free health port (named in the group's member list: npm run pipeline -- status).
supervise() {
  local app=$1 id=${2:-} log=${3:-$1} port_setting=${4:-} port=${5:-}
  ( set +e; child=; pause=
    [ -n "$id" ] && export PIPELINE_INSTANCE_ID=$id
    [ -n "$port_setting" ] && export "$port_setting=$port"
    trap 'kill -TERM $child $pause 2>/dev/null; wait $child; exit 0' INT TERM
    delay=2
    while true; do
      started=$(date +%s)
      $(app_entry "$app") >> ".stack/logs/$log.log" 2>&1 &
      child=$!; wait $child; code=$?
      if [ "$code" = 0 ]; then echo "▸ $log finished (log .stack/logs/$log.log)" >&2; exit 0; fi # the simulator after SIMULATOR_ROWS or SIMULATOR_DURATION
      [ $(( $(date +%s) - started )) -ge 60 ] && delay=2
      echo "▸ $log exited ($code); restarting in ${delay} s (log .stack/logs/$log.log)" >&2
      sleep $delay & pause=$!; wait $pause; delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
    done ) &
  app_pids+=($!)
}
for ((i = 1; i <= instances; i++)); do
  if ((instances == 1)); then
    supervise enrichment-processor processor-1
    supervise summary-aggregator aggregator-1
  else
    extra_port=(); ((i > 1)) && extra_port=(PROCESSOR_HEALTH_PORT 0)
    supervise enrichment-processor "processor-$i" "enrichment-processor-$i" "${extra_port[@]}"
    ((i > 1)) && extra_port=(AGGREGATOR_HEALTH_PORT 0)
    supervise summary-aggregator "aggregator-$i" "summary-aggregator-$i" "${extra_port[@]}"
  fi
done
supervise activity-simulator
supervise console

health() { # host and port of an app's health server; port 0 means any free port, named in the app's log
  local host=$1 port=$2 app=$3
  if [ "$port" = 0 ]; then echo "a free port on $host (see \"health\" in .stack/logs/$app.log)"; else echo "http://$host:$port"; fi
}
prefix=${PIPELINE_TOPIC_PREFIX:-employee-server}
console_url="http://${CONSOLE_HOST:-127.0.0.1}:${CONSOLE_PORT:-8080}/"
cat <<MSG

The pipeline is running. Open the console: $console_url

  PostgreSQL   $(fact postgresUrl)  (password in $(p=$(fact pgpassFile); echo "${p#"$root"/}"))
  Kafka        $(fact kafkaBrokers), change events on $prefix.public.employees and $prefix.public.employee_activities
  Connect      $(fact connectUrl)/connectors/${PIPELINE_CONNECTOR:-employee-connector}/status
  Registry     $(fact registryUrl)
  Enrichment   ${PIPELINE_PROCESSED_TOPIC:-processed-employee-activities} (Avro), DLQ ${PIPELINE_DLQ_TOPIC:-employee-activities-dlq};
               health, readiness and metrics at $(health "${PROCESSOR_HEALTH_HOST:-127.0.0.1}" "${PROCESSOR_HEALTH_PORT:-9464}" enrichment-processor) /healthz /readyz /metrics
  Summaries    ${PIPELINE_SUMMARIES_TOPIC:-employee-activity-summaries} (Avro, compacted);
               health, readiness and metrics at $(health "${AGGREGATOR_HEALTH_HOST:-127.0.0.1}" "${AGGREGATOR_HEALTH_PORT:-9465}" summary-aggregator) /healthz /readyz /metrics
  Instances    $instances of each app (processor-1.., aggregator-1..); $( ((instances > 1)) && echo "instance 1 on the ports above, the others on free ports: members in npm run pipeline -- status" || echo "PIPELINE_INSTANCES=3 npm start for more")
  Simulator    ${SIMULATOR_RATE:-50} rows/s of activity (SIMULATOR_RATE to change it); metrics at $(health "${SIMULATOR_HEALTH_HOST:-127.0.0.1}" "${SIMULATOR_HEALTH_PORT:-9466}" activity-simulator)/metrics
  Console      $console_url
  Logs         .stack/logs/<app>.log; npm run stack -- logs <postgres|kafka|connect|registry>
  Verify       npm run pipeline -- verify
  Inspect      npm run pipeline -- status | doctor | tail <topic>

Press Ctrl-C to stop.
MSG
# Background jobs of a script ignore SIGINT, so stop() kills the sleeper by its pid.
while true; do sleep 3600 & sleeper=$!; wait $sleeper; done
