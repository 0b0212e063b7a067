import { Module } from '@nestjs/common';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { DefinitionService } from './definitions/definition.service.js';
import { ProcessDeployer } from './definitions/process-deployer.js';
import { IncidentRetryService } from './instances/incident-retry.service.js';
import { IncidentService } from './instances/incident.service.js';
import { InstanceService } from './instances/instance.service.js';
import { StepWriter } from './instances/step-writer.js';
import { ProcessRunner } from './runtime/process-runner.js';
import { TaskAssignment } from './tasks/task-assignment.js';
import { TaskService } from './tasks/task.service.js';
import { TaskDeadlines } from './time/task-deadlines.js';
import { TimerScheduler } from './time/timer-scheduler.js';
import { TimerService } from './time/timer.service.js';

@Module({
  imports: [GovernanceModule],
  providers: [{ provide: ProcessRunner, useValue: new ProcessRunner() }, DefinitionService, ProcessDeployer, StepWriter, TimerScheduler, TaskDeadlines, TimerService, InstanceService, TaskService, TaskAssignment, IncidentService, IncidentRetryService],
  exports: [DefinitionService, ProcessDeployer, InstanceService, IncidentService, IncidentRetryService, TaskService, TaskAssignment, TimerScheduler, TimerService, StepWriter, ProcessRunner],
})
export class EngineModule {}
