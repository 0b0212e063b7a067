import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuditService } from '@kaari/access/audit.service.js';
import { DeputyService } from '@kaari/access/deputy.service.js';
import { OrganisationTransfer } from '@kaari/access/organisation-transfer.js';
import type { Actor } from '@kaari/common/actor.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { BodyService } from '@kaari/governance/body.service.js';
import { TaskAssignment } from '@kaari/governance/tasks/task-assignment.js';
import { CurrentActor, Roles } from '../http/auth.guard.js';
import { AssignDto, AuditQuery, DeputyDto, ImportQuery, ReassignDto } from './access.dto.js';
import { AuditPage, AuditVerification, DeputyView, ImportPlan, OrganisationFile, ReassignResult, TaskRef } from './access-views.dto.js';
import { TaskView } from './engine-views.dto.js';
import { MembershipChange } from './governance-views.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first: who did what, when, before and after, with the correlation id and the seal. */
  @Get()
  @ApiOkResponse({ type: AuditPage })
  list(@Query() query: AuditQuery) {
    const [entityType, ...rest] = (query.entity ?? '').split(':');
    return this.audit.list({
      actor: query.actor,
      entityType: entityType || undefined,
      entityId: rest.length ? rest.join(':') : undefined,
      instanceId: query.instance,
      action: query.action,
      correlationId: query.correlationId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
      offset: query.offset,
    });
  }

  /** Walks the hash chain: {ok, checked, unsealed, head, firstBrokenAt?}. */
  @Get('verify')
  @ApiOkResponse({ type: AuditVerification })
  verify() {
    return this.audit.verify();
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users/:username/deputies')
export class DeputiesController {
  constructor(private readonly deputies: DeputyService) {}

  /** The member themselves or an admin; anyone else gets 404. */
  @Get()
  @ApiOkResponse({ type: [DeputyView] })
  list(@CurrentActor() actor: Actor, @Param('username') username: string) {
    return this.deputies.list(actor, username);
  }

  @Post()
  @ApiCreatedResponse({ type: DeputyView })
  name(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: DeputyDto) {
    return this.deputies.name(actor, username, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The deputyship ended now' })
  async end(@CurrentActor() actor: Actor, @Param('username') username: string, @Param('id') id: string) {
    await this.deputies.end(actor, username, id);
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskAssignmentController {
  constructor(
    private readonly assignment: TaskAssignment,
    private readonly tasks: TaskService,
  ) {}

  /** Bulk: a director, or the chair of each task's body; all or nothing. */
  @Post('reassign')
  @HttpCode(200)
  @ApiOkResponse({ type: ReassignResult })
  async reassign(@CurrentActor() actor: Actor, @Body() body: ReassignDto) {
    const { reassigned } = await this.assignment.reassign(actor, body);
    return { reassigned: reassigned.length, tasks: await Promise.all(reassigned.map((id) => this.tasks.get(actor, id).catch(() => ({ id })))) };
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiExtraModels(TaskView, TaskRef)
  @ApiOkResponse({
    description: 'The task, or only its id when the caller may no longer see it',
    schema: { oneOf: [{ $ref: getSchemaPath(TaskView) }, { $ref: getSchemaPath(TaskRef) }] },
  })
  async assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AssignDto) {
    await this.assignment.assign(actor, id, body.username, body.reason ?? null);
    return this.tasks.get(actor, id).catch(() => ({ id }));
  }
}

@ApiTags('bodies')
@ApiBearerAuth()
@Controller()
export class OrganisationController {
  constructor(
    private readonly transfer: OrganisationTransfer,
    private readonly bodies: BodyService,
  ) {}

  /** The organisation as a file in the format of processes/organisations/*.json. */
  @Roles('admin')
  @Get('organisation/export')
  @ApiOkResponse({ type: OrganisationFile })
  export() {
    return this.transfer.export();
  }

  /** dryRun=true (the default) shows the plan; dryRun=false applies it in one transaction. */
  @Roles('admin')
  @Post('organisation/import')
  @HttpCode(200)
  @ApiOkResponse({ type: ImportPlan })
  import(@Query() query: ImportQuery, @Body() body: unknown) {
    return this.transfer.import(body, query.dryRun ?? true);
  }

  @Get('bodies/:code/membership-history')
  @ApiOkResponse({ type: [MembershipChange] })
  membershipHistory(@Param('code') code: string) {
    return this.bodies.membershipHistory(code);
  }
}
