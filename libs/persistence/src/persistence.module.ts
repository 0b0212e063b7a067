import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KaariConfig } from '@kaari/common/config.js';
import { dataSourceOptions } from './data-source.js';

/** Data sources registered in this process so far. */
let registered = 0;

@Module({})
export class PersistenceModule {
  static forRoot(config: KaariConfig, poolSize = 10): DynamicModule {
    // @nestjs/typeorm keeps the names of live data sources process-wide and warns when one is taken twice, yet each
    // app has a data source of its own (tests run the api and the worker in one process). So each app's data source
    // gets a name of its own, and DataSource, the token the libs inject, stands for it within that app.
    const name = `kaari-${++registered}`;
    return {
      module: PersistenceModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, poolSize), name, retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: DataSource, useExisting: getDataSourceToken(name) }],
      exports: [TypeOrmModule, DataSource],
    };
  }
}
