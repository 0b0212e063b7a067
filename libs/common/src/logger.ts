import type { LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie/i;

/** Drops values whose key looks secret, so a careless log call cannot leak a password or token. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/**
 * One JSON line per event in production (LOG_FORMAT=json), a readable line on a
 * developer's terminal. Callers pass ids and facts, never payloads.
 */
export class KaariLogger implements LoggerService {
  constructor(
    private readonly format: 'json' | 'pretty' = 'json',
    private readonly level: Level = 'info',
    private readonly app = 'kaari',
  ) {}

  private write(level: Level, message: unknown, context?: string, fields?: Record<string, unknown>): void {
    if (order[level] < order[this.level]) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      app: this.app,
      ...(context ? { context } : {}),
      msg: typeof message === 'string' ? message : (message as Error)?.message ?? String(message),
      ...(fields ? (redact(fields) as object) : {}),
    };
    const stream = order[level] >= order.warn ? process.stderr : process.stdout;
    if (this.format === 'json') {
      stream.write(JSON.stringify(entry) + '\n');
    } else {
      const { time, msg, ...rest } = entry;
      const extra = Object.keys(rest).length > 2 ? ' ' + JSON.stringify({ ...rest, level: undefined, app: undefined }) : '';
      stream.write(`${time} ${level.toUpperCase().padEnd(5)} ${context ? `[${context}] ` : ''}${msg}${extra}\n`);
    }
  }

  /** Structured event: `logger.event('info', 'task.completed', { taskId })`. */
  event(level: Level, msg: string, fields: Record<string, unknown>, context?: string): void {
    this.write(level, msg, context, fields);
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
}
