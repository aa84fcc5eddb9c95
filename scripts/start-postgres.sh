#!/usr/bin/env bash
# Starts the local PostgreSQL cluster the store tests use (127.0.0.1:5432, database "test") when it is down.
# CI calls this before `npm test`; on a machine without PostgreSQL it says so and exits 0 (the tests then skip,
# unless CI is set, where they fail).
set -euo pipefail

if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "postgres: already running on 127.0.0.1:5432"
else
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
    echo "postgres: not installed here (no pg_ctlcluster or /etc/postgresql); PostgreSQL tests will skip" >&2
    exit 0
  fi
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "postgres: did not come up on 127.0.0.1:5432" >&2; exit 1; }
fi

# The test database, for whichever superuser this machine uses (root or postgres).
for user in root postgres; do
  if psql -h 127.0.0.1 -U "$user" -d postgres -Atqc "select 1" >/dev/null 2>&1; then
    if [ "$(psql -h 127.0.0.1 -U "$user" -d postgres -Atqc "select 1 from pg_database where datname = 'test'")" != "1" ]; then
      psql -h 127.0.0.1 -U "$user" -d postgres -qc "create database test" && echo "postgres: created database test"
    fi
    echo "postgres: ready (user $user, database test)"
    exit 0
  fi
done
echo "postgres: running, but neither root nor postgres can connect without a password" >&2
exit 1
