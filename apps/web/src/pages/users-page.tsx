import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../api';
import { bodyName } from '../components/badges';
import { Notice } from '../components/feedback';
import { ListPage, type Column } from '../components/list-page';
import { UserForm } from '../components/user-form';
import { useI18n } from '../i18n/i18n';
import { queries, useBodies } from '../lib/queries';

export function UsersPage() {
  const { t, local } = useI18n();
  const list = useQuery(queries.users());
  const bodies = useBodies();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const columns: Array<Column<User>> = [
    { header: t('users.displayName'), rowHeader: true, cell: (u) => u.displayName },
    { header: t('users.username'), cell: (u) => u.username },
    { header: t('user.roles'), cell: (u) => u.roles.map((r) => t(`role.${r}` as 'role.admin')).join(', ') || '–' },
    {
      header: t('user.bodies'),
      cell: (u) => u.memberships.map((b) => `${bodyName(b.code, bodies, local)} (${t(`memberRole.${b.role}` as 'memberRole.member')})`).join(', ') || '–',
    },
    {
      header: t('common.actions'),
      cell: (u) => (
        <button type="button" onClick={() => (setSaved(false), setEditing(u))} aria-label={t('users.edit', { name: u.displayName })}>
          {t('common.edit')}
        </button>
      ),
    },
  ];
  return (
    <ListPage title={t('users.title')} query={list} rows={list.data ?? []} columns={columns} rowKey={(u) => u.username} caption={t('users.title')}>
      {saved && <Notice>{t('common.saved')}</Notice>}
      {editing ? (
        <section aria-labelledby="user-edit-h">
          <h2 id="user-edit-h">{editing === 'new' ? t('users.new') : t('users.edit', { name: editing.displayName })}</h2>
          <UserForm
            key={editing === 'new' ? 'new' : editing.username}
            user={editing === 'new' ? null : editing}
            bodies={bodies}
            onSaved={() => {
              setEditing(null);
              setSaved(true);
            }}
          />
          <button type="button" onClick={() => setEditing(null)}>
            {t('common.back')}
          </button>
        </section>
      ) : (
        <button type="button" onClick={() => (setSaved(false), setEditing('new'))}>
          {t('users.new')}
        </button>
      )}
    </ListPage>
  );
}
