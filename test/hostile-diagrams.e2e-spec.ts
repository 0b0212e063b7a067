import { startApi, type TestApi } from './support/api.js';
import { minimalBpmn } from './support/process.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>`;
const DEFS = (body: string) =>
  `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">${body}</bpmn:definitions>`;
const PROCESS = (inner: string) =>
  DEFS(
    `<bpmn:process id="hostile" isExecutable="true"><bpmn:startEvent id="start" /><bpmn:userTask id="task" camunda:candidateGroups="muutosryhma" /><bpmn:endEvent id="end" />${inner}</bpmn:process>`,
  );

const HOSTILE: Array<[name: string, xml: string, code: RegExp]> = [
  ['malformed XML', `${HEAD}<bpmn:definitions><bpmn:process`, /xml-invalid/],
  ['not BPMN at all', `${HEAD}<html><body>hello</body></html>`, /xml-invalid|not-executable/],
  [
    'an external entity',
    `${HEAD}<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${PROCESS('<bpmn:documentation>&xxe;</bpmn:documentation>')}`,
    /xml-doctype/,
  ],
  [
    'entity expansion (billion laughs)',
    `${HEAD}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>${PROCESS('<bpmn:documentation>&lol3;</bpmn:documentation>')}`,
    /xml-doctype/,
  ],
  ['deep nesting', `${HEAD}${DEFS('<bpmn:documentation>'.repeat(5000) + '</bpmn:documentation>'.repeat(5000))}`, /xml-too-deep|xml-invalid/],
  [
    'a script task',
    `${HEAD}${PROCESS('<bpmn:scriptTask id="s" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="s" /><bpmn:sequenceFlow id="f2" sourceRef="s" targetRef="task" /><bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="end" />')}`,
    /script-task/,
  ],
  [
    'a scripted condition',
    `${HEAD}${PROCESS('<bpmn:exclusiveGateway id="g" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" /><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="task"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">next(null, process.exit(1))</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="end" />')}`,
    /scripted-condition/,
  ],
  [
    'an expression reaching constructor',
    `${HEAD}${PROCESS('<bpmn:exclusiveGateway id="g" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" /><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="task"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${environment.variables.constructor.constructor}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="end" />')}`,
    /unsafe-expression/,
  ],
  [
    'a service task calling host code',
    `${HEAD}${PROCESS('<bpmn:serviceTask id="svc" implementation="${environment.services.constructor.constructor}" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="svc" /><bpmn:sequenceFlow id="f2" sourceRef="svc" targetRef="task" /><bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="end" />')}`,
    /unsupported-element|unsafe-expression/,
  ],
  [
    'a loop without a wait state',
    `${HEAD}${PROCESS('<bpmn:exclusiveGateway id="a" /><bpmn:exclusiveGateway id="b" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" /><bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" /><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="a" /><bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="task" /><bpmn:sequenceFlow id="f5" sourceRef="task" targetRef="end" />')}`,
    /loop-without-wait/,
  ],
  [
    'an inclusive gateway',
    `${HEAD}${PROCESS('<bpmn:inclusiveGateway id="i" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="i" /><bpmn:sequenceFlow id="f2" sourceRef="i" targetRef="task" /><bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="end" />')}`,
    /unsupported-element/,
  ],
];

describe('Hostile diagrams are refused without harming the server', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  for (const [name, xml, code] of HOSTILE) {
    it(`refuses ${name} with 422 and the reason`, async () => {
      const res = await api.admin.post('/api/definitions', xml);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { code: string }) => e.code).join(' ')).toMatch(code);
      expect((await api.anonymous.get('/api/health')).status).toBe(200);
    });
  }

  it('refuses a huge diagram with 413 before parsing it', async () => {
    const huge = minimalBpmn('huge', { extra: `<bpmn:documentation>${'x'.repeat(3 * 1024 * 1024)}</bpmn:documentation>` });
    const res = await api.admin.post('/api/definitions', huge);
    expect(res.status).toBe(413);
    expect((await api.admin.get('/api/definitions/huge')).status).toBe(404);
  });

  it('stores none of them', async () => {
    const list = await api.admin.get('/api/definitions');
    expect(list.body.map((d: { key: string }) => d.key)).not.toContain('hostile');
  });
});
