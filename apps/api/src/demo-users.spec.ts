import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from './startup.service.js';

const ROOT = path.join(import.meta.dirname, '../../..');

/** The README's "Who to sign in as" is how a newcomer finds the demo people: it must name the seed's, and only those. */
describe('the README names the demo people of the seed', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const seed = JSON.parse(readFileSync(path.join(ROOT, 'processes/organisations/turku-2023.json'), 'utf8')) as {
    demoUsers: Array<{ username: string; bodies: Array<{ code: string; role?: string }> }>;
  };
  const section = readme.slice(readme.indexOf('### Who to sign in as'), readme.indexOf('## What runs'));
  const table = section.split('\n').filter((l) => l.startsWith('| `'));
  const named = table.flatMap((row) => [...row.split('|')[1].matchAll(/`([a-z.]+)`/g)].map((m) => m[1]));

  it('lists every demo user of turku-2023.json in its table, once, and nobody else', () => {
    expect(named.sort()).toEqual(seed.demoUsers.map((u) => u.username).sort());
  });

  it('gives the shared demo password the api seeds them with, and says the sign-in page lists them', () => {
    expect(section).toContain(`\`${DEMO_PASSWORD}\``);
    expect(section).toMatch(/sign-in page lists/);
  });

  it('says each one’s role as the seed has it: chairs, secretaries and the substitute', () => {
    for (const u of seed.demoUsers) {
      const row = table.find((r) => r.split('|')[1].includes(`\`${u.username}\``))!;
      for (const b of u.bodies) {
        if (b.role === 'chair') expect({ user: u.username, row }).toEqual({ user: u.username, row: expect.stringMatching(/chair|director/) });
        if (b.role === 'secretary') expect({ user: u.username, row }).toEqual({ user: u.username, row: expect.stringMatching(/secretary/) });
        if (b.role === 'substitute') expect({ user: u.username, row }).toEqual({ user: u.username, row: expect.stringMatching(/substitute/) });
      }
    }
  });
});
