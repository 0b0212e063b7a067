import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Engine } from 'bpmn-engine';
import { checkExpression, createSafeExpressions, ExpressionError, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './safe-expressions.js';

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');

function contextWith(variables: Record<string, unknown>, message: Record<string, unknown> = {}) {
  return { environment: { variables, output: { total: 7 }, services: { fn: () => 'ran' } }, ...message };
}

function errorOf(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error('expected an ExpressionError');
}

describe('safe expressions', () => {
  const expressions = createSafeExpressions();
  const resolve = (text: string, ctx: unknown = contextWith({})) => expressions.resolveExpression(text, ctx);

  describe('Given variables set by a completed task', () => {
    const ctx = contextWith({ outcome: 'returned', count: 3, approved: true, items: ['a', 'b', 'c'], nested: { 'x y': { z: 1 } } });

    it('When compared with == and !=, Then they compare strictly', () => {
      expect(resolve("${environment.variables.outcome == 'returned'}", ctx)).toBe(true);
      expect(resolve("${environment.variables.outcome != 'returned'}", ctx)).toBe(false);
      expect(resolve('${environment.variables.count == 3}', ctx)).toBe(true);
      expect(resolve("${environment.variables.count == '3'}", ctx)).toBe(false);
      expect(resolve('${environment.variables.count === 3}', ctx)).toBe(true);
      expect(resolve('${environment.variables.count !== 3}', ctx)).toBe(false);
    });

    it('When compared by order, Then numbers and strings compare and mixed types are false', () => {
      expect(resolve('${environment.variables.count > 2}', ctx)).toBe(true);
      expect(resolve('${environment.variables.count >= 3}', ctx)).toBe(true);
      expect(resolve('${environment.variables.count < -1.5}', ctx)).toBe(false);
      expect(resolve('${environment.variables.count <= 3}', ctx)).toBe(true);
      expect(resolve("${environment.variables.outcome < 'z'}", ctx)).toBe(true);
      expect(resolve("${environment.variables.count < '10'}", ctx)).toBe(false);
    });

    it('When combined with && || ! and parentheses, Then logic follows precedence', () => {
      expect(resolve("${environment.variables.approved && environment.variables.outcome == 'returned'}", ctx)).toBe(true);
      expect(resolve('${!environment.variables.approved || environment.variables.count == 3}', ctx)).toBe(true);
      expect(resolve('${!(environment.variables.approved && false)}', ctx)).toBe(true);
      expect(resolve('${false || true && false}', ctx)).toBe(false);
      expect(resolve("${environment.variables.missing || 'fallback'}", ctx)).toBe('fallback');
    });

    it('When read by path, index and quoted name, Then the raw value is returned', () => {
      expect(resolve('${environment.variables.items}', ctx)).toEqual(['a', 'b', 'c']);
      expect(resolve('${environment.variables.items[0]}', ctx)).toBe('a');
      expect(resolve('${environment.variables.items[-1]}', ctx)).toBe('c');
      expect(resolve("${environment.variables.nested['x y'].z}", ctx)).toBe(1);
      expect(resolve("${environment.variables['count']}", ctx)).toBe(3);
      expect(resolve('${environment.output.total}', ctx)).toBe(7);
    });

    it('When the message content and properties are read, Then they resolve', () => {
      const withMessage = contextWith({}, { content: { id: 'task1', output: { ok: true } }, properties: { type: 'x' } });
      expect(resolve('${content.output.ok}', withMessage)).toBe(true);
      expect(resolve("${properties.type == 'x'}", withMessage)).toBe(true);
    });

    it('When a literal is the whole expression, Then it is typed', () => {
      expect(resolve('${true}')).toBe(true);
      expect(resolve('${null}')).toBeNull();
      expect(resolve('${ 42 }')).toBe(42);
      expect(resolve("${'it\\'s \"x\"\\n\\u0041'}")).toBe('it\'s "x"\nA');
      expect(resolve('${"}"}')).toBe('}');
    });
  });

  describe('Given a variable that is not set', () => {
    it('When read or walked into, Then it is undefined and comparisons are false', () => {
      expect(resolve('${environment.variables.outcome}')).toBeUndefined();
      expect(resolve('${environment.variables.a.b[2].c}')).toBeUndefined();
      expect(resolve("${environment.variables.outcome == 'returned'}")).toBe(false);
      expect(resolve('${environment.variables.count > 0}')).toBe(false);
      expect(resolve('${environment.variables.x}', undefined)).toBeUndefined();
    });

    it('When inherited members are named, Then they are not found', () => {
      expect(resolve('${environment.variables.toString}')).toBeUndefined();
      expect(resolve('${environment.variables.hasOwnProperty}')).toBeUndefined();
    });
  });

  describe('Given a template with surrounding text', () => {
    const ctx = contextWith({ name: 'Lasten hyvinvointi', n: 2, missing: undefined, list: [1, 2] });

    it('When interpolated, Then values become text and undefined becomes empty', () => {
      expect(resolve('Päätös: ${environment.variables.name} (${environment.variables.n})', ctx)).toBe('Päätös: Lasten hyvinvointi (2)');
      expect(resolve('${environment.variables.n}${environment.variables.n}', ctx)).toBe('22');
      expect(resolve('[${environment.variables.missing}]', ctx)).toBe('[]');
      expect(resolve('list=${environment.variables.list}', ctx)).toBe('list=[1,2]');
    });

    it('When there is no expression, Then the text is returned unchanged', () => {
      expect(resolve('PT1H')).toBe('PT1H');
      expect(expressions.resolveExpression(undefined as never)).toBeUndefined();
    });

    it('When asked isExpression and hasExpression, Then a whole expression differs from a template', () => {
      expect(expressions.isExpression('${environment.variables.a}')).toBe(true);
      expect(expressions.isExpression('${a} ${b}')).toBe(false);
      expect(expressions.isExpression('x ${a}')).toBe(false);
      expect(expressions.hasExpression('x ${a}')).toBe(true);
      expect(expressions.hasExpression('P14D')).toBe(false);
      expect(expressions.hasExpression('')).toBe(false);
    });
  });

  describe('Given expressions that reach outside the data', () => {
    const forbidden: Array<[string, string]> = [
      ['constructor', "${environment.variables.constructor.constructor('return process')()}"],
      ['constructor on a value', '${environment.variables.a.constructor}'],
      ['__proto__', '${environment.variables.__proto__}'],
      ['quoted __proto__', "${environment.variables['__proto__'].x}"],
      ['prototype', '${content.prototype}'],
      ['services', '${environment.services.fn}'],
      ['services constructor', "${environment.services.constructor.constructor('x')}"],
      ['bare environment', '${environment}'],
      ['environment settings', '${environment.settings.x}'],
      ['process', '${process.env.HOME}'],
      ['globalThis', '${globalThis.process}'],
      ['unknown root', '${variables.outcome}'],
      ['unknown root in template', 'Hello ${fields.routingKey}'],
    ];

    it.each(forbidden)('When %s is used, Then it resolves to EXPRESSION_FORBIDDEN and checkExpression says why', (_name, text) => {
      const ctx = contextWith({ a: {} }, { content: {} });
      expect(errorOf(() => resolve(text, ctx)).code).toBe('EXPRESSION_FORBIDDEN');
      expect(checkExpression(text)).toEqual(expect.any(String));
    });

    it.each([
      ['a call on a variable', '${environment.variables.fn()}'],
      ['a call with arguments', "${environment.variables.list.join(',')}"],
      ['a call on a literal', "${'x'()}"],
      ['a parenthesised call', '${(environment.variables.fn)()}'],
    ])('When %s is written, Then it is a syntax error', (_name, text) => {
      const err = errorOf(() => resolve(text, contextWith({ fn: () => 'ran', list: [] })));
      expect(err.code).toBe('EXPRESSION_SYNTAX');
      expect(err.message).toMatch(/Function calls are not allowed/);
    });

    it('When a plain object holds a function, Then reading it is refused', () => {
      expect(errorOf(() => resolve('${environment.variables.fn}', contextWith({ fn: () => 'ran' }))).code).toBe('EXPRESSION_FORBIDDEN');
    });

    it('When walking into a class instance, Then it is refused', () => {
      expect(errorOf(() => resolve('${environment.variables.when.getTime}', contextWith({ when: new Date() }))).code).toBe('EXPRESSION_FORBIDDEN');
    });

    it('When a getter is on a variable, Then it never runs', () => {
      let ran = false;
      const vars = {
        get secret() {
          ran = true;
          return 'x';
        },
      };
      expect(resolve('${environment.variables.secret}', contextWith(vars))).toBeUndefined();
      expect(ran).toBe(false);
    });
  });

  describe('Given malformed or oversized expressions', () => {
    it.each([
      ['unterminated', '${environment.variables.a'],
      ['empty', '${}'],
      ['assignment', '${environment.variables.a = 1}'],
      ['dangling operator', '${environment.variables.a ==}'],
      ['unknown character', '${environment.variables.a + 1}'],
      ['unterminated string', "${'abc}"],
      ['expression index', '${environment.variables.a[environment.variables.i]}'],
      ['bad escape', "${'\\x41'}"],
    ])('When %s, Then it is EXPRESSION_SYNTAX', (_name, text) => {
      expect(errorOf(() => resolve(text)).code).toBe('EXPRESSION_SYNTAX');
      expect(checkExpression(text)).toEqual(expect.any(String));
    });

    it(`When nested deeper than ${MAX_EXPRESSION_DEPTH} levels, Then it is rejected`, () => {
      const deep = `\${${'('.repeat(MAX_EXPRESSION_DEPTH + 1)}true${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}}`;
      expect(errorOf(() => resolve(deep)).message).toMatch(/nested deeper/);
      expect(errorOf(() => resolve(`\${${'!'.repeat(MAX_EXPRESSION_DEPTH + 1)}true}`)).code).toBe('EXPRESSION_SYNTAX');
      const ok = `\${${'('.repeat(MAX_EXPRESSION_DEPTH)}true${')'.repeat(MAX_EXPRESSION_DEPTH)}}`;
      expect(resolve(ok)).toBe(true);
    });

    it('When thousands of parentheses are sent, Then the parser stops without overflowing', () => {
      expect(errorOf(() => resolve(`\${${'('.repeat(500)}`)).code).toBe('EXPRESSION_SYNTAX');
    });

    it(`When longer than ${MAX_EXPRESSION_LENGTH} characters, Then it is rejected`, () => {
      const long = `\${environment.variables.${'a'.repeat(MAX_EXPRESSION_LENGTH)}}`;
      expect(errorOf(() => resolve(long)).code).toBe('EXPRESSION_SYNTAX');
      expect(checkExpression(long)).toMatch(/longer than/);
    });

    it('When checkExpression gets a safe expression or plain text, Then it returns null', () => {
      expect(checkExpression("${environment.variables.outcome == 'returned'}")).toBeNull();
      expect(checkExpression('P14D')).toBeNull();
    });
  });

  describe('Given a bpmn-engine run with the safe expressions', () => {
    const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://kaari.test">
  <process id="review" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toGateway" sourceRef="start" targetRef="gateway" />
    <exclusiveGateway id="gateway" default="toApproved" />
    <sequenceFlow id="toReturned" sourceRef="gateway" targetRef="returned">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.outcome == 'returned'}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toApproved" sourceRef="gateway" targetRef="approved" />
    <endEvent id="returned" />
    <endEvent id="approved" />
  </process>
</definitions>`;

    async function run(variables: Record<string, unknown>): Promise<string[]> {
      const engine = new Engine({ name: 'safe-expressions', source, moddleOptions: { camunda }, expressions: createSafeExpressions() });
      const ended: string[] = [];
      const listener = new EventEmitter();
      listener.on('activity.end', (api: { id: string; type: string }) => {
        if (api.type === 'bpmn:EndEvent') ended.push(api.id);
      });
      await engine.execute({ listener, variables });
      await new Promise<void>((done) => (String(engine.state) === 'idle' ? done() : engine.once('end', () => done())));
      return ended;
    }

    it("When outcome is 'returned', Then the conditioned branch is taken", async () => {
      await expect(run({ outcome: 'returned' })).resolves.toEqual(['returned']);
    });

    it('When outcome is something else or missing, Then the default branch is taken', async () => {
      await expect(run({ outcome: 'approved' })).resolves.toEqual(['approved']);
      await expect(run({})).resolves.toEqual(['approved']);
    });

    it('When a condition reaches the services, Then the run errors instead of executing it', async () => {
      const evil = source.replace("${environment.variables.outcome == 'returned'}", "${environment.services.constructor.constructor('return process')()}");
      const engine = new Engine({ name: 'evil', source: evil, expressions: createSafeExpressions() });
      const failed = new Promise<Error>((resolve) => engine.once('error', (err: Error) => resolve(err)));
      await engine.execute().catch(() => undefined);
      const err = await failed;
      expect(String(err?.message ?? err)).toMatch(/"constructor" may not appear/);
    });
  });
});
