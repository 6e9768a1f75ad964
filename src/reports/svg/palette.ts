/**
 * The colours the report pictures share, chosen to stay apart in print and for the
 * common colour-vision deficiencies (ColorBrewer's diverging and qualitative schemes);
 * every picture also names its categories in a legend, so colour is never the only cue.
 */
import type { CoverageStatus, Relationship } from '../generated/graphql.js';

export const STATUS_ORDER: readonly CoverageStatus[] = [
  'COVERED',
  'COVERED_VIA_CROSSWALK',
  'PARTIAL',
  'GAP',
  'NOT_APPLICABLE',
];

export const STATUS_COLOUR: Readonly<Record<CoverageStatus, string>> = {
  COVERED: '#1a7f37',
  COVERED_VIA_CROSSWALK: '#2b8cbe',
  PARTIAL: '#e08214',
  GAP: '#c51b2a',
  NOT_APPLICABLE: '#8c8c8c',
};

export const STATUS_LABEL: Readonly<Record<CoverageStatus, string>> = {
  COVERED: 'Covered',
  COVERED_VIA_CROSSWALK: 'Covered via crosswalk',
  PARTIAL: 'Partial',
  GAP: 'Gap',
  NOT_APPLICABLE: 'Not applicable',
};

export const RELATIONSHIP_ORDER: readonly Relationship[] = [
  'EQUAL',
  'SUBSET_OF',
  'SUPERSET_OF',
  'INTERSECTS_WITH',
  'NO_RELATIONSHIP',
];

export const RELATIONSHIP_COLOUR: Readonly<Record<Relationship, string>> = {
  EQUAL: '#1a7f37',
  SUBSET_OF: '#2166ac',
  SUPERSET_OF: '#762a83',
  INTERSECTS_WITH: '#e08214',
  NO_RELATIONSHIP: '#b0b0b0',
};

export const RELATIONSHIP_LABEL: Readonly<Record<Relationship, string>> = {
  EQUAL: 'Equal',
  SUBSET_OF: 'Subset of (the column asks for more)',
  SUPERSET_OF: 'Superset of (the row asks for more)',
  INTERSECTS_WITH: 'Intersects with',
  NO_RELATIONSHIP: 'No relationship (checked)',
};

/** One colour per framework line, in a fixed order. */
export const SERIES_COLOURS: readonly string[] = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#a6761d',
  '#666666',
];

/** Black or white, whichever reads better on `hex` at `opacity` over white. */
export function inkOn(hex: string, opacity = 1): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number): number => 255 - (255 - ((n >> shift) & 0xff)) * opacity;
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  return luminance < 150 ? '#ffffff' : '#1f1f1f';
}

/** rel(A, B) read as "A is … B". */
export const RELATIONSHIP_PHRASE: Readonly<Record<Relationship, string>> = {
  EQUAL: 'equal to',
  SUBSET_OF: 'a subset of',
  SUPERSET_OF: 'a superset of',
  INTERSECTS_WITH: 'intersecting with',
  NO_RELATIONSHIP: 'unrelated to',
};
