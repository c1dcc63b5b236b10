#!/usr/bin/env bash
# Install the Debian packages the tests need (Chromium for the browser tests, Virtuoso for the
# endpoint tests, a Java runtime for the HermiT OWL reasoner that owlready2 bundles), when missing.
# Idempotent and quiet when everything is there. Needs root or sudo for apt-get.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Virtuoso: the second SPARQL engine of the endpoint tests (a private instance per test module)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
# Java: HermiT (a jar inside owlready2) checks ontology + data for OWL 2 DL consistency
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# jq: the README's "For scripts" pipelines (tests/test_readme.py runs them)
command -v jq >/dev/null 2>&1 || need+=(jq)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: need root to apt-get install ${need[*]}; the tests that need them will be skipped" >&2
    exit 0
  fi
fi
echo "install-system-deps: apt-get install ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
