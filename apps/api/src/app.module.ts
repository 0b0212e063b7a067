import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessModule } from '@kaari/access/access.module.js';
import type { Clock } from '@kaari/common/clock.js';
import { CommonModule } from '@kaari/common/common.module.js';
import type { KaariConfig } from '@kaari/common/config.js';
import type { KaariLogger } from '@kaari/common/logger.js';
import { createRedis, REDIS } from '@kaari/common/redis.js';
import { EngineModule } from '@kaari/engine/engine.module.js';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { PersistenceModule } from '@kaari/persistence/persistence.module.js';
import { StartupService } from './startup.service.js';
import { AuthGuard } from './http/auth.guard.js';
import { ProblemFilter } from './http/problem.filter.js';
import { RedisTokenBucket } from './http/redis-token-bucket.js';
import { WriteRateLimitGuard } from './http/write-rate-limit.guard.js';
import { RequestContextInterceptor } from './http/request-context.interceptor.js';
import { AuditController, DeputiesController, OrganisationController, TaskAssignmentController } from './routes/access.controller.js';
import { AuthController } from './routes/auth.controller.js';
import { BodiesController } from './routes/bodies.controller.js';
import { CasesController } from './routes/cases.controller.js';
import { DecisionsController } from './routes/decisions.controller.js';
import { MeetingsController, PublicMinutesController } from './routes/meetings.controller.js';
import { DefinitionsController } from './routes/definitions.controller.js';
import { FormsController } from './routes/forms.controller.js';
import { HealthController } from './routes/health.controller.js';
import { IncidentsController } from './routes/incidents.controller.js';
import { InstancesController } from './routes/instances.controller.js';
import { NotificationsController } from './routes/notifications.controller.js';
import { OidcSignInController } from './routes/oidc-sign-in.controller.js';
import { ReportsController } from './routes/reports.controller.js';
import { TasksController } from './routes/tasks.controller.js';
import { UsersController } from './routes/users.controller.js';

@Module({})
export class ApiModule {
  static forRoot(config: KaariConfig, options: { clock?: Clock; logger?: KaariLogger } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [CommonModule.forRoot(config, options), PersistenceModule.forRoot(config), EngineModule, GovernanceModule, AccessModule],
      controllers: [
        AuthController,
        OidcSignInController,
        HealthController,
        BodiesController,
        UsersController,
        DefinitionsController,
        InstancesController,
        IncidentsController,
        TasksController,
        NotificationsController,
        AuditController,
        DeputiesController,
        TaskAssignmentController,
        OrganisationController,
        FormsController,
        CasesController,
        DecisionsController,
        MeetingsController,
        PublicMinutesController,
        ReportsController,
      ],
      providers: [
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl, 'client') },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        RedisTokenBucket,
        StartupService,
      ],
    };
  }
}
