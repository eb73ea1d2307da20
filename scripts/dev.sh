#!/usr/bin/env bash
# `make dev`: migrate, seed a demo tenant with mapped demo phones, then run the simulator, the webhook, the worker and
# the api with the console, plus a trickle of demo traffic, until Ctrl-C. Logs go to .dev/logs/<role>.log. Every value below can be overridden from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

export TENANT="${TENANT:-demo}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/taskline}"
export NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
export WHATSAPP_PHONE_NUMBER_ID="${WHATSAPP_PHONE_NUMBER_ID:-106540352242922}"
export WHATSAPP_APP_SECRET="${WHATSAPP_APP_SECRET:-dev-app-secret-not-for-production}"
export WHATSAPP_VERIFY_TOKEN="${WHATSAPP_VERIFY_TOKEN:-dev-verify-token}"
export WHATSAPP_ACCESS_TOKEN="${WHATSAPP_ACCESS_TOKEN:-dev-access-token}"
# Encrypts message bodies at rest. A fixed key for development only: production keys come from `taskline keys generate`.
export TASKLINE_ENCRYPTION_KEYS="${TASKLINE_ENCRYPTION_KEYS:-dev:dGFza2xpbmUtZGV2LWtleS1ub3QtZm9yLXByb2QtMzI=}"
SIMULATOR_PORT="${SIMULATOR_PORT:-8090}"
WEBHOOK_PORT="${WEBHOOK_PORT:-8080}"
WORKER_PORT="${WORKER_PORT:-8082}"
API_PORT="${API_PORT:-8081}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@taskline.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-taskline-dev-admin}"
DEMO_TRAFFIC="${DEMO_TRAFFIC:-on}"
DEMO_PHONE="${DEMO_PHONE:-+5511990000001}"
export WHATSAPP_API_URL="http://127.0.0.1:${SIMULATOR_PORT}/v24.0"

mkdir -p .dev/logs
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap cleanup INT TERM EXIT

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
start() { # role port [env...]
  local role=$1 port=$2; shift 2
  env PORT="$port" METRICS_PORT="$port" "$@" node --max-semi-space-size=16 bin/taskline.ts "$role" >".dev/logs/$role.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then echo "    $role ready on :$port"; return; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "$role failed to start:"; tail -20 ".dev/logs/$role.log"; exit 1; fi
    sleep 0.2
  done
  echo "$role did not become ready; see .dev/logs/$role.log"; exit 1
}

step "migrating $DATABASE_URL"
node --max-semi-space-size=16 bin/taskline.ts migrate >.dev/logs/migrate.log 2>&1 || { cat .dev/logs/migrate.log; exit 1; }
step "seeding tenant '$TENANT' with the demo phone $DEMO_PHONE"
node --max-semi-space-size=16 bin/taskline.ts seed --tenant "$TENANT" --display-name "Demo Corp" --phone-number-id "$WHATSAPP_PHONE_NUMBER_ID" \
  --user "Ana Souza:$DEMO_PHONE" --user "Bruno Lima:+5511990000002" --user "Carla Dias:+5511990000003" \
  >.dev/logs/seed.log 2>&1 || { cat .dev/logs/seed.log; exit 1; }

step "starting the simulator, the webhook and the worker"
start simulator "$SIMULATOR_PORT" SIMULATOR_PHONE_NUMBER_ID="$WHATSAPP_PHONE_NUMBER_ID" \
  SIMULATOR_WEBHOOK_URL="http://127.0.0.1:$WEBHOOK_PORT/webhook"
start webhook "$WEBHOOK_PORT"
start worker "$WORKER_PORT"
step "starting the api and the console"
start api "$API_PORT" SIMULATOR_URL="http://127.0.0.1:$SIMULATOR_PORT" COOKIE_SECURE=false

# Demo traffic: the three demo users write now and then, so the dashboard has something to show.
if [ "$DEMO_TRAFFIC" = on ]; then
  (
    texts=("what's due this week?" "create a task to review the quarterly reports" "remind me to call the client tomorrow at 9"
      "list my tasks" "mark the quarterly reports task as complete" "create a task to prepare the board slides by friday"
      "add a high priority task to renew the office lease" "what's overdue?")
    phones=("$DEMO_PHONE" +5511990000002 +5511990000003)
    while sleep $((3 + RANDOM % 5)); do
      phone=${phones[RANDOM % 3]}
      text=${texts[RANDOM % ${#texts[@]}]}
      curl -fsS -X POST "http://127.0.0.1:$SIMULATOR_PORT/_sim/phones/${phone#+}/messages" -H 'content-type: application/json' \
        -d "{\"phoneNumberId\":\"$WHATSAPP_PHONE_NUMBER_ID\",\"text\":\"$text\"}" >/dev/null 2>&1 || true
    done
  ) &
  pids+=($!)
fi

cat <<MSG

Taskline is running for tenant '$TENANT' (logs in .dev/logs/).

  Console:                  http://127.0.0.1:$API_PORT   sign in as $ADMIN_EMAIL / $ADMIN_PASSWORD
                            (demo traffic every few seconds; DEMO_TRAFFIC=off to stop it)

  Chat as the demo phone:   npx taskline simulator chat --phone $DEMO_PHONE
  One message:              npx taskline simulator send --phone $DEMO_PHONE --text "Create a task to review the quarterly reports"
  The conversation:         npx taskline simulator conversation --phone $DEMO_PHONE
  Webhook:                  http://127.0.0.1:$WEBHOOK_PORT/webhook   (health: /healthz /readyz /metrics)
  Cloud API simulator:      http://127.0.0.1:$SIMULATOR_PORT        (docs/simulator.md)

Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
echo "a process exited; see .dev/logs/"
