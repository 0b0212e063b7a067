import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { KaariLogger } from '@kaari/common/logger.js';
import type { AuthedRequest } from './auth.guard.js';

/** The path without its query string, which may carry a one-time code or a state (OIDC callback). */
const pathOf = (req: IncomingMessage) => ((req as AuthedRequest).originalUrl ?? req.url ?? '').split('?')[0];

/**
 * One `request.completed` (or `request.aborted`) line per request (pino-http), with the correlation id, method,
 * path, status and time taken — never headers, query strings or bodies. Mounted right after
 * the correlation id, so requests refused by the body parsers and the input guard are logged
 * too; health checks are not.
 */
export function requestLog(logger: KaariLogger) {
  const fields = (req: IncomingMessage, res: ServerResponse, value: object) => ({
    method: req.method,
    path: pathOf(req),
    status: res.statusCode,
    responseTime: (value as { responseTime?: number }).responseTime,
  });
  return pinoHttp({
    logger: logger.pino,
    genReqId: (req) => (req as AuthedRequest).correlationId ?? randomUUID(),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    // The child logger pino-http builds for every request serialises this, even when quiet.
    serializers: { req: (req: IncomingMessage) => ({ method: req.method, path: pathOf(req) }) },
    autoLogging: { ignore: (req) => pathOf(req) === '/api/health' },
    // Info whatever the status: a 500 is reported, with its cause, as request.failed (problem.filter.ts).
    useLevel: 'info',
    customSuccessMessage: (req, res) => (!req.readableAborted && res.writableEnded ? 'request.completed' : 'request.aborted'),
    customErrorMessage: () => 'request.completed',
    customSuccessObject: fields,
    customErrorObject: (req, res, _error, value) => fields(req, res, value),
  });
}
