#!/usr/bin/env bash
# Generates the official JSON schemas of OSCAL 1.2.2 (catalog, mapping, component,
# assessment-results) from NIST's metaschema sources with NIST's metaschema-cli from
# Maven Central, for the tests that validate exported OSCAL documents. NIST publishes
# the generated schemas only as release downloads, which this setup does not reach.
#   OSCAL_METASCHEMA_DIR  the OSCAL 1.2.2 metaschema sources (src/metaschema of
#                         usnistgov/OSCAL at tag v1.2.2); default ../shared/oscal/metaschema-1.2.2
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${OSCAL_METASCHEMA_DIR:-../shared/oscal/metaschema-1.2.2}
OUT=.local/oscal/schemas-1.2.2
CLI_VERSION=2.2.0
MODELS="catalog mapping component assessment-results"

if [ -f "$OUT/.complete" ]; then echo "oscal: schemas present in $OUT"; exit 0; fi
if [ ! -f "$SRC/oscal_mapping_metaschema.xml" ]; then
  echo "oscal: no OSCAL 1.2.2 metaschema sources in $SRC; set OSCAL_METASCHEMA_DIR" >&2
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
node scripts/unwrap-json-value-keys.mjs "$OUT"/oscal_*_schema.json
touch "$OUT/.complete"
echo "oscal: schemas written to $OUT"
