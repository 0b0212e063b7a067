import { useI18n } from '../i18n/i18n';

/** Previous / next over a list of `total` items shown `size` at a time from `offset`; nothing when one page holds them all. */
export function Pager({ offset, size, total, onOffset }: { offset: number; size: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useI18n();
  if (total <= size) return null;
  return (
    <nav className="pager" aria-label={t('common.pages')}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - size))}>
        {t('common.previous')}
      </button>
      <span>{t('common.pageOf', { from: offset + 1, to: Math.min(total, offset + size), total })}</span>
      <button type="button" disabled={offset + size >= total} onClick={() => onOffset(offset + size)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
