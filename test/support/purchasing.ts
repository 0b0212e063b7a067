import type { Client, TestApi } from './api.js';
import { openMeeting, publishMinutes } from './meeting.js';
import { eventually } from './worker.js';

/** The providers of the Tampere seed and the demo person who answers for each. */
export const PROVIDER_PEOPLE: Record<string, string> = {
  'kaupungin-palvelutuotanto': 'tiina.tuotanto',
  'pirkanmaan-hyvinvointialue': 'hanna.hyvinvointialue',
  jarjestotuottajat: 'jaana.jarjesto',
  yritystuottajat: 'yrjo.yrittaja',
};

export interface YearPlan {
  year: number;
  /** Per product group: orientation, unit, and per provider the volume and unit price ordered, and what each quarter delivers. */
  lines: Array<{
    provider: string;
    productGroup: string;
    orientation: string;
    unit: string;
    volume: number;
    unitPrice: number;
    quarterVolume: number;
    quarterEuros: number;
  }>;
}

/**
 * One year of the shipped cycle through the HTTP API, every step by its role and nothing late:
 * the definition, an order to every provider, each accepting, the board's approval at a meeting
 * with its minutes published, four quarters of reports. Returns the case; the evaluation is left open.
 */
export async function runYear(api: TestApi, plan: YearPlan): Promise<string> {
  const people = new Map<string, Client>();
  const as = async (u: string) => people.get(u) ?? people.set(u, await api.as(u)).get(u)!;
  const task = (client: Client, id: string, activityId: string) =>
    eventually(
      async () =>
        ((await client.get(`/api/tasks?instanceId=${id}`)).body.items as Array<{ id: string; activityId: string }>).find((t) => t.activityId === activityId),
      20_000,
      `${activityId} to be open`,
    );
  const complete = async (who: string, id: string, activityId: string, data: Record<string, unknown>) => {
    const client = await as(who);
    const t = await task(client, id, activityId);
    const res = await client.post(`/api/tasks/${t.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const started = await (
    await as('tuula.tilaaja')
  ).post('/api/instances', {
    definitionKey: 'purchaser-provider-cycle',
    variables: { title: `Lasten ja nuorten palvelujen tilaaminen ${plan.year}` },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  const groups = [...new Map(plan.lines.map((l) => [l.productGroup, l])).values()];
  await complete('leena.lautakunta', id, 'define', {
    year: plan.year,
    services: groups.map((g) => ({ productGroup: g.productGroup, orientation: g.orientation, unit: g.unit, budgetEuros: g.volume * g.unitPrice })),
  });
  for (const [provider, person] of Object.entries(PROVIDER_PEOPLE)) {
    const lines = plan.lines.filter((l) => l.provider === provider);
    await complete('pekka.palvelu', id, `order-${provider}`, {
      lines: lines.map((l) => ({ productGroup: l.productGroup, unit: l.unit, volume: l.volume, unitPrice: l.unitPrice })),
    });
    await complete(person, id, `respond-${provider}`, { response: 'accepted' });
  }
  const approval = await eventually(
    async () =>
      ((await api.admin.get(`/api/instances/${id}`)).body.openTasks as Array<{ id: string; activityId: string }>).find((t) => t.activityId === 'approval'),
    10_000,
    'the approval',
  );
  const { people: board, secretary, meeting } = await openMeeting(api, 'lasten-ja-nuorten-palvelujen-tilaajalautakunta', [approval.id]);
  const decided = await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' });
  if (decided.status !== 200) throw new Error(`approval: ${decided.status} ${JSON.stringify(decided.body)}`);
  await publishMinutes(api, meeting.id, board);
  for (let q = 1; q <= 4; q++) {
    for (const [provider, person] of Object.entries(PROVIDER_PEOPLE)) {
      const lines = plan.lines.filter((l) => l.provider === provider);
      // The next quarter's task appears once the previous quarter's four reports are in and its timer has fired.
      await complete(person, id, `report-${provider}`, {
        lines: lines.map((l) => ({ productGroup: l.productGroup, volume: l.quarterVolume, euros: l.quarterEuros })),
      });
    }
  }
  return id;
}
