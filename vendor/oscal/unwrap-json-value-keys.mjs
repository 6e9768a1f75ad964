// metaschema-cli 2.2.0 writes a field that has a JSON value key as
// `properties: { K: { K: <schema> } }`, which no JSON Schema validator accepts; the
// intended shape is `properties: { K: <schema> }`. Rewrites the given schema files.
import { readFileSync, writeFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  let fixed = 0;
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node) && node.properties !== null && typeof node.properties === 'object') {
      for (const [key, value] of Object.entries(node.properties)) {
        const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
        if (keys.length === 1 && keys[0] === key) {
          node.properties[key] = value[key];
          fixed += 1;
        }
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(schema);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`oscal: ${file}: unwrapped ${fixed} value-key wrappers`);
}
