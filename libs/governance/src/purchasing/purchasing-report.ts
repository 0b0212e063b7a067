import type { Labels } from '../forms/form-labels.js';
import { ORIENTATION_KEYS, PRODUCT_GROUPS, SERVICE_PACKAGES, type Orientation, type ServicePackage } from './product-groups.js';

/** The documents of one year's cycle the report is made from (as PurchasingPolicy keeps them). */
export interface YearDocuments {
  year: number;
  /** The board's service definition in force for the year (the latest). */
  definition: { services: Array<{ productGroup: string; orientation: Orientation; unit: string; budgetEuros: number }> } | null;
  /** Each provider's order in force (its latest revision). */
  orders: Array<{
    provider: string;
    lines: Array<{
      productGroup: string;
      unit: string;
      volume: number;
      unitPrice: number;
      qualityTargets?: Array<{ indicator: string; target: number; higherIsBetter?: boolean }>;
    }>;
  }>;
  /** Every quarterly report of the year. */
  reports: Array<{
    provider: string;
    quarter: number;
    lines: Array<{ productGroup: string; volume: number; euros: number; quality?: Array<{ indicator: string; value: number }> }>;
  }>;
}

export interface QualityTargetResult {
  provider: string;
  indicator: string;
  target: number;
  higherIsBetter: boolean;
  /** The mean of the values reported for the year; null when none was reported. */
  achieved: number | null;
  met: boolean;
}

export interface ProductGroupFigures {
  productGroup: string;
  name: Labels;
  servicePackage: ServicePackage;
  servicePackageName: Labels;
  orientation: Orientation;
  unit: string;
  providers: string[];
  orderedVolume: number;
  deliveredVolume: number;
  orderedEuros: number;
  deliveredEuros: number;
  /** Ordered euros per ordered unit (the agreed price); null with nothing ordered. */
  orderedUnitPrice: number | null;
  /** Delivered euros per delivered unit (the price that came true); null with nothing delivered. */
  deliveredUnitPrice: number | null;
  /** Delivered against ordered volume, 1 = as ordered; null with nothing ordered. */
  volumeDelivery: number | null;
  qualityTargets: QualityTargetResult[];
  qualityTargetsMet: number;
}

export interface OrientationShare {
  orientation: Orientation;
  orderedEuros: number;
  deliveredEuros: number;
  /** Of the year's ordered (delivered) euros, 0–1; null when the year has none. */
  orderedShare: number | null;
  deliveredShare: number | null;
}

export interface YearShares {
  year: number;
  orderedEuros: number;
  deliveredEuros: number;
  shares: OrientationShare[];
}

export interface PurchasingFigures {
  year: number;
  productGroups: ProductGroupFigures[];
  totals: { orderedEuros: number; deliveredEuros: number; qualityTargets: number; qualityTargetsMet: number };
  /** Quarters reported by each provider that has an order for the year. */
  quartersReported: Array<{ provider: string; quarters: number[] }>;
}

