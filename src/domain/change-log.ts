/**
 * The vocabulary of the change log (the change feed and audit trail): what kind of
 * write an entry records. Pure.
 */
export const CHANGE_OPERATIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'LINK',
  'UNLINK',
  'CATALOGUE_LOAD',
  'CROSSWALK_LOAD',
  'CROSSWALK_REMOVE',
] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** The actor recorded for writes the service makes by itself (seed and demo loading). */
export const SYSTEM_ACTOR = 'system';
