/**
 * The geometry of the bar chart (bar-chart.tsx), kept apart from React so it can be tested.
 * The SVG is drawn one user unit to one CSS pixel at the width it is given on the page, so
 * the font size below is the size a reader sees; each category's name stands on its own
 * lines above its bars, wrapped to the chart's width, and the bars leave room at the right
 * for the longest value label.
 */

/** Labels and values, in CSS pixels (WCAG readers ask for at least 12). */
export const CHART_FONT_PX = 13;
const LINE = 17;
const BAR = 18;
const BAR_GAP = 4;
const GROUP_GAP = 14;
const VALUE_GAP = 6;
/** At most this many lines of a name are drawn; the rest is in the tooltip and the table. */
export const MAX_LABEL_LINES = 3;

/** The width of a text in pixels at CHART_FONT_PX. */
export type Measure = (text: string) => number;

/** A width that is not less than most fonts' (0.6 em per character): for when nothing can measure text. */
export const estimateWidth: Measure = (text) => Math.ceil(text.length * CHART_FONT_PX * 0.6);

export interface WrappedLabel {
  lines: string[];
  /** Whether some of the name did not fit in MAX_LABEL_LINES lines (and ends in "…"). */
  truncated: boolean;
}

/** A word longer than the width, cut into pieces that fit. */
function pieces(word: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  let piece = '';
  for (const c of word) {
    if (piece && measure(piece + c) > width) {
      out.push(piece);
      piece = '';
    }
    piece += c;
  }
  return piece ? [...out, piece] : out;
}

/** A name wrapped at spaces into lines no wider than `width`; a word wider than a line is cut. */
export function wrapLabel(text: string, width: number, measure: Measure = estimateWidth, maxLines = MAX_LABEL_LINES): WrappedLabel {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (measure(joined) <= width) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    const cut = pieces(word, width, measure);
    line = cut.pop() ?? '';
    lines.push(...cut);
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && measure(`${last}…`) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return { lines: kept, truncated: true };
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Per category: its name's lines and the y of its first bar. */
  rows: Array<{ label: WrappedLabel; top: number; barsTop: number }>;
  bar: number;
  barGap: number;
  line: number;
  /** The length of a bar for a value; the longest leaves room for its value label. */
  scale: (value: number) => number;
  valueGap: number;
}

/**
 * Where everything goes in a chart `width` pixels wide: `valueLabels` are all the value labels
 * drawn (formatted), so the bar scale leaves room for the widest at the end of the longest bar.
 */
export function chartGeometry(options: {
  width: number;
  categories: string[];
  seriesCount: number;
  values: number[];
  valueLabels: string[];
  measure?: Measure;
}): ChartGeometry {
  const { width, categories, seriesCount, values, valueLabels } = options;
  const measure = options.measure ?? estimateWidth;
  const max = Math.max(1, ...values);
  const room = Math.max(0, ...valueLabels.map(measure)) + VALUE_GAP + 2;
  const length = Math.max(1, width - room);
  const rows: ChartGeometry['rows'] = [];
  let y = 4;
  for (const c of categories) {
    const label = wrapLabel(c, width, measure);
    const barsTop = y + label.lines.length * LINE + 4;
    rows.push({ label, top: y, barsTop });
    y = barsTop + seriesCount * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
  }
  return {
    width,
    height: y - GROUP_GAP + 4,
    rows,
    bar: BAR,
    barGap: BAR_GAP,
    line: LINE,
    scale: (v) => (Math.max(0, v) / max) * length,
    valueGap: VALUE_GAP,
  };
}
