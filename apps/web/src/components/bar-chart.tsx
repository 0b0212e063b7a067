import { useId } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Series {
  label: string;
  values: number[];
  /** A CSS class giving the bars their colour (chart-a, chart-b, …). */
  tone: string;
}

interface Props {
  title: string;
  categories: string[];
  series: Series[];
  format?: (n: number) => string;
}

/**
 * A horizontal bar chart in SVG. The figure has a text summary for screen readers and the
 * numbers as a table behind a disclosure; colours are paired with a legend and value labels.
 */
export function BarChart({ title, categories, series, format }: Props) {
  const { t, number } = useI18n();
  const id = useId();
  const fmt = format ?? ((n: number) => number(n));
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const bar = 18;
  const gap = 4;
  const group = series.length * (bar + gap) + 12;
  const labelWidth = 190;
  const width = 640;
  const height = categories.length * group + 8;
  const scale = (v: number) => (v / max) * (width - labelWidth - 70);
  const summary = categories.map((c, i) => `${c}: ${series.map((s) => `${s.label} ${fmt(s.values[i] ?? 0)}`).join(', ')}`).join('; ');
  return (
    <figure className="chart card">
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>
      </figcaption>
      {series.length > 1 && (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`swatch ${s.tone}`} /> {s.label}
            </li>
          ))}
        </ul>
      )}
      {categories.length === 0 ? (
        <p className="muted">{t('common.noData')}</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
          <desc id={`${id}-desc`}>{summary}</desc>
          {categories.map((c, i) => (
            <g key={c} transform={`translate(0 ${i * group + 4})`}>
              <text x={labelWidth - 8} y={(series.length * (bar + gap)) / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
                {c.length > 24 ? `${c.slice(0, 23)}…` : c}
              </text>
              {series.map((s, j) => (
                <g key={s.label} transform={`translate(${labelWidth} ${j * (bar + gap)})`}>
                  <rect width={Math.max(1, scale(s.values[i] ?? 0))} height={bar} className={s.tone} rx="2" />
                  <text x={scale(s.values[i] ?? 0) + 6} y={bar / 2} dominantBaseline="middle" className="chart-value">
                    {fmt(s.values[i] ?? 0)}
                  </text>
                </g>
              ))}
            </g>
          ))}
        </svg>
      )}
      <details>
        <summary>{t('chart.asTable')}</summary>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.category')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {series.map((s) => (
                    <td key={s.label} className="num">
                      {fmt(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