/** Rounded to the cent, so sums of many lines read as the euros they are. */
const cents = (n: number) => Math.round(n * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

function orientationOf(doc: YearDocuments, productGroup: string): Orientation {
  return doc.definition?.services.find((s) => s.productGroup === productGroup)?.orientation ?? PRODUCT_GROUPS[productGroup]?.orientation ?? 'preventive';
}

/**
 * Per product group: volumes and euros ordered (volume × price per unit of each provider's order in
 * force) against delivered (the sum of the quarterly reports), the unit prices, and each quality
 * target with whether the year's mean of the reported values meets it.
 */
export function purchasingFigures(doc: YearDocuments): PurchasingFigures {
  const groups = new Map<string, ProductGroupFigures>();
  const groupOf = (productGroup: string, unit?: string) => {
    let g = groups.get(productGroup);
    if (!g) {
      const known = PRODUCT_GROUPS[productGroup];
      const servicePackage = known?.package ?? 'leisure';
      g = {
        productGroup,
        name: known?.name ?? { fi: productGroup, sv: productGroup, en: productGroup },
        servicePackage,
        servicePackageName: SERVICE_PACKAGES[servicePackage],
        orientation: orientationOf(doc, productGroup),
        unit: unit ?? doc.definition?.services.find((s) => s.productGroup === productGroup)?.unit ?? '',
        providers: [],
        orderedVolume: 0,
        deliveredVolume: 0,
        orderedEuros: 0,
        deliveredEuros: 0,
        orderedUnitPrice: null,
        deliveredUnitPrice: null,
        volumeDelivery: null,
        qualityTargets: [],
        qualityTargetsMet: 0,
      };
      groups.set(productGroup, g);
    }
    return g;
  };
  const addProvider = (g: ProductGroupFigures, provider: string) => {
    if (!g.providers.includes(provider)) g.providers.push(provider);
  };

  for (const order of doc.orders) {
    for (const line of order.lines) {
      const g = groupOf(line.productGroup, line.unit);
      addProvider(g, order.provider);
      g.orderedVolume += line.volume;
      g.orderedEuros += line.volume * line.unitPrice;
      for (const t of line.qualityTargets ?? []) {
        const values = doc.reports
          .filter((r) => r.provider === order.provider)
          .flatMap((r) => r.lines.filter((l) => l.productGroup === line.productGroup))
          .flatMap((l) => (l.quality ?? []).filter((q) => sameIndicator(q.indicator, t.indicator)).map((q) => q.value));
        const achieved = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
        const higherIsBetter = t.higherIsBetter !== false;
        const met = achieved !== null && (higherIsBetter ? achieved >= t.target : achieved <= t.target);
        g.qualityTargets.push({
          provider: order.provider,
          indicator: t.indicator,
          target: t.target,
          higherIsBetter,
          achieved: achieved === null ? null : cents(achieved),
          met,
        });
      }
    }
  }
  for (const report of doc.reports) {
    for (const line of report.lines) {
      const g = groupOf(line.productGroup);
      addProvider(g, report.provider);
      g.deliveredVolume += line.volume;
      g.deliveredEuros += line.euros;
    }
  }
  const productGroups = [...groups.values()]
    .map((g) => ({
      ...g,
      orderedVolume: cents(g.orderedVolume),
      deliveredVolume: cents(g.deliveredVolume),
      orderedEuros: cents(g.orderedEuros),
      deliveredEuros: cents(g.deliveredEuros),
      orderedUnitPrice: g.orderedVolume > 0 ? cents(g.orderedEuros / g.orderedVolume) : null,
      deliveredUnitPrice: g.deliveredVolume > 0 ? cents(g.deliveredEuros / g.deliveredVolume) : null,
      volumeDelivery: ratio(g.deliveredVolume, g.orderedVolume),
      qualityTargetsMet: g.qualityTargets.filter((t) => t.met).length,
      providers: [...g.providers].sort(),
    }))
    .sort((a, b) => order(a) - order(b));
  const providers = [...new Set(doc.orders.map((o) => o.provider))].sort();
  return {
    year: doc.year,
    productGroups,
    totals: {
      orderedEuros: cents(productGroups.reduce((s, g) => s + g.orderedEuros, 0)),
      deliveredEuros: cents(productGroups.reduce((s, g) => s + g.deliveredEuros, 0)),
      qualityTargets: productGroups.reduce((s, g) => s + g.qualityTargets.length, 0),
      qualityTargetsMet: productGroups.reduce((s, g) => s + g.qualityTargetsMet, 0),
    },
    quartersReported: providers.map((provider) => ({
      provider,
      quarters: [...new Set(doc.reports.filter((r) => r.provider === provider).map((r) => r.quarter))].sort((a, b) => a - b),
    })),
  };
}

/** The preventive, early support and corrective shares of a year's ordered and delivered euros. */
export function orientationShares(figures: Pick<PurchasingFigures, 'year' | 'productGroups'>): YearShares {
  const orderedEuros = cents(figures.productGroups.reduce((s, g) => s + g.orderedEuros, 0));
  const deliveredEuros = cents(figures.productGroups.reduce((s, g) => s + g.deliveredEuros, 0));
  return {
    year: figures.year,
    orderedEuros,
    deliveredEuros,
    shares: ORIENTATION_KEYS.map((orientation) => {
      const of = figures.productGroups.filter((g) => g.orientation === orientation);
      const o = cents(of.reduce((s, g) => s + g.orderedEuros, 0));
      const d = cents(of.reduce((s, g) => s + g.deliveredEuros, 0));
      return { orientation, orderedEuros: o, deliveredEuros: d, orderedShare: ratio(o, orderedEuros), deliveredShare: ratio(d, deliveredEuros) };
    }),
  };
}

const CATALOGUE_ORDER = Object.keys(PRODUCT_GROUPS);
function order(g: ProductGroupFigures): number {
  const i = CATALOGUE_ORDER.indexOf(g.productGroup);
  return i < 0 ? CATALOGUE_ORDER.length : i;
}

function sameIndicator(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('fi') === b.trim().toLocaleLowerCase('fi');
}

/** The report as CSV: one row per product group (and provider's quality target), then the shares per year. */
export function purchasingCsv(report: { year: number; productGroups: ProductGroupFigures[]; years: YearShares[] }, lang: 'fi' | 'sv' | 'en' = 'fi'): string {
  const esc = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [
    [
      'year',
      'service_package',
      'product_group',
      'orientation',
      'unit',
      'providers',
      'ordered_volume',
      'delivered_volume',
      'volume_delivery',
      'ordered_euros',
      'delivered_euros',
      'ordered_unit_price',
      'delivered_unit_price',
      'quality_targets',
      'quality_targets_met',
    ].join(','),
  ];
  for (const g of report.productGroups) {
    lines.push(
      [
        report.year,
        g.servicePackageName[lang],
        g.name[lang],
        g.orientation,
        g.unit,
        g.providers.join(' '),
        g.orderedVolume,
        g.deliveredVolume,
        g.volumeDelivery,
        g.orderedEuros,
        g.deliveredEuros,
        g.orderedUnitPrice,
        g.deliveredUnitPrice,
        g.qualityTargets.length,
        g.qualityTargetsMet,
      ]
        .map(esc)
        .join(','),
    );
  }
  lines.push('', 'year,orientation,ordered_euros,delivered_euros,ordered_share,delivered_share');
  for (const y of report.years) {
    for (const s of y.shares) lines.push([y.year, s.orientation, s.orderedEuros, s.deliveredEuros, s.orderedShare, s.deliveredShare].map(esc).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
