import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger, type Params } from 'nestjs-pino';
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import { currentContext } from './request-context.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie/i;
const MAX_DEPTH = 4;

/** Drops values whose key looks secret, so a careless log call cannot leak a password or token. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Date) return value;
  // Deeper than any event needs: cut rather than let a secret through unexamined.
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const require = createRequire(import.meta.url);
let prettyLoader: ((options: PrettyOptions) => DestinationStream) | null | undefined;
let prettyMissingSaid = false;

/** pino-pretty is a development dependency: an installation without it logs JSON instead. */
function loadPretty(): ((options: PrettyOptions) => DestinationStream) | null {
  if (prettyLoader === undefined) {
    try {
      prettyLoader = require('pino-pretty') as (options: PrettyOptions) => DestinationStream;
    } catch {
      prettyLoader = null;
    }
  }
  return prettyLoader;
}

const streams: Partial<Record<LogFormat, DestinationStream>> = {};

/** `debug` and `info` to stdout, `warn` and `error` to stderr; written synchronously, so a crash loses no line. */
function processStreams(format: LogFormat): DestinationStream {
  const cached = streams[format];
  if (cached) return cached;
  const pretty = format === 'pretty' ? loadPretty() : null;
  const to = (fd: 1 | 2): DestinationStream =>
    pretty
      ? pretty({
          destination: fd,
          sync: true,
          singleLine: true,
          errorLikeObjectKeys: ['err'],
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'app,context',
          messageFormat: '{if context}[{context}] {end}{msg}',
        })
      : pino.destination({ dest: fd, sync: true });
  const stream = pino.multistream(
    [
      { level: 'trace', stream: to(1) },
      { level: 'warn', stream: to(2) },
    ],
    { dedupe: true },
  );
  return (streams[format] = stream);
}

/**
 * The process's structured log, on pino: one JSON line per event in production
 * (LOG_FORMAT=json), a readable line on a developer's terminal (pino-pretty). Callers pass
 * ids and facts, never payloads; fields whose names look secret are redacted, and the
 * correlation id of the request or job being served is added to every event.
 */
export class KaariLogger {
  readonly pino: Logger;
  private readonly nest: Params;

  constructor(format: LogFormat = 'json', level: LogLevel = 'info', app = 'kaari', destination?: DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { app },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
          level: (label) => ({ level: label }),
          log: (fields) => redact(fields) as Record<string, unknown>,
        },
      },
      destination ?? processStreams(format),
    );
    if (format === 'pretty' && !destination && !loadPretty() && !prettyMissingSaid) {
      prettyMissingSaid = true;
      this.event('warn', 'log.pretty-unavailable', { fallback: 'json' }, 'KaariLogger');
    }
    // useExisting: the api mounts its own request logger (request-log.middleware.ts) in front of
    // everything, and nestjs-pino binds that request's logger for Nest's own lines.
    this.nest = { pinoHttp: { logger: this.pino }, useExisting: true };
  }

  /** Structured event: `logger.event('info', 'task.completed', { taskId })`. */
  event(level: LogLevel, msg: string, fields: Record<string, unknown>, context?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const correlationId = currentContext()?.correlationId;
    const line = correlationId && !('correlationId' in fields) ? { correlationId, ...fields } : fields;
    this.pino[level](context ? { context, ...line } : line, msg);
  }

  /** What nestjs-pino's LoggerModule is configured with. */
  get nestParams(): Params {
    return this.nest;
  }

  /** Nest's own log lines (start-up, routes, errors it catches), through this logger. */
  nestLogger(): LoggerService {
    return new NestPinoLogger(new PinoLogger(this.nest), this.nest);
  }
}
