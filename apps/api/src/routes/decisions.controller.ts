import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { DecisionService } from '@kaari/governance/decisions/decision.service.js';
import { CurrentActor, Roles } from '../http/auth.guard.js';
import { DecisionQuery, ReviewRequestDto } from './governance.dto.js';
import { DecisionPage, DecisionView } from './governance-views.dto.js';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionService) {}

  @Get()
  @ApiOkResponse({ type: DecisionPage })
  list(@Query() query: DecisionQuery) {
    return this.decisions.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: DecisionView })
  get(@Param('id') id: string) {
    return this.decisions.get(id);
  }

  /** A request for review (oikaisuvaatimus) within the appeal period: the matter goes back to the same body. */
  @Roles('director')
  @Post(':id/review-requests')
  @ApiCreatedResponse({ type: DecisionView, description: 'The decision, now under review' })
  requestReview(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReviewRequestDto) {
    return this.decisions.requestReview(actor, id, body);
  }
}
