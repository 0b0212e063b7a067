import { useQuery } from '@tanstack/react-query';
import type { DemoUsers as DemoList } from '../api';
import type { MessageKey } from '../i18n/fi';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';

const SEATS = {
  chair: 'memberRole.chair',
  'vice-chair': 'memberRole.vice-chair',
  secretary: 'memberRole.secretary',
  member: 'memberRole.member',
  substitute: 'memberRole.substitute',
} satisfies Record<string, MessageKey>;

type Person = DemoList['users'][number];

/** Directors first, then by their first body's place in the seed, chairs and secretaries before members and substitutes. */
const ORDER = ['chair', 'vice-chair', 'secretary', 'member', 'substitute'];
function sorted(users: Person[]): Person[] {
  const bodies = [...new Set(users.flatMap((u) => u.bodies.map((b) => b.code)))];
  const key = (u: Person) => [u.roles.includes('director') ? 0 : 1, bodies.indexOf(u.bodies[0]?.code ?? ''), ORDER.indexOf(u.bodies[0]?.role ?? 'member')];
  return [...users].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.displayName.localeCompare(b.displayName, 'fi');
  });
}

/** Demo mode only: who to sign in as, by role and body; choosing one fills in the sign-in form. */
export function DemoUsers({ onChoose }: { onChoose: (username: string, password: string) => void }) {
  const { t, local } = useI18n();
  const demo = useQuery(queries.demoUsers());
  if (!demo.data?.users.length) return null;
  const { password } = demo.data;
  const seat = (role: string) => (role in SEATS ? t(SEATS[role as keyof typeof SEATS]) : role);
  return (
    <section aria-labelledby="demo-users-h" className="demo-users">
      <h2 id="demo-users-h">{t('demo.title')}</h2>
      <p>{t('demo.intro', { password })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('demo.person')}</th>
            <th scope="col">{t('demo.username')}</th>
            <th scope="col">{t('demo.seats')}</th>
            <th scope="col">
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted(demo.data.users).map((u) => (
            <tr key={u.username}>
              <th scope="row">{u.displayName}</th>
              <td>
                <code translate="no">{u.username}</code>
              </td>
              <td>
                {[
                  ...(u.roles.includes('director') ? [t('role.director')] : []),
                  ...u.bodies.map((b) => t('demo.seat', { role: seat(b.role), body: local(b.name) })),
                ].join('; ')}
              </td>
              <td>
                <button type="button" className="link" onClick={() => onChoose(u.username, password)}>
                  {t('demo.use', { name: u.displayName })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
