#!/usr/bin/env bash
# Finds or builds the real Pulumi CLI for the end-to-end tests and the demo, with no network but the Go
# module proxy. Prints the bin directory as the LAST line of stdout; progress goes to stderr:
#
#   PULUMI_BIN=$(scripts/pulumi-cli.sh | tail -1)
#
# The bin directory holds `pulumi`, `pulumi-language-nodejs` and the dynamic-provider shim
# `pulumi-resource-pulumi-nodejs` (the engine looks for plugins on PATH, then next to `pulumi`).
#
# Version: the @pulumi/pulumi version in package-lock.json (v3.X.Y); PULUMI_CLI_VERSION overrides it.
# If a `pulumi` on PATH already reports that version (the official installer), its directory is used
# and nothing is built. Otherwise the binaries are built from Pulumi's Go modules (CGO_ENABLED=0,
# -trimpath, the version ldflag) in a wrapper module outside the repository:
#   ${PULUMI_CLI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-mongodbatlas-network/pulumi-cli/<version>}
# A later run reuses them when `pulumi version` prints that version (about a second).
#
# When the module proxy refuses pkg/v3 at that version, the versions in PULUMI_CLI_FALLBACK_VERSIONS
# (default below; not with PULUMI_CLI_VERSION) are tried, with a warning. When it refuses the language
# host (an untagged module, pinned to the commit behind pkg/<version>), an older host is built instead,
# with a warning naming its version on every run: up to sdk/v3 v3.68.0 (2023-05) the host was a package
# inside the tagged sdk/v3 module, which the proxy serves (PULUMI_LANGUAGE_HOST_FALLBACK_VERSION; "" turns
# this off). It lives in its own wrapper module, <cache>/language-host-module, so its old dependencies
# never mix with the CLI's. While on that fallback the matching host is asked for again on every run (one
# request). Only when both are refused are `pulumi` and the shim delivered without a host, with a warning
# and the reason in <cache>/language-host-unavailable: Automation API inline programs work without it,
# `pulumi up` in a Pulumi.yaml project does not.
#
# Tested together (2026-12, offline file backend, test/e2e/*.test.ts): pulumi CLI v3.276.0 +
# pulumi-language-nodejs from sdk/v3 v3.68.0 + @pulumi/pulumi 3.276.0, and 3.216.0 (the lowest of the
# package's peer range, test/e2e/lowest-pulumi-sdk.test.ts), on Node 24: `pulumi stack init`, `up`,
# `refresh`, `preview`, `destroy` and `stack rm` of TypeScript and JavaScript projects with dynamic
# resources all succeed. The old host only warns that it comes from $PATH when it is not next to `pulumi`;
# here it is. The module proxy refuses the host module itself (403 on its version list) and gives no
# Origin.Hash for pkg/v3@v3.276.0, so the matching host cannot be pinned (2026-12).
#
# Exit codes: 0 = bin directory printed; 3 = the CLI cannot be had here (no Go, or the module proxy
# refuses or cannot serve pkg/v3: the message says which); 1 = anything else (a build error, printed
# verbatim).
set -euo pipefail

readonly EXIT_UNAVAILABLE=3
readonly PKG_MODULE="github.com/pulumi/pulumi/pkg/v3"
readonly SDK_MODULE="github.com/pulumi/pulumi/sdk/v3"
readonly CLI_PACKAGE="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
# The Node.js language host is its own Go module that Pulumi never tags: it is only reachable by commit.
readonly LANGUAGE_HOST_MODULE="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
# Before 2023-05-12 the host was a package of sdk/v3: v3.68.0 is the last tag that has it (v3.69.0 has not).
readonly LEGACY_LANGUAGE_HOST_PACKAGE="github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
readonly DEFAULT_LANGUAGE_HOST_FALLBACK_VERSION="v3.68.0"
readonly VERSION_VARIABLE="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
# pkg/go.mod replaces atotto/clipboard; replace lines of dependencies are ignored, so the wrapper repeats it.
readonly CLIPBOARD_REPLACE="github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e"
# Tried, in order, when the proxy refuses pkg/v3 at the SDK's own version and PULUMI_CLI_VERSION is not
# set. The module proxy our machines reach served v3.259.0 but not v3.260.0 to v3.274.1 (2026-11); it now
# (2026-12) serves v3.276.0, the SDK's version, so this is only a last resort. Pulumi asks for a CLI at
# least as new as the SDK: v3.259.0 ran the 3.270 Node SDK in the end-to-end tests, not yet 3.276.
readonly DEFAULT_FALLBACK_VERSIONS="v3.259.0"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_ROOT

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }
unavailable() { log "unavailable: $*"; exit "$EXIT_UNAVAILABLE"; }

