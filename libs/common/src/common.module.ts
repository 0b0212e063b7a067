import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';
import { KAARI_CONFIG, type KaariConfig } from './config.js';
import { KaariLogger } from './logger.js';
import { WorkingDayCalendar } from './working-days.js';

/** Config, clock, calendar and logger, available everywhere. Tests pass their own config and clock. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: KaariConfig, options: { clock?: Clock; logger?: KaariLogger } = {}): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: KAARI_CONFIG, useValue: config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: KaariLogger, useValue: options.logger ?? new KaariLogger(config.logFormat, config.logLevel) },
        WorkingDayCalendar,
      ],
      exports: [KAARI_CONFIG, Clock, KaariLogger, WorkingDayCalendar],
    };
  }
}
