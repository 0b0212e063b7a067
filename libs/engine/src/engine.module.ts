import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { DefinitionService } from './definitions/definition.service.js';
import { ProcessDeployer } from './definitions/process-deployer.js';
import { IncidentRetryService } from './instances/incident-retry.service.js';
import { IncidentService } from './instances/incident.service.js';
import { InstanceService } from './instances/instance.service.js';
import { StepWriter } from './instances/step-writer.js';
import { EngineThreads } from './runtime/engine-threads.js';
import { StepRunner } from './runtime/process-runner.js';
import { TaskAssignment } from './tasks/task-assignment.js';
import { TaskService } from './tasks/task.service.js';
import { TaskDeadlines } from './time/task-deadlines.js';
import { TimerScheduler } from './time/timer-scheduler.js';
import { TimerService } from './time/timer.service.js';

/** Steps run in worker threads (EngineThreads): a runaway diagram is stopped by a time limit, never holds the event loop. */
@Module({
  imports: [GovernanceModule],
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
    StepWriter,
    TimerScheduler,
    TaskDeadlines,
    TimerService,
    InstanceService,
    TaskService,
    TaskAssignment,
    IncidentService,
    IncidentRetryService,
  ],
  exports: [DefinitionService, ProcessDeployer, InstanceService, IncidentService, IncidentRetryService, TaskService, TaskAssignment, TimerScheduler, TimerService, StepWriter, StepRunner],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(private readonly runner: StepRunner) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.runner instanceof EngineThreads) await this.runner.close();
  }
}
