import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthedRequest } from './auth.guard.js';

const SAFE_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Gives every request a correlation id (kept from X-Correlation-Id when sane) that logs and errors carry. */
export function correlationId(req: AuthedRequest, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  req.correlationId = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', req.correlationId);
  next();
}
