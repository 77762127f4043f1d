#!/usr/bin/env bash
# Sourced by .ci/run: makes a throwaway PostgreSQL cluster on a loopback port for the results-store
# tests and exports SERVEBENCH_TEST_PG_URL. Idempotent: installs the Debian package only if missing,
# and every cluster is new (a temp folder), stopped and deleted when the CI script exits.

servebench_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

servebench_start_postgres() {
  local bin
  bin="$(servebench_pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "CI: installing PostgreSQL from Debian packages"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bin="$(servebench_pg_bin)"
  fi
  # PostgreSQL refuses to run as root: run the cluster as the 'postgres' user the package made.
  local as=()
  local dir
  dir="$(mktemp -d /tmp/servebench-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U servebench -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; return 1; }
  # A port nobody listens on can still be taken: as the local end of a loopback connection, or one
  # in TIME_WAIT after a load test. Then the bind fails, and the next port is tried.
  local port=55432 tries=0
  while true; do
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
    done
    if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 20 ] || ! grep -q "Address already in use" "$dir/server.log"; then
      cat "$dir/server.log"
      return 1
    fi
    port=$((port + 1))
  done
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U servebench servebench_test
  SERVEBENCH_PG_DIR="$dir"
  SERVEBENCH_PG_AS=("${as[@]}")
  SERVEBENCH_PG_BINDIR="$bin"
  export SERVEBENCH_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/servebench_test?user=servebench"
  echo "CI: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the store tests"
}

servebench_stop_postgres() {
  if [ -n "${SERVEBENCH_PG_DIR:-}" ]; then
    "${SERVEBENCH_PG_AS[@]}" "$SERVEBENCH_PG_BINDIR/pg_ctl" -D "$SERVEBENCH_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$SERVEBENCH_PG_DIR"
  fi
}
