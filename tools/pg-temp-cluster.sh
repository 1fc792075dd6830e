#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package (initdb, pg_ctl from
# /usr/lib/postgresql/*/bin), a data folder in the temp folder, listening on 127.0.0.1 only, on a free port,
# trust authentication for local connections only. Run as root it runs the server as the user `nobody`
# (PostgreSQL refuses to run as root).
#   tools/pg-temp-cluster.sh start [FOLDER]   prints the folder on line 1 and the connection string on line 2
#   tools/pg-temp-cluster.sh stop FOLDER      stops the server and deletes the folder
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "pg-temp-cluster: PostgreSQL is not installed (apt-get install postgresql; tools/install-test-deps.sh does it)" >&2
  exit 2
fi
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    dir=${2:-$(mktemp -d /tmp/ctcalign-pg.XXXXXX)} # /tmp: the user nobody can reach it
    mkdir -p "$dir"
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown nobody "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir=${2:?usage: pg-temp-cluster.sh stop FOLDER}
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [FOLDER] | stop FOLDER" >&2
    exit 2
    ;;
esac
