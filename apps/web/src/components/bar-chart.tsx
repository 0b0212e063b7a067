import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { CHART_FONT_PX, chartGeometry, estimateWidth, type Measure } from './chart-layout';

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
  /** A value as the bars and the table show it. */
  format?: (n: number) => string;
  /** A value in a sentence (the tooltip and the text alternative), "3 tehtävää"; `format` when not given. */
  spoken?: (n: number) => string;
}

/** The width the chart has on the page, followed as the page resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Text widths in the chart's font (the page's), measured on a canvas; estimated where there is none. */
function useMeasure(): Measure {
  return useMemo(() => {
    const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (!context) return estimateWidth;
    context.font = `${CHART_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
    return (text: string) => Math.ceil(context.measureText(text).width);
  }, []);
}

/**
 * A horizontal bar chart in SVG, drawn at the pixel width it has so its 13 px labels stay 13 px.
 * Each name stands in full on its own lines above its bars (with the name and values as a
 * tooltip); the figure has a text summary for screen readers and the numbers as a table
 * behind a disclosure; colours are paired with a legend and value labels.
 */
export function BarChart({ title, categories, series, format, spoken }: Props) {
  const { t, number } = useI18n();
  const id = useId();
  const [ref, width] = useWidth();
  const measure = useMeasure();
  const fmt = format ?? ((n: number) => number(n));
  const say = spoken ?? fmt;
  const values = series.flatMap((s) => categories.map((_, i) => s.values[i] ?? 0));
  const geometry = chartGeometry({ width, categories, seriesCount: series.length, values, valueLabels: values.map(fmt), measure });
  const sentence = (i: number) => series.map((s) => `${s.label} ${say(s.values[i] ?? 0)}`).join(', ');
  const summary = `${t('chart.categories', { n: categories.length })}: ${categories.map((c, i) => `${c}: ${sentence(i)}`).join('; ')}`;
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
      <div ref={ref} className="chart-canvas">
        {categories.length === 0 ? (
          <p className="muted">{t('common.noData')}</p>
        ) : (
          <svg
            width={geometry.width}
            height={geometry.height}
            viewBox={`0 0 ${geometry.width} ${geometry.height}`}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
          >
            <desc id={`${id}-desc`}>{summary}</desc>
            {categories.map((c, i) => {
              const row = geometry.rows[i];
              return (
                <g key={c} className="chart-row">
                  <title>{`${c}: ${sentence(i)}`}</title>
                  <text y={row.top} className="chart-label">
                    {row.label.lines.map((line, k) => (
                      <tspan key={k} x={0} dy={k === 0 ? CHART_FONT_PX : geometry.line}>
                        {line}
                      </tspan>
                    ))}
                  </text>
                  {series.map((s, j) => {
                    const v = s.values[i] ?? 0;
                    const y = row.barsTop + j * (geometry.bar + geometry.barGap);
                    return (
                      <g key={s.label}>
                        <rect y={y} width={Math.max(1, geometry.scale(v))} height={geometry.bar} className={s.tone} rx="2" />
                        <text x={geometry.scale(v) + geometry.valueGap} y={y + geometry.bar / 2} dominantBaseline="middle" className="chart-value">
                          {fmt(v)}
                        </text>
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <details>
        <summary>{t('chart.asTable')}</summary>
        {/* A wide table scrolls sideways in its card: focusable, so a keyboard can scroll it too. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
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
