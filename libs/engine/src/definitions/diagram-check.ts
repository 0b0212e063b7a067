import { serializeSource } from '../runtime/bpmn-libs.js';
import { validateBpmn, type BpmnName, type BpmnProblem, type BpmnUserTask } from './bpmn-validator.js';

/** A diagram checked as a deploy needs it: plain data, so it can cross from the thread that made it. */
export type DiagramCheck =
  | {
      ok: true;
      processId: string;
      name: string | null;
      userTasks: BpmnUserTask[];
      names: BpmnName[];
      startFormKey: string | null;
      sourceContext: string | null;
    }
  | { ok: false; problems: BpmnProblem[] };

export interface DiagramCheckRequest {
  xml: string;
  /** The candidate groups user tasks may name; null when no module keeps a directory of them. */
  bodies: string[] | null;
  forms: string[] | null;
  /** A deploy needs the serialised context the engine runs from; a lint does not. */
  withSource: boolean;
}

/** Validates the diagram and, for a deploy, serialises it for the engine: the whole CPU-bound part of a deploy. */
export async function checkDiagram(request: DiagramCheckRequest): Promise<DiagramCheck> {
  const result = await validateBpmn(request.xml, request.bodies ? new Set(request.bodies) : null, request.forms ? new Set(request.forms) : undefined);
  if (!result.ok) return { ok: false, problems: result.problems };
  return {
    ok: true,
    processId: result.processId,
    name: result.name,
    userTasks: result.userTasks,
    names: result.names,
    startFormKey: findStartFormKey(result.moddleContext),
    sourceContext: request.withSource ? await serializeSource(result.moddleContext) : null,
  };
}

function findStartFormKey(moddleContext: unknown): string | null {
  const elements = Object.values((moddleContext as { elementsById?: Record<string, any> }).elementsById ?? {});
  const start = elements.find((e) => e?.$type === 'bpmn:StartEvent' && e.$parent?.$type === 'bpmn:Process');
  return typeof start?.formKey === 'string' ? start.formKey : null;
}
