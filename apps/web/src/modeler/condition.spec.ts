import { formatCondition, parseCondition } from './condition';

describe('flow conditions the panel builds', () => {
  it.each([
    ["${environment.variables.reviewOutcome == 'returned'}", { variable: 'reviewOutcome', negate: false, value: 'returned' }],
    ["${environment.variables.decisionOutcome != 'approved'}", { variable: 'decisionOutcome', negate: true, value: 'approved' }],
    ['${environment.variables.childImpactAssessed == true}', { variable: 'childImpactAssessed', negate: false, value: true }],
  ])('reads %p and writes it back the same', (body, parsed) => {
    expect(parseCondition(body)).toEqual(parsed);
    expect(formatCondition(parsed)).toBe(body);
  });

  it.each([
    "${environment.variables.a == 'x' && environment.variables.b == 'y'}",
    '${environment.variables.n > 3}',
    "${environment.variables.a.b == 'x'}",
    'true',
    '',
  ])('leaves %p to the expression field', (body) => {
    expect(parseCondition(body)).toBeNull();
  });

  it('never writes a quote that would end the value early', () => {
    expect(formatCondition({ variable: 'x', negate: false, value: "it's" })).toBe("${environment.variables.x == 'its'}");
  });
});
