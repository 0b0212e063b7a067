import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@kaari/common/actor.js';
import { childrenBudgetCsv } from '@kaari/governance/reports/children-budget.js';
import { ChildrenBudgetService } from '@kaari/governance/reports/children-budget.service.js';
import { purchasingCsv } from '@kaari/governance/purchasing/purchasing-report.js';
import { PurchasingReportService } from '@kaari/governance/purchasing/purchasing-report.service.js';
import { CurrentActor } from '../http/auth.guard.js';
import { ReportQuery } from './governance.dto.js';
import { ChildrenBudgetReport } from './governance-views.dto.js';
import { PurchaserProviderReport, PurchasingReportQuery } from './purchasing-views.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly budget: ChildrenBudgetService,
    private readonly purchasing: PurchasingReportService,
  ) {}

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

  /**
   * The purchaser–provider cycle's price–quality report for an agreement year: per product group, ordered against
   * delivered volumes and euros, unit prices and quality targets met; the preventive, early support and corrective
   * shares year on year. For directors and the bodies of the cycle.
   */
  @Get('purchaser-provider')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(PurchaserProviderReport)
  @ApiOkResponse({
    description: 'The report; with format=csv, the same as a CSV file (names in lang, default fi)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PurchaserProviderReport) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async purchaserProvider(@CurrentActor() actor: Actor, @Query() query: PurchasingReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.purchasing.report(actor, query.year);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="purchaser-provider-${query.year}.csv"`);
    return purchasingCsv(report, query.lang ?? 'fi');
  }
}
