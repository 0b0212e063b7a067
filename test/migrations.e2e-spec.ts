import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/persistence/src/data-source.js';
import { createTestDatabase } from './support/database.js';

describe('Migrations', () => {
  it('leave nothing for the entities to change (no pending migration)', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource(dataSourceOptions(db.url, 1));
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
