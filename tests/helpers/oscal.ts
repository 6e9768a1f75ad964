/**
 * Validation against the official OSCAL 1.2.2 JSON schemas, generated from NIST's
 * metaschema sources and kept in vendor/oscal (see its README).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

const SCHEMA_DIR = 'vendor/oscal/1.2.2';
export type OscalModel = 'catalog' | 'mapping' | 'component' | 'assessment-results';

// The schemas are draft-07. OSCAL's token patterns use Unicode property escapes, which
// need ajv's default unicodeRegExp; strictTypes is relaxed for `pattern` on numbers.
const ajv = new Ajv({ allErrors: true, strictTypes: false });
ajvFormats.default(ajv);
const compiled = new Map<OscalModel, ValidateFunction>();

export function oscalErrors(model: OscalModel, document: unknown): string[] {
  let validate = compiled.get(model);
  if (validate === undefined) {
    const file = `${SCHEMA_DIR}/oscal_${model}_schema.json`;
    if (!existsSync(file))
      throw new Error(`${file} is missing: the OSCAL schemas ship in vendor/oscal (see vendor/oscal/README.md)`);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiled.set(model, validate);
  }
  if (validate(document)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
