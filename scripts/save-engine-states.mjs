#!/usr/bin/env node
// Saves bpmn-engine states of the governance process at each of its waits, as fixtures that
// libs/engine/src/runtime/saved-states.spec.ts recovers. Run after `npm run build:server`,
// before upgrading bpmn-engine: a new version must recover what the old one saved.
import { readFile, writeFile } from 'node:fs/promises';
import { ProcessRunner } from '../dist/libs/engine/src/runtime/process-runner.js';
import { parseBpmn, serializeSource } from '../dist/libs/engine/src/runtime/bpmn-libs.js';

const PATH = [
  ['mapping', { servicesMapped: 3 }],
  ['review', { reviewOutcome: 'returned' }],
  ['mapping', { servicesMapped: 4 }],
  ['review', { reviewOutcome: 'approved' }],
  ['screening', { childrenAffected: 'directly' }],
  ['assessment', { conclusion: 'B' }],
  ['decision', { decisionOutcome: 'tabled' }],
  ['decision', { decisionOutcome: 'approved' }],
];

const xml = await readFile('processes/cross-sector-measure.bpmn', 'utf8');
const sourceContext = await serializeSource(await parseBpmn(xml));
const runner = new ProcessRunner(0);
let step = await runner.start(sourceContext, { title: 'Saved for upgrade tests' });
const states = [];
for (let i = 0; i < PATH.length; i += 1) {
  const [activityId, data] = PATH[i];
  const wait = step.waits.find((w) => w.activityId === activityId);
  states.push({ at: activityId, executionId: wait.executionId, remaining: PATH.slice(i), state: step.state });
  step = await runner.signal({ instanceId: 'fixture', version: i }, sourceContext, step.state, wait.executionId, data);
}
// Where the path ends: completed, or waiting at what follows the decision (the appeal period).
const end = { status: step.status, waitingAt: step.waits.map((w) => w.activityId) };
await writeFile(
  'libs/engine/src/runtime/fixtures/cross-sector-measure.states.json',
  JSON.stringify({ engineVersion: ProcessRunner.engineVersion, savedAt: new Date().toISOString(), sourceContext, end, states }, null, 1) + '\n',
);
console.log(`saved ${states.length} states with bpmn-engine ${ProcessRunner.engineVersion}`);
