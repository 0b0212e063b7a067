import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorCode, type ProblemItem } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { limitProblem } from '@kaari/common/upload-limits.js';

function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'INVALID_BPMN':
    case 'INVALID_FORM_DATA':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'LIMIT_EXCEEDED':
      return 422;
    case 'TOO_LARGE':
      return 413;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    default: {
      const unmapped: never = code;
      return unmapped;
    }
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

interface Problem {
  status: number;
  detail: string;
  errors?: ProblemItem[];
  retryAfter?: number;
}

/** The one place errors become HTTP: RFC 9457 problem+json, with the request's correlation id, never a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: KaariLogger) {}

  private classify(error: unknown): Problem {
    if (error instanceof DomainError) {
      return {
        status: statusOf(error.code),
        detail: error.message,
        errors: error.problems.length ? error.problems : undefined,
        retryAfter: error.retryAfterSeconds,
      };
    }
    // body-parser's refusal (which Nest wraps in an HttpException): from its Content-Length before it was read, or as it streamed in past the limit.
    const tooLarge = (error instanceof HttpException ? error.cause : error) as { type?: string; limit?: number } | undefined;
    if (tooLarge?.type === 'entity.too.large' && typeof tooLarge.limit === 'number') {
      const item = limitProblem({ limit: 'bytes', max: tooLarge.limit, counts: 'bytes of the request body', path: 'body', setting: 'API_BODY_LIMIT' });
      return { status: 413, detail: `The request body has ${item.message}`, errors: [item] };
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return { status: error.getStatus(), detail: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message };
    }
    const e = error as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
    const status = e.status ?? e.statusCode;
    // body-parser reports oversized and malformed bodies as plain errors with a status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        e.type === 'entity.too.large'
          ? 'The request body is too large'
          : e.type === 'entity.parse.failed'
            ? 'The request body is not valid JSON'
            : 'The request could not be read';
      return { status, detail };
    }
    if (e.code && UNAVAILABLE_CODES.has(e.code)) return { status: 503, detail: 'The database is not reachable; try again shortly', retryAfter: 5 };
    if (typeof e.message === 'string' && /Connection terminated|connect ECONNREFUSED/i.test(e.message)) {
      return { status: 503, detail: 'The database is not reachable; try again shortly', retryAfter: 5 };
    }
    // pg-pool says this both when no connection can be made and when every pooled one stayed busy.
    if (typeof e.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message)) {
      return { status: 503, detail: 'The database is busy or not reachable; try again shortly', retryAfter: 5 };
    }
    return { status: 500, detail: 'An unexpected error occurred; it has been logged with the correlation id' };
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { correlationId?: string }>();
    const res = ctx.getResponse<Response>();
    const problem = this.classify(error);
    const correlationId = req.correlationId ?? null;
    if (problem.status === 500) {
      this.logger.event(
        'error',
        'request.failed',
        {
          correlationId,
          method: req.method,
          path: req.path,
          status: problem.status,
          error: (error as Error)?.message,
          stack: (error as Error)?.stack?.split('\n').slice(0, 6).join(' | '),
        },
        'ProblemFilter',
      );
    } else if (problem.status === 503) {
      this.logger.event('warn', 'request.unavailable', { correlationId, method: req.method, path: req.path, detail: problem.detail }, 'ProblemFilter');
    }
    if (res.headersSent) return;
    if (problem.retryAfter) res.setHeader('Retry-After', String(problem.retryAfter));
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: TITLES[problem.status] ?? 'Error',
          status: problem.status,
          detail: problem.detail,
          instance: req.originalUrl?.split('?')[0],
          correlationId,
          ...(problem.errors ? { errors: problem.errors } : {}),
        }),
      );
  }
}
