#!/usr/bin/env bash
# Makes a Pulumi CLI ("engine") available at exactly the version of the installed
# @pulumi/pulumi npm package, next to the `pulumi-resource-pulumi-nodejs` script that
# dynamic providers need, and prints the directory holding both (last line of stdout).
# The printed directory is named `bin`, so its parent is a valid `root` for the
# Automation API's `PulumiCommand.get({ root })`.
#
# Order:
#   a) a `pulumi` on PATH whose `pulumi version` is the pinned version (its own dir if that
#      is named bin and has the nodejs plugin script, else <cache>/pulumi-v<version>-onpath/bin);
#   b) the per-machine cache <cache>/pulumi-v<version>/bin, if complete;
#   c) a build from the Go module github.com/pulumi/pulumi/pkg/v3@v<version> through the
#      Go module proxy, made in a temporary directory and renamed into the cache only once
#      it is complete (an interrupted build never leaves a half-filled cache).
#
# <cache> = ${PULUMI_INTUNE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-intune-app-protection}
# Other knobs: PULUMI_INTUNE_IGNORE_PATH=1 skips (a); GO=/path/to/go picks the toolchain
# (default: `go` on PATH, else /usr/local/go/bin/go).
# Progress goes to stderr. Binaries are never written into the repository.
set -euo pipefail

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() { printf 'ensure-pulumi: error: %s\n' "$*" >&2; exit 1; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
sdk_dir="$repo_root/node_modules/@pulumi/pulumi"
[ -f "$sdk_dir/package.json" ] ||
    die "$sdk_dir/package.json not found: run 'npm ci' in $repo_root first"

# Version of the npm SDK (top-level "version" field; no node needed).
version=$(sed -n -E 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' "$sdk_dir/package.json" | head -n 1)
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    die "could not read a release version from $sdk_dir/package.json (got '$version')"

nodejs_plugin_src="$sdk_dir/pulumi-resource-pulumi-nodejs"
[ -f "$nodejs_plugin_src" ] || die "$nodejs_plugin_src not found (incomplete @pulumi/pulumi install?)"

if [ -n "${PULUMI_INTUNE_CACHE:-}" ]; then
    cache_root=$PULUMI_INTUNE_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
    cache_root=$XDG_CACHE_HOME/pulumi-intune-app-protection
elif [ -n "${HOME:-}" ]; then
    cache_root=$HOME/.cache/pulumi-intune-app-protection
else
    cache_root=$repo_root/node_modules/.cache/pulumi-intune-app-protection
fi
mkdir -p "$cache_root"
cache_root=$(cd "$cache_root" && pwd)
final="$cache_root/pulumi-v$version"

# Prints the version a pulumi binary reports, without the update check or network.
pulumi_version_of() {
    PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null | tr -d '[:space:]' || true
}

# Copies the dynamic-provider host script beside a CLI (idempotent).
install_nodejs_plugin() {
    local dest="$1/pulumi-resource-pulumi-nodejs"
    if ! [ -x "$dest" ] || ! cmp -s "$nodejs_plugin_src" "$dest"; then
        cp "$nodejs_plugin_src" "$dest.tmp.$$"
        chmod 755 "$dest.tmp.$$"
        mv -f "$dest.tmp.$$" "$dest"
    fi
}

is_complete() {
    [ -x "$1/bin/pulumi" ] && [ -x "$1/bin/pulumi-resource-pulumi-nodejs" ] &&
        [ "$(pulumi_version_of "$1/bin/pulumi")" = "v$version" ]
}

# --- (a) a matching pulumi on PATH ----------------------------------------------------
if [ "${PULUMI_INTUNE_IGNORE_PATH:-}" != "1" ] && path_pulumi=$(command -v pulumi 2>/dev/null) &&
    [ -n "$path_pulumi" ] && [ -x "$path_pulumi" ]; then
    path_pulumi=$(cd "$(dirname "$path_pulumi")" && pwd)/$(basename "$path_pulumi")
    path_version=$(pulumi_version_of "$path_pulumi")
    if [ "$path_version" = "v$version" ]; then
        path_dir=$(dirname "$path_pulumi")
        if [ "$(basename "$path_dir")" = bin ] && [ -x "$path_dir/pulumi-resource-pulumi-nodejs" ]; then
            log "using $path_pulumi ($path_version, from PATH)"
            printf '%s\n' "$path_dir"
            exit 0
        fi
        # Pair it with the nodejs plugin script in a cache dir of its own. A hard link (or a
        # copy), not a symlink: the engine looks for bundled plugins next to the resolved
        # executable and warns on every run when the one on PATH lives elsewhere.
        onpath="$cache_root/pulumi-v$version-onpath/bin"
        mkdir -p "$onpath"
        real_pulumi=$(readlink -f "$path_pulumi")
        if ! [ "$onpath/pulumi" -ef "$real_pulumi" ] && ! cmp -s "$real_pulumi" "$onpath/pulumi"; then
            ln -f "$real_pulumi" "$onpath/pulumi.tmp.$$" 2>/dev/null || cp "$real_pulumi" "$onpath/pulumi.tmp.$$"
            mv -f "$onpath/pulumi.tmp.$$" "$onpath/pulumi"
        fi
        install_nodejs_plugin "$onpath"
        log "using $path_pulumi ($path_version, from PATH), linked into $onpath"
        printf '%s\n' "$onpath"
        exit 0
    elif [ -n "$path_version" ]; then
        log "ignoring $path_pulumi: it is $path_version, need v$version"
    fi
fi

# --- (b) the cache ----------------------------------------------------------------------
if is_complete "$final"; then
    install_nodejs_plugin "$final/bin"   # cheap; keeps it in sync with node_modules
    log "using cached $final/bin/pulumi (v$version)"
    printf '%s\n' "$final/bin"
    exit 0
fi

# --- (c) build with Go ------------------------------------------------------------------
go_bin=${GO:-}
if [ -z "$go_bin" ]; then
    go_bin=$(command -v go 2>/dev/null || true)
    [ -n "$go_bin" ] || { [ -x /usr/local/go/bin/go ] && go_bin=/usr/local/go/bin/go; } || true
fi
if [ -z "$go_bin" ] || ! [ -x "$go_bin" ]; then
    die "no Pulumi CLI v$version found and no Go toolchain to build one.
  Install one of:
    - the Pulumi CLI v$version on PATH (https://www.pulumi.com/docs/install/, e.g.
      'curl -fsSL https://get.pulumi.com | sh -s -- --version $version'), or
    - Go (>= 1.25.11 for v3.259.0) with access to a Go module proxy serving github.com/pulumi/pulumi/pkg/v3@v$version;
      set GO=/path/to/go if it is not on PATH or at /usr/local/go/bin/go."
fi

# Go needs a home for its caches; give it one on machines without HOME/GOPATH.
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
if [ -z "${HOME:-}" ]; then
    export GOPATH=${GOPATH:-$cache_root/gopath} GOENV=${GOENV:-off}
    [ -n "${XDG_CACHE_HOME:-}" ] || export GOCACHE=${GOCACHE:-$cache_root/go-build}
fi
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0   # static binary, as in Pulumi's own releases; no C compiler needed

go_version=$("$go_bin" env GOVERSION 2>/dev/null) || die "'$go_bin env GOVERSION' failed"
go_version=${go_version#go}

# One build at a time per cache (parallel CI jobs on one machine wait for the first).
lock="$cache_root/.lock-pulumi-v$version"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock"
    if ! flock -n 9; then
        log "another ensure-pulumi is building v$version; waiting for it..."
        flock 9
    fi
    if is_complete "$final"; then
        log "using $final/bin/pulumi (built by the other process)"
        printf '%s\n' "$final/bin"
        exit 0
    fi
    # We hold the lock: any leftover build dir is from an interrupted run.
    rm -rf "$cache_root"/.build-pulumi-v"$version".*
fi

tmp=$(mktemp -d "$cache_root/.build-pulumi-v$version.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/mod" "$tmp/out/bin"
start=$(date +%s)

module=github.com/pulumi/pulumi/pkg/v3
(
    cd "$tmp/mod"
    "$go_bin" mod init pulumibuild >&2
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s/cmd/pulumi"\n' "$module" > tools.go

    # Check the toolchain against what pkg/v3 declares before the long part.
    gomod=$("$go_bin" mod download -json "$module@v$version" | sed -n -E 's/^[[:space:]]*"GoMod":[[:space:]]*"([^"]+)".*/\1/p')
    need=$(sed -n -E 's/^go[[:space:]]+([0-9][0-9.]*).*/\1/p' "$gomod" | head -n 1)
    if [ -n "$need" ] && [ "$(printf '%s\n%s\n' "$need" "$go_version" | sort -V | head -n 1)" != "$need" ]; then
        printf 'ensure-pulumi: error: %s@v%s needs Go >= %s, %s is go%s.\n  Install Go >= %s (https://go.dev/dl/) and set GO=/path/to/go, or put the Pulumi CLI v%s on PATH.\n' \
            "$module" "$version" "$need" "$go_bin" "$go_version" "$need" "$version" >&2
        exit 1
    fi

    printf 'ensure-pulumi: building Pulumi CLI v%s with %s (go%s) in %s\n' "$version" "$go_bin" "$go_version" "$tmp" >&2
    printf 'ensure-pulumi: (cold: ~6-7 min on 2 cores and ~1.4 GB of module downloads + 1.6 GB of Go build cache; then cached in %s)\n' "$final" >&2
    "$go_bin" get "$module@v$version" >&2
    "$go_bin" build -o "$tmp/out/bin/pulumi" -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        "$module/cmd/pulumi" >&2
)

built_version=$(pulumi_version_of "$tmp/out/bin/pulumi")
[ "$built_version" = "v$version" ] ||
    die "the built pulumi reports '$built_version', expected v$version"
install_nodejs_plugin "$tmp/out/bin"
printf 'pulumi v%s\nbuilt %s with go%s from %s@v%s (CGO_ENABLED=0)\n' \
    "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$go_version" "$module" "$version" > "$tmp/out/BUILDINFO"

# Atomic publish: a rename of a complete directory.
rm -rf "$final"
mv -T "$tmp/out" "$final"
log "built in $(( $(date +%s) - start ))s -> $final/bin"
printf '%s\n' "$final/bin"
