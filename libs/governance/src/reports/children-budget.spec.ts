import { allocate, childrenBudget, childrenBudgetCsv, DEFAULT_POPULATION, type BudgetRow } from './children-budget.js';

const row = (over: Partial<BudgetRow>): BudgetRow => ({
  instanceId: 'i',
  service: 's',
  providerType: 'city-sector',
  providerName: 'p',
  sector: 'youth',
  ageGroups: [],
  targeting: 'age-targeted',
  euros: 0,
  users: null,
  ...over,
});

// Population (the default, an estimate): 0–6 12,000; 7–12 11,000; 13–17 9,000; 18–29 38,000; total 200,000.
const SMALL = [
  row({ service: 'Youth centre', sector: 'youth', ageGroups: ['13-17', '18-29'], euros: 100_000, users: { '13-17': 300, '18-29': 100 } }),
  row({ service: 'Family counselling', providerType: 'wellbeing-county', sector: 'social-welfare', targeting: 'family-targeted', euros: 46_000 }),
  row({ service: 'Library', sector: 'culture', targeting: 'universal', euros: 1_000_000 }),
  row({ service: 'Scouts', providerType: 'ngo', sector: 'youth', ageGroups: ['7-12', '13-17'], euros: 20_000 }),
  row({ service: 'Street maintenance', sector: 'urban-environment', targeting: 'excluded', euros: 500_000 }),
];

describe('children’s budget allocation', () => {
  it('allocates an age-targeted service by its users’ age shares when they are known', () => {
    expect(allocate(SMALL[0])).toEqual({ method: 'users', estimate: false, byAgeGroup: { '0-6': 0, '7-12': 0, '13-17': 75_000, '18-29': 25_000 } });
  });

  it('splits a service without users over its target groups by population share, flagged as an estimate', () => {
    expect(allocate(SMALL[3])).toEqual({
      method: 'population-within-targets',
      estimate: true,
      byAgeGroup: { '0-6': 0, '7-12': 11_000, '13-17': 9_000, '18-29': 0 },
    });
  });

  it('gives a family-targeted service without target groups to the children’s groups 0–17', () => {
    const a = allocate(SMALL[1]);
    expect(a.estimate).toBe(true);
    expect(a.byAgeGroup).toEqual({ '0-6': 17_250, '7-12': 15_812.5, '13-17': 12_937.5, '18-29': 0 });
  });

  it('counts only the children’s and youth’s population share of a universal service', () => {
    expect(allocate(SMALL[2])).toEqual({
      method: 'population-share',
      estimate: true,
      byAgeGroup: { '0-6': 60_000, '7-12': 55_000, '13-17': 45_000, '18-29': 190_000 },
    });
  });

  it('does not count an indirect (excluded) service', () => {
    expect(allocate(SMALL[4])).toEqual({ method: 'excluded', estimate: false, byAgeGroup: { '0-6': 0, '7-12': 0, '13-17': 0, '18-29': 0 } });
  });

  it('adds up by age group, provider type and sector (hand-computed)', () => {
    const r = childrenBudget(SMALL);
    expect(r.population).toBe(DEFAULT_POPULATION);
    expect(r.totals).toEqual({
      services: 5,
      mappedEuros: 1_666_000,
      excludedEuros: 500_000,
      allocatedEuros: 516_000,
      estimatedEuros: 416_000,
      notChildrenEuros: 650_000,
    });
    expect(r.byAgeGroup).toEqual([
      { ageGroup: '0-6', euros: 77_250, estimatedEuros: 77_250, shareOfMapped: 0.0464, perCapita: 6.44 },
      { ageGroup: '7-12', euros: 81_812.5, estimatedEuros: 81_812.5, shareOfMapped: 0.0491, perCapita: 7.44 },
      { ageGroup: '13-17', euros: 141_937.5, estimatedEuros: 66_937.5, shareOfMapped: 0.0852, perCapita: 15.77 },
      { ageGroup: '18-29', euros: 215_000, estimatedEuros: 190_000, shareOfMapped: 0.1291, perCapita: 5.66 },
    ]);
    const city = r.byProviderType.find((b) => b.key === 'city-sector')!;
    expect(city).toEqual({
      key: 'city-sector',
      mappedEuros: 1_600_000,
      allocatedEuros: 450_000,
      estimatedEuros: 350_000,
      excludedEuros: 500_000,
      byAgeGroup: { '0-6': 60_000, '7-12': 55_000, '13-17': 120_000, '18-29': 215_000 },
    });
    expect(r.byProviderType.find((b) => b.key === 'wellbeing-county')!.byAgeGroup).toEqual({ '0-6': 17_250, '7-12': 15_812.5, '13-17': 12_937.5, '18-29': 0 });
    expect(r.byProviderType.find((b) => b.key === 'ngo')!.byAgeGroup).toEqual({ '0-6': 0, '7-12': 11_000, '13-17': 9_000, '18-29': 0 });
    expect(r.bySector.find((b) => b.key === 'youth')!.byAgeGroup).toEqual({ '0-6': 0, '7-12': 11_000, '13-17': 84_000, '18-29': 25_000 });
  });

  it('writes the figures as CSV', () => {
    const lines = childrenBudgetCsv(childrenBudget(SMALL)).trim().split('\r\n');
    expect(lines[0]).toBe('dimension,key,age_group,euros,estimated_euros,share_of_mapped,per_capita');
    expect(lines).toContain('total,all,13-17,141937.50,66937.50,0.0852,15.77');
    expect(lines).toContain('total,all,all,516000.00,416000.00,0.3097,');
    expect(lines).toContain('provider-type,ngo,7-12,11000.00,,,');
    expect(lines).toContain('sector,youth,13-17,84000.00,,,');
  });

  it('reports nothing for an empty inventory', () => {
    const r = childrenBudget([]);
    expect(r.totals.allocatedEuros).toBe(0);
    expect(r.byAgeGroup.every((g) => g.euros === 0 && g.shareOfMapped === 0)).toBe(true);
  });
});
