import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startApi, type TestApi } from './support/api.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

describe('Bodies as the city has them: roles, membership history, chains, organisation export and import', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const body = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: { fi: code, sv: code, en: code }, kind: 'committee', ...extra });

  it('lists members with their roles, chair first, and a member may sit in several bodies', async () => {
    const res = await api.admin.get('/api/bodies/muutosryhma');
    expect(res.body.members.map((m: { role: string }) => m.role)).toEqual(expect.arrayContaining(['secretary', 'member']));
    const olli = await api.admin.get('/api/users/olli.ohjaus');
    expect(olli.body.bodies).toEqual(['hyvinvoinnin-johtoryhma', 'kaupungin-johtoryhma']);
    // The user list says the role in each body, too
    const helena = (await api.admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'helena.hyvinvointi');
    expect(helena.memberships).toEqual([{ code: 'hyvinvoinnin-johtoryhma', role: 'chair' }]);
  });

  it('keeps membership changes as history: joined, role changed, left — when and by whom', async () => {
    const put = (bodies: Array<{ code: string; role?: string }>) =>
      api.admin.put('/api/users/ville.vaikutus', { username: 'ville.vaikutus', displayName: 'Ville Vaikutus', roles: [], bodies });
    expect(
      (
        await put([
          { code: 'muutosryhma', role: 'member' },
          { code: 'integraatiojohtoryhma', role: 'member' },
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await put([
          { code: 'muutosryhma', role: 'vice-chair' },
          { code: 'integraatiojohtoryhma', role: 'member' },
        ])
      ).status,
    ).toBe(200);
    expect((await put([{ code: 'muutosryhma', role: 'vice-chair' }])).status).toBe(200);
    const change = await api.admin.get('/api/bodies/muutosryhma/membership-history');
    expect(change.body[0]).toMatchObject({
      username: 'ville.vaikutus',
      change: 'role-changed',
      role: 'vice-chair',
      previousRole: 'member',
      changedBy: 'admin',
      at: expect.any(String),
    });
    const integration = await api.admin.get('/api/bodies/integraatiojohtoryhma/membership-history');
    expect(integration.body.slice(0, 2).map((h: { change: string }) => h.change)).toEqual(['left', 'joined']);
    expect((await api.admin.get('/api/bodies/no-such-body/membership-history')).status).toBe(404);
  });

  it('validates escalation chains: the target exists, no cycles, the grace period parses', async () => {
    expect((await api.admin.post('/api/bodies', body('o-first', { escalatesTo: 'kaupunginhallitus', graceDuration: 'P5WD' }))).status).toBe(201);
    const unknown = await api.admin.post('/api/bodies', body('o-second', { escalatesTo: 'nowhere' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'escalatesTo', code: 'unknown-body' })]);
    const grace = await api.admin.post('/api/bodies', body('o-second', { graceDuration: 'soon' }));
    expect(grace.status).toBe(400);
    expect(grace.body.errors).toEqual([expect.objectContaining({ path: 'graceDuration', code: 'invalid-duration' })]);
    const cycle = await api.admin.put('/api/bodies/kaupunginhallitus', body('kaupunginhallitus', { kind: 'executive-board', escalatesTo: 'o-first' }));
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual([expect.objectContaining({ code: 'escalation-cycle' })]);
    const self = await api.admin.put('/api/bodies/o-first', body('o-first', { escalatesTo: 'o-first' }));
    expect(self.status).toBe(400);
  });

  it('exports the organisation in the seed files’ format', async () => {
    const res = await api.admin.get('/api/organisation/export');
    expect(res.status).toBe(200);
    const seed = JSON.parse(await readFile(path.join(ROOT, 'processes/organisations/turku-2023.json'), 'utf8'));
    expect(res.body).toMatchObject({ organisation: 'turku-2023', name: seed.name });
    for (const b of seed.bodies)
      expect(res.body.bodies).toContainEqual(expect.objectContaining({ code: b.code, kind: b.kind, name: expect.objectContaining({ fi: b.name.fi }) }));
    const maija = res.body.users.find((u: { username: string }) => u.username === 'maija.muutos');
    expect(maija).toEqual({ username: 'maija.muutos', displayName: 'Maija Muutos', roles: ['director'], bodies: [{ code: 'muutosjohtaja', role: 'chair' }] });
    expect(res.body.users.some((u: { username: string }) => u.username === 'admin')).toBe(false);
  });

  it('shows what an import would change before changing it, then applies it in one go', async () => {
    const file = (await api.admin.get('/api/organisation/export')).body;
    file.bodies.push({
      code: 'nuorisolautakunta',
      name: { fi: 'Nuorisolautakunta', en: 'Youth board' },
      kind: 'board',
      escalatesTo: 'kaupunginhallitus',
      graceDuration: 'P10WD',
    });
    file.bodies.find((b: { code: string }) => b.code === 'muutosryhma').name.en = 'Change team';
    file.users.push({ username: 'nina.nuoriso', displayName: 'Nina Nuoriso', roles: [], bodies: [{ code: 'nuorisolautakunta', role: 'chair' }] });
    const kalle = file.users.find((u: { username: string }) => u.username === 'kalle.kartoitus');
    kalle.bodies = [{ code: 'muutosryhma', role: 'secretary' }];
    const olli = file.users.find((u: { username: string }) => u.username === 'olli.ohjaus');
    olli.bodies = olli.bodies.filter((b: { code: string }) => b.code !== 'kaupungin-johtoryhma');
    olli.displayName = 'Olli Ohjaaja';

    const preview = await api.admin.post('/api/organisation/import?dryRun=true', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      bodies: {
        added: ['nuorisolautakunta'],
        changed: [
          {
            code: 'muutosryhma',
            fields: { name: { from: expect.objectContaining({ en: 'Change group' }), to: expect.objectContaining({ en: 'Change team' }) } },
          },
        ],
      },
      users: { added: ['nina.nuoriso'], changed: [{ username: 'olli.ohjaus', fields: { displayName: { from: 'Olli Ohjaus', to: 'Olli Ohjaaja' } } }] },
    });
    expect(preview.body.memberships).toEqual(
      expect.arrayContaining([
        { username: 'kalle.kartoitus', body: 'muutosryhma', change: 'role-changed', role: 'secretary', previousRole: 'member' },
        { username: 'olli.ohjaus', body: 'kaupungin-johtoryhma', change: 'left', role: null, previousRole: 'member' },
        { username: 'nina.nuoriso', body: 'nuorisolautakunta', change: 'joined', role: 'chair', previousRole: null },
      ]),
    );
    // Nothing changed yet.
    expect((await api.admin.get('/api/bodies/nuorisolautakunta')).status).toBe(404);
    expect((await api.admin.get('/api/users/nina.nuoriso')).status).toBe(404);

    const applied = await api.admin.post('/api/organisation/import?dryRun=false', file);
    expect(applied.status).toBe(200);
    expect(applied.body.dryRun).toBe(false);
    expect((await api.admin.get('/api/bodies/nuorisolautakunta')).body).toMatchObject({
      escalatesTo: 'kaupunginhallitus',
      members: [{ username: 'nina.nuoriso', role: 'chair' }],
    });
    expect((await api.admin.get('/api/users/olli.ohjaus')).body).toMatchObject({ displayName: 'Olli Ohjaaja', bodies: ['hyvinvoinnin-johtoryhma'] });
    const history = await api.admin.get('/api/bodies/muutosryhma/membership-history');
    expect(history.body[0]).toMatchObject({ username: 'kalle.kartoitus', change: 'role-changed', changedBy: 'admin' });
    const audit = await api.admin.get('/api/audit?action=organisation.imported');
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      details: expect.objectContaining({ bodiesAdded: ['nuorisolautakunta'], usersAdded: ['nina.nuoriso'] }),
    });

    // The same file again changes nothing.
    const again = await api.admin.post('/api/organisation/import?dryRun=true', file);
    expect(again.body).toMatchObject({ bodies: { added: [], changed: [] }, users: { added: [], changed: [] }, memberships: [] });
  });

  it('refuses an import whose chains would not hold, or that does not fit, and changes nothing', async () => {
    const file = (await api.admin.get('/api/organisation/export')).body;
    const board = file.bodies.find((b: { code: string }) => b.code === 'kaupunginhallitus');
    board.escalatesTo = 'muutosryhma';
    const cycle = await api.admin.post('/api/organisation/import?dryRun=false', file);
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'escalation-cycle' })]));
    expect((await api.admin.get('/api/bodies/kaupunginhallitus')).body.escalatesTo).toBeNull();

    const bad = await api.admin.post('/api/organisation/import', {
      organisation: 'x',
      bodies: [{ code: 'Bad Code', name: {}, kind: 'tribe' }],
      users: [{ username: 'admin', displayName: '', roles: ['emperor'], bodies: [{ code: 'nowhere', role: 'king' }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'bodies[0].code',
        'bodies[0].name',
        'bodies[0].kind',
        'users[0].username',
        'users[0].displayName',
        'users[0].roles',
        'users[0].bodies',
      ]),
    );
    const unknownBody = await api.admin.post('/api/organisation/import?dryRun=false', {
      organisation: 'x',
      name: { fi: 'x', en: 'x' },
      bodies: [],
      users: [{ username: 'uuno.uusi', displayName: 'Uuno', roles: [], bodies: [{ code: 'nowhere' }] }],
    });
    expect(unknownBody.status).toBe(400);
    expect((await api.admin.get('/api/users/uuno.uusi')).status).toBe(404);
  });

  it('previews the other seed organisation as an import', async () => {
    const tampere = JSON.parse(await readFile(path.join(ROOT, 'processes/organisations/tampere-2007.json'), 'utf8'));
    const preview = await api.admin.post('/api/organisation/import', tampere);
    expect(preview.status).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    const { added, changed, unchanged } = preview.body.bodies;
    expect(added.length + changed.length + unchanged).toBe(tampere.bodies.length);
    expect(added.length).toBeGreaterThan(5);
    expect((await api.admin.get(`/api/bodies/${added[0]}`)).status).toBe(404);
  });
});
