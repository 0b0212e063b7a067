import { parentPort } from 'node:worker_threads';
import { checkDiagram, type DiagramCheck, type DiagramCheckRequest } from './diagram-check.js';

/*
 * The body of the diagram check thread (diagram-checks.ts owns it): parses and validates one
 * uploaded diagram at a time, off the event loop that serves HTTP. A check that runs past its
 * time or memory limit is ended by terminating this thread.
 */

export type DiagramCheckMessage = DiagramCheckRequest & { id: number };
export type DiagramCheckReply = { id: number; result: DiagramCheck } | { id: number; error: string };

parentPort!.on('message', (message: DiagramCheckMessage) => {
  void checkDiagram(message).then(
    (result) => parentPort!.postMessage({ id: message.id, result } satisfies DiagramCheckReply),
    (error) => parentPort!.postMessage({ id: message.id, error: String((error as Error)?.message ?? error) } satisfies DiagramCheckReply),
  );
});
