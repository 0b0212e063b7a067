import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import * as elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { createSafeExpressions } from '../expressions/safe-expressions.js';
import { MAX_BPMN_BYTES, validateBpmn, type BpmnProblem, type BpmnValidationResult } from './bpmn-validator.js';

const bodies = new Set(['board', 'council', 'hyvinvoinnin-johtoryhma']);
const forms = new Set(['kaari:decision']);

const NS = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  'xmlns:kaari="https://kaari.fi/schema/bpmn/1.0"',
].join(' ');

function definitions(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NS} id="defs" targetNamespace="http://kaari.test">${inner}</bpmn:definitions>`;
}

function diagram(body: string, attrs = 'id="review" name="Review" isExecutable="true"'): string {
  return definitions(`<bpmn:process ${attrs}>${body}</bpmn:process>`);
}

const start = (id = 'start') => `<bpmn:startEvent id="${id}" />`;
const end = (id = 'end') => `<bpmn:endEvent id="${id}" />`;
const userTask = (id: string, attrs = 'camunda:candidateGroups="board"', inner = '') =>
  `<bpmn:userTask id="${id}" name="Task ${id}" ${attrs}>${inner}</bpmn:userTask>`;
const flow = (from: string, to: string, condition?: string, conditionAttrs = 'xsi:type="bpmn:tFormalExpression"') =>
  `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}">${
    condition === undefined ? '' : `<bpmn:conditionExpression ${conditionAttrs}>${condition}</bpmn:conditionExpression>`
  }</bpmn:sequenceFlow>`;
const timer = (kind: string, value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

/** start → element(s) `middle` (first id `a`, last id `b`) → end. */
function between(middle: string, first = 'a', last = first): string {
  return diagram(start() + middle + end() + flow('start', first) + flow(last, 'end'));
}

function problemsOf(result: BpmnValidationResult): BpmnProblem[] {
  if (result.ok) throw new Error('expected the diagram to be refused');
  return result.problems;
}

async function refusal(xml: string, known = bodies, knownForms?: ReadonlySet<string>) {
  return problemsOf(await validateBpmn(xml, known, knownForms));
}

async function expectOnly(xml: string, code: string, elementId?: string | null, knownForms?: ReadonlySet<string>) {
  const problems = await refusal(xml, bodies, knownForms);
  expect(problems.map((p) => p.code)).toEqual([code]);
  if (elementId !== undefined) expect(problems[0].elementId).toBe(elementId);
  expect(problems[0].message).toEqual(expect.any(String));
  return problems[0];
}

async function expectOk(xml: string, knownForms?: ReadonlySet<string>) {
  const result = await validateBpmn(xml, bodies, knownForms);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result;
}

describe('validateBpmn', () => {
  describe('Given a valid review diagram with a rework loop through a user task', () => {
    const xml = diagram(
      start() +
        userTask('prepare', 'camunda:candidateGroups="board, council" camunda:dueDate="P14D" camunda:formKey="kaari:decision"') +
        '<bpmn:exclusiveGateway id="decide" default="decide-end" />' +
        userTask('rework', 'camunda:candidateGroups="hyvinvoinnin-johtoryhma" camunda:dueDate="P10WD"') +
        end() +
        flow('start', 'prepare') +
        flow('prepare', 'decide') +
        flow('decide', 'rework', "${environment.variables.outcome == 'returned'}") +
        flow('decide', 'end') +
        flow('rework', 'prepare'),
    );

    it('When validated, Then it passes with the process id, name and user tasks', async () => {
      const result = await expectOk(xml, forms);
      expect(result.processId).toBe('review');
      expect(result.name).toBe('Review');
      expect(result.userTasks).toEqual([
        { id: 'prepare', name: 'Task prepare', candidateGroups: ['board', 'council'], dueDate: 'P14D', formKey: 'kaari:decision' },
        { id: 'rework', name: 'Task rework', candidateGroups: ['hyvinvoinnin-johtoryhma'], dueDate: 'P10WD', formKey: null },
      ]);
    });

    it('When its moddle context is serialised, Then bpmn-engine runs it to the first user task', async () => {
      const result = await expectOk(xml, forms);
      const sourceContext = serializer(result.moddleContext, TypeResolver(elements as never));
      const engine = new Engine({ name: 'validated', sourceContext: sourceContext, expressions: createSafeExpressions() });
      const waits: string[] = [];
      const listener = new EventEmitter();
      listener.on('activity.wait', (api: { id: string }) => waits.push(api.id));
      await engine.execute({ listener });
      expect(waits).toEqual(['prepare']);
      await engine.stop();
    });

    it('When due dates use a date-time with offset or an expression, Then they pass', async () => {
      for (const due of ['PT2H', '2025-03-01T09:00:00+02:00', '2025-03-01T07:00Z', '${environment.variables.deadline}']) {
        await expectOk(between(userTask('a', `camunda:candidateGroups="board" camunda:dueDate="${due}"`)));
      }
    });

    it('When timers use a duration, a date with offset and a cycle, Then they pass', async () => {
      await expectOk(
        diagram(
          start() +
            userTask('a', 'camunda:candidateGroups="board"') +
            `<bpmn:boundaryEvent id="remind" attachedToRef="a" cancelActivity="false">${timer('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>` +
            `<bpmn:boundaryEvent id="late" attachedToRef="a">${timer('timeDuration', 'P14D')}</bpmn:boundaryEvent>` +
            `<bpmn:intermediateCatchEvent id="wait">${timer('timeDate', '2030-01-01T00:00:00+02:00')}</bpmn:intermediateCatchEvent>` +
            end() +
            end('escalated') +
            end('reminded') +
            flow('start', 'a') +
            flow('a', 'wait') +
            flow('wait', 'end') +
            flow('late', 'escalated') +
            flow('remind', 'reminded'),
        ),
      );
    });

    it('When it uses collaboration, lanes, annotations, data objects and an event subprocess, Then it passes', async () => {
      const xml = definitions(
        '<bpmn:collaboration id="collab"><bpmn:participant id="city" processRef="review" /><bpmn:participant id="citizens" /></bpmn:collaboration>' +
          '<bpmn:message id="msg" name="appeal" />' +
          '<bpmn:process id="review" isExecutable="true">' +
          '<bpmn:laneSet id="lanes"><bpmn:lane id="lane1"><bpmn:flowNodeRef>a</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>' +
          start() +
          userTask('a') +
          end() +
          '<bpmn:dataObject id="doc" /><bpmn:dataObjectReference id="docRef" dataObjectRef="doc" />' +
          '<bpmn:subProcess id="onAppeal" triggeredByEvent="true">' +
          '<bpmn:startEvent id="appealed"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>' +
          userTask('handleAppeal') +
          end('appealHandled') +
          flow('appealed', 'handleAppeal') +
          flow('handleAppeal', 'appealHandled') +
          '</bpmn:subProcess>' +
          flow('start', 'a') +
          flow('a', 'end') +
          '<bpmn:textAnnotation id="note"><bpmn:text>Why ${not} checked</bpmn:text></bpmn:textAnnotation>' +
          '<bpmn:association id="assoc" sourceRef="a" targetRef="note" />' +
          '</bpmn:process>',
      );
      const result = await expectOk(xml);
      expect(result.userTasks.map((t) => t.id)).toEqual(['a', 'handleAppeal']);
    });
  });

  describe('Given hostile or malformed XML', () => {
    it('When larger than 2 MB, Then it is refused as too-large', async () => {
      const padding = `<!-- ${'x'.repeat(3 * 1024 * 1024)} -->`;
      expect(MAX_BPMN_BYTES).toBe(2 * 1024 * 1024);
      await expectOnly(between(userTask('a')) + padding, 'too-large', null);
    });

    it('When it is a billion-laughs document, Then it is refused before parsing', async () => {
      const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<bpmn:definitions ${NS} id="defs"><bpmn:process id="p" name="&lol9;" isExecutable="true" /></bpmn:definitions>`;
      await expectOnly(laughs, 'xml-doctype', null);
    });

    it('When it declares an external entity, Then it is refused without being resolved', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions ${NS} id="defs"><bpmn:process id="p" name="&xxe;" isExecutable="true" /></bpmn:definitions>`;
      const problem = await expectOnly(xxe, 'xml-doctype', null);
      expect(problem.message).not.toMatch(/root:/);
    });

    it('When 10,000 subProcesses are nested, Then it is refused as too deep without crashing', async () => {
      const n = 10_000;
      let open = '';
      for (let i = 0; i < n; i++) open += `<bpmn:subProcess id="s${i}">`;
      await expectOnly(diagram(start() + open + '</bpmn:subProcess>'.repeat(n) + end()), 'xml-too-deep', null);
    });

    it('When 10,000 extension tags are nested, Then it is refused as too deep', async () => {
      const deep = `<bpmn:extensionElements>${'<x:a xmlns:x="urn:x">'.repeat(10_000)}${'</x:a>'.repeat(10_000)}</bpmn:extensionElements>`;
      await expectOnly(between(userTask('a', 'camunda:candidateGroups="board"', deep)), 'xml-too-deep', null);
    });

    it('When attribute values contain ">" and "/", Then the depth scan is not fooled', async () => {
      const tasks = Array.from({ length: 150 }, (_, i) => `<bpmn:task id="t${i}" name="a > b / c" />`).join('');
      const chain = Array.from({ length: 149 }, (_, i) => flow(`t${i}`, `t${i + 1}`)).join('');
      await expectOk(diagram(start() + tasks + end() + chain + flow('start', 't0') + flow('t149', 'end')));
    });

    it('When it is not well-formed, Then it is xml-invalid', async () => {
      await expectOnly(`<bpmn:definitions ${NS} id="d"><bpmn:process id="p"></bpmn:definitions>`, 'xml-invalid', null);
      await expectOnly('not xml at all', 'xml-invalid', null);
      await expectOnly('', 'xml-invalid', null);
    });

    it('When the root is not BPMN definitions, Then it is xml-invalid', async () => {
      await expectOnly('<html><body>hi</body></html>', 'xml-invalid', null);
    });

    it('When an element is unknown, Then it is unknown-element', async () => {
      await expectOnly(between('<bpmn:fooTask id="x" />' + userTask('a')), 'unknown-element');
    });

    it('When a camunda attribute is misspelt, Then it is unknown-element on that task', async () => {
      const problems = await refusal(between(userTask('a', 'camunda:candidateGroups="board" camunda:dueDat="P1D"')));
      expect(problems).toEqual([expect.objectContaining({ code: 'unknown-element', elementId: 'a' })]);
    });

    it('When a flow points at a missing element, Then it is unresolved-reference', async () => {
      const problems = await refusal(between(userTask('a') + flow('a', 'ghost')));
      expect(problems.map((p) => p.code)).toContain('unresolved-reference');
    });
  });

  describe('Given the process declarations', () => {
    it('When no process is executable, Then it is not-executable', async () => {
      await expectOnly(diagram(start() + end() + flow('start', 'end'), 'id="review" isExecutable="false"'), 'not-executable', null);
    });

    it('When two processes are executable, Then it is not-executable', async () => {
      const body = (n: string) => start(`s${n}`) + end(`e${n}`) + flow(`s${n}`, `e${n}`);
      const xml = definitions(
        `<bpmn:process id="one" isExecutable="true">${body('1')}</bpmn:process><bpmn:process id="two" isExecutable="true">${body('2')}</bpmn:process>`,
      );
      await expectOnly(xml, 'not-executable', null);
    });

    it('When the process id is not a safe key, Then it is invalid-process-id', async () => {
      await expectOnly(diagram(start() + end() + flow('start', 'end'), 'id="_1-review" isExecutable="true"'), 'invalid-process-id', '_1-review');
    });
  });

  describe('Given code in the diagram', () => {
    it('When a scriptTask is used, even in a non-executable process, Then it is script-task', async () => {
      const xml = definitions(
        `<bpmn:process id="review" isExecutable="true">${start() + end() + flow('start', 'end')}</bpmn:process>` +
          '<bpmn:process id="other" isExecutable="false"><bpmn:scriptTask id="evil" scriptFormat="javascript"><bpmn:script>process.exit()</bpmn:script></bpmn:scriptTask></bpmn:process>',
      );
      await expectOnly(xml, 'script-task', 'evil');
    });

    it('When a condition has a script language, Then it is scripted-condition', async () => {
      const xml = between('<bpmn:exclusiveGateway id="a" default="a-end" />', 'a').replace(
        flow('a', 'end'),
        flow('a', 'end') + userTask('x') + flow('a', 'x', 'next(null, true)', 'xsi:type="bpmn:tFormalExpression" language="javascript"') + flow('x', 'end'),
      );
      await expectOnly(xml, 'scripted-condition', 'a-x');
    });

    it('When a condition is not a formal expression, Then it is scripted-condition', async () => {
      const xml = between('<bpmn:exclusiveGateway id="a" default="a-end" />').replace(
        flow('a', 'end'),
        flow('a', 'end') + userTask('x') + flow('a', 'x', '${environment.variables.ok}', '') + flow('x', 'end'),
      );
      await expectOnly(xml, 'scripted-condition', 'a-x');
    });

    it('When a condition is plain text, Then it is invalid-condition', async () => {
      const xml = between('<bpmn:exclusiveGateway id="a" default="a-end" />').replace(
        flow('a', 'end'),
        flow('a', 'end') + userTask('x') + flow('a', 'x', 'false') + flow('x', 'end'),
      );
      await expectOnly(xml, 'invalid-condition', 'a-x');
    });

    it.each([
      [
        'a condition reaching constructor',
        (x: string) =>
          between('<bpmn:exclusiveGateway id="a" default="a-end" />').replace(
            flow('a', 'end'),
            flow('a', 'end') + userTask('x') + flow('a', 'x', x) + flow('x', 'end'),
          ),
        'a-x',
      ],
      ['a dueDate reaching services', (x: string) => between(userTask('a', `camunda:candidateGroups="board" camunda:dueDate="${x}"`)), 'a'],
      [
        'a timer reaching services',
        (x: string) => between(`<bpmn:intermediateCatchEvent id="a">${timer('timeDuration', x)}</bpmn:intermediateCatchEvent>`),
        'a',
      ],
    ])('When %s is used, Then it is unsafe-expression', async (_name, build, elementId) => {
      await expectOnly(build("${environment.services.constructor.constructor('return process')()}"), 'unsafe-expression', elementId);
    });

    it('When candidateGroups holds an unsafe expression, Then it is unsafe-expression', async () => {
      const problems = await refusal(between(userTask('a', 'camunda:candidateGroups="${environment.variables.__proto__}"')));
      expect(problems.map((p) => p.code)).toContain('unsafe-expression');
      // Expressions are not resolved in candidateGroups at run time, so even a safe one names no body.
      expect((await refusal(between(userTask('a', 'camunda:candidateGroups="${environment.variables.body}"')))).map((p) => p.code)).toEqual(['unknown-body']);
    });

    it('When a camunda task listener is attached, Then it is unsupported-element', async () => {
      const listener =
        '<bpmn:extensionElements><camunda:taskListener event="create"><camunda:script scriptFormat="javascript">x</camunda:script></camunda:taskListener></bpmn:extensionElements>';
      const problems = await refusal(between(userTask('a', 'camunda:candidateGroups="board"', listener)));
      expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['unsupported-element']));
      expect(problems[0].elementId).toBe('a');
    });
  });

  describe('Given elements outside the allow-list', () => {
    it.each([
      ['serviceTask', '<bpmn:serviceTask id="a" camunda:class="org.example.Evil" />'],
      ['sendTask', '<bpmn:sendTask id="a" />'],
      ['businessRuleTask', '<bpmn:businessRuleTask id="a" />'],
      ['receiveTask', '<bpmn:receiveTask id="a" />'],
      ['callActivity', '<bpmn:callActivity id="a" calledElement="other" />'],
      ['complexGateway', '<bpmn:complexGateway id="a" />'],
      ['transaction', `<bpmn:transaction id="a">${start('s') + end('e') + flow('s', 'e')}</bpmn:transaction>`],
      [
        'conditional catch event',
        '<bpmn:intermediateCatchEvent id="a"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${environment.variables.x}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>',
      ],
      ['catch event without definition', '<bpmn:intermediateCatchEvent id="a" />'],
      ['escalation throw event', '<bpmn:intermediateThrowEvent id="a"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>'],
    ])('When a %s is used, Then it is unsupported-element', async (_name, element) => {
      const problems = await refusal(between(element));
      expect(problems.map((p) => p.code)).toEqual(['unsupported-element']);
      expect(problems[0].elementId).toBe('a');
    });

    it('When an inclusive gateway is used, Then it is refused because it does not join', async () => {
      const xml = diagram(
        start() +
          '<bpmn:inclusiveGateway id="split" /><bpmn:inclusiveGateway id="join" />' +
          userTask('x') +
          userTask('y') +
          end() +
          flow('start', 'split') +
          flow('split', 'x', '${environment.variables.x}') +
          flow('split', 'y', '${environment.variables.y}') +
          flow('x', 'join') +
          flow('y', 'join') +
          flow('join', 'end'),
      );
      const problems = await refusal(xml);
      expect(problems.map((p) => [p.code, p.elementId])).toEqual([
        ['unsupported-element', 'split'],
        ['unsupported-element', 'join'],
      ]);
      expect(problems[0].message).toMatch(/does not join/);
    });
  });

  describe('Given user task attributes', () => {
    it('When candidateGroups is missing, Then it is missing-candidate-body', async () => {
      await expectOnly(between(userTask('a', '')), 'missing-candidate-body', 'a');
      await expectOnly(between(userTask('a', 'camunda:candidateGroups=" , "')), 'missing-candidate-body', 'a');
    });

    it('When a candidate body does not exist, Then it is unknown-body', async () => {
      const problem = await expectOnly(between(userTask('a', 'camunda:candidateGroups="board,nobody"')), 'unknown-body', 'a');
      expect(problem.message).toMatch(/nobody/);
    });

    it('When no module keeps a directory of candidate groups, Then any group passes, and an expression there still does not', async () => {
      expect((await validateBpmn(between(userTask('a', 'camunda:candidateGroups="anyone,nobody"')), null)).ok).toBe(true);
      expect(
        problemsOf(await validateBpmn(between(userTask('a', 'camunda:candidateGroups="${environment.variables.body}"')), null)).map((p) => p.code),
      ).toEqual(['unknown-body']);
    });

    it('When the form key is not known, Then it is unknown-form, and without a form list it passes', async () => {
      const xml = between(userTask('a', 'camunda:candidateGroups="board" camunda:formKey="kaari:missing"'));
      await expectOnly(xml, 'unknown-form', 'a', forms);
      await expectOk(xml);
    });

    it.each(['tomorrow', 'P', 'PT', '2025-03-01T09:00:00', '14'])('When dueDate is %p, Then it is invalid-due-date', async (due) => {
      await expectOnly(between(userTask('a', `camunda:candidateGroups="board" camunda:dueDate="${due}"`)), 'invalid-due-date', 'a');
    });

    it.each([
      ['timeDuration', '1 hour'],
      ['timeDuration', 'P10WD'],
      ['timeDate', '2030-01-01T00:00:00'],
      ['timeCycle', '0 0 * * *'],
      ['timeCycle', 'R/PT1H'],
    ])('When %s is %p, Then it is invalid-timer', async (kind, value) => {
      await expectOnly(between(`<bpmn:intermediateCatchEvent id="a">${timer(kind, value)}</bpmn:intermediateCatchEvent>`), 'invalid-timer', 'a');
    });

    it('When a timer has no definition value, Then it is invalid-timer', async () => {
      await expectOnly(between('<bpmn:intermediateCatchEvent id="a"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>'), 'invalid-timer', 'a');
    });
  });

  describe('Given a user task handled at a meeting (kaari:handledAt)', () => {
    it('When it names one body, Then it passes, whatever prefix the Kaari namespace has', async () => {
      await expectOk(between(userTask('a', 'camunda:candidateGroups="board" kaari:handledAt="meeting"')));
      await expectOk(between(userTask('a', 'xmlns:k="https://kaari.fi/schema/bpmn/1.0" camunda:candidateGroups="board" k:handledAt="meeting"')));
    });

    it.each(['Meeting', 'person', ''])('When its value is %p, Then it is invalid-handled-at on the task', async (value) => {
      const problem = await expectOnly(between(userTask('a', `camunda:candidateGroups="board" kaari:handledAt="${value}"`)), 'invalid-handled-at', 'a');
      expect(problem.message).toContain('"meeting"');
    });

    it.each([
      ['a start event', '<bpmn:startEvent id="start" kaari:handledAt="meeting" />' + userTask('a') + end() + flow('start', 'a') + flow('a', 'end'), 'start'],
      ['an exclusive gateway', start() + '<bpmn:exclusiveGateway id="g" kaari:handledAt="meeting" />' + end() + flow('start', 'g') + flow('g', 'end'), 'g'],
      [
        'a subProcess',
        start() +
          `<bpmn:subProcess id="s" kaari:handledAt="meeting">${start('inner-start')}${userTask('inner')}${end('inner-end')}${flow('inner-start', 'inner')}${flow('inner', 'inner-end')}</bpmn:subProcess>` +
          end() +
          flow('start', 's') +
          flow('s', 'end'),
        's',
      ],
      ['a manual task', start() + '<bpmn:manualTask id="m" kaari:handledAt="meeting" />' + end() + flow('start', 'm') + flow('m', 'end'), 'm'],
    ])('When it is on %s, Then it is invalid-handled-at there, not an unknown attribute', async (_, body, id) => {
      const problem = await expectOnly(diagram(body), 'invalid-handled-at', id);
      expect(problem.message).toMatch(/user task only/);
    });

    it('When it is misspelt, Then it is unknown-element as any misspelt attribute', async () => {
      await expectOnly(between(userTask('a', 'camunda:candidateGroups="board" kaari:handledat="meeting"')), 'unknown-element', 'a');
    });

    it('When it names two bodies, Then it is meeting-task-one-body, naming both', async () => {
      const problem = await expectOnly(
        between(userTask('a', 'camunda:candidateGroups="board, council" kaari:handledAt="meeting"')),
        'meeting-task-one-body',
        'a',
      );
      expect(problem.message).toMatch(/board, council/);
      // The same two bodies on a task a person completes are fine.
      await expectOk(between(userTask('a', 'camunda:candidateGroups="board, council"')));
    });

    it('When it names no body, Then it is missing-candidate-body alone', async () => {
      await expectOnly(between(userTask('a', 'kaari:handledAt="meeting"')), 'missing-candidate-body', 'a');
    });
  });

  describe('Given names translated into Swedish and English (kaari:nameSv, kaari:nameEn)', () => {
    it('When the process, a task, a gateway, a flow and an event carry them, Then the diagram passes and every name comes back with its translations', async () => {
      const xml = diagram(
        '<bpmn:startEvent id="start" name="Alku" kaari:nameSv="Start" />' +
          userTask('a', 'camunda:candidateGroups="board" kaari:nameSv="Beslut" kaari:nameEn="Decision"') +
          '<bpmn:exclusiveGateway id="g" name="Hyväksytty?" kaari:nameEn="Approved?" default="g-end" />' +
          end() +
          flow('start', 'a') +
          flow('a', 'g') +
          '<bpmn:sequenceFlow id="g-end" name="Kyllä" kaari:nameSv="Ja" kaari:nameEn="Yes" sourceRef="g" targetRef="end" />',
        'id="review" name="Katselmointi" kaari:nameSv="Granskning" kaari:nameEn="Review" isExecutable="true"',
      );
      const result = await expectOk(xml);
      expect(result.names).toEqual([
        { id: 'review', name: 'Katselmointi', sv: 'Granskning', en: 'Review' },
        { id: 'start', name: 'Alku', sv: 'Start', en: null },
        { id: 'a', name: 'Task a', sv: 'Beslut', en: 'Decision' },
        { id: 'g', name: 'Hyväksytty?', sv: null, en: 'Approved?' },
        { id: 'g-end', name: 'Kyllä', sv: 'Ja', en: 'Yes' },
      ]);
    });

    it('When a translation is misspelt, Then it is unknown-element on its element', async () => {
      await expectOnly(between(userTask('a', 'camunda:candidateGroups="board" kaari:nameSwe="Beslut"')), 'unknown-element', 'a');
    });
  });

  describe('Given patterns bpmn-engine runs wrongly', () => {
    it('When a parallel join is fed through an exclusive gateway, Then it is parallel-join-via-exclusive', async () => {
      const xml = diagram(
        start() +
          '<bpmn:parallelGateway id="fork" /><bpmn:exclusiveGateway id="merge" /><bpmn:parallelGateway id="join" />' +
          userTask('x') +
          userTask('y') +
          userTask('z') +
          end() +
          flow('start', 'fork') +
          flow('fork', 'x') +
          flow('fork', 'y') +
          flow('fork', 'z') +
          flow('x', 'merge') +
          flow('y', 'merge') +
          flow('merge', 'join') +
          flow('z', 'join') +
          flow('join', 'end'),
      );
      await expectOnly(xml, 'parallel-join-via-exclusive', 'join');
    });

    it('When a loop has no wait state, Then it is loop-without-wait', async () => {
      const xml = diagram(
        start() +
          '<bpmn:task id="count" /><bpmn:exclusiveGateway id="again" default="again-end" />' +
          end() +
          flow('start', 'count') +
          flow('count', 'again') +
          flow('again', 'count', '${environment.variables.more}') +
          flow('again', 'end'),
      );
      const problem = await expectOnly(xml, 'loop-without-wait', 'count');
      expect(problem.message).toMatch(/count, again/);
    });

    it('When a loop passes a subProcess that can finish without waiting, Then it is loop-without-wait', async () => {
      const inner = (waitOrNot: string) =>
        `<bpmn:subProcess id="sub">${start('s') + waitOrNot + end('e')}` +
        '<bpmn:exclusiveGateway id="skip" default="skip-w" />' +
        flow('s', 'skip') +
        flow('skip', 'w') +
        flow('skip', 'e', '${environment.variables.skip}') +
        flow('w', 'e') +
        '</bpmn:subProcess>';
      const around = (sub: string) =>
        diagram(
          start() +
            sub +
            '<bpmn:exclusiveGateway id="again" default="again-end" />' +
            end() +
            flow('start', 'sub') +
            flow('sub', 'again') +
            flow('again', 'sub', '${environment.variables.more}') +
            flow('again', 'end'),
        );
      await expectOnly(around(inner(userTask('w'))), 'loop-without-wait', 'sub');
      const alwaysWaits = inner(userTask('w')).replace(
        flow('skip', 'e', '${environment.variables.skip}'),
        flow('skip', 'w', '${environment.variables.skip}').replace('skip-w', 'skip-w2'),
      );
      await expectOk(around(alwaysWaits));
    });

    it('When a loop is closed by a timer or message catch, Then it passes', async () => {
      const xml = diagram(
        start() +
          `<bpmn:intermediateCatchEvent id="tick">${timer('timeDuration', 'P1D')}</bpmn:intermediateCatchEvent>` +
          '<bpmn:task id="check" /><bpmn:exclusiveGateway id="done" default="done-tick" />' +
          end() +
          flow('start', 'tick') +
          flow('tick', 'check') +
          flow('check', 'done') +
          flow('done', 'tick') +
          flow('done', 'end', '${environment.variables.ready}'),
      );
      await expectOk(xml);
    });

    it('When there is no start event, Then it is no-start-event', async () => {
      const problems = await refusal(diagram(userTask('a') + end() + flow('a', 'end')));
      expect(problems.map((p) => p.code)).toEqual(['no-start-event']);
    });

    it('When there is no end event, Then it is no-end-event', async () => {
      await expectOnly(diagram(start() + userTask('a') + flow('start', 'a')), 'no-end-event', 'review');
    });

    it('When an element cannot be reached from a start event, Then it is unreachable', async () => {
      const problems = await refusal(between(userTask('a') + userTask('island') + userTask('lost') + flow('island', 'lost')));
      expect(problems.map((p) => [p.code, p.elementId])).toEqual([
        ['unreachable', 'island'],
        ['unreachable', 'lost'],
      ]);
    });
  });
});
