import { Module } from '@nestjs/common';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { DefinitionService } from './definitions/definition.service.js';
import { ProcessDeployer } from './definitions/process-deployer.js';
import { InstanceService } from './instances/instance.service.js';
import { StepWriter } from './instances/step-writer.js';
import { ProcessRunner } from './runtime/process-runner.js';
import { TaskService } from './tasks/task.service.js';
import { TimerScheduler } from './time/timer-scheduler.js';

@Module({
  imports: [GovernanceModule],
  providers: [{ provide: ProcessRunner, useValue: new ProcessRunner() }, DefinitionService, ProcessDeployer, StepWriter, TimerScheduler, InstanceService, TaskService],
  exports: [DefinitionService, ProcessDeployer, InstanceService, TaskService, TimerScheduler, StepWriter, ProcessRunner],
})
export class EngineModule {}
