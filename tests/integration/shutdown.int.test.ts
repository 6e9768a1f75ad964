/**
 * `npm start` (src/main.ts) on SIGTERM, as a real process on the test Neo4j: a request
 * that is in flight when the signal arrives still completes, new connections are
 * refused, and the process closes the driver only after the last request, then exits 0.
 */
import http from 'node:http';
import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { authHeaders, TEST_AUTH_ENV } from '../helpers/auth.js';
import { launchService } from '../helpers/service-process.js';

/** Resolves once a TCP connection opens, rejects with the socket error otherwise. */
function connect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('npm start on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, closes the driver after it, and exits 0', async () => {
    const service = launchService({
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_DATABASE: inject('neo4jDatabase'),
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      // The graph is migrated and seeded by the test setup; this process only serves it.
      SEED_ON_START: 'false',
      DEMO_ON_START: 'false',
      ...TEST_AUTH_ENV,
    });
    try {
      let url: URL | undefined;
      await expect
        .poll(
          () => {
            const ready = service.lines().find((line) => line.msg.startsWith('aims-graph ready: '));
            url = ready === undefined ? undefined : new URL(/(http:\/\/\S+)\/graphql/.exec(ready.msg)![1]!);
            return url;
          },
          { timeout: 45_000, interval: 200 },
        )
        .toBeDefined();
      const port = Number(url!.port);

      // A request whose body is half sent: it is in flight until the rest arrives.
      const body = Buffer.from(JSON.stringify({ query: '{ frameworks { id } }' }));
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...(await authHeaders()),
        },
      });
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        request.once('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        });
        request.once('error', reject);
      });
      const half = Math.floor(body.length / 2);
      request.write(body.subarray(0, half));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the server has its headers and half the body

      service.child.kill('SIGTERM');
      await expect
        .poll(() => service.lines().some((line) => line.msg === 'shutting down'), { timeout: 10_000, interval: 50 })
        .toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));

      // Draining: the listening socket is closed while the request in flight is waited for.
      await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(service.lines().some((line) => line.msg === 'neo4j driver closed')).toBe(false);

      request.end(body.subarray(half));
      const answer = await response;
      expect(answer.status).toBe(200);
      const parsed = JSON.parse(answer.text) as { data?: { frameworks: { id: string }[] }; errors?: unknown };
      expect(parsed.errors).toBeUndefined();
      expect(parsed.data?.frameworks.length).toBeGreaterThan(0);

      const exit = await service.exited;
      expect([exit.code, exit.signal]).toEqual([0, null]);
      const messages = service.lines().map((line) => line.msg);
      const served = service
        .lines()
        .findIndex((line) => line.msg === 'request' && line.url === '/graphql' && line.status === 200);
      const order = ['shutting down', 'requests drained, http server closed', 'neo4j driver closed', 'stopped'].map(
        (msg) => messages.indexOf(msg),
      );
      expect(
        order.every((index) => index >= 0),
        `log: ${messages.join(' | ')}`,
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // The request in flight was answered before the driver it needed was closed.
      expect(served > order[0]! && served < order[2]!, `log: ${messages.join(' | ')}`).toBe(true);
      expect(service.lines().filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
    }
  }, 90_000);
});
