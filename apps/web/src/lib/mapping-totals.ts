import { childrenBudget, DEFAULT_POPULATION, type BudgetRow, type PopulationTable } from '../../../../libs/governance/src/reports/children-budget';
import type { AgeGroup } from '../../../../libs/governance/src/forms/form-labels';
import type { Values } from './form-values';

/**
 * The live totals of a mapping as it is being edited: every row of the form counts, however
 * little of it is filled in. Euros per age group are the children's budget's own allocation
 * (`childrenBudget` of libs/governance, with the population the server reports), so the form
 * shows what the case's children's budget will show once the rows are saved: users' age shares
 * when users by age group are given, otherwise population shares within the target groups
 * (an estimate), universal services by population share (an estimate), indirect ones left out.
 * A row whose targeting is not chosen yet cannot be allocated and is counted apart.
 */
export const AGE_GROUPS: AgeGroup[] = ['0-6', '7-12', '13-17', '18-29'];

export interface ProviderTotal {
  /** null: not chosen yet. */
  providerType: string | null;
  services: number;
  euros: number;
  personYears: number;
}

export interface AgeGroupTotal {
  ageGroup: AgeGroup;
  euros: number;
  /** The part of `euros` allocated by population share, not by known users. */
  estimatedEuros: number;
}

export interface MappingTotals {
  services: number;
  euros: number;
  personYears: number;
  /** Most euros first; a provider type not chosen yet last. */
  byProviderType: ProviderTotal[];
  byAgeGroup: AgeGroupTotal[];
  /** Allocated to the age groups, of which estimated. */
  allocatedEuros: number;
  estimatedEuros: number;
  /** Indirect services: not counted for any age group. */
  excludedEuros: number;
  /** The adults' share of universal services. */
  notChildrenEuros: number;
  /** Rows whose targeting is not chosen: no age group can be said yet. */
  unallocatedServices: number;
  unallocatedEuros: number;
}

const cents = (n: number) => Math.round(n * 100) / 100;
const amount = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

export function mappingTotals(rows: unknown, population: PopulationTable = DEFAULT_POPULATION): MappingTotals {
  const list: Values[] = Array.isArray(rows) ? rows.map((r) => (r && typeof r === 'object' ? (r as Values) : {})) : [];
  const providers = new Map<string | null, ProviderTotal>();
  let euros = 0;
  let personYears = 0;
  let unallocatedServices = 0;
  let unallocatedEuros = 0;
  const allocatable: BudgetRow[] = [];
  for (const r of list) {
    const e = amount(r.euros);
    const py = amount(r.personYears);
    euros += e;
    personYears += py;
    const type = text(r.providerType);
    const p = providers.get(type) ?? { providerType: type, services: 0, euros: 0, personYears: 0 };
    p.services += 1;
    p.euros += e;
    p.personYears += py;
    providers.set(type, p);
    const targeting = text(r.targeting);
    if (!targeting) {
      unallocatedServices += 1;
      unallocatedEuros += e;
      continue;
    }
    const users = r.users && typeof r.users === 'object' ? (r.users as Partial<Record<AgeGroup, number>>) : null;
    allocatable.push({
      instanceId: '',
      service: text(r.service) ?? '',
      providerType: type ?? '',
      providerName: text(r.providerName) ?? '',
      sector: text(r.sector) ?? '',
      ageGroups: Array.isArray(r.ageGroups) ? AGE_GROUPS.filter((g) => (r.ageGroups as unknown[]).includes(g)) : [],
      targeting,
      euros: e,
      users: users && Object.fromEntries(AGE_GROUPS.map((g) => [g, amount(users[g])])),
    });
  }
  const budget = childrenBudget(allocatable, population);
  const byProviderType = [...providers.values()]
    .map((p) => ({ ...p, euros: cents(p.euros), personYears: cents(p.personYears) }))
    .sort(
      (a, b) =>
        Number(a.providerType === null) - Number(b.providerType === null) || b.euros - a.euros || (a.providerType ?? '').localeCompare(b.providerType ?? ''),
    );
  return {
    services: list.length,
    euros: cents(euros),
    personYears: cents(personYears),
    byProviderType,
    byAgeGroup: budget.byAgeGroup.map((g) => ({ ageGroup: g.ageGroup, euros: g.euros, estimatedEuros: g.estimatedEuros })),
    allocatedEuros: budget.totals.allocatedEuros,
    estimatedEuros: budget.totals.estimatedEuros,
    excludedEuros: budget.totals.excludedEuros,
    notChildrenEuros: budget.totals.notChildrenEuros,
    unallocatedServices,
    unallocatedEuros: cents(unallocatedEuros),
  };
}
