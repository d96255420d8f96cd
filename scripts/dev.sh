#!/usr/bin/env bash
# Runs the service in dev mode (port 8080; the demo accounts and their keys are printed at start-up), on a
# database of its own:
#   - QUARKUS_DATASOURCE_JDBC_URL set: that database, as it is;
#   - else a PostgreSQL answering on 127.0.0.1:5432 (user postgres): the database swas_dev there, created if
#     missing (SWAS_DEV_DB names another);
#   - else Quarkus Dev Services starts PostgreSQL in Docker.
# Arguments are passed to ./mvnw quarkus:dev.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
  host=${PGHOST:-127.0.0.1}
  port=${PGPORT:-5432}
  db=${SWAS_DEV_DB:-swas_dev}
  export PGPASSWORD=${PGPASSWORD:-postgres}
  if command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; then
    if [[ -z "$(psql -h "$host" -p "$port" -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
      createdb -h "$host" -p "$port" -U postgres "$db"
      echo "[dev] created database $db on $host:$port"
    fi
    echo "[dev] dev mode uses database $db on $host:$port (user postgres)"
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$host:$port/$db"
    export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD"
  else
    echo "[dev] no PostgreSQL on $host:$port: Quarkus Dev Services starts one in Docker"
  fi
fi
exec ./mvnw quarkus:dev "$@"
