/**
 * Catalogue statements: pure builders of parameterised Cypher. The row types describe
 * what each statement returns, after records.ts has made the values plain.
 */
import type { RequirementKind } from '../../domain/vocabulary.js';
import type { Statement } from '../executor.js';
import type { FrameworkRow, RequirementRow, FrameworkVersionRow, VersionEntryRow } from '../rows.js';

const FRAMEWORK_FIELDS = `f {
  .id, .name, .title, .version, .publisher, .kind, .edition, .licence, .references,
  requirementCount: COUNT { (f)<-[:IN_FRAMEWORK]-(r:Requirement) WHERE r.current }
}`;

const REQUIREMENT_FIELDS = `r {
  .id, .frameworkId, .ref, .title, .kind, .auditable, .summary, .position, .rolesNote, .current,
  roles: coalesce(r.roles, []), rolesConditional: coalesce(r.rolesConditional, []),
  parentId: [(r)-[:PART_OF]->(p:Requirement) | p.id][0]
}`;

export function listFrameworks(): Statement<{ framework: FrameworkRow }> {
  return {
    name: 'listFrameworks',
    cypher: `MATCH (f:Framework) RETURN ${FRAMEWORK_FIELDS} AS framework ORDER BY f.id`,
    params: {},
  };
}

export function listFrameworksByIds(ids: readonly string[]): Statement<{ framework: FrameworkRow }> {
  return {
    name: 'listFrameworksByIds',
    cypher: `UNWIND $ids AS id MATCH (f:Framework {id: id}) RETURN ${FRAMEWORK_FIELDS} AS framework`,
    params: { ids },
  };
}

export interface RequirementFilter {
  kind?: RequirementKind | null;
  auditable?: boolean | null;
  /** Only the top of the hierarchy: requirements with no parent. */
  rootsOnly?: boolean;
}

export interface RequirementListKey extends RequirementFilter {
  /** Echoed back on every row so one batch can answer many lists. */
  key: string;
  frameworkId: string;
}

/** Many filtered requirement lists in one statement, each row tagged with its list's key. */
export function listRequirementsOfFrameworks(
  lists: readonly RequirementListKey[],
): Statement<{ key: string; requirement: RequirementRow }> {
  return {
    name: 'listRequirementsOfFrameworks',
    cypher: `UNWIND $lists AS list
             MATCH (r:Requirement {frameworkId: list.frameworkId})
             WHERE r.current AND (list.kind IS NULL OR r.kind = list.kind)
               AND (list.auditable IS NULL OR r.auditable = list.auditable)
               AND (NOT list.rootsOnly OR NOT (r)-[:PART_OF]->(:Requirement))
             RETURN list.key AS key, ${REQUIREMENT_FIELDS} AS requirement ORDER BY r.position`,
    params: {
      lists: lists.map((l) => ({
        key: l.key,
        frameworkId: l.frameworkId,
        kind: l.kind ?? null,
        auditable: l.auditable ?? null,
        rootsOnly: l.rootsOnly ?? false,
      })),
    },
  };
}

export function listRequirementsByIds(ids: readonly string[]): Statement<{ requirement: RequirementRow }> {
  return {
    name: 'listRequirementsByIds',
    cypher: `UNWIND $ids AS id MATCH (r:Requirement {id: id}) RETURN ${REQUIREMENT_FIELDS} AS requirement`,
    params: { ids },
  };
}

export function listChildrenByParentIds(ids: readonly string[]): Statement<{ requirement: RequirementRow }> {
  return {
    name: 'listChildrenByParentIds',
    cypher: `UNWIND $ids AS id
             MATCH (r:Requirement)-[:PART_OF]->(:Requirement {id: id})
             WHERE r.current
             RETURN ${REQUIREMENT_FIELDS} AS requirement ORDER BY r.position`,
    params: { ids },
  };
}

export interface SeedFramework {
  id: string;
  name: string;
  title: string;
  version: string;
  publisher: string;
  kind: string;
  edition: string;
  licence: string;
  references: readonly string[];
}

