import { KaariLogger } from './logger.js';
import { runInContext } from './request-context.js';

/** A logger writing into memory, as pino writes to stdout: one string per line. */
function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = new KaariLogger('json', level, 'api', { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('KaariLogger', () => {
  it('writes one JSON line per event: time, level, app, context, the fields and msg', () => {
    const { logger, lines, parsed } = capture();
    logger.event('info', 'task.completed', { taskId: 't-1', instanceId: 'i-1' }, 'TaskService');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(lines[0].trimEnd()).not.toContain('\n');
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'info', app: 'api', context: 'TaskService', msg: 'task.completed', taskId: 't-1', instanceId: 'i-1' });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('never writes a password, token, secret, authorization or cookie, however deep or whatever case', () => {
    const { logger, lines, parsed } = capture();
    logger.event(
      'warn',
      'careless.call',
      {
        password: 'hunter2-password',
        newPassword: 'hunter3-password',
        accessToken: 'eyJ.access.token',
        user: { name: 'maija', Authorization: 'Bearer eyJ.bearer', profile: { clientSecret: 's3cr3t-value', cookies: ['sid=cookie-value'] } },
        attempts: [{ username: 'ville', passwd: 'passwd-value', pass: 'pass-value' }],
        deep: { a: { b: { c: { d: { token: 'deep-token-value' } } } } },
      },
      'Careless',
    );
    const text = lines.join('');
    for (const secret of [
      'hunter2-password',
      'hunter3-password',
      'eyJ.access.token',
      'eyJ.bearer',
      's3cr3t-value',
      'cookie-value',
      'passwd-value',
      'pass-value',
      'deep-token-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    const [line] = parsed();
    expect(line).toMatchObject({
      password: '[redacted]',
      newPassword: '[redacted]',
      accessToken: '[redacted]',
      user: { name: 'maija', Authorization: '[redacted]', profile: { clientSecret: '[redacted]', cookies: '[redacted]' } },
    });
    expect((line.attempts as Array<Record<string, unknown>>)[0]).toMatchObject({ username: 'ville', pass: '[redacted]' });
  });

  it('writes an error as its name and message, not its stack or its own fields', () => {
    const { logger, parsed } = capture();
    const error = Object.assign(new Error('connection refused'), { config: { password: 'in-the-error' } });
    logger.event('error', 'smtp.failed', { error }, 'Mailer');
    const [line] = parsed();
    expect(line.error).toEqual({ name: 'Error', message: 'connection refused' });
    expect(JSON.stringify(line)).not.toContain('in-the-error');
  });

  it('adds the correlation id of the request or job being served, unless the event names one', () => {
    const { logger, parsed } = capture();
    runInContext({ correlationId: 'req-12345678' }, () => {
      logger.event('info', 'inside', {});
      logger.event('info', 'explicit', { correlationId: 'other-1234' });
    });
    logger.event('info', 'outside', {});
    const [inside, explicit, outside] = parsed();
    expect(inside.correlationId).toBe('req-12345678');
    expect(explicit.correlationId).toBe('other-1234');
    expect(outside).not.toHaveProperty('correlationId');
  });

  it('drops events below its level', () => {
    const { logger, parsed } = capture('warn');
    logger.event('info', 'quiet', {});
    logger.event('debug', 'quieter', {});
    logger.event('warn', 'said', {});
    expect(parsed().map((l) => l.msg)).toEqual(['said']);
  });

  it("writes Nest's own lines (nestjs-pino) the same way, redacted", () => {
    const { logger, parsed } = capture();
    const nest = logger.nestLogger();
    nest.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    nest.warn({ msg: 'odd', token: 'nest-token-value' }, 'Somewhere');
    const [mapped, odd] = parsed();
    expect(mapped).toMatchObject({ level: 'info', app: 'api', context: 'RouterExplorer', msg: 'Mapped {/api/health, GET} route' });
    expect(odd).toMatchObject({ level: 'warn', context: 'Somewhere', token: '[redacted]' });
  });
});
