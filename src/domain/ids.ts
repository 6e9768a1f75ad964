/** The stable ids of catalogue records, made from what names them. Pure. */

/** The stable id of a framework version. */
export const frameworkVersionId = (frameworkId: string, version: string): string => `${frameworkId}@${version}`;

/** The stable id of a requirement: its framework and its reference. */
export const requirementId = (frameworkId: string, ref: string): string => `${frameworkId}:${ref}`;
