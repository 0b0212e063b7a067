import { useState, type FormEvent } from 'react';
import { api, ApiError, type Body, type User, type UserInput } from '../api';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from './feedback';
import { fieldErrors } from '../lib/form-values';
import { problemText } from '../lib/problems';
import { CHANGES, useApiMutation } from '../lib/queries';

type Role = UserInput['roles'][number];
type MemberRole = NonNullable<UserInput['bodies'][number]['role']>;
const ROLES: Role[] = ['admin', 'director'];
const MEMBER_ROLES: MemberRole[] = ['chair', 'vice-chair', 'secretary', 'member'];

/** Creates or edits a user: name, roles, password, and the bodies they sit in. */
export function UserForm({ user, bodies, onSaved }: { user: User | null; bodies: Body[]; onSaved: () => void }) {
  const { t, local } = useI18n();
  const [draft, setDraft] = useState<{
    username: string;
    displayName: string;
    password: string;
    roles: Role[];
    bodies: Array<{ code: string; role: MemberRole }>;
  }>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    password: '',
    roles: user?.roles ?? [],
    // The api gives a user's bodies as codes and, with the role in each, as `memberships`: the form edits the latter.
    bodies: (user?.memberships ?? []).map((m) => ({ code: m.code, role: m.role as MemberRole })),
  });
  const save = useApiMutation((input: UserInput) => api.saveUser(input, !user), CHANGES.user);
  const error = save.error;
  const busy = save.isPending;
  const errors = error instanceof ApiError ? fieldErrors(error.errors, (code) => problemText({ code }, t)) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...draft, username: draft.username.trim(), password: draft.password || undefined }, { onSuccess: onSaved });
  };
  const setMembership = (i: number, patch: Partial<{ code: string; role: MemberRole }>) =>
    setDraft({ ...draft, bodies: draft.bodies.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const err = (k: string) => (errors[k] ? <p className="field-error">{errors[k]}</p> : null);
  return (
    <form onSubmit={submit} className="card" noValidate>
      <div className="field">
        <label htmlFor="user-username">{t('users.username')}</label>
        <input id="user-username" value={draft.username} readOnly={!!user} required onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
        {err('username')}
      </div>
      <div className="field">
        <label htmlFor="user-displayName">{t('users.displayName')}</label>
        <input id="user-displayName" value={draft.displayName} required onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        {err('displayName')}
      </div>
      <div className="field">
        <label htmlFor="user-password">{user ? t('users.newPassword') : t('users.password')}</label>
        <p className="help" id="user-password-help">
          {t('users.passwordHelp')}
        </p>
        <input
          id="user-password"
          type="password"
          autoComplete="new-password"
          aria-describedby="user-password-help"
          value={draft.password}
          onChange={(e) => setDraft({ ...draft, password: e.target.value })}
        />
        {err('password')}
      </div>
      <fieldset className="field">
        <legend>{t('user.roles')}</legend>
        {ROLES.map((r) => (
          <div className="checkbox" key={r}>
            <input
              type="checkbox"
              id={`user-role-${r}`}
              checked={draft.roles.includes(r)}
              onChange={(e) => setDraft({ ...draft, roles: e.target.checked ? [...draft.roles, r] : draft.roles.filter((x) => x !== r) })}
            />
            <label htmlFor={`user-role-${r}`}>{t(`role.${r}` as 'role.admin')}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('user.bodies')}</legend>
        {draft.bodies.map((m, i) => (
          <div className="kv-row" key={i}>
            <div className="field">
              <label htmlFor={`user-body-${i}`}>{t('users.body', { n: i + 1 })}</label>
              <select id={`user-body-${i}`} value={m.code} onChange={(e) => setMembership(i, { code: e.target.value })}>
                {bodies.map((b) => (
                  <option key={b.code} value={b.code}>
                    {local(b.name)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`user-body-role-${i}`}>{t('users.memberRole', { n: i + 1 })}</label>
              <select id={`user-body-role-${i}`} value={m.role} onChange={(e) => setMembership(i, { role: e.target.value as MemberRole })}>
                {MEMBER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`memberRole.${r}` as 'memberRole.member')}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              onClick={() => setDraft({ ...draft, bodies: draft.bodies.filter((_, j) => j !== i) })}
              aria-label={t('users.removeBody', { n: i + 1 })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={!bodies.length}
          onClick={() => setDraft({ ...draft, bodies: [...draft.bodies, { code: bodies[0].code, role: 'member' }] })}
        >
          {t('users.addBody')}
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
