import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { KaariConfig } from '@kaari/common/config.js';
import { dataSourceOptions } from './data-source.js';

@Module({})
export class PersistenceModule {
  static forRoot(config: KaariConfig, poolSize = 10): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, poolSize), retryAttempts: 3, retryDelay: 1000 })],
      exports: [TypeOrmModule],
    };
  }
}
