import { AGE_GROUP_KEYS, type AgeGroup } from '../forms/form-labels.js';

/**
 * Child budgeting (see docs/governance.md, "The children's budget"): each mapped service's
 * cost is allocated to the age groups 0–6, 7–12, 13–17 and 18–29, and spend(g) = Σ cost × weight.
 *
 * - excluded (indirect): not counted.
 * - age-targeted: by its users' age shares when users by age group are known; otherwise over
 *   its target age groups by population share — an estimate.
 * - family-targeted: the same; without target groups, over the children's groups 0–6, 7–12
 *   and 13–17 by population share — an estimate.
 * - universal: each group gets its share of the whole population; the rest (adults) is not
 *   children's spending — always an estimate.
 */
export interface PopulationTable {
  /** Always true for the default: it is a rounded illustration, not a statistic. */
  estimate: boolean;
  source: string;
  total: number;
  byAgeGroup: Record<AgeGroup, number>;
}

/**
 * ESTIMATE. A rounded illustrative population of a Finnish university city of 200,000
 * (close to Turku's shape in 2023). Replace it with Statistics Finland's figures for the city.
 */
export const DEFAULT_POPULATION: PopulationTable = {
  estimate: true,
  source: 'Illustrative default (rounded, a Finnish university city of 200,000): an estimate, not a statistic; replace with Statistics Finland figures',
  total: 200_000,
  byAgeGroup: { '0-6': 12_000, '7-12': 11_000, '13-17': 9_000, '18-29': 38_000 },
};

export interface BudgetRow {
  instanceId: string;
  service: string;
  providerType: string;
  providerName: string;
  sector: string;
  ageGroups: AgeGroup[];
  targeting: string;
  euros: number;
  users: Partial<Record<AgeGroup, number>> | null;
}

export type AllocationMethod = 'users' | 'population-within-targets' | 'population-share' | 'excluded';

export interface Allocation {
  method: AllocationMethod;
  estimate: boolean;
  byAgeGroup: Record<AgeGroup, number>;
}

const CHILD_GROUPS: AgeGroup[] = ['0-6', '7-12', '13-17'];
const zero = (): Record<AgeGroup, number> => ({ '0-6': 0, '7-12': 0, '13-17': 0, '18-29': 0 });

export function allocate(row: BudgetRow, population: PopulationTable = DEFAULT_POPULATION): Allocation {
  const out = zero();
  if (row.targeting === 'excluded') return { method: 'excluded', estimate: false, byAgeGroup: out };
  if (row.targeting === 'universal') {
    for (const g of AGE_GROUP_KEYS) out[g] = (row.euros * population.byAgeGroup[g]) / population.total;
    return { method: 'population-share', estimate: true, byAgeGroup: out };
  }
  const users = AGE_GROUP_KEYS.map((g) => [g, Number(row.users?.[g] ?? 0)] as const).filter(([, n]) => n > 0);
  const totalUsers = users.reduce((s, [, n]) => s + n, 0);
  if (totalUsers > 0) {
    for (const [g, n] of users) out[g] = (row.euros * n) / totalUsers;
    return { method: 'users', estimate: false, byAgeGroup: out };
  }
  const targets = row.ageGroups.length ? row.ageGroups : row.targeting === 'family-targeted' ? CHILD_GROUPS : AGE_GROUP_KEYS;
  const people = targets.reduce((s, g) => s + population.byAgeGroup[g], 0);
  for (const g of targets) out[g] = (row.euros * population.byAgeGroup[g]) / people;
  return { method: 'population-within-targets', estimate: true, byAgeGroup: out };
}

export interface GroupFigure {
  ageGroup: AgeGroup;
  euros: number;
  /** The part of `euros` allocated by population share rather than known users. */
  estimatedEuros: number;
  /** Of everything mapped (excluded services included). */
  shareOfMapped: number;
  perCapita: number;
}

export interface Breakdown {
  key: string;
  mappedEuros: number;
  allocatedEuros: number;
  estimatedEuros: number;
  excludedEuros: number;
  byAgeGroup: Record<AgeGroup, number>;
}

export interface ChildrenBudget {
  currency: 'EUR';
  method: string;
  population: PopulationTable;
  totals: { services: number; mappedEuros: number; excludedEuros: number; allocatedEuros: number; estimatedEuros: number; notChildrenEuros: number };
  byAgeGroup: GroupFigure[];
  byProviderType: Breakdown[];
  bySector: Breakdown[];
  services: Array<BudgetRow & Allocation>;
}

export const METHOD =
  'Age- and family-targeted services are allocated by their users’ age shares when known, otherwise by population share within their target age groups (estimate); universal services by each group’s share of the whole population (estimate); indirect services are excluded.';

const cents = (n: number) => Math.round(n * 100) / 100;
const sum = (r: Record<AgeGroup, number>) => AGE_GROUP_KEYS.reduce((s, g) => s + r[g], 0);

