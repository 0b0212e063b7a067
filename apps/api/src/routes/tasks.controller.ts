import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { TaskDrafts } from '@kaari/governance/tasks/task-drafts.js';
import { CurrentActor } from '../http/auth.guard.js';
import { CompleteTaskDto, SaveDraftDto, TaskQuery } from './dto.js';
import { TaskPage, TaskView } from './engine-views.dto.js';
import { TaskDraftView } from './governance-views.dto.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TaskService,
    private readonly drafts: TaskDrafts,
  ) {}

  @Get()
  @ApiOkResponse({ type: TaskPage })
  list(@CurrentActor() actor: Actor, @Query() query: TaskQuery) {
    return this.tasks.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView })
  claim(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.tasks.claim(actor, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView })
  unclaim(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.tasks.unclaim(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView, description: 'The task as completed' })
  complete(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(actor, id, body.data ?? {});
  }

  @Get(':id/draft')
  @ApiOkResponse({ type: TaskDraftView, description: 'The caller’s draft of the task’s form (data null when there is none)' })
  draft(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.drafts.get(actor, id);
  }

  @Put(':id/draft')
  @ApiOkResponse({ type: TaskDraftView, description: 'The draft as saved; the caller’s own, until the task completes' })
  saveDraft(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SaveDraftDto) {
    return this.drafts.put(actor, id, body.data);
  }

  @Delete(':id/draft')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The caller’s draft is gone (or there was none)' })
  async discardDraft(@CurrentActor() actor: Actor, @Param('id') id: string) {
    await this.drafts.discard(actor, id);
  }
}
