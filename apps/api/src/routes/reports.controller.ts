import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@kaari/common/actor.js';
import { childrenBudgetCsv } from '@kaari/governance/reports/children-budget.js';
import { ChildrenBudgetService } from '@kaari/governance/reports/children-budget.service.js';
import { CurrentActor } from '../http/auth.guard.js';
import { ReportQuery } from './governance.dto.js';
import { ChildrenBudgetReport } from './governance-views.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly budget: ChildrenBudgetService) {}

  /** Children's and youth spending by age group, provider type and sector, from the service mappings. */
  @Get('children-budget')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(ChildrenBudgetReport)
  @ApiOkResponse({
    description: 'The report; with format=csv, the same as a CSV file',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ChildrenBudgetReport) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async childrenBudget(@CurrentActor() actor: Actor, @Query() query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.budget.report(actor, query.instanceId);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="children-budget${query.instanceId ? `-${query.instanceId}` : ''}.csv"`);
    return childrenBudgetCsv(report);
  }
}
