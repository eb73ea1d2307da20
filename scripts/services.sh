#!/usr/bin/env bash
# Makes sure the local PostgreSQL and NATS JetStream that Taskline needs are running (dev and CI machines).
# Idempotent: services already up are left alone. Honors DATABASE_URL / NATS_URL hosts only for the checks.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
nats_up() { (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    docker compose -f deploy/dev/compose.yaml up -d postgres
  fi
  for _ in $(seq 1 60); do pg_up && break; sleep 0.5; done
  pg_up || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi

if ! nats_up; then
  if [ -x /usr/sbin/nats-server ]; then
    echo "starting NATS JetStream"
    mkdir -p /var/lib/nats-server
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
      -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    docker compose -f deploy/dev/compose.yaml up -d nats
  fi
  for _ in $(seq 1 60); do nats_up && break; sleep 0.5; done
  nats_up || { echo "NATS is not reachable on 127.0.0.1:4222" >&2; exit 1; }
fi
echo "PostgreSQL and NATS JetStream are up"
