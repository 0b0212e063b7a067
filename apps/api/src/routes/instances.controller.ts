import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { canonicalJson } from '@kaari/access/audit-chain.js';
import type { Actor } from '@kaari/common/actor.js';
import { badInput } from '@kaari/common/errors.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { CurrentActor, Roles } from '../http/auth.guard.js';
import { CancelDto, InstanceQuery, StartInstanceDto } from './dto.js';
import { HistoryEntryView, InstancePage, InstanceView } from './engine-views.dto.js';

const LOCATION = { Location: { description: 'The instance’s address', schema: { type: 'string' } } };

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** sha-256 of the request in canonical form (method, route, body with keys sorted): what a repeat of a key must match. */
function requestHash(req: Request, body: unknown): string {
  const route = `${req.baseUrl ?? ''}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
  return createHash('sha256')
    .update(canonicalJson({ method: req.method, route, body: JSON.parse(JSON.stringify(body ?? null)) }))
    .digest('hex');
}

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstancesController {
  constructor(private readonly instances: InstanceService) {}

  @Roles('director')
  @Post()
  @ApiCreatedResponse({ type: InstanceView, headers: LOCATION })
  @ApiOkResponse({ type: InstanceView, headers: LOCATION, description: 'A repeat of an earlier start with the same Idempotency-Key: the instance it started' })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'A repeated start with the same key and the same request returns the first instance; the same key with a different request is refused with 422',
  })
  async start(
    @CurrentActor() actor: Actor,
    @Body() body: StartInstanceDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') key?: string,
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw badInput('Idempotency-Key is 1 to 128 letters, digits, ., _, : or -');
    const { instance, created } = await this.instances.start(actor, body, key === undefined ? undefined : { key, requestHash: requestHash(req, body) });
    res.status(created ? 201 : 200);
    res.setHeader('Location', `/api/instances/${instance.id}`);
    return instance;
  }

  @Get()
  @ApiOkResponse({ type: InstancePage })
  list(@CurrentActor() actor: Actor, @Query() query: InstanceQuery) {
    return this.instances.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: InstanceView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.instances.get(actor, id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryView] })
  history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.instances.history(actor, id);
  }

  @Roles('director')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: InstanceView })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CancelDto) {
    return this.instances.cancel(actor, id, body.reason);
  }
}
