import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DomainError } from '@kaari/common/errors.js';
import { REDIS } from '@kaari/common/redis.js';
import { Public } from '../http/auth.guard.js';
import { HealthView } from './health.dto.js';

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, redis] = await Promise.all([
      within(2000, this.db.query('SELECT 1')).then(
        () => 'up',
        () => 'down',
      ),
      within(2000, this.redis.ping()).then(
        () => 'up',
        () => 'down',
      ),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    if (postgres !== 'up' || redis !== 'up') {
      throw new DomainError('UNAVAILABLE', `postgres is ${postgres}, redis is ${redis}`);
    }
    return { status: 'up', postgres, redis };
  }
}
