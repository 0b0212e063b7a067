import type { EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE … RETURNING` and gives its rows. TypeORM's raw query answers an UPDATE with
 * `[rows, count]` (a SELECT or INSERT with just the rows), so callers go through here instead
 * of unpacking that shape each time.
 */
export async function updateReturning<T>(em: Pick<EntityManager, 'query'>, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await em.query<[T[], number]>(sql, params);
  return rows;
}
