import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Actor } from '@kaari/common/actor.js';
import { NotificationService } from '@kaari/governance/notification.service.js';
import { CurrentActor } from '../http/auth.guard.js';
import { PageQuery } from './dto.js';
import { MarkedCount, NotificationPage, NotificationView } from './governance-views.dto.js';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only the unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** The signed-in user's reminders, overdue marks and escalations, newest first. */
  @Get()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQuery) {
    return this.notifications.list(actor.userId!, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedCount })
  async readAll(@CurrentActor() actor: Actor) {
    return { marked: await this.notifications.markAllRead(actor.userId!) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notifications.markRead(actor.userId!, id);
  }
}
