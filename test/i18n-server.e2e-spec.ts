import { DEMO_PASSWORD, startApi, type TestApi } from './support/api.js';
import { minimalBpmn } from './support/process.js';

/**
 * What the server says to a person goes out as codes and params the web app words in fi/sv/en
 * (issue 16): refusals carry a code per problem item, a person's language is kept on the account,
 * and demo mode names its people for the sign-in page.
 */
describe('Server words for people: refusal codes, the language preference, the demo people', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('refuses with a code and the values its words need, not only an English detail', async () => {
    const wrong = await api.anonymous.post('/api/auth/token', { username: 'maija.muutos', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: null, code: 'wrong-credentials' })]);

    expect((await api.admin.post('/api/definitions', minimalBpmn('i18n-refusals', { body: 'muutosryhma' }))).status).toBe(201);
    const director = await api.as('maija.muutos');
    const member = await api.as('kalle.kartoitus');
    const started = await director.post('/api/instances', { definitionKey: 'i18n-refusals' });
    expect(started.status).toBe(201);
    const [task] = (await member.get(`/api/tasks?instanceId=${started.body.id}`)).body.items;

    // A member may not start a process: the role it needs is named.
    const notDirector = await member.post('/api/instances', { definitionKey: 'i18n-refusals' });
    expect(notDirector.status).toBe(403);
    expect(notDirector.body.errors[0].code).toMatch(/^(role-required|director-only)$/);

    // Someone else's claim names who holds the task; a task of another body names its bodies.
    expect((await member.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const other = await api.as('ville.vaikutus');
    const claimed = await other.post(`/api/tasks/${task.id}/complete`, { data: {} });
    expect(claimed.status).toBe(409);
    expect(claimed.body.errors).toEqual([expect.objectContaining({ code: 'claimed' })]);
    const outsider = await api.as('irma.integraatio');
    const notMember = await outsider.post(`/api/tasks/${task.id}/claim`);
    expect([403, 404]).toContain(notMember.status);
    if (notMember.status === 403) expect(notMember.body.errors[0]).toMatchObject({ code: 'not-a-member-of-body', params: { bodies: 'muutosryhma' } });

    // A cancelled process: what can no longer be done says the state it is in.
    expect((await director.post(`/api/instances/${started.body.id}/cancel`, { reason: 'Testi päättyy' })).status).toBe(200);
    const again = await director.post(`/api/instances/${started.body.id}/cancel`, { reason: 'Uudestaan' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ code: 'instance-state', params: { state: 'cancelled' } })]);
  });

  it('names the task in a notification in each language the diagram gives it', async () => {
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Ilmoitukset kolmella kielellä' } });
    expect(started.status).toBe(201);
    const [task] = (await director.get(`/api/tasks?instanceId=${started.body.id}`)).body.items;
    expect((await director.post(`/api/tasks/${task.id}/assign`, { username: 'sanna.selvitys', reason: 'Sinun vuorosi' })).status).toBe(200);
    const member = await api.as('sanna.selvitys');
    const [notification] = (await member.get('/api/notifications')).body.items;
    expect(notification.message).toEqual({
      fi: 'Sinulle osoitettiin tehtävä "Palveluiden ja resurssien kartoitus": Sinun vuorosi',
      sv: 'Uppgiften "Kartläggning av tjänster och resurser" tilldelades dig: Sinun vuorosi',
      en: 'The task "Mapping of services and resources" was assigned to you: Sinun vuorosi',
    });
  });

  it('keeps the language a person chooses on their account, Finnish until they do', async () => {
    const member = await api.as('veera.vara');
    expect((await member.get('/api/auth/me')).body.language).toBe('fi');
    expect((await member.put('/api/auth/me/language', { language: 'sv' })).status).toBe(204);
    expect((await member.get('/api/auth/me')).body.language).toBe('sv');
    const unknown = await member.put('/api/auth/me/language', { language: 'de' });
    expect(unknown.status).toBe(400);
    expect((await member.get('/api/auth/me')).body.language).toBe('sv');
    // Another person's language is theirs.
    expect((await (await api.as('jussi.jasen')).get('/api/auth/me')).body.language).toBe('fi');
  });

  it('names the demo people with their bodies and roles, and the shared demo password, without signing in', async () => {
    const demo = await api.anonymous.get('/api/auth/demo-users');
    expect(demo.status).toBe(200);
    expect(demo.body.password).toBe(DEMO_PASSWORD);
    const byName = new Map(demo.body.users.map((u: { username: string }) => [u.username, u]));
    expect(byName.get('maija.muutos')).toMatchObject({ roles: ['director'] });
    expect(byName.get('antti.puheenjohtaja')).toMatchObject({
      displayName: 'Antti Puheenjohtaja',
      bodies: [{ code: 'kaupunginhallitus', role: 'chair', name: expect.objectContaining({ fi: expect.any(String), sv: expect.any(String) }) }],
    });
    expect(byName.get('veera.vara')).toMatchObject({ bodies: [expect.objectContaining({ role: 'substitute' })] });
    expect(byName.get('sari.sihteeri')).toMatchObject({ bodies: [expect.objectContaining({ code: 'hyvinvoinnin-johtoryhma', role: 'secretary' })] });
    expect(JSON.stringify(demo.body)).not.toMatch(/hash|\$argon|\$2[aby]\$/);
    expect(byName.has('admin')).toBe(false);
  });

  it('has no demo people when demo mode is off', async () => {
    const plain = await startApi({ env: { KAARI_DEMO: 'false' } });
    try {
      expect((await plain.anonymous.get('/api/auth/demo-users')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
