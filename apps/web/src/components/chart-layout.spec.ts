import { en } from '../i18n/en';
import { fi } from '../i18n/fi';
import { formatMessage } from '../i18n/format';
import { sv } from '../i18n/sv';
import { CHART_FONT_PX, MAX_LABEL_LINES, chartGeometry, estimateWidth, wrapLabel } from './chart-layout';

describe('bar chart labels', () => {
  it('are at least 12 px', () => {
    expect(CHART_FONT_PX).toBeGreaterThanOrEqual(12);
  });

  it('keep a name whole on one line when it fits, and wrap a long one at spaces without losing a word', () => {
    const name = 'Lasten ja nuorten hyvinvointiverkosto';
    expect(wrapLabel(name, 640)).toEqual({ lines: [name], truncated: false });
    const width = estimateWidth('hyvinvointiverkosto');
    const wrapped = wrapLabel(name, width);
    expect(wrapped).toEqual({ lines: ['Lasten ja nuorten', 'hyvinvointiverkosto'], truncated: false });
    for (const line of wrapped.lines) expect(estimateWidth(line)).toBeLessThanOrEqual(width);
  });

  it('cut a word wider than the chart instead of letting it run past the edge', () => {
    const width = estimateWidth('Varhaiskasva');
    const wrapped = wrapLabel('Varhaiskasvatuspalvelut', width);
    expect(wrapped.lines.join('')).toBe('Varhaiskasvatuspalvelut');
    expect(wrapped.lines.length).toBe(2);
    for (const line of wrapped.lines) expect(estimateWidth(line)).toBeLessThanOrEqual(width);
  });

  it(`end in "…" only past ${MAX_LABEL_LINES} lines, and say so (the tooltip and the table have the name)`, () => {
    const wrapped = wrapLabel('yksi kaksi kolme neljä viisi kuusi', estimateWidth('kuusi'));
    expect(wrapped.truncated).toBe(true);
    expect(wrapped.lines).toHaveLength(MAX_LABEL_LINES);
    expect(wrapped.lines.at(-1)!.endsWith('…')).toBe(true);
    expect(wrapLabel('yksi kaksi kolme', estimateWidth('kolme')).truncated).toBe(false);
  });
});

describe('bar chart geometry', () => {
  it('leaves room at the right edge for the widest value label, however large', () => {
    const valueLabels = ['12 345 678 €', '9 €'];
    const g = chartGeometry({ width: 360, categories: ['Perusopetus ja koulutus', 'Muu'], seriesCount: 1, values: [12_345_678, 9], valueLabels });
    expect(g.scale(12_345_678) + g.valueGap + estimateWidth('12 345 678 €')).toBeLessThanOrEqual(360);
    expect(g.scale(12_345_678)).toBeGreaterThan(200);
    expect(g.scale(0)).toBe(0);
  });

  it('stacks each name above its bars, so a wrapped name pushes the next category down', () => {
    const narrow = chartGeometry({
      width: 120,
      categories: ['Lasten ja nuorten hyvinvointiverkosto', 'Muu'],
      seriesCount: 2,
      values: [1, 2],
      valueLabels: ['1', '2'],
    });
    const wide = chartGeometry({
      width: 640,
      categories: ['Lasten ja nuorten hyvinvointiverkosto', 'Muu'],
      seriesCount: 2,
      values: [1, 2],
      valueLabels: ['1', '2'],
    });
    expect(narrow.rows[0].label.lines.length).toBeGreaterThan(1);
    expect(narrow.rows[0].barsTop).toBeGreaterThan(wide.rows[0].barsTop);
    expect(narrow.rows[1].top).toBeGreaterThan(narrow.rows[0].barsTop + 2 * narrow.bar);
    expect(narrow.height).toBeGreaterThan(narrow.rows[1].barsTop + 2 * narrow.bar);
  });
});

describe('bar chart counts', () => {
  it('use the plural each language needs', () => {
    expect(formatMessage('fi-FI', fi['figures.taskCount'], { n: 1 })).toBe('1 tehtävä');
    expect(formatMessage('fi-FI', fi['figures.taskCount'], { n: 3 })).toBe('3 tehtävää');
    expect(formatMessage('sv-FI', sv['figures.taskCount'], { n: 1 })).toBe('1 uppgift');
    expect(formatMessage('sv-FI', sv['figures.taskCount'], { n: 0 })).toBe('0 uppgifter');
    expect(formatMessage('en-GB', en['figures.taskCount'], { n: 1 })).toBe('1 task');
    expect(formatMessage('fi-FI', fi['chart.categories'], { n: 1 })).toBe('1 luokka');
    expect(formatMessage('fi-FI', fi['chart.categories'], { n: 4 })).toBe('4 luokkaa');
    expect(formatMessage('sv-FI', sv['chart.categories'], { n: 4 })).toBe('4 kategorier');
    expect(formatMessage('en-GB', en['chart.categories'], { n: 1 })).toBe('1 category');
  });
});
