import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { DefinitionService } from './definitions/definition.service.js';
import { EngineEvents } from './engine-events.js';
import { ProcessDeployer } from './definitions/process-deployer.js';
import { IncidentRetryService } from './instances/incident-retry.service.js';
import { IncidentService } from './instances/incident.service.js';
import { InstanceService } from './instances/instance.service.js';
import { StepWriter } from './instances/step-writer.js';
import { EngineThreads } from './runtime/engine-threads.js';
import { StepRunner } from './runtime/process-runner.js';
import { TaskWriter } from './tasks/task-writer.js';
import { TaskService } from './tasks/task.service.js';
import { TimerScheduler } from './time/timer-scheduler.js';
import { TimerService } from './time/timer.service.js';

/**
 * Definitions, instances, tasks and timers; the only module that runs bpmn-engine. It imports no
 * module above it: others plug in through its ports (start and completion policies, task
 * authorities, timer kinds, the forms and candidate groups a diagram may name) and listen to its
 * events (EngineEvents). Steps run in worker threads (EngineThreads): a runaway diagram is stopped
 * by a time limit, never holds the event loop.
 */
@Module({
  providers: [
    {
      provide: StepRunner,
      inject: [KAARI_CONFIG, KaariLogger],
      useFactory: (config: KaariConfig, logger: KaariLogger) =>
        new EngineThreads({
          threads: config.engineThreads,
          stepTimeoutMs: config.engineStepTimeoutMs,
          memoryMb: config.engineThreadMemoryMb,
          warmLimit: 200,
          onStopped: (event) => logger.event('warn', 'engine.thread.stopped', event, 'EngineThreads'),
        }),
    },
    DefinitionService,
    ProcessDeployer,
    EngineEvents,
    StepWriter,
    TimerScheduler,
    TimerService,
    InstanceService,
    TaskService,
    TaskWriter,
    IncidentService,
    IncidentRetryService,
  ],
  exports: [
    DefinitionService,
    ProcessDeployer,
    InstanceService,
    IncidentService,
    IncidentRetryService,
    TaskService,
    TaskWriter,
    TimerScheduler,
    TimerService,
    StepWriter,
    StepRunner,
    EngineEvents,
  ],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(private readonly runner: StepRunner) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.runner instanceof EngineThreads) await this.runner.close();
  }
}
