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

export interface ChangeEntry {
  readonly operation: ChangeOperation;
  /** The record written: an entity id, a framework id, or a crosswalk set id; for a link, its `from` end. */
  readonly entityId: string;
  /** Its kind: an entity type, Framework, CrosswalkSet, or for a link the kind of its `from` end. */
  readonly entityType: string;
  /** For a link: the `to` end and the relationship kind. */
  readonly otherId?: string | null;
  readonly linkKind?: string | null;
  /** The record before and after the write (null before a creation, null after a deletion). */
  readonly before: unknown;
  readonly after: unknown;
}

/** Who made a write: the authenticated caller, and whom it said it acted for (the X-Actor header). */
export interface Actor {
  readonly id: string;
  readonly onBehalfOf: string | null;
}