export function childrenBudget(rows: BudgetRow[], population: PopulationTable = DEFAULT_POPULATION): ChildrenBudget {
  const services = rows.map((row) => ({ ...row, ...allocate(row, population) }));
  const spend = zero();
  const estimated = zero();
  let mapped = 0;
  let excluded = 0;
  const breakdowns = { providerType: new Map<string, Breakdown>(), sector: new Map<string, Breakdown>() };
  for (const s of services) {
    mapped += s.euros;
    if (s.method === 'excluded') excluded += s.euros;
    for (const g of AGE_GROUP_KEYS) {
      spend[g] += s.byAgeGroup[g];
      if (s.estimate) estimated[g] += s.byAgeGroup[g];
    }
    for (const dimension of ['providerType', 'sector'] as const) {
      const key = s[dimension];
      const b = breakdowns[dimension].get(key) ?? { key, mappedEuros: 0, allocatedEuros: 0, estimatedEuros: 0, excludedEuros: 0, byAgeGroup: zero() };
      const allocated = sum(s.byAgeGroup);
      b.mappedEuros += s.euros;
      b.allocatedEuros += allocated;
      if (s.estimate) b.estimatedEuros += allocated;
      if (s.method === 'excluded') b.excludedEuros += s.euros;
      for (const g of AGE_GROUP_KEYS) b.byAgeGroup[g] += s.byAgeGroup[g];
      breakdowns[dimension].set(key, b);
    }
  }
  const allocated = sum(spend);
  const round = (b: Breakdown): Breakdown => ({
    key: b.key,
    mappedEuros: cents(b.mappedEuros),
    allocatedEuros: cents(b.allocatedEuros),
    estimatedEuros: cents(b.estimatedEuros),
    excludedEuros: cents(b.excludedEuros),
    byAgeGroup: Object.fromEntries(AGE_GROUP_KEYS.map((g) => [g, cents(b.byAgeGroup[g])])) as Record<AgeGroup, number>,
  });
  const sorted = (m: Map<string, Breakdown>) => [...m.values()].sort((a, b) => b.mappedEuros - a.mappedEuros || a.key.localeCompare(b.key)).map(round);
  return {
    currency: 'EUR',
    method: METHOD,
    population,
    totals: {
      services: services.length,
      mappedEuros: cents(mapped),
      excludedEuros: cents(excluded),
      allocatedEuros: cents(allocated),
      estimatedEuros: cents(sum(estimated)),
      notChildrenEuros: cents(mapped - excluded - allocated),
    },
    byAgeGroup: AGE_GROUP_KEYS.map((g) => ({
      ageGroup: g,
      euros: cents(spend[g]),
      estimatedEuros: cents(estimated[g]),
      shareOfMapped: mapped ? Math.round((spend[g] / mapped) * 10000) / 10000 : 0,
      perCapita: population.byAgeGroup[g] ? cents(spend[g] / population.byAgeGroup[g]) : 0,
    })),
    byProviderType: sorted(breakdowns.providerType),
    bySector: sorted(breakdowns.sector),
    services: services.map((s) => ({
      ...s,
      byAgeGroup: Object.fromEntries(AGE_GROUP_KEYS.map((g) => [g, cents(s.byAgeGroup[g])])) as Record<AgeGroup, number>,
    })),
  };
}

/** One line per figure: `dimension,key,age_group,euros,estimated_euros,share_of_mapped,per_capita` (dot decimals, UTF-8). */
export function childrenBudgetCsv(report: ChildrenBudget): string {
  const lines = [['dimension', 'key', 'age_group', 'euros', 'estimated_euros', 'share_of_mapped', 'per_capita']];
  const money = (n: number) => n.toFixed(2);
  for (const f of report.byAgeGroup)
    lines.push(['total', 'all', f.ageGroup, money(f.euros), money(f.estimatedEuros), f.shareOfMapped.toFixed(4), money(f.perCapita)]);
  const t = report.totals;
  lines.push([
    'total',
    'all',
    'all',
    money(t.allocatedEuros),
    money(t.estimatedEuros),
    t.mappedEuros ? (t.allocatedEuros / t.mappedEuros).toFixed(4) : '0.0000',
    '',
  ]);
  lines.push(['total', 'mapped', 'all', money(t.mappedEuros), '', '', '']);
  lines.push(['total', 'excluded', 'all', money(t.excludedEuros), '', '', '']);
  for (const [dimension, list] of [
    ['provider-type', report.byProviderType],
    ['sector', report.bySector],
  ] as const) {
    for (const b of list) {
      for (const g of AGE_GROUP_KEYS) lines.push([dimension, b.key, g, money(b.byAgeGroup[g]), '', '', '']);
      lines.push([dimension, b.key, 'all', money(b.allocatedEuros), money(b.estimatedEuros), '', '']);
    }
  }
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  // A leading = + - @ would be a formula to a spreadsheet.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
