import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import type * as definitions from '@kaari/engine/definitions/definition.service.js';
import type * as incidents from '@kaari/engine/instances/incident.service.js';
import type * as instances from '@kaari/engine/instances/instance.service.js';
import type * as tasks from '@kaari/engine/tasks/task.service.js';
import type { InstanceState, TaskKind, TaskState } from '@kaari/persistence/entities.js';
import type { Expect, Same } from './same-shape.js';

const TASK_STATES: TaskState[] = ['open', 'completed', 'cancelled'];
const TASK_KINDS: TaskKind[] = ['user', 'system', 'meeting'];
const INSTANCE_STATES: InstanceState[] = ['running', 'completed', 'cancelled', 'failed'];
const OBJECT = { type: 'object', additionalProperties: true } as const;

export class TaskView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String, description: 'The user task’s id in the diagram' }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [String], description: 'Codes of the bodies whose members may work on it' }) candidateBodies!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'kaari:steering-review' }) formKey!: string | null;
  @ApiProperty({
    enum: TASK_KINDS,
    enumName: 'TaskKind',
    description: '`user`: work for the members of its bodies; `system`: a wait Kaari ends itself, nobody’s work',
  })
  kind!: TaskKind;
  @ApiProperty({ enum: TASK_STATES, enumName: 'TaskState' }) state!: TaskState;
  @ApiProperty({ type: String, nullable: true, description: 'Who claimed it' }) assignee!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The deadline as the diagram gives it, e.g. `P10WD`' }) dueDate!: string | null;
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) completedBy!: string | null;
  @ApiProperty({ ...OBJECT, nullable: true, description: 'The data it was completed with' }) data!: Record<string, unknown> | null;
  @ApiProperty({ type: String }) definitionKey!: string;
  @ApiProperty({ type: String, nullable: true }) businessKey!: string | null;
  @ApiProperty({ type: Number, description: '0 while with its own body; n after n escalations up the chain' }) escalationLevel!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The body whose deadline runs now: the owner, or the last it escalated to' })
  deadlineBody!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overdueAt!: string | null;
}

export class TaskPage {
  @ApiProperty({ type: [TaskView] }) items!: TaskView[];
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Boolean, description: 'The count stops at a cap: past it `total` is the cap and this is true' }) totalCapped!: boolean;
}

export class TaskSummary {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [String] }) candidateBodies!: string[];
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) formKey!: string | null;
  @ApiProperty({ type: Number }) escalationLevel!: number;
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind' }) kind!: TaskKind;
}

export class ActiveStep {
  @ApiProperty({ type: String }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

/** Who completed the task that failed; the roles and bodies stored for the retry are not shown. */
export class IncidentActor {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [String] }) bodies!: string[];
}

/** A step that failed: the instance waits in state `failed` until an admin retries it or it is cancelled. */
export class IncidentView {
  @ApiProperty({ enum: ['task', 'timer'] }) kind!: 'task' | 'timer';
  @ApiProperty({ type: String }) message!: string;
  @ApiProperty({ type: String, nullable: true }) activityId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) taskId?: string;
  @ApiPropertyOptional({ ...OBJECT, description: 'The data the failed completion carried' }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ type: IncidentActor, description: 'Who completed the task that failed' }) actor?: IncidentActor;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) timerId?: string;
}

export class InstanceView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) definitionKey!: string;
  @ApiProperty({ type: Number }) definitionVersion!: number;
  @ApiProperty({ type: String, nullable: true }) businessKey!: string | null;
  @ApiProperty({ enum: INSTANCE_STATES, enumName: 'InstanceState' }) state!: InstanceState;
  @ApiProperty({ type: String }) startedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty(OBJECT) variables!: Record<string, unknown>;
  @ApiProperty({ type: [ActiveStep] }) activeSteps!: ActiveStep[];
  @ApiProperty({ type: [TaskSummary] }) openTasks!: TaskSummary[];
  @ApiProperty({ type: Boolean }) overdue!: boolean;
  @ApiProperty({ type: IncidentView, nullable: true }) incident!: IncidentView | null;
}

export class InstancePage {
  @ApiProperty({ type: [InstanceView] }) items!: InstanceView[];
  @ApiProperty({ type: Number }) total!: number;
}

export class HistoryEntryView {
  @ApiProperty({ type: Number }) id!: number;
  @ApiProperty({ type: String, example: 'task.completed' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) activityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ ...OBJECT, nullable: true }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class IncidentEntry {
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String }) definitionKey!: string;
  @ApiProperty({ type: String, nullable: true }) businessKey!: string | null;
  @ApiProperty({ type: IncidentView }) incident!: IncidentView;
}

export class RetryResult {
  @ApiProperty({ enum: ['task', 'timer'], description: 'What ran again' }) retried!: 'task' | 'timer';
  @ApiProperty({ type: String, example: 'incident', description: '`incident` when it failed again (a new incident is open)' }) outcome!: string;
}

export class UserTaskInfo {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) formKey!: string | null;
}

export class DiagramName {
  @ApiProperty({ type: String, description: 'The element’s id in the diagram (the process’s id for the process)' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The diagram’s own name (Finnish)' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'kaari:nameSv' }) sv!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'kaari:nameEn' }) en!: string | null;
}

export class DefinitionView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String }) checksum!: string;
  @ApiProperty({ type: String, nullable: true }) deployedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) deployedAt!: string;
  @ApiProperty({ type: [UserTaskInfo] }) userTasks!: UserTaskInfo[];
  @ApiProperty({ type: String, nullable: true }) startFormKey!: string | null;
  @ApiProperty({ type: [DiagramName], description: 'The names of the process and its elements with their Swedish and English translations' })
  names!: DiagramName[];
}

export class DefinitionWithVersions extends DefinitionView {
  @ApiProperty({ type: [Number], description: 'Every deployed version of the process' }) versions!: number[];
}

export class DeployResult extends DefinitionView {
  @ApiProperty({ type: Boolean, description: 'False when the same diagram was already the latest version: nothing new was stored' }) created!: boolean;
}

export class DiagramProblem {
  @ApiProperty({ type: String, nullable: true }) elementId!: string | null;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) message!: string;
}

export class DiagramCheck {
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: String, nullable: true }) processId!: string | null;
  @ApiProperty({ type: [DiagramProblem] }) problems!: DiagramProblem[];
}

// The instance's incident is the stored one (the service's type names only what it reads).
type _Checks = [
  Expect<Same<tasks.TaskView, TaskView>>,
  Expect<Same<instances.TaskSummary, TaskSummary>>,
  Expect<Same<instances.InstanceView, Omit<InstanceView, 'incident'> & { incident: { message: string; at: string } | null }>>,
  Expect<Same<incidents.Incident, Omit<IncidentView, 'actor'> & { actor?: Actor }>>,
  Expect<Same<definitions.DefinitionView, DefinitionView>>,
  Expect<Same<definitions.DeployResult, DeployResult>>,
];
