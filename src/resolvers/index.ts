import type { Resolvers } from '../generated/resolvers.js';
import { authResolvers } from './auth.js';
import { baseResolvers } from './base.js';
import { changesResolvers } from './changes.js';
import { coverageResolvers } from './coverage.js';
import { catalogueResolvers } from './catalogue.js';
import { crosswalkResolvers } from './crosswalk.js';
import { exchangeResolvers } from './exchange.js';
import { obligationsResolvers } from './obligations.js';
import { oscalResolvers } from './oscal.js';
import { syncResolvers } from './sync.js';
import { organisationResolvers } from './organisation.js';
import { traceabilityResolvers } from './traceability.js';

/** Every domain's resolvers, merged type by type. */
export function createResolvers(): Resolvers {
  const parts: Resolvers[] = [
    baseResolvers,
    catalogueResolvers,
    crosswalkResolvers,
    exchangeResolvers,
    organisationResolvers,
    traceabilityResolvers,
    coverageResolvers,
    obligationsResolvers,
    changesResolvers,
    syncResolvers,
    oscalResolvers,
    authResolvers,
  ];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}