export interface SeedRequirement {
  id: string;
  ref: string;
  title: string | null;
  kind: string;
  auditable: boolean;
  summary: string | null;
  position: number;
  parentId: string | null;
  roles: readonly string[];
  rolesConditional: readonly string[];
  rolesNote: string | null;
}

export function upsertFramework(framework: SeedFramework): Statement<{ id: string }> {
  return {
    name: 'upsertFramework',
    cypher: `MERGE (f:Framework {id: $framework.id})
             SET f.name = $framework.name, f.title = $framework.title, f.version = $framework.version,
                 f.publisher = $framework.publisher, f.kind = $framework.kind, f.edition = $framework.edition,
                 f.licence = $framework.licence, f.references = $framework.references
             RETURN f.id AS id`,
    params: { framework },
  };
}

/**
 * Creates or updates a batch of requirements of one framework version and records their
 * membership of that version (with the heading and place they have in it). Parents are
 * linked separately. Versions are written oldest first and the current one last, so the
 * node keeps the current version's heading.
 */
export function upsertRequirements(
  frameworkId: string,
  versionId: string,
  current: boolean,
  requirements: readonly SeedRequirement[],
): Statement<{ count: number }> {
  return {
    name: 'upsertRequirements',
    cypher: `MATCH (f:Framework {id: $frameworkId})
             MATCH (v:FrameworkVersion {id: $versionId})
             UNWIND $requirements AS item
             MERGE (r:Requirement {id: item.id})
             SET r.frameworkId = $frameworkId, r.ref = item.ref, r.title = item.title, r.kind = item.kind,
                 r.auditable = item.auditable, r.summary = item.summary, r.position = toInteger(item.position),
                 r.roles = item.roles, r.rolesConditional = item.rolesConditional, r.rolesNote = item.rolesNote,
                 r.current = $current OR coalesce(r.current, false)
             MERGE (r)-[:IN_FRAMEWORK]->(f)
             MERGE (r)-[iv:IN_VERSION]->(v)
             SET iv.title = item.title, iv.kind = item.kind, iv.auditable = item.auditable,
                 iv.position = toInteger(item.position), iv.parentId = item.parentId
             RETURN count(r) AS count`,
    params: { frameworkId, versionId, current, requirements },
  };
}

/** Clears the current-version flag of a framework's requirements before its versions are written. */
export function resetCurrentRequirements(frameworkId: string): Statement<{ count: number }> {
  return {
    name: 'resetCurrentRequirements',
    cypher: `MATCH (r:Requirement {frameworkId: $frameworkId}) SET r.current = false RETURN count(r) AS count`,
    params: { frameworkId },
  };
}

export interface SeedFrameworkVersion {
  id: string;
  frameworkId: string;
  version: string;
  current: boolean;
  note: string | null;
  edition: string;
  licence: string;
  references: readonly string[];
}

/** Creates or updates a version and drops its old memberships, which the seed writes anew. */
export function upsertFrameworkVersion(version: SeedFrameworkVersion): Statement<{ id: string }> {
  return {
    name: 'upsertFrameworkVersion',
    cypher: `MATCH (f:Framework {id: $version.frameworkId})
             MERGE (v:FrameworkVersion {id: $version.id})
             SET v += $version
             MERGE (v)-[:VERSION_OF]->(f)
             WITH v
             OPTIONAL MATCH (:Requirement)-[iv:IN_VERSION]->(v)
             DELETE iv
             RETURN DISTINCT v.id AS id`,
    params: { version },
  };
}

/** Removes versions of a framework that the seed no longer has. */
export function pruneFrameworkVersions(
  frameworkId: string,
  keepIds: readonly string[],
): Statement<{ removed: number }> {
  return {
    name: 'pruneFrameworkVersions',
    cypher: `MATCH (v:FrameworkVersion {frameworkId: $frameworkId}) WHERE NOT v.id IN $keepIds
             DETACH DELETE v
             RETURN count(*) AS removed`,
    params: { frameworkId, keepIds },
  };
}

