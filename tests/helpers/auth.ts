/**
 * Credentials for tests: HS256 bearer tokens signed with a secret the test service is
 * configured with, so a test can act in any role without touching the key store (and
 * even while Neo4j is down).
 */
import { SignJWT } from 'jose';

export type TestRole = 'VIEWER' | 'EDITOR' | 'INTEGRATOR' | 'ADMIN';

export const TEST_JWT = {
  secret: 'aims-graph-test-secret-0123456789abcdef-0123456789abcdef',
  issuer: 'https://issuer.test.invalid/',
  audience: 'aims-graph-test',
} as const;

/** The variables that configure `npm start` (src/main.ts) to accept testToken()'s tokens. */
export const TEST_AUTH_ENV: Readonly<Record<string, string>> = {
  AUTH_JWT_SECRET: TEST_JWT.secret,
  AUTH_JWT_ISSUER: TEST_JWT.issuer,
  AUTH_JWT_AUDIENCE: TEST_JWT.audience,
};

/** A signed token for `subject` in `role`, valid for an hour unless `claims` say otherwise. */
export async function testToken(
  role: TestRole = 'ADMIN',
  subject = `test-${role.toLowerCase()}`,
  claims: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({ roles: [role], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(TEST_JWT.issuer)
    .setAudience(TEST_JWT.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT.secret));
}

/** The Authorization header for testToken(role). */
export async function authHeaders(role: TestRole = 'ADMIN'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken(role)}` };
}
