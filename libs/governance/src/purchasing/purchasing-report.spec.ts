import { orientationShares, purchasingCsv, purchasingFigures, type YearDocuments } from './purchasing-report.js';

const year2026: YearDocuments = {
  year: 2026,
  definition: {
    services: [
      { productGroup: 'day-care-centres', orientation: 'preventive', unit: 'hoitopäivä', budgetEuros: 1_000_000 },
      { productGroup: 'child-welfare-open-care', orientation: 'early-support', unit: 'asiakkuus', budgetEuros: 400_000 },
      // The board tags special education as corrective this year, against the catalogue's early support.
      { productGroup: 'special-education', orientation: 'corrective', unit: 'oppilas', budgetEuros: 300_000 },
    ],
  },
  orders: [
    {
      provider: 'kaupungin-palvelutuotanto',
      lines: [
        {
          productGroup: 'day-care-centres',
          unit: 'hoitopäivä',
          volume: 10_000,
          unitPrice: 60,
          qualityTargets: [
            { indicator: 'Asiakastyytyväisyys', target: 4, higherIsBetter: true },
            { indicator: 'Jonotusaika (pv)', target: 14, higherIsBetter: false },
          ],
        },
        { productGroup: 'special-education', unit: 'oppilas', volume: 20, unitPrice: 12_500 },
      ],
    },
    {
      provider: 'jarjestotuottajat',
      lines: [
        { productGroup: 'day-care-centres', unit: 'hoitopäivä', volume: 5_000, unitPrice: 55.5 },
        {
          productGroup: 'child-welfare-open-care',
          unit: 'asiakkuus',
          volume: 100,
          unitPrice: 3_000,
          qualityTargets: [{ indicator: 'Asiakastyytyväisyys', target: 4 }],
        },
      ],
    },
  ],
  reports: [
    {
      provider: 'kaupungin-palvelutuotanto',
      quarter: 1,
      lines: [
        {
          productGroup: 'day-care-centres',
          volume: 2_400,
          euros: 150_000,
          quality: [
            { indicator: 'asiakastyytyväisyys ', value: 4.2 },
            { indicator: 'Jonotusaika (pv)', value: 20 },
          ],
        },
      ],
    },
    {
      provider: 'kaupungin-palvelutuotanto',
      quarter: 2,
      lines: [
        {
          productGroup: 'day-care-centres',
          volume: 2_600,
          euros: 160_000,
          quality: [
            { indicator: 'Asiakastyytyväisyys', value: 3.9 },
            { indicator: 'Jonotusaika (pv)', value: 6 },
          ],
        },
        { productGroup: 'special-education', volume: 10, euros: 130_000 },
      ],
    },
    { provider: 'jarjestotuottajat', quarter: 1, lines: [{ productGroup: 'child-welfare-open-care', volume: 30, euros: 80_000 }] },
  ],
};

describe('the purchaser–provider report: ordered against delivered per product group', () => {
  const figures = purchasingFigures(year2026);
  const group = (key: string) => figures.productGroups.find((g) => g.productGroup === key)!;

  it('sums what each provider ordered (volume × price) and what the quarterly reports delivered', () => {
    const dayCare = group('day-care-centres');
    expect(dayCare.orderedVolume).toBe(15_000);
    expect(dayCare.orderedEuros).toBe(877_500); // 10,000 × 60 + 5,000 × 55.50
    expect(dayCare.deliveredVolume).toBe(5_000);
    expect(dayCare.deliveredEuros).toBe(310_000);
    expect(dayCare.providers).toEqual(['jarjestotuottajat', 'kaupungin-palvelutuotanto']);
    expect(dayCare.volumeDelivery).toBe(0.3333);
  });

  it('gives the agreed unit price and the one that came true', () => {
    expect(group('day-care-centres').orderedUnitPrice).toBe(58.5); // 877,500 / 15,000
    expect(group('day-care-centres').deliveredUnitPrice).toBe(62); // 310,000 / 5,000
    expect(group('special-education').deliveredUnitPrice).toBe(13_000);
  });

  it('meets a quality target on the mean of the reported values, in the direction the target says', () => {
    const [satisfaction, queue] = group('day-care-centres').qualityTargets;
    expect(satisfaction).toMatchObject({ provider: 'kaupungin-palvelutuotanto', achieved: 4.05, met: true });
    expect(queue).toMatchObject({ higherIsBetter: false, achieved: 13, met: true }); // (20 + 6) / 2 ≤ 14
    // The NGO reported no satisfaction figure: its target is not met.
    expect(group('child-welfare-open-care').qualityTargets).toEqual([
      { provider: 'jarjestotuottajat', indicator: 'Asiakastyytyväisyys', target: 4, higherIsBetter: true, achieved: null, met: false },
    ]);
    expect(figures.totals).toEqual({ orderedEuros: 1_427_500, deliveredEuros: 520_000, qualityTargets: 3, qualityTargetsMet: 2 });
  });

  it('takes the orientation from the year’s definition, and lists the product groups in the catalogue’s order', () => {
    expect(group('special-education').orientation).toBe('corrective');
    expect(figures.productGroups.map((g) => g.productGroup)).toEqual(['day-care-centres', 'special-education', 'child-welfare-open-care']);
  });

  it('says which quarters each provider has reported', () => {
    expect(figures.quartersReported).toEqual([
      { provider: 'jarjestotuottajat', quarters: [1] },
      { provider: 'kaupungin-palvelutuotanto', quarters: [1, 2] },
    ]);
  });

  it('splits the euros into preventive, early support and corrective shares', () => {
    const shares = orientationShares(figures);
    expect(shares.orderedEuros).toBe(1_427_500);
    const by = Object.fromEntries(shares.shares.map((s) => [s.orientation, s]));
    expect(by.preventive).toMatchObject({ orderedEuros: 877_500, deliveredEuros: 310_000, orderedShare: 0.6147, deliveredShare: 0.5962 });
    expect(by['early-support']).toMatchObject({ orderedEuros: 300_000, deliveredEuros: 80_000, orderedShare: 0.2102 });
    expect(by.corrective).toMatchObject({ orderedEuros: 250_000, deliveredEuros: 130_000, deliveredShare: 0.25 });
    const sum = shares.shares.reduce((s, x) => s + x.orderedShare!, 0);
    expect(sum).toBeCloseTo(1, 3);
  });

  it('has no shares and no unit prices for a year with nothing ordered', () => {
    const empty = purchasingFigures({ year: 2025, definition: null, orders: [], reports: [] });
    expect(empty.productGroups).toEqual([]);
    expect(orientationShares(empty).shares.every((s) => s.orderedShare === null && s.deliveredShare === null)).toBe(true);
  });

  it('writes CSV with the product groups in the reader’s language and the shares per year', () => {
    const csv = purchasingCsv({ year: 2026, productGroups: figures.productGroups, years: [orientationShares(figures)] }, 'fi');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe(
      'year,service_package,product_group,orientation,unit,providers,ordered_volume,delivered_volume,volume_delivery,ordered_euros,delivered_euros,ordered_unit_price,delivered_unit_price,quality_targets,quality_targets_met',
    );
    expect(rows[1]).toBe(
      '2026,Päivähoito,Päiväkotihoito,preventive,hoitopäivä,jarjestotuottajat kaupungin-palvelutuotanto,15000,5000,0.3333,877500,310000,58.5,62,2,2',
    );
    expect(rows).toContain('2026,corrective,250000,130000,0.1751,0.25');
  });
});
