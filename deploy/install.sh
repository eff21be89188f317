#!/usr/bin/env bash
# Installs Junction's release archive on a Linux machine with systemd (docs/deploy.md, "systemd").
#   deploy/install.sh build                 build the release archive (needs a JDK 25; not root)
#   sudo deploy/install.sh install [TAR]    unpack it under /opt/junction, link /usr/local/bin/junction (TAR: the
#                                           newest build when not given)
#   sudo deploy/install.sh install-service  create the junction user, /etc/junction, the unit; enable and start it
#   sudo deploy/install.sh uninstall        stop and remove the service and /opt/junction (keeps /etc/junction and
#                                           /var/lib/junction: remove those by hand to drop the configuration and data)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# JUNCTION_PREFIX and JUNCTION_LINK move the installation (the unit expects the defaults).
prefix="${JUNCTION_PREFIX:-/opt/junction}"
link="${JUNCTION_LINK:-/usr/local/bin/junction}"
etc=/etc/junction
unit=/etc/systemd/system/junction.service

die() { echo "install.sh: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "$1 needs root (sudo)"; }

build() {
  (cd "$root" && ./mvnw -B -Prelease -DskipTests -pl junction-dist -am package)
}

install_archive() {
  need_root install
  local archive="${1:-}"
  if [ -z "$archive" ]; then
    archive="$(find "$root/junction-dist/target" -maxdepth 1 -name 'junction-*-linux-x64.tar.gz' -printf '%T@ %p\n' \
      2>/dev/null | sort -rn | head -1 | cut -d' ' -f2-)"
  fi
  if [ -z "$archive" ] || [ ! -f "$archive" ]; then
    die "no release archive: run 'deploy/install.sh build' first, or name one"
  fi
  local staging
  staging="$(mktemp -d)"
  tar -xzf "$archive" -C "$staging" --strip-components=1
  [ -x "$staging/bin/junction" ] || die "$archive is not a Junction release archive"
  # Swap the whole tree at once: a running service keeps its open files until it restarts.
  rm -rf "$prefix.previous"
  [ -d "$prefix" ] && mv "$prefix" "$prefix.previous"
  mkdir -p "$(dirname "$prefix")"
  mv "$staging" "$prefix"
  chown -R root:root "$prefix"
  chmod 0755 "$prefix"
  mkdir -p "$(dirname "$link")"
  ln -sf "$prefix/bin/junction" "$link"
  rm -rf "$prefix.previous"
  echo "installed $("$prefix/bin/junction" version | head -1) in $prefix"
}

install_service() {
  need_root install-service
  [ -x "$prefix/bin/junction" ] || die "$prefix/bin/junction is missing: run 'deploy/install.sh install' first"
  getent group junction >/dev/null || groupadd --system junction
  getent passwd junction >/dev/null \
    || useradd --system --gid junction --home-dir /var/lib/junction --no-create-home --shell /usr/sbin/nologin junction
  install -d -m 0750 -o root -g junction "$etc"
  [ -f "$etc/junction.yaml" ] || install -m 0640 -o root -g junction "$prefix/junction.yaml" "$etc/junction.yaml"
  if [ ! -f "$etc/junction.env" ]; then
    # Secrets: readable by root only; systemd reads the file before it drops to the junction user.
    umask 077
    printf '%s\n' '# KEY=value lines for the gateway (see docs/configuration.md, "Environment variables").' \
      '# JUNCTION_SECRET_KEY is generated here once; keep it: it seals the provider keys in the store.' \
      "JUNCTION_SECRET_KEY=$(head -c 32 /dev/urandom | base64)" >"$etc/junction.env"
  fi
  chmod 0600 "$etc/junction.env"
  chown root:root "$etc/junction.env"
  install -m 0644 "$here/systemd/junction.service" "$unit"
  systemctl daemon-reload
  systemctl enable --now junction.service
  echo "junction.service is running: systemctl status junction; logs: journalctl -u junction"
}

uninstall() {
  need_root uninstall
  if [ -f "$unit" ]; then
    systemctl disable --now junction.service || true
    rm -f "$unit"
    systemctl daemon-reload
  fi
  if [ "$(readlink "$link" 2>/dev/null)" = "$prefix/bin/junction" ]; then rm -f "$link"; fi
  rm -rf "$prefix"
  echo "removed the service and $prefix; $etc and /var/lib/junction are kept"
}

case "${1:-}" in
  build) build ;;
  install) install_archive "${2:-}" ;;
  install-service) install_service ;;
  uninstall) uninstall ;;
  *) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
