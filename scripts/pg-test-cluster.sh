#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temp dir on a free loopback port and
# prints its URL on stdout. Stop it with: scripts/pg-test-cluster.sh stop <dir>
set -euo pipefail
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ "${1:-}" = "stop" ]; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$2/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi
DIR="$(mktemp -d /tmp/sash-pg-XXXXXX)"
chown postgres "$DIR"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres sash
echo "postgres://postgres@127.0.0.1:$PORT/sash $DIR"
