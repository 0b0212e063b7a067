import type { EntityManager } from 'typeorm';

/**
 * The next number of a running series (diary numbers, § numbers of a body) in a year. The
 * upsert takes the series row's lock until the caller's transaction ends, so concurrent
 * transactions queue behind it, and a rollback gives the number back: no gaps, no duplicates.
 */
export async function nextNumber(em: EntityManager, series: string, year: number): Promise<number> {
  const [row] = await em.query(
    `INSERT INTO number_series (series, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_value = number_series.last_value + 1 RETURNING last_value`,
    [series, year],
  );
  return row.last_value;
}

const HELSINKI_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' });

/** The calendar year in Finland at `at`: a case opened at 23:30 UTC on 31 December is already next year's. */
export const finnishYear = (at: Date): number => Number(HELSINKI_YEAR.format(at));

/** `4703-2023`: the running number (at least four digits) and the year. */
export const formatDiaryNumber = (sequence: number, year: number): string => `${String(sequence).padStart(4, '0')}-${year}`;
