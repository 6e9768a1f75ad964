/**
 * API keys: `aimsg_` and 43 characters of base64url (256 random bits). Only the SHA-256
 * of a key is stored. A slow password hash would add nothing: a 256-bit random secret
 * cannot be guessed from its hash, and a fast hash lets every request be checked by one
 * indexed lookup.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const KEY_PREFIX = 'aimsg_';
const KEY_SHAPE = /^aimsg_[A-Za-z0-9_-]{43}$/;
/** How many characters of a key are stored in the clear, to recognise it by. */
const SHOWN = KEY_PREFIX.length + 6;
export const KEY_NAME = /^[A-Za-z0-9._@-]{1,100}$/;
/** A name shaped like a key id, refused so that no name can be mistaken for another key's id. */
export const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewKey {
  readonly id: string;
  /** The secret, to give to its holder once. */
  readonly key: string;
  readonly hash: string;
  readonly prefix: string;
}

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** True when `value` has the shape of a key this service issues (says nothing of its validity). */
export const looksLikeKey = (value: string): boolean => KEY_SHAPE.test(value);

export function generateKey(): NewKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { id: randomUUID(), key, hash: hashKey(key), prefix: key.slice(0, SHOWN) };
}
