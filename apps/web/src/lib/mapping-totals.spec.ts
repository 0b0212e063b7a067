import { DEFAULT_POPULATION } from '../../../../libs/governance/src/reports/children-budget';
import { mappingTotals } from './mapping-totals';

const row = (r: Record<string, unknown>) => ({ service: 'S', providerName: 'P', sector: 'education', ...r });

describe('mappingTotals', () => {
  it('adds up euros and person-years in all and per provider type, most euros first, counting rows not filled in yet', () => {
    const t = mappingTotals([
      row({ providerType: 'ngo', targeting: 'age-targeted', ageGroups: ['13-17'], euros: 60_000, personYears: 1.5 }),
      row({ providerType: 'city-sector', targeting: 'age-targeted', ageGroups: ['7-12'], euros: 800_000, personYears: 10 }),
      row({ providerType: 'ngo', targeting: 'age-targeted', ageGroups: ['13-17'], euros: 40_000.1, personYears: 0.2 }),
      {},
    ]);
    expect(t.services).toBe(4);
    expect(t.euros).toBe(900_000.1);
    expect(t.personYears).toBe(11.7);
    expect(t.byProviderType).toEqual([
      { providerType: 'city-sector', services: 1, euros: 800_000, personYears: 10 },
      { providerType: 'ngo', services: 2, euros: 100_000.1, personYears: 1.7 },
      { providerType: null, services: 1, euros: 0, personYears: 0 },
    ]);
  });

  it('allocates to age groups as the children’s budget does: users’ shares when known, else population shares within the targets', () => {
    const t = mappingTotals([
      // Known users: 3 of 4 are 7–12, 1 of 4 is 13–17.
      row({ providerType: 'ngo', targeting: 'age-targeted', ageGroups: ['7-12', '13-17'], euros: 100_000, users: { '7-12': 30, '13-17': 10 } }),
      // No users: over 0–6 and 7–12 by population (12,000 and 11,000 of 23,000) — an estimate.
      row({ providerType: 'city-sector', targeting: 'age-targeted', ageGroups: ['0-6', '7-12'], euros: 230_000 }),
    ]);
    expect(Object.fromEntries(t.byAgeGroup.map((g) => [g.ageGroup, g.euros]))).toEqual({ '0-6': 120_000, '7-12': 185_000, '13-17': 25_000, '18-29': 0 });
    expect(Object.fromEntries(t.byAgeGroup.map((g) => [g.ageGroup, g.estimatedEuros]))).toEqual({ '0-6': 120_000, '7-12': 110_000, '13-17': 0, '18-29': 0 });
    expect(t.allocatedEuros).toBe(330_000);
    expect(t.estimatedEuros).toBe(230_000);
  });

  it('leaves out indirect services, keeps the adults’ share of a universal one apart, and counts a row without targeting apart', () => {
    const t = mappingTotals([
      row({ providerType: 'city-sector', targeting: 'universal', euros: 200_000 }),
      row({ providerType: 'private', targeting: 'excluded', euros: 50_000 }),
      row({ providerType: 'parish', euros: 7_000 }),
      // A family-targeted service without target groups counts for 0–17.
      row({ providerType: 'wellbeing-county', targeting: 'family-targeted', euros: 32_000 }),
    ]);
    const share = (g: '0-6' | '7-12' | '13-17' | '18-29') => (200_000 * DEFAULT_POPULATION.byAgeGroup[g]) / DEFAULT_POPULATION.total;
    expect(Object.fromEntries(t.byAgeGroup.map((g) => [g.ageGroup, g.euros]))).toEqual({
      '0-6': share('0-6') + 12_000,
      '7-12': share('7-12') + 11_000,
      '13-17': share('13-17') + 9_000,
      '18-29': share('18-29'),
    });
    expect(t.excludedEuros).toBe(50_000);
    expect(t.notChildrenEuros).toBe(200_000 - 70_000 * (200_000 / DEFAULT_POPULATION.total));
    expect(t.unallocatedServices).toBe(1);
    expect(t.unallocatedEuros).toBe(7_000);
    expect(t.euros).toBe(289_000);
  });

  it('takes the population it is given, and nothing of a form without rows', () => {
    const population = { ...DEFAULT_POPULATION, total: 100, byAgeGroup: { '0-6': 10, '7-12': 10, '13-17': 10, '18-29': 20 } };
    const t = mappingTotals([row({ providerType: 'city-sector', targeting: 'universal', euros: 1000 })], population);
    expect(t.byAgeGroup.map((g) => g.euros)).toEqual([100, 100, 100, 200]);
    expect(mappingTotals(undefined)).toMatchObject({ services: 0, euros: 0, personYears: 0, byProviderType: [], allocatedEuros: 0 });
  });
});
