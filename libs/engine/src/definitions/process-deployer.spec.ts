import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { validateBpmn } from './bpmn-validator.js';
import type { DefinitionService } from './definition.service.js';
import { ProcessDeployer } from './process-deployer.js';

const diagram = (id: string, bodies: string[], extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${id}" targetNamespace="http://kaari.test">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${bodies.map((b, i) => `<bpmn:userTask id="t${i}" camunda:candidateGroups="${b}"><bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing></bpmn:userTask>`).join('\n    ')}
    <bpmn:endEvent id="end"><bpmn:incoming>f${bodies.length}</bpmn:incoming></bpmn:endEvent>
    ${[...Array(bodies.length + 1).keys()].map((i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${i === 0 ? 'start' : `t${i - 1}`}" targetRef="${i === bodies.length ? 'end' : `t${i}`}" />`).join('\n    ')}
    ${extra}
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys through the real validator with the seeded organisation's bodies, as DefinitionService does; stores nothing. */
function definitionsOf(bodies: string[]): { service: DefinitionService; stored: string[] } {
  const stored: string[] = [];
  const service = {
    async deploy(xml: string) {
      const result = await validateBpmn(xml, new Set(bodies));
      if (!result.ok)
        throw new DomainError(
          'INVALID_BPMN',
          'The diagram cannot be deployed',
          result.problems.map((p) => ({ path: p.elementId, code: p.code, message: p.message })),
        );
      stored.push(result.processId);
      return { key: result.processId, version: 1, created: true };
    },
  } as unknown as DefinitionService;
  return { service, stored };
}

describe('ProcessDeployer: start-up deploys the diagrams of the seeded organisation', () => {
  let dir: string;
  let lines: Array<Record<string, unknown>>;
  let logger: KaariLogger;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kaari-deployer-'));
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    logger = new KaariLogger('json', 'info', 'test', sink);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const config = (): KaariConfig => ({ processesDir: dir, organisation: 'tampere-2007' }) as KaariConfig;

  it("skips another organisation's diagram and names it, with its missing bodies, in one info line", async () => {
    await writeFile(path.join(dir, 'a-turku.bpmn'), diagram('turku', ['muutosryhma', 'kaupunginhallitus', 'muutosryhma']));
    await writeFile(path.join(dir, 'b-tampere.bpmn'), diagram('tampere', ['suunnittelija', 'kaupunginhallitus']));
    await writeFile(path.join(dir, 'c-other.bpmn'), diagram('other', ['hyvinvoinnin-johtoryhma']));
    const { service, stored } = definitionsOf(['suunnittelija', 'kaupunginhallitus']);

    const result = await new ProcessDeployer(config(), service, logger).deployAll();

    expect(stored).toEqual(['tampere']);
    expect(result.deployed).toEqual(['b-tampere.bpmn']);
    const skippedLines = lines.filter((l) => l.msg === 'definitions.skipped');
    expect(skippedLines).toHaveLength(1);
    expect(skippedLines[0]).toMatchObject({
      level: 'info',
      organisation: 'tampere-2007',
      skipped: [
        { file: 'a-turku.bpmn', reason: 'missing-bodies', missingBodies: ['muutosryhma'] },
        { file: 'c-other.bpmn', reason: 'missing-bodies', missingBodies: ['hyvinvoinnin-johtoryhma'] },
      ],
    });
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('says nothing about skipping when every diagram fits the organisation', async () => {
    await writeFile(path.join(dir, 'b-tampere.bpmn'), diagram('tampere', ['suunnittelija']));
    const { service } = definitionsOf(['suunnittelija']);
    const result = await new ProcessDeployer(config(), service, logger).deployAll();
    expect(result).toEqual({ deployed: ['b-tampere.bpmn'], skipped: [] });
    expect(lines.map((l) => l.msg)).toEqual(['definition.deployed']);
  });

  it('warns when a shipped diagram is broken for any other reason, and still deploys the rest', async () => {
    await writeFile(path.join(dir, 'a-broken.bpmn'), diagram('broken', ['suunnittelija'], '<bpmn:scriptTask id="s" scriptFormat="js" />'));
    await writeFile(path.join(dir, 'b-tampere.bpmn'), diagram('tampere', ['suunnittelija']));
    const { service, stored } = definitionsOf(['suunnittelija']);
    const result = await new ProcessDeployer(config(), service, logger).deployAll();
    expect(stored).toEqual(['tampere']);
    expect(result.skipped).toEqual([{ file: 'a-broken.bpmn', reason: 'invalid', problems: expect.arrayContaining([expect.stringContaining('s:')]) }]);
    expect(lines.find((l) => l.msg === 'definitions.skipped')).toMatchObject({ level: 'warn' });
  });
});
