import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProcessRunner } from './process-runner.js';

/*
 * States saved by the current release (scripts/save-engine-states.mjs), recovered by the
 * bpmn-engine installed now: an upgrade that cannot read what production stored fails here.
 */
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/cross-sector-measure.states.json'), 'utf8')) as {
  engineVersion: string;
  sourceContext: string;
  end: { status: string; waitingAt: string[] };
  states: Array<{ at: string; executionId: string; remaining: Array<[string, Record<string, unknown>]>; state: unknown }>;
};

describe(`Saved instance states (bpmn-engine ${fixture.engineVersion})`, () => {
  const runner = new ProcessRunner(0);

  for (const [index, saved] of fixture.states.entries()) {
    it(`recovers an instance saved waiting at ${saved.at} (#${index}) and runs it on to where the path ends`, async () => {
      let state = saved.state;
      let executionId = saved.executionId;
      let result = null;
      for (const [step, [, data]] of saved.remaining.entries()) {
        result = await runner.signal({ instanceId: `saved-${index}`, version: step }, fixture.sourceContext, state, executionId, data);
        expect(result.error).toBeNull();
        state = result.state;
        const next = saved.remaining[step + 1];
        if (next) {
          const wait = result.waits.find((w) => w.activityId === next[0]);
          expect(wait).toBeDefined();
          executionId = wait!.executionId;
        }
      }
      if (!result) throw new Error('the saved instance has no remaining steps');
      expect({ status: result.status, waitingAt: result.waits.map((w) => w.activityId) }).toEqual(fixture.end);
    });
  }
});
