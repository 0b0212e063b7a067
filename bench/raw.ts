import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { camundaModdle, deserializeSource, elements, Engine, parseBpmn, serializeSource } from '../libs/engine/src/runtime/bpmn-libs.js';
import { createSafeExpressions } from '../libs/engine/src/expressions/safe-expressions.js';

const SIGN_OFF = { signedBy: 'Muutosjohtaja Maija Mallikas', role: 'muutosjohtaja', signedOn: '2026-03-03' };

/**
 * The data each user task of the governance diagram completes with: valid data for each
 * task's form (libs/governance/src/forms), on the shortest path from start to an end event —
 * mapping → review (approved) → screening (children not affected) → decision (rejected) → end.
 * An approved decision would wait out a 21-day appeal period, which no benchmark can.
 */
export const SIGNALS: Record<string, Record<string, unknown>> = {
  mapping: {
    services: [
      {
        service: 'Nuorisotalo Kupittaa',
        providerType: 'city-sector',
        providerName: 'Vapaa-aikatoimiala',
        sector: 'youth',
        ageGroups: ['13-17', '18-29'],
        targeting: 'age-targeted',
        euros: 100000,
        personYears: 2.5,
        users: { '13-17': 300, '18-29': 100 },
      },
    ],
    dataSources: 'Palvelukartoitus 2026',
  },
  review: {
    reviewOutcome: 'approved',
    comments: 'Kartoitus kattaa kaupungin, hyvinvointialueen ja järjestöjen palvelut.',
    meeting: { body: 'hyvinvoinnin-johtoryhma', date: '2026-03-02', item: '5' },
  },
  screening: { childrenAffected: 'no', justification: 'Asia koskee vain hallinnon toimitiloja.', signOff: SIGN_OFF },
  decision: {
    meetingDate: '2026-04-10',
    decisionOutcome: 'rejected',
    proposal: 'Kaupunginhallitus päättää hyväksyä muutoshankkeen.',
    decisionText: 'Kaupunginhallitus hylkäsi esityksen.',
  },
};

/** Start variables: they fit the start form kaari:measure-start. */
export const START_VARIABLES = { title: 'Benchmark measure', preparer: 'Kaari bench' };

/**
 * The baseline: bpmn-engine in memory, the diagram parsed once, every user task signalled
 * the moment it waits, nothing saved. Returns completed instances per second.
 */
export async function runRaw(file: string, runs: number): Promise<{ instancesPerSecond: number; runs: number }> {
  const xml = await readFile(file, 'utf8');
  const source = await serializeSource(await parseBpmn(xml));
  const timers = new elements.Timers({ setTimeout: () => ({}), clearTimeout: () => undefined } as never);
  const once = async () => {
    const listener = new EventEmitter();
    const engine = new Engine({
      name: 'raw',
      sourceContext: deserializeSource(source) as never,
      moddleOptions: { camunda: camundaModdle },
      expressions: createSafeExpressions(),
      timers: timers,
      extensions: {
        data(activity: any) {
          if (activity.type !== 'bpmn:UserTask') return;
          activity.on('end', (api: any) => Object.assign(activity.environment.variables, api.content?.output?.data ?? {}));
        },
      } as never,
    });
    listener.on('activity.wait', (api: any) => api.signal({ data: SIGNALS[api.id] ?? {} }));
    const ended = new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
    });
    await engine.execute({ listener, variables: { ...START_VARIABLES } });
    await ended;
  };
  for (let i = 0; i < Math.min(50, runs); i += 1) await once();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await once();
  const seconds = (performance.now() - started) / 1000;
  return { instancesPerSecond: Math.round((runs / seconds) * 10) / 10, runs };
}
