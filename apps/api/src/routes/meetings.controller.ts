import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@kaari/common/actor.js';
import { MeetingService } from '@kaari/governance/meetings/meeting.service.js';
import { renderMinutesExtract } from '@kaari/governance/meetings/minutes-extract.js';
import { renderMinutesExtractPdf } from '@kaari/governance/meetings/minutes-extract-pdf.js';
import { RECUSAL_GROUNDS } from '@kaari/governance/meetings/recusal-grounds.js';
import { CurrentActor, Public } from '../http/auth.guard.js';
import {
  AgendaItemDto,
  AttendanceDto,
  BallotDto,
  CreateMeetingDto,
  ItemDecisionDto,
  MeetingQuery,
  MovementDto,
  PublicMinutesQuery,
  RecusalDto,
  StandingOrdersDto,
  UpdateAgendaItemDto,
  UpdateMeetingDto,
} from './meetings.dto.js';
import { MatterList, MeetingPage, MeetingView, PublicMinutesFeed, RecusalGroundView, StandingOrdersView } from './meetings-views.dto.js';

const HTML = { description: 'The minutes extract of the §, print-styled HTML', content: { 'text/html': { schema: { type: 'string' } } } };
const PDF = { description: 'The minutes extract of the § as PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

/**
 * Meetings of bodies: scheduling, the agenda from the matters awaiting handling, the invitation,
 * attendance and recusals, each item's decision, and the minutes through signing, checking and
 * publication. Refusals name the rule (problem+json, a `code` per problem).
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingService) {}

  @Get('bodies/:code/matters')
  @ApiOkResponse({ type: MatterList, description: 'The body’s matters awaiting handling at a meeting' })
  async matters(@Param('code') code: string) {
    return { items: await this.meetings.matters(code) };
  }

  @Get('bodies/:code/standing-orders')
  @ApiOkResponse({ type: StandingOrdersView })
  standingOrders(@Param('code') code: string) {
    return this.meetings.getStandingOrders(code);
  }

  @Put('bodies/:code/standing-orders')
  @ApiOkResponse({ type: StandingOrdersView, description: 'An admin sets the body’s standing orders' })
  setStandingOrders(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: StandingOrdersDto) {
    return this.meetings.setStandingOrders(actor, code, body);
  }

  @Get('meetings/recusal-grounds')
  @ApiOkResponse({ type: [RecusalGroundView], description: 'The legal grounds of a conflict of interest (Administrative Procedure Act 28 §)' })
  recusalGrounds() {
    return RECUSAL_GROUNDS.map((g) => ({ code: g.code, law: g.provision, label: { fi: g.fi, sv: g.sv, en: g.en } }));
  }

  @Get('meetings')
  @ApiOkResponse({ type: MeetingPage })
  list(@CurrentActor() actor: Actor, @Query() query: MeetingQuery) {
    return this.meetings.list(actor, { body: query.body, upcoming: query.upcoming === 'true', limit: query.limit, offset: query.offset });
  }

  @Post('meetings')
  @ApiCreatedResponse({ type: MeetingView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeetingDto) {
    return this.meetings.create(actor, body);
  }

  @Get('meetings/:id')
  @ApiOkResponse({ type: MeetingView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.get(actor, id);
  }

  @Patch('meetings/:id')
  @ApiOkResponse({ type: MeetingView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: UpdateMeetingDto) {
    return this.meetings.update(actor, id, body);
  }

  @Post('meetings/:id/items')
  @ApiCreatedResponse({ type: MeetingView, description: 'The meeting with the item at the end of its agenda' })
  addItem(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AgendaItemDto) {
    return this.meetings.addItem(actor, id, body);
  }

  @Patch('meetings/:id/items/:itemId')
  @ApiOkResponse({ type: MeetingView })
  updateItem(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('itemId') itemId: string, @Body() body: UpdateAgendaItemDto) {
    return this.meetings.updateItem(actor, id, itemId, body);
  }

  @Delete('meetings/:id/items/:itemId')
  @ApiOkResponse({ type: MeetingView, description: 'The meeting without the item; its matter is waiting again' })
  removeItem(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('itemId') itemId: string) {
    return this.meetings.removeItem(actor, id, itemId);
  }

  @Post('meetings/:id/invitation')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'Sent to every member and substitute, in the app and by e-mail' })
  invite(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.invite(actor, id);
  }

  @Put('meetings/:id/attendance')
  @ApiOkResponse({ type: MeetingView, description: 'The meeting, open' })
  attendance(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AttendanceDto) {
    return this.meetings.setAttendance(actor, id, body);
  }

  @Post('meetings/:id/movements')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView })
  movement(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: MovementDto) {
    return this.meetings.recordMovement(actor, id, body);
  }

  @Post('meetings/:id/items/:itemId/recusals')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView })
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('itemId') itemId: string, @Body() body: RecusalDto) {
    return this.meetings.recuse(actor, id, itemId, body);
  }

  @Post('meetings/:id/items/:itemId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'The item decided with its §; a matter’s task completes (or waits again) as the outcome says' })
  decide(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('itemId') itemId: string, @Body() body: ItemDecisionDto) {
    return this.meetings.decide(actor, id, itemId, body);
  }

  @Post('meetings/:id/items/:itemId/ballots')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'The caller’s ballot in the electronic procedure' })
  ballot(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('itemId') itemId: string, @Body() body: BallotDto) {
    return this.meetings.castBallot(actor, id, itemId, body.ballot);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView })
  close(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.close(actor, id);
  }

  @Post('meetings/:id/minutes/signatures')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'Signed by the caller, the chair or the secretary' })
  sign(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.sign(actor, id);
  }

  @Post('meetings/:id/minutes/checks')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'Checked by the caller, a minutes checker chosen at the meeting' })
  check(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.check(actor, id);
  }

  @Post('meetings/:id/minutes/publication')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingView, description: 'Published: the appeal clock of each decision starts' })
  publish(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.meetings.publish(actor, id);
  }

  @Get('meetings/:id/items/:itemId/extract')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  async extract(@Param('id') id: string, @Param('itemId') itemId: string) {
    return renderMinutesExtract(await this.meetings.extract(id, itemId, { publicOnly: false }));
  }

  @Get('meetings/:id/items/:itemId/extract.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async extractPdf(@Param('id') id: string, @Param('itemId') itemId: string, @Res() res: Response) {
    sendPdf(res, await renderMinutesExtractPdf(await this.meetings.extract(id, itemId, { publicOnly: false })));
  }
}

/** Published minutes for everyone, with no sign-in: a JSON feed and the extracts of public items. */
@ApiTags('public')
@Controller('public/minutes')
export class PublicMinutesController {
  constructor(private readonly meetings: MeetingService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: PublicMinutesFeed, description: 'Published meetings and their items, newest first; non-public items without their content' })
  async feed(@Query() query: PublicMinutesQuery) {
    return { items: await this.meetings.publicMinutes({ body: query.body }) };
  }

  @Public()
  @Get(':id/items/:itemId/extract')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  async extract(@Param('id') id: string, @Param('itemId') itemId: string) {
    return renderMinutesExtract(await this.meetings.extract(id, itemId, { publicOnly: true }));
  }

  @Public()
  @Get(':id/items/:itemId/extract.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async extractPdf(@Param('id') id: string, @Param('itemId') itemId: string, @Res() res: Response) {
    sendPdf(res, await renderMinutesExtractPdf(await this.meetings.extract(id, itemId, { publicOnly: true })));
  }
}

function sendPdf(res: Response, pdf: Buffer): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', 'inline; filename="poytakirjanote.pdf"');
  res.end(pdf);
}
