#!/usr/bin/env bash
# Makes sure what EMN Pulse runs on is installed and running on this machine:
# Redis and PostgreSQL (Debian packages), and for tests Debian's Chromium.
# Usage: services.sh [--with-chromium]. Idempotent; quiet when all is in place.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_redis() {
  command -v redis-server >/dev/null || { echo "installing redis-server"; apt_install redis-server; }
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "starting redis on 127.0.0.1:6379"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/pulse.log
    for _ in $(seq 1 50); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

ensure_postgres() {
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "installing postgresql"; apt_install postgresql
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "starting postgresql on 127.0.0.1:5432"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
    for _ in $(seq 1 100); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.1; done
  fi
  # A fresh Debian install asks for a password over TCP: give the postgres role the one tests use.
  if ! psql "postgres://postgres:postgres@127.0.0.1:5432/postgres" -tAc 'select 1' >/dev/null 2>&1; then
    as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || { echo "installing chromium"; apt_install chromium; }
}

ensure_redis
case "${1:-}" in
  --redis-only)
    # PostgreSQL only when DATABASE_URL points at this machine; unset means embedded PGlite.
    case "${DATABASE_URL:-}" in *@127.0.0.1*|*@localhost*|*//127.0.0.1*|*//localhost*) ensure_postgres ;; esac ;;
  --with-chromium) ensure_postgres; ensure_chromium ;;
  *) ensure_postgres ;;
esac
exit 0
