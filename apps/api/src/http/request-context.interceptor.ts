import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runInContext } from '@kaari/common/request-context.js';
import type { AuthedRequest } from './auth.guard.js';

/**
 * Runs the handler inside the request's context (actor, correlation id, client address),
 * which the audit trail reads. An interceptor rather than a middleware: it runs after the
 * guard has found the actor and after the body parsers, whose stream callbacks would lose it.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const context = { correlationId: req.correlationId ?? null, actor: req.actor, address: req.ip };
    return new Observable((subscriber) => runInContext(context, () => next.handle().subscribe(subscriber)));
  }
}
