import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from './clock.js';
import { KAARI_CONFIG, type KaariConfig } from './config.js';
import { KaariLogger } from './logger.js';
import { WorkingDayCalendar } from './working-days.js';

/** Config, clock, calendar and logger, available everywhere. Tests pass their own config and clock. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: KaariConfig, options: { clock?: Clock; logger?: KaariLogger } = {}): DynamicModule {
    const logger = options.logger ?? new KaariLogger(config.logFormat, config.logLevel);
    return {
      module: CommonModule,
      // nestjs-pino: Nest's own lines and PinoLogger go to the same pino as KaariLogger's events.
      imports: [LoggerModule.forRoot(logger.nestParams)],
      providers: [
        { provide: KAARI_CONFIG, useValue: config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: KaariLogger, useValue: logger },
        WorkingDayCalendar,
      ],
      exports: [KAARI_CONFIG, Clock, KaariLogger, WorkingDayCalendar],
    };
  }
}
