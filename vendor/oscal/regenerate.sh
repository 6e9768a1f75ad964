#!/usr/bin/env bash
# Regenerates the OSCAL 1.2.2 JSON schemas in vendor/oscal/1.2.2 from NIST's metaschema
# sources with NIST's metaschema-cli (from Maven Central). Not part of setup or the
# tests, which read the committed schemas: run it only to move to another OSCAL release.
#   vendor/oscal/regenerate.sh DIR   DIR holds the metaschema sources (src/metaschema of
#                                     usnistgov/OSCAL at the release's tag, e.g. v1.2.2)
set -euo pipefail
SRC=${1:?usage: vendor/oscal/regenerate.sh METASCHEMA_DIR (src/metaschema of usnistgov/OSCAL at tag v1.2.2)}
SRC=$(cd "$SRC" && pwd)
cd "$(dirname "$0")/../.."
OUT=vendor/oscal/1.2.2
CLI_VERSION=2.2.0
MODELS="catalog mapping component assessment-results"

if [ ! -f "$SRC/oscal_mapping_metaschema.xml" ]; then
  echo "oscal: no OSCAL metaschema sources in $SRC (oscal_mapping_metaschema.xml missing)" >&2
  exit 1
fi
work=.local/oscal/metaschema-cli-$CLI_VERSION
if [ ! -x "$work/bin/metaschema-cli" ]; then
  echo "oscal: fetching metaschema-cli $CLI_VERSION from Maven Central"
  mkdir -p .local/oscal
  mvn -B -q dependency:copy -Dartifact=dev.metaschema.java:metaschema-cli:$CLI_VERSION:zip:metaschema-cli \
    -DoutputDirectory=.local/oscal -Dmdep.stripVersion=false
  rm -rf "$work.tmp" && mkdir -p "$work.tmp"
  unzip -q .local/oscal/metaschema-cli-$CLI_VERSION-metaschema-cli.zip -d "$work.tmp"
  home=$(dirname "$(dirname "$(find "$work.tmp" -path '*/bin/metaschema-cli' | head -1)")")
  rm -rf "$work" && mv "$home" "$work" && rm -rf "$work.tmp"
  chmod +x "$work/bin/metaschema-cli"
fi
mkdir -p "$OUT"
n=0
for model in $MODELS; do
  n=$((n + 1))
  echo "oscal: [$n/4] generating the $model schema"
  "$work/bin/metaschema-cli" generate-schema --as=JSON --overwrite --quiet \
    "$SRC/oscal_${model}_metaschema.xml" "$OUT/oscal_${model}_schema.json"
done
node vendor/oscal/unwrap-json-value-keys.mjs "$OUT"/oscal_*_schema.json
echo "oscal: schemas written to $OUT; review the diff and commit them"