/** Makes PART_OF match the seed exactly: one parent or none for each requirement. */
export function linkRequirementParents(
  frameworkId: string,
  links: readonly { id: string; parentId: string | null }[],
): Statement<{ count: number }> {
  return {
    name: 'linkRequirementParents',
    cypher: `UNWIND $links AS link
             MATCH (r:Requirement {id: link.id})
             OPTIONAL MATCH (r)-[old:PART_OF]->(p:Requirement)
             WHERE link.parentId IS NULL OR p.id <> link.parentId
             DELETE old
             WITH DISTINCT r, link
             OPTIONAL MATCH (parent:Requirement {id: link.parentId, frameworkId: $frameworkId})
             FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | MERGE (r)-[:PART_OF]->(parent))
             RETURN count(r) AS count`,
    params: { frameworkId, links },
  };
}

/**
 * Removes requirements of a framework that the seed no longer lists, unless something
 * other than the catalogue hierarchy points at them; those are returned, not deleted.
 */
export function pruneRequirements(
  frameworkId: string,
  keepIds: readonly string[],
): Statement<{ removed: number; kept: string[] }> {
  return {
    name: 'pruneRequirements',
    cypher: `MATCH (r:Requirement {frameworkId: $frameworkId})
             WHERE NOT r.id IN $keepIds
             WITH r, COUNT { (r)-[rel]-() WHERE NOT type(rel) IN ['PART_OF', 'IN_FRAMEWORK', 'IN_VERSION'] } AS uses
             WITH collect(CASE WHEN uses = 0 THEN r END) AS removable, collect(CASE WHEN uses > 0 THEN r.id END) AS kept
             FOREACH (r IN removable | DETACH DELETE r)
             RETURN size(removable) AS removed, kept`,
    params: { frameworkId, keepIds },
  };
}

export function findSeedState(id: string): Statement<{ checksum: string; loadedAt: string }> {
  return {
    name: 'findSeedState',
    cypher: 'MATCH (s:SeedState {id: $id}) RETURN s.checksum AS checksum, s.loadedAt AS loadedAt',
    params: { id },
  };
}

export function recordSeedState(id: string, checksum: string): Statement<{ id: string }> {
  return {
    name: 'recordSeedState',
    cypher: `MERGE (s:SeedState {id: $id}) SET s.checksum = $checksum, s.loadedAt = datetime() RETURN s.id AS id`,
    params: { id, checksum },
  };
}

/** The versions of many frameworks, oldest first by how the seed lists them (the current last). */
export function listFrameworkVersions(frameworkIds: readonly string[]): Statement<{ version: FrameworkVersionRow }> {
  return {
    name: 'listFrameworkVersions',
    cypher: `UNWIND $frameworkIds AS frameworkId
             MATCH (v:FrameworkVersion {frameworkId: frameworkId})
             RETURN v { .id, .frameworkId, .version, .current, .note, .edition, .licence, .references,
                        requirementCount: COUNT { (:Requirement)-[:IN_VERSION]->(v) } } AS version
             ORDER BY v.current, v.version`,
    params: { frameworkIds },
  };
}

export function listVersionEntries(versionId: string): Statement<{ entry: VersionEntryRow }> {
  return {
    name: 'listVersionEntries',
    cypher: `MATCH (r:Requirement)-[iv:IN_VERSION]->(:FrameworkVersion {id: $versionId})
             RETURN { requirementId: r.id, ref: r.ref, title: iv.title, kind: iv.kind, parentId: iv.parentId,
                      position: iv.position } AS entry
             ORDER BY iv.position`,
    params: { versionId },
  };
}

/** The versions each of many requirements belongs to. */
export function listVersionsOfRequirements(
  ids: readonly string[],
): Statement<{ requirementId: string; versions: string[] }> {
  return {
    name: 'listVersionsOfRequirements',
    cypher: `UNWIND $ids AS id
             MATCH (r:Requirement {id: id})
             RETURN id AS requirementId, [(r)-[:IN_VERSION]->(v:FrameworkVersion) | v.version] AS versions`,
    params: { ids },
  };
}
