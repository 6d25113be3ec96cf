# shellcheck shell=bash
# Source this file (`. scripts/pulumi-env.sh`) to run the Pulumi CLI offline against a local file backend:
# it finds or builds the CLI with scripts/pulumi-cli.sh, then exports
#   PULUMI_BIN                 the CLI's bin directory (pulumi, pulumi-language-nodejs, the dynamic-provider shim;
#                              the host may be an older one, with a warning: see scripts/pulumi-cli.sh)
#   PATH                       the project's Node (node_modules/.bin, Node >= 22 for @pulumi/pulumi 3.249+), then PULUMI_BIN
#   PULUMI_HOME                <repo>/.pulumi-home unless set (plugins and workspace settings stay out of ~/.pulumi)
#   PULUMI_BACKEND_URL         file://<repo>/.pulumi-state unless set
#   PULUMI_CONFIG_PASSPHRASE   "" unless it or PULUMI_CONFIG_PASSPHRASE_FILE is set (local stacks only)
# and the flags that keep the CLI from calling out: no update check, no plugin downloads, no prompts.
# Both directories are in .gitignore. Returns non-zero (and changes nothing) when the CLI cannot be had.

pulumi_env_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

if PULUMI_BIN="$("$pulumi_env_repo_root/scripts/pulumi-cli.sh" | tail -n 1)" && [ -x "$PULUMI_BIN/pulumi" ]; then
  export PULUMI_BIN
  export PATH="$pulumi_env_repo_root/node_modules/.bin:$PULUMI_BIN:$PATH"
  export PULUMI_HOME="${PULUMI_HOME:-$pulumi_env_repo_root/.pulumi-home}"
  if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    mkdir -p "$pulumi_env_repo_root/.pulumi-state"
    export PULUMI_BACKEND_URL="file://$pulumi_env_repo_root/.pulumi-state"
  fi
  # The passphrase secrets provider only needs the variable to exist; an empty one is accepted.
  if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE=""
  fi
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_SKIP_CONFIRMATIONS=true
  unset pulumi_env_repo_root
else
  unset PULUMI_BIN pulumi_env_repo_root
  echo "pulumi-env: the Pulumi CLI could not be had (see the pulumi-cli lines above)" >&2
  false
fi
