import type { ProblemItem } from '@kaari/common/errors.js';

type Data = Record<string, any>;

/**
 * The rules of a full assessment that compare one field with another, which JSON Schema
 * cannot say: the impact matrix covers every alternative × affected group once, and the
 * conclusion names alternatives that exist. Defensive: it runs on data that may also have
 * failed the schema, so a user sees every problem at once.
 */
export function assessmentProblems(data: Data): ProblemItem[] {
  const problems: ProblemItem[] = [];
  const alternatives: Data[] = Array.isArray(data.alternatives) ? data.alternatives.filter(isObject) : [];
  const ids = new Set<string>();
  alternatives.forEach((a, i) => {
    if (typeof a.id !== 'string') return;
    if (ids.has(a.id)) problems.push({ path: `/alternatives/${i}/id`, code: 'duplicate', message: `the id ${a.id} is used by another alternative` });
    ids.add(a.id);
  });
  const groups: string[] = Array.isArray(data.affectedGroups) ? data.affectedGroups.filter((g: unknown) => typeof g === 'string') : [];
  const impacts: unknown[] = Array.isArray(data.impacts) ? data.impacts : [];
  const cells = new Set<string>();
  impacts.forEach((cell, i) => {
    if (!isObject(cell)) return;
    const { alternative, group } = cell;
    if (typeof alternative === 'string' && !ids.has(alternative)) {
      problems.push({ path: `/impacts/${i}/alternative`, code: 'unknown-alternative', message: `no alternative has the id ${alternative}` });
    }
    if (typeof group === 'string' && !groups.includes(group)) {
      problems.push({ path: `/impacts/${i}/group`, code: 'unknown-group', message: `${group} is not among the affected groups` });
    }
    const key = `${alternative}\u0000${group}`;
    if (cells.has(key)) problems.push({ path: `/impacts/${i}`, code: 'duplicate', message: `alternative ${alternative} × ${group} is given twice` });
    cells.add(key);
  });
  for (const id of ids) {
    for (const group of groups) {
      if (!cells.has(`${id}\u0000${group}`)) {
        problems.push({ path: '/impacts', code: 'missing-impact', message: `give the impact of alternative ${id} on ${group} (short and long term)` });
      }
    }
  }
  const conclusion: Data = isObject(data.conclusion) ? data.conclusion : {};
  for (const key of ['bestAlternative', 'proposedAlternative']) {
    const id = conclusion[key];
    if (typeof id === 'string' && !ids.has(id))
      problems.push({ path: `/conclusion/${key}`, code: 'unknown-alternative', message: `no alternative has the id ${id}` });
  }
  const departs =
    typeof conclusion.bestAlternative === 'string' &&
    typeof conclusion.proposedAlternative === 'string' &&
    conclusion.bestAlternative !== conclusion.proposedAlternative;
  if (departs && !(typeof conclusion.departureReasons === 'string' && conclusion.departureReasons.trim())) {
    problems.push({
      path: '/conclusion/departureReasons',
      code: 'required',
      message: 'the proposal departs from the best alternative for children: give the reasons',
    });
  }
  return problems;
}

function isObject(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