sdk_version_from_lock() {
  local lock="$REPO_ROOT/package-lock.json"
  [[ -f "$lock" ]] || fail "$lock not found"
  # The "node_modules/@pulumi/pulumi" entry's first "version" line.
  awk '/"node_modules\/@pulumi\/pulumi": \{/ { inside = 1 }
       inside && /"version":/ { gsub(/[",]/, "", $2); print $2; exit }' "$lock"
}

# `pulumi version` of a binary, or nothing when it does not run.
reported_version() {
  "$1" version 2>/dev/null | head -n 1 | tr -d '[:space:]' || true
}

# Go fails the same way for "this module version does not exist here" and "no network": both mean the
# CLI cannot be had on this machine, unlike a compile error.
is_unavailable_error() {
  grep -q -E '403 Forbidden|404 Not Found|410 Gone|not available|unknown revision|invalid version|dial tcp|no such host|connection refused|i/o timeout|TLS handshake timeout|verifying .*: .*(checksum|sum\.golang\.org)' "$1"
}

# Runs a go command with its output in a log file; on failure prints that output verbatim and exits
# (3 when the module proxy could not serve a module, 1 otherwise).
run_go() {
  local what="$1"; shift
  local output="$CACHE_DIR/last-go-command.log"
  log "$what: go $*"
  if ! go "$@" >"$output" 2>&1; then
    cat "$output" >&2
    if is_unavailable_error "$output"; then
      unavailable "$what failed: the Go module proxy could not serve a module (output above)"
    fi
    fail "$what failed (output above)"
  fi
}

# Like run_go, but returns 1 instead of exiting when the module proxy could not serve a module.
try_go() {
  local what="$1"; shift
  local output="$CACHE_DIR/last-go-command.log"
  log "$what: go $*"
  if ! go "$@" >"$output" 2>&1; then
    cat "$output" >&2
    is_unavailable_error "$output" && return 1
    fail "$what failed (output above)"
  fi
}

# Prints "<commit hash> <commit time>" of a tagged pkg/v3 version, from the proxy's Origin metadata.
pkg_commit() {
  local version="$1" json info hash time
  json="$(go mod download -json "$PKG_MODULE@$version" 2>/dev/null || true)"
  hash="$(printf '%s\n' "$json" | sed -n 's/.*"Hash": *"\([0-9a-f]\{40\}\)".*/\1/p' | head -n 1)"
  # The commit time is only in the cached .info file (for a tag, the proxy gives the commit's time).
  info="$(printf '%s\n' "$json" | sed -n 's/.*"Info": *"\([^"]*\)".*/\1/p' | head -n 1)"
  [[ -f "$info" ]] && time="$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$info" | head -n 1)"
  [[ -n "$hash" && -n "${time:-}" ]] && printf '%s %s\n' "$hash" "$time"
}

# v3.0.0-<UTC commit time>-<12 hex>: the pseudo-version of a commit in a /v3 module with no tags.
pseudo_version() {
  local hash="$1" time="$2" stamp
  stamp="$(printf '%s' "$time" | tr -d -- '-:TZ' | cut -c1-14)"
  printf 'v3.0.0-%s-%s\n' "$stamp" "${hash:0:12}"
}

build_binaries() {
  local version="$1"; shift
  local staging="$CACHE_DIR/bin.staging"
  rm -rf "$staging" && mkdir -p "$staging"
  run_go "build (this takes a while the first time)" build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X $VERSION_VARIABLE=$version" -o "$staging/" "$@"
  mkdir -p "$BIN_DIR"
  local binary
  for binary in "$staging"/*; do mv -f "$binary" "$BIN_DIR/"; done
  rmdir "$staging"
}

# Writes the wrapper module for pkg/v3 at $1 and downloads its source; returns 1 when the proxy does
# not serve that version. Module paths only, never `go get <package>@<version>`: that also queries the
# longer paths (…/pkg/v3/cmd/pulumi) as modules, and a proxy that answers 403 instead of 404 for them
# makes it fail.
prepare_wrapper_module() {
  local version="$1"
  rm -rf "$MODULE_DIR" && mkdir -p "$MODULE_DIR"
  cd "$MODULE_DIR"
  run_go "init wrapper module" mod init example.local/pulumi-cli
  run_go "pin replace" mod edit -replace "$CLIPBOARD_REPLACE"
  try_go "download $PKG_MODULE@$version" mod download "$PKG_MODULE@$version" || return 1
  # go get (not go mod edit) so that the go line rises to what Pulumi's go.mod asks for.
  run_go "require pkg and sdk" get "$PKG_MODULE@$version" "$SDK_MODULE@$version"
  # The tool directive (Go >= 1.24) records the main package; go mod tidy then finds every dependency.
  run_go "declare tool" mod edit -tool="$CLI_PACKAGE"
}

add_language_host() {
  local version="$1" commit hash time pseudo
  if ! commit="$(pkg_commit "$version")"; then
    LANGUAGE_HOST_PROBLEM="the module proxy gives no commit (Origin.Hash) for $PKG_MODULE@$version, so the untagged $LANGUAGE_HOST_MODULE cannot be pinned"
    return 1
  fi
  read -r hash time <<<"$commit"
  pseudo="$(pseudo_version "$hash" "$time")"
  cp go.mod go.mod.before-language-host && cp go.sum go.sum.before-language-host
  if ! try_go "resolve $LANGUAGE_HOST_MODULE@$pseudo (the commit behind pkg/$version)" get "$LANGUAGE_HOST_MODULE@$pseudo"; then
    mv -f go.mod.before-language-host go.mod && mv -f go.sum.before-language-host go.sum
    LANGUAGE_HOST_PROBLEM="$(grep -m 1 -E '403|404|410|not available|unknown revision' "$CACHE_DIR/last-go-command.log" || tail -n 1 "$CACHE_DIR/last-go-command.log")"
    return 1
  fi
  rm -f go.mod.before-language-host go.sum.before-language-host
  run_go "declare tool" mod edit -tool="$LANGUAGE_HOST_MODULE"
}

# Builds the host from the tagged sdk/v3 module at $1 in a wrapper module of its own; returns 1 (with
# the reason in FALLBACK_PROBLEM) when the module proxy does not serve it. The version ldflag is the
# host's own version: that is what `pulumi about` and the plugin info then report.
build_fallback_language_host() {
  local version="$1" module_dir="$CACHE_DIR/language-host-module"
  rm -rf "$module_dir" && mkdir -p "$module_dir"
  cd "$module_dir"
  run_go "init language host wrapper module" mod init example.local/pulumi-language-nodejs
  if ! try_go "download $SDK_MODULE@$version" mod download "$SDK_MODULE@$version"; then
    FALLBACK_PROBLEM="$(grep -m 1 -E '403|404|410|not available|unknown revision|sum\.golang\.org' "$CACHE_DIR/last-go-command.log" || tail -n 1 "$CACHE_DIR/last-go-command.log")"
    cd "$CACHE_DIR" && rm -rf "$module_dir"
    return 1
  fi
  run_go "require sdk" get "$SDK_MODULE@$version"
  [[ -d "$(go list -m -f '{{.Dir}}' "$SDK_MODULE")/nodejs/cmd/pulumi-language-nodejs" ]] \
    || fail "$SDK_MODULE@$version has no nodejs/cmd/pulumi-language-nodejs (it moved out in v3.69.0): set PULUMI_LANGUAGE_HOST_FALLBACK_VERSION to v3.68.0 or older"
  run_go "declare tool" mod edit -tool="$LEGACY_LANGUAGE_HOST_PACKAGE"
  run_go "tidy language host wrapper module" mod tidy
  build_binaries "$version" "$LEGACY_LANGUAGE_HOST_PACKAGE"
}

install_shim() {
  local shim="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [[ -f "$shim" ]] || fail "$shim not found: install the project's dependencies first (npm ci)"
  if ! cmp -s "$shim" "$BIN_DIR/pulumi-resource-pulumi-nodejs"; then
    cp "$shim" "$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp"
    chmod 0755 "$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp"
    mv -f "$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp" "$BIN_DIR/pulumi-resource-pulumi-nodejs"
  fi
}

warm() {
  [[ -x "$BIN_DIR/pulumi" && "$(reported_version "$BIN_DIR/pulumi")" == "$1" ]]
}

# ---------------------------------------------------------------------------------------------------

SDK_VERSION="v$(sdk_version_from_lock)"
[[ "$SDK_VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "no @pulumi/pulumi version in package-lock.json"
WANTED="${PULUMI_CLI_VERSION:-$SDK_VERSION}"
[[ "$WANTED" == v* ]] || WANTED="v$WANTED"

if on_path="$(command -v pulumi 2>/dev/null)" && [[ "$(reported_version "$on_path")" == "$WANTED" ]]; then
  log "using $on_path ($WANTED, found on PATH)"
  dirname "$on_path"
  exit 0
fi

command -v go >/dev/null 2>&1 || unavailable "no pulumi $WANTED on PATH and no Go toolchain to build it"
command -v flock >/dev/null 2>&1 || fail "flock (util-linux) is needed to serialize concurrent builds"

# A newer go line in Pulumi's go.mod fetches that toolchain from the module proxy (GOTOOLCHAIN=auto);
# outside settings such as GOFLAGS=-mod=vendor or a go.work above the cache must not reach the wrapper.
# -buildvcs=false: the cache may sit inside a git work tree (a dotfiles repository in $HOME).
export GOTOOLCHAIN=auto GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-mongodbatlas-network/pulumi-cli"
FALLBACKS="${PULUMI_CLI_FALLBACK_VERSIONS-$DEFAULT_FALLBACK_VERSIONS}"
[[ -n "${PULUMI_CLI_VERSION:-}" ]] && FALLBACKS=""
LANGUAGE_HOST_PROBLEM=""

for VERSION in "$WANTED" $FALLBACKS; do
  CACHE_DIR="${PULUMI_CLI_CACHE_DIR:-$CACHE_ROOT/$VERSION}"
  [[ -n "${PULUMI_CLI_CACHE_DIR:-}" && "$VERSION" != "$WANTED" ]] && CACHE_DIR="$PULUMI_CLI_CACHE_DIR-$VERSION"
  MODULE_DIR="$CACHE_DIR/module"
  BIN_DIR="$CACHE_DIR/bin"
  mkdir -p "$CACHE_DIR"
  cd "$CACHE_DIR"

  # One build per cache directory at a time; a second run waits, then finds the binaries warm.
  exec 9>"$CACHE_DIR/.lock"
  if ! flock -n 9; then
    log "another run is building in $CACHE_DIR; waiting for it"
    flock 9
  fi

  if warm "$VERSION"; then
    log "reusing $BIN_DIR (pulumi $VERSION)"
  else
    started=$SECONDS
    log "no pulumi $VERSION in $CACHE_DIR yet: resolving it (go: $(go env GOVERSION), modules: $(go env GOMODCACHE))"
    if ! prepare_wrapper_module "$VERSION"; then
      log "could not get $PKG_MODULE@$VERSION from the module proxy (above)"
      cd "$CACHE_DIR" && rm -rf "$MODULE_DIR"
      exec 9>&-
      continue
    fi
    run_go "tidy wrapper module" mod tidy
    log "building pulumi $VERSION"
    rm -f "$BIN_DIR/pulumi" "$BIN_DIR/pulumi-language-nodejs" "$CACHE_DIR/language-host-unavailable"
    build_binaries "$VERSION" "$CLI_PACKAGE"
    warm "$VERSION" || fail "$BIN_DIR/pulumi was built but reports '$(reported_version "$BIN_DIR/pulumi")', not $VERSION"
    log "built pulumi in $((SECONDS - started))s"
  fi

  # The matching language host is tried again on every run while it is missing or replaced by the
  # fallback: a refusal costs one request.
  fallback_marker="$CACHE_DIR/language-host-fallback"
  if [[ ! -x "$BIN_DIR/pulumi-language-nodejs" || -f "$fallback_marker" ]]; then
    started=$SECONDS
    [[ -f "$MODULE_DIR/go.mod" ]] || prepare_wrapper_module "$VERSION" || fail "$PKG_MODULE@$VERSION is no longer served"
    cd "$MODULE_DIR"
    if add_language_host "$VERSION"; then
      run_go "tidy wrapper module" mod tidy
      build_binaries "$VERSION" "$LANGUAGE_HOST_MODULE"
      rm -f "$CACHE_DIR/language-host-unavailable" "$fallback_marker"
      rm -rf "$CACHE_DIR/language-host-module"
      log "built pulumi-language-nodejs in $((SECONDS - started))s"
    elif [[ -x "$BIN_DIR/pulumi-language-nodejs" && -f "$fallback_marker" ]]; then
      log "WARNING: using pulumi-language-nodejs $(head -n 1 "$fallback_marker") (built from $SDK_MODULE), not $VERSION: the module proxy refuses the matching host: $LANGUAGE_HOST_PROBLEM"
    else
      FALLBACK_VERSION="${PULUMI_LANGUAGE_HOST_FALLBACK_VERSION-$DEFAULT_LANGUAGE_HOST_FALLBACK_VERSION}"
      [[ -z "$FALLBACK_VERSION" || "$FALLBACK_VERSION" == v* ]] || FALLBACK_VERSION="v$FALLBACK_VERSION"
      FALLBACK_PROBLEM="no fallback configured (PULUMI_LANGUAGE_HOST_FALLBACK_VERSION is empty)"
      rm -f "$BIN_DIR/pulumi-language-nodejs" "$fallback_marker"
      log "the module proxy refuses the matching pulumi-language-nodejs; building the one in $SDK_MODULE@$FALLBACK_VERSION instead"
      if [[ -n "$FALLBACK_VERSION" ]] && build_fallback_language_host "$FALLBACK_VERSION"; then
        printf '%s\n%s\n' "$FALLBACK_VERSION" "$LANGUAGE_HOST_PROBLEM" >"$fallback_marker"
        rm -f "$CACHE_DIR/language-host-unavailable"
        log "built pulumi-language-nodejs $FALLBACK_VERSION in $((SECONDS - started))s"
        log "WARNING: using pulumi-language-nodejs $FALLBACK_VERSION (built from $SDK_MODULE), not $VERSION: the module proxy refuses the matching host: $LANGUAGE_HOST_PROBLEM"
      else
        LANGUAGE_HOST_PROBLEM="$LANGUAGE_HOST_PROBLEM; fallback $SDK_MODULE@${FALLBACK_VERSION:-(none)}: $FALLBACK_PROBLEM"
        printf '%s\n' "$LANGUAGE_HOST_PROBLEM" >"$CACHE_DIR/language-host-unavailable"
        # Without the language host `pulumi up` cannot run a project's program. Automation API inline
        # programs still work: the CLI then reaches the program over --client and never starts the host.
        log "WARNING: no pulumi-language-nodejs, so \`pulumi up\` of a Pulumi.yaml project cannot run here (Automation API inline programs can): $LANGUAGE_HOST_PROBLEM"
      fi
    fi
  fi

  install_shim
  [[ "$VERSION" == "$WANTED" ]] || log "WARNING: using pulumi $VERSION, not $WANTED (the Node SDK's version), which could not be had from the module proxy"
  printf '%s\n' "$BIN_DIR"
  exit 0
done

unavailable "could not get $PKG_MODULE@$WANTED${FALLBACKS:+ nor the fallbacks $FALLBACKS} from the Go module proxy (errors above)"
