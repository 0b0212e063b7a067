import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BodyService } from '@kaari/governance/body.service.js';
import { Roles } from '../http/auth.guard.js';
import { BodyDto } from './dto.js';
import { BodyView } from './governance-views.dto.js';

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('bodies')
export class BodiesController {
  constructor(private readonly bodies: BodyService) {}

  @Get()
  @ApiOkResponse({ type: [BodyView] })
  list() {
    return this.bodies.list();
  }

  @Get(':code')
  @ApiOkResponse({ type: BodyView })
  get(@Param('code') code: string) {
    return this.bodies.get(code);
  }

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: BodyView })
  create(@Body() body: BodyDto) {
    return this.bodies.create(body);
  }

  @Roles('admin')
  @Put(':code')
  @ApiOkResponse({ type: BodyView })
  update(@Param('code') code: string, @Body() body: BodyDto) {
    return this.bodies.update(code, body);
  }
}
