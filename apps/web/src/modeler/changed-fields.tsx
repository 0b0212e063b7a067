import { useI18n } from '../i18n/i18n';
import { fieldInWords, type Change } from './diff';

/** What changed in one element, field by field in words: before struck out, after inserted. */
export function ChangedFields({ change }: { change: Change }) {
  const { t } = useI18n();
  return (
    <>
      {change.fields.map((f) => {
        const w = fieldInWords(f, t);
        return (
          <div key={f.field}>
            {w.label ?? <code>{f.field}</code>}: <del>{w.before || '–'}</del> → <ins>{w.after || '–'}</ins>
          </div>
        );
      })}
    </>
  );
}
