import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { CurrentActor } from '../http/auth.guard.js';
import { CompleteTaskDto, TaskQuery } from './dto.js';
import { TaskPage, TaskView } from './engine-views.dto.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TaskService) {}

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
}
