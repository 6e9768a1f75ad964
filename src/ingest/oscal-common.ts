/**
 * What every OSCAL document this service writes or reads shares: the OSCAL version,
 * deterministic UUIDs, tokens for requirement references, and our property namespace.
 */
import { createHash } from 'node:crypto';

export const OSCAL_VERSION = '1.2.2';
/** Namespace of the properties this service adds to OSCAL documents. */
export const PROPS_NS = 'urn:aims-graph:oscal';
/** UUID namespace for this service's deterministic (version 5) UUIDs. */
const UUID_NAMESPACE = 'c5c6e3a2-3b1f-4f0e-9d3e-6a1f2b7c8d90';

/** A name-based (version 5, SHA-1) UUID: the same name always gives the same UUID. */
export function uuidFor(name: string): string {
  const namespace = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An OSCAL token for a requirement reference: OSCAL ids start with a letter or "_" and
 * hold letters, digits, ".", "-" and "_" ("6.1.2" -> "c-6.1.2", "Art. 9" -> "art-9",
 * "GOVERN 1.1" -> "govern-1.1"). Distinct references of one framework give distinct tokens.
 */
export function oscalToken(ref: string): string {
  const token = ref
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-+$/g, '')
    .replace(/\.-/g, '-');
  return /^[\p{L}_]/u.test(token) ? token : `c-${token}`;
}

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
}

/** Our properties, leaving out empty values (OSCAL forbids empty or padded strings). */
export function props(values: Record<string, string | number | boolean | null | undefined>): OscalProp[] {
  return Object.entries(values)
    .filter(
      (entry): entry is [string, string | number | boolean] =>
        entry[1] !== null && entry[1] !== undefined && String(entry[1]).trim() !== '',
    )
    .map(([name, value]) => ({ name, value: String(value).trim(), ns: PROPS_NS }));
}

/** Reads our properties back from a list of OSCAL props. */
export function readProps(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    if (typeof p === 'object' && p !== null && (p as OscalProp).ns === PROPS_NS) {
      const { name, value } = p as OscalProp;
      if (typeof name === 'string' && typeof value === 'string') out.set(name, value);
    }
  }
  return out;
}
