#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the test suite, installing Debian's
# `postgresql` package first when the machine has none. Prints the database URL on its last line.
#
#   scripts/postgres.sh start   -> postgresql://companion@127.0.0.1:55432/companion_test
#   scripts/postgres.sh stop
set -euo pipefail

PORT="${COMPANION_PG_PORT:-55432}"
DIR="${COMPANION_PG_DIR:-/tmp/companion-pg-$PORT}"
USER_NAME=companion
DB=companion_test

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

install_postgres() {
  if [ -z "$(find_bin)" ] || [ ! -x "$(find_bin)/postgres" ]; then
    echo "installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
}

# PostgreSQL refuses to run as root; as root, run it as the `postgres` user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  install_postgres
  local bin
  bin="$(find_bin)"
  if [ ! -f "$DIR/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$bin/initdb" -D "$DIR" -A trust -U "$USER_NAME" >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DIR" -w -t 60 -l "$DIR/server.log" \
      -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" "$DB"
  fi
  echo "postgresql://$USER_NAME@127.0.0.1:$PORT/$DB"
}

stop() {
  local bin
  bin="$(find_bin)"
  [ -n "$bin" ] && [ -f "$DIR/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
