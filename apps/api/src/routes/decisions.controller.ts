import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { DecisionService } from '@kaari/governance/decisions/decision.service.js';
import { CurrentActor, Roles } from '../http/auth.guard.js';
import { CourtAppealDto, CourtRulingDto, DecisionQuery, ReviewRequestDto } from './governance.dto.js';
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

  /** A municipal appeal to the administrative court against a decision on a request for review: not final until the court rules. */
  @Roles('director')
  @Post(':id/court-appeals')
  @ApiCreatedResponse({ type: DecisionView, description: 'The decision, now under appeal' })
  appealToCourt(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CourtAppealDto) {
    return this.decisions.appealToCourt(actor, id, body);
  }

  /** The court's ruling: upheld (final, enforcement opens), overturned (the process ends), or returned to the body. */
  @Roles('director')
  @Post(':id/court-ruling')
  @ApiCreatedResponse({ type: DecisionView })
  registerRuling(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CourtRulingDto) {
    return this.decisions.registerRuling(actor, id, body);
  }
}
