/**
 * Diagrams for tests, drawn the way a reader follows them: from the start event along the flow.
 * Each element is joined to the one before it by a sequence flow (f1, f2, … in the order drawn);
 * `from(id)` lifts the pen to an element drawn earlier, and an id drawn again is that same element,
 * so two paths meet at it (a join, a shared end event, a loop back):
 *
 *   bpmn('review').start().userTask('review', { body: 'muutosryhma', due: 'PT1S' }).end().xml()
 *
 *   bpmn('dead-end').start().userTask('choose', { body: 'muutosryhma' }).exclusiveGateway('route')
 *     .when("${environment.variables.choice == 'a'}").end('end-a')
 *     .from('route').when("${environment.variables.choice == 'b'}").end('end-b')
 *
 *   bpmn('chase').start().userTask('review', { body: 'h-owner' }).end()
 *     .from('review').boundaryTimer('chase', { cycle: 'R3/PT1S' }, { interrupting: false }).userTask('follow-up', { body: 'h-owner' }).end('chased')
 */

export interface UserTaskOptions {
  name?: string;
  /** The body that holds the task (camunda:candidateGroups). */
  body?: string;
  /** camunda:dueDate: an ISO duration such as PT1S or P10WD, or a date. */
  due?: string;
  /** camunda:formKey, such as kaari:council-decision. */
  form?: string;
}

export type TimerDefinition = { duration: string } | { date: string } | { cycle: string };

interface Element {
  kind: string;
  xml: string;
}

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escape(value!)}"`)
    .join('');
}

function timer(definition: TimerDefinition): string {
  const [[kind, value]] = Object.entries(definition);
  const tag = { duration: 'timeDuration', date: 'timeDate', cycle: 'timeCycle' }[kind as 'duration' | 'date' | 'cycle'];
  return `<bpmn:timerEventDefinition><bpmn:${tag}>${escape(value)}</bpmn:${tag}></bpmn:timerEventDefinition>`;
}

export class ProcessBuilder {
  private readonly elements = new Map<string, Element>();
  private readonly flows: string[] = [];
  private readonly extras: string[] = [];
  /** Where the pen is: the element the next one is joined to. */
  private at: string | null = null;
  private condition: string | null = null;

  constructor(
    private readonly id: string,
    private readonly name?: string,
  ) {}

  start(id = 'start'): this {
    return this.draw(id, 'startEvent', `<bpmn:startEvent id="${escape(id)}" />`);
  }

  userTask(id: string, options: UserTaskOptions = {}): this {
    const attrs = attributes({
      id,
      name: options.name,
      'camunda:candidateGroups': options.body,
      'camunda:dueDate': options.due,
      'camunda:formKey': options.form,
    });
    return this.draw(id, 'userTask', `<bpmn:userTask${attrs} />`);
  }

  /** An intermediate timer catch event: the instance waits here. */
  timer(id: string, definition: TimerDefinition): this {
    return this.draw(id, 'intermediateCatchEvent', `<bpmn:intermediateCatchEvent id="${escape(id)}">${timer(definition)}</bpmn:intermediateCatchEvent>`);
  }

  /** A timer on the activity the pen is at; the pen moves to it, so what follows is the path it starts. */
  boundaryTimer(id: string, definition: TimerDefinition, options: { interrupting?: boolean } = {}): this {
    if (!this.at) throw new Error(`boundary timer ${id} has no activity to sit on`);
    const attrs = attributes({ id, attachedToRef: this.at, cancelActivity: String(options.interrupting ?? true) });
    this.add(id, 'boundaryEvent', `<bpmn:boundaryEvent${attrs}>${timer(definition)}</bpmn:boundaryEvent>`);
    this.at = id;
    return this;
  }

  exclusiveGateway(id: string): this {
    return this.draw(id, 'exclusiveGateway', `<bpmn:exclusiveGateway id="${escape(id)}" />`);
  }

  parallelGateway(id: string): this {
    return this.draw(id, 'parallelGateway', `<bpmn:parallelGateway id="${escape(id)}" />`);
  }

  end(id = 'end'): this {
    return this.draw(id, 'endEvent', `<bpmn:endEvent id="${escape(id)}" />`);
  }

  /** The next flow is taken only when this expression holds, e.g. "${environment.variables.choice == 'a'}". */
  when(expression: string): this {
    this.condition = expression;
    return this;
  }

  /** Lifts the pen to an element drawn earlier: the next element starts another path from it. */
  from(id: string): this {
    if (!this.elements.has(id)) throw new Error(`no element ${id} to draw from`);
    this.at = id;
    return this;
  }

  /** Elements written as they are, for what the builder does not draw (a script task a test expects refused). */
  raw(xml: string): this {
    if (xml) this.extras.push(xml);
    return this;
  }

  xml(): string {
    const body = [...[...this.elements.values()].map((e) => e.xml), ...this.extras, ...this.flows].map((line) => `    ${line}`).join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="defs-${escape(this.id)}" targetNamespace="https://kaari.fi/test">
  <bpmn:process${attributes({ id: this.id, name: this.name })} isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
  }

  private draw(id: string, kind: string, xml: string): this {
    const known = this.elements.get(id);
    // Drawn again, an element is named by its id alone (or drawn exactly as before).
    if (known && (known.kind !== kind || (known.xml !== xml && xml !== `<bpmn:${kind} id="${escape(id)}" />`)))
      throw new Error(`${id} is drawn again as something else`);
    if (!known) this.add(id, kind, xml);
    if (this.at) this.flow(this.at, id);
    else if (kind !== 'startEvent' && !known) throw new Error(`${id} is not joined to anything: start with start() or from()`);
    this.at = kind === 'endEvent' ? null : id;
    return this;
  }

  private add(id: string, kind: string, xml: string): void {
    if (this.elements.has(id)) throw new Error(`${id} is drawn twice`);
    this.elements.set(id, { kind, xml });
  }

  private flow(source: string, target: string): void {
    const attrs = attributes({ id: `f${this.flows.length + 1}`, sourceRef: source, targetRef: target });
    const condition = this.condition;
    this.condition = null;
    this.flows.push(
      condition === null
        ? `<bpmn:sequenceFlow${attrs} />`
        : `<bpmn:sequenceFlow${attrs}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
  }
}

/** A process to draw; `xml()` gives the diagram to deploy. */
export function bpmn(id: string, options: { name?: string } = {}): ProcessBuilder {
  return new ProcessBuilder(id, options.name);
}
