import { DomainError } from './errors.js';
import { assertSafeInput, inputProblem, isUnsafeText } from './input-limits.js';

const LIMITS = { maxDepth: 32, maxArrayItems: 10_000, maxObjectKeys: 1000 };

function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('input limits', () => {
  it('lets ordinary input through, up to the limits', () => {
    expect(inputProblem({ title: 'Nuorisotalot', services: [{ euros: 1, ageGroups: ['13-17'] }], emoji: '😀 åäö' }, LIMITS, 'body')).toBeNull();
    expect(inputProblem(nested(31), LIMITS, 'body')).toBeNull();
    expect(inputProblem(Array(10_000).fill(1), LIMITS, 'body')).toBeNull();
    expect(inputProblem(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])), LIMITS, 'body')).toBeNull();
  });

  it('names the limit a value breaks, and where', () => {
    expect(inputProblem({ username: nested(40) }, LIMITS, 'body')).toEqual({
      path: expect.stringMatching(/^body\.username\.a\.a/),
      code: 'too-deep',
      message: 'nests deeper than 32 levels',
    });
    expect(inputProblem({ list: Array(10_001).fill(0) }, LIMITS, 'body')).toMatchObject({ path: 'body.list', code: 'too-many-items' });
    expect(inputProblem({ o: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])) }, LIMITS, 'body')).toMatchObject({
      path: 'body.o',
      code: 'too-many-fields',
    });
  });

  it('walks 100,000 levels without using the call stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(inputProblem(deep, LIMITS, 'body')).toMatchObject({ code: 'too-deep' });
  });

  it('finds NUL characters and lone surrogates in values and in field names, not in whole pairs', () => {
    expect(isUnsafeText('a\u0000b')).toBe(true);
    expect(isUnsafeText('\ud800')).toBe(true);
    expect(isUnsafeText('x\udc00')).toBe(true);
    expect(isUnsafeText('\ud83d\ude00')).toBe(false);
    expect(inputProblem({ variables: { title: 'a\ud800' } }, LIMITS, 'body')).toMatchObject({ path: 'body.variables.title', code: 'unsafe-text' });
    expect(inputProblem({ v: { 'bad\u0000name': 1 } }, LIMITS, 'body')).toMatchObject({ path: 'body.v', code: 'unsafe-text' });
  });

  it('throws BAD_INPUT with the problem', () => {
    expect(() => assertSafeInput({ sub: 'a\u0000' }, LIMITS, 'claims')).toThrow(DomainError);
    try {
      assertSafeInput({ sub: 'a\u0000' }, LIMITS, 'claims');
    } catch (error) {
      expect((error as DomainError).code).toBe('BAD_INPUT');
      expect((error as DomainError).problems).toEqual([{ path: 'claims.sub', code: 'unsafe-text', message: 'contains a NUL character or a lone surrogate' }]);
    }
  });
});
