#!/usr/bin/env bash
# Install the Debian packages the project needs, when missing. Usage: scripts/system_deps.sh [--browser]
#   always:    gettext (compile translations), libharfbuzz-subset0 and Pango (WeasyPrint, fast font subsetting),
#              fonts-dejavu-core (a Vietnamese-capable fallback font)
#   --browser: chromium (the Playwright browser tests drive /usr/bin/chromium)
#   --bench:   wrk (the load generator of make bench)
#   --cluster: nginx (the load balancer of make cluster)
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in gettext libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
    have_pkg "$pkg" || need+=("$pkg")
done
if [[ "${1:-}" == "--browser" ]]; then
    [[ -x /usr/bin/chromium ]] || need+=(chromium)
fi
if [[ "${1:-}" == "--bench" ]]; then
    command -v wrk >/dev/null || need+=(wrk)
fi
if [[ "${1:-}" == "--cluster" ]]; then
    have_pkg nginx-light || have_pkg nginx-core || have_pkg nginx || need+=(nginx)
fi
[[ ${#need[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${need[*]}." >&2
    echo "Run as root: apt-get update && apt-get install -y ${need[*]}  (continuing without them)." >&2
    exit 0
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
