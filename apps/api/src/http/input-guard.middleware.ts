import type { NextFunction, Request, Response } from 'express';
import { badInput } from '@kaari/common/errors.js';
import { assertSafeInput, isUnsafeText, type InputLimits } from '@kaari/common/input-limits.js';

/**
 * The one gate every request passes after its body is parsed and before any route, guard, pipe
 * or validator reads it: the path, the query string and the body are refused with 400 when they
 * nest or spread past the limits (class-transformer recurses, and would overflow the stack) or
 * hold text PostgreSQL cannot store (a NUL character, a lone surrogate).
 */
export function inputGuard(limits: InputLimits) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    try {
      assertSafePath(req.path);
      assertSafeInput(req.query, limits, 'query');
      if (req.body !== undefined) assertSafeInput(req.body, limits, 'body');
    } catch (error) {
      return next(error);
    }
    next();
  };
}

function assertSafePath(path: string): void {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw badInput('path is not valid percent-encoded UTF-8', [{ path: 'path', code: 'unsafe-text', message: 'is not valid percent-encoded UTF-8' }]);
    }
    if (isUnsafeText(decoded))
      throw badInput('path contains a NUL character or a lone surrogate', [
        { path: 'path', code: 'unsafe-text', message: 'contains a NUL character or a lone surrogate' },
      ]);
  }
}
