import { badInput } from '@kaari/common/errors.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** bpmn-elements merges its start message into the variables, overwriting these three. */
const RESERVED = new Set(['constructor', 'prototype', 'fields', 'content', 'properties']);
const MAX_BYTES = 256 * 1024;

/**
 * Variables and task data are merged into the engine's variables: names must be plain
 * identifiers (never `__proto__`, `constructor`, …) and the whole must stay small,
 * because bpmn-engine stores variables twice in every saved state.
 */
export function checkVariables(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badInput(`${path} must be a JSON object`, [{ path, code: 'type', message: 'must be an object' }]);
  }
  const problems = Object.keys(value)
    .filter((k) => !NAME.test(k) || RESERVED.has(k))
    .map((k) => ({
      path: `${path}.${k}`,
      code: 'invalid-name',
      message: RESERVED.has(k) ? `${k} is reserved by the engine` : 'names are letters, digits and _, starting with a letter',
    }));
  if (problems.length) throw badInput(`${path} has invalid names`, problems);
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_BYTES) {
    throw badInput(`${path} is larger than ${MAX_BYTES / 1024} KB; keep documents out of process variables`, [
      { path, code: 'too-large', message: 'too large' },
    ]);
  }
  return value as Record<string, unknown>;
}
