/**
 * The peer: @neo4j/graphql serving its own type definitions over the same graph, for
 * the two operations it can express (the nested navigation and the paged list). It
 * needs no APOC for these: its APOC calls are for authorization rules and lists of
 * DateTime values, which these type definitions do not use.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';
import { nestedFingerprint, NESTED_FIRST, PAGE_SIZE } from './operations.js';

const TYPE_DEFS = /* GraphQL */ `
  type AISystem @node(labels: ["AISystem"]) {
    id: ID!
    name: String!
    risks: [Risk!]! @relationship(type: "RAISED_ON", direction: IN)
  }
  type Risk @node {
    id: ID!
    title: String!
    mitigatedBy: [Control!]! @relationship(type: "MITIGATES", direction: IN)
  }
  type Control @node {
    id: ID!
    name: String!
    status: String
    evidence: [Evidence!]! @relationship(type: "SUPPORTS", direction: IN)
  }
  type Evidence @node {
    id: ID!
    title: String!
    evidenceType: String
    validUntil: Date
  }
`;

export interface PeerOperation {
  readonly name: string;
  readonly document: string;
  variables(after: { key: string; id: string }): Record<string, unknown>;
  fingerprint(data: unknown): unknown;
}

interface PeerSystem {
  id: string;
  risks: { id: string; mitigatedBy: { id: string; evidence: { id: string }[] }[] }[];
}

export const PEER_OPERATIONS: readonly PeerOperation[] = [
  {
    name: 'nested navigation',
    document: `query SystemRiskControlEvidence($first: Int!) {
      aiSystems(limit: $first, sort: [{ name: ASC }, { id: ASC }]) {
        id
        name
        risks { id title mitigatedBy { id name status evidence { id title } } }
      }
    }`,
    variables: () => ({ first: NESTED_FIRST }),
    fingerprint: (data) => nestedFingerprint((data as { aiSystems: PeerSystem[] }).aiSystems),
  },
  {
    // Its cursors are offsets, so the third page is the one after the 200th item.
    name: 'paged list',
    document: `query EvidencePage($first: Int!, $after: String) {
      evidencesConnection(first: $first, after: $after, sort: [{ title: ASC }, { id: ASC }]) {
        totalCount
        edges { cursor node { id title evidenceType validUntil } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    variables: () => ({
      first: PAGE_SIZE,
      after: Buffer.from(`arrayconnection:${2 * PAGE_SIZE - 1}`).toString('base64'),
    }),
    fingerprint: (data) => {
      const e = (
        data as {
          evidencesConnection: {
            totalCount: number;
            edges: { node: { id: string } }[];
            pageInfo: { hasNextPage: boolean };
          };
        }
      ).evidencesConnection;
      return { total: e.totalCount, ids: e.edges.map((x) => x.node.id), more: e.pageInfo.hasNextPage };
    },
  },
];

/** Starts the peer on a free port; resolves with its URL and a stop function. */
export async function startPeer(driver: Driver, database: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => ({ sessionConfig: { database } }),
  });
  return { url: url.replace(/\/$/, ''), stop: () => server.stop() };
}
