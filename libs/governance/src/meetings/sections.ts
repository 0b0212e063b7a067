/**
 * § numbers (pykälät) of a meeting's items: they run per body per year, in agenda order, without
 * gaps, continuing from the last § the body used that year. Every handled item gets one, also one
 * tabled, returned or removed from the agenda, as the minutes record it. The persisted series is
 * `section:<body>` (cases/number-series.ts), shared with decisions recorded before meetings.
 */
export function assignSections<T extends { position: number }>(items: readonly T[], lastUsed: number): Array<T & { section: number }> {
  return [...items].sort((a, b) => a.position - b.position).map((item, i) => ({ ...item, section: lastUsed + i + 1 }));
}
