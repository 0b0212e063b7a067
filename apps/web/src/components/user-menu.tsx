import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Link, navigate } from '../lib/router';
import { useSession } from '../lib/session';

/** A disclosure menu: who is signed in, their roles and bodies, and sign-out. */
export function UserMenu() {
  const { me, signOut } = useSession();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open]);
  if (!me) return null;
  const bodies = me.bodies;
  return (
    <div className="user-menu" ref={ref}>
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">●</span> {me.displayName}
      </button>
      <div id={id} hidden={!open} className="menu-panel">
        <p>
          <strong>{me.displayName}</strong>
          <br />
          <span className="muted">{me.username}</span>
        </p>
        {me.roles.length > 0 && (
          <p>
            {t('user.roles')}: {me.roles.map((r) => t(`role.${r}` as 'role.admin')).join(', ')}
          </p>
        )}
        {bodies.length > 0 && (
          <p>
            {t('user.bodies')}: {bodies.join(', ')}
          </p>
        )}
        {bodies.length > 0 && (
          <p>
            <Link to="/deputies">{t('deputies.title')}</Link>
          </p>
        )}
        <button
          type="button"
          onClick={async () => {
            await signOut();
            navigate('/');
          }}
        >
          {t('user.signOut')}
        </button>
      </div>
    </div>
  );
}
