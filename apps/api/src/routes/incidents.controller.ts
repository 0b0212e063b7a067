import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { IncidentRetryService } from '@kaari/engine/instances/incident-retry.service.js';
import { IncidentService } from '@kaari/engine/instances/incident.service.js';
import { CurrentActor, Roles } from '../http/auth.guard.js';
import { IncidentEntry, RetryResult } from './engine-views.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly retries: IncidentRetryService,
  ) {}

  /** Failed instances with the reason; cancel one with POST /api/instances/:id/cancel. */
  @Get('incidents')
  @ApiOkResponse({ type: [IncidentEntry] })
  list() {
    return this.incidents.list();
  }

  @Post('instances/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: RetryResult })
  retry(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.retries.retry(actor, id);
  }
}
