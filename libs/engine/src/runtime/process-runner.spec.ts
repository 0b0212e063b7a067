import { parseBpmn, serializeSource } from './bpmn-libs.js';
import { ProcessRunner } from './process-runner.js';

const definitions = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions id="d" xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
  <process id="p" isExecutable="true">${process}</process>
</definitions>`;

const source = async (process: string) => serializeSource(await parseBpmn(definitions(process)));

describe('ProcessRunner', () => {
  it('stops a runaway loop (one the deploy check would have refused) with an error, and the process lives on', async () => {
    // Given a diagram looping between two gateways with no wait state
    const loop = await source(`
      <startEvent id="start" /><exclusiveGateway id="a" /><exclusiveGateway id="b" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="a" />
      <sequenceFlow id="f2" sourceRef="a" targetRef="b" />
      <sequenceFlow id="f3" sourceRef="b" targetRef="a" />`);
    // When it starts, Then the step fails instead of taking the process down
    await expect(new ProcessRunner(0).start(loop, {})).rejects.toThrow();
    // And the runner still runs other diagrams
    const fine = await new ProcessRunner(0).start(
      await source(`<startEvent id="s" /><userTask id="t" /><sequenceFlow id="f" sourceRef="s" targetRef="t" />`),
      {},
    );
    expect(fine.waits.map((w) => w.activityId)).toEqual(['t']);
  });

  it('reports a step the diagram cannot take as failed, with the activity', async () => {
    // Given an exclusive gateway with no default whose conditions are all false
    const dead = await source(`
      <startEvent id="start" /><userTask id="t" /><exclusiveGateway id="g" /><endEvent id="e" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="t" />
      <sequenceFlow id="f2" sourceRef="t" targetRef="g" />
      <sequenceFlow id="f3" sourceRef="g" targetRef="e"><conditionExpression xsi:type="tFormalExpression">\${environment.variables.go == true}</conditionExpression></sequenceFlow>`);
    const runner = new ProcessRunner(0);
    const started = await runner.start(dead, {});
    // When the task completes with go = false
    const result = await runner.signal({ instanceId: 'i', version: 1 }, dead, started.state, started.waits[0].executionId, { go: false });
    // Then the result says the step failed, and where
    expect(result).toMatchObject({ status: 'failed', failedActivityId: 'g', error: expect.stringMatching(/no conditional flow/) });
  });

  it('reuses a kept engine only for the version it holds', async () => {
    const diagram = await source(`
      <startEvent id="s" /><userTask id="t1" /><userTask id="t2" /><endEvent id="e" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="t2" /><sequenceFlow id="f3" sourceRef="t2" targetRef="e" />`);
    const runner = new ProcessRunner(10);
    const started = await runner.start(diagram, { n: 1 });
    runner.keep('i', 1, started);
    // A stale version (another process moved the instance on) recovers from the stored state instead.
    const fromState = await runner.signal({ instanceId: 'i', version: 7 }, diagram, started.state, started.waits[0].executionId, { n: 2 });
    expect(fromState.waits.map((w) => w.activityId)).toEqual(['t2']);
    expect(fromState.variables).toEqual({ n: 2 });
    runner.keep('i', 8, fromState);
    // The right version takes the kept engine, with the same outcome as a recover.
    const warm = await runner.signal({ instanceId: 'i', version: 8 }, diagram, fromState.state, fromState.waits[0].executionId, { n: 3 });
    expect(warm.status).toBe('completed');
  });
});
