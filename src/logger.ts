import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Structured logs on stdout: JSON for machines, or pino-pretty's lines on a terminal.
 * Secrets in headers are never written.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  isTTY = Boolean(process.stdout.isTTY),
): Logger {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTTY);
  return pino({
    level: config.logLevel,
    base: { service: 'aims-graph' },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' },
          },
        }
      : {}),
  });
}
