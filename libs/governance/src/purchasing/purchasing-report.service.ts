import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDirector, type Actor } from '@kaari/common/actor.js';
import { forbidden } from '@kaari/common/errors.js';
import { DefinitionService } from '@kaari/engine/definitions/definition.service.js';
import { CYCLE_START_FORM, QUARTERLY_REPORT_FORM, SERVICE_DEFINITION_FORM, SERVICE_ORDER_FORM } from './purchaser-provider-forms.js';
import { orientationShares, purchasingFigures, type PurchasingFigures, type YearDocuments, type YearShares } from './purchasing-report.js';

export type PurchasingReport = PurchasingFigures & {
  /** The preventive, early support and corrective shares of each year up to this one that has a cycle, oldest first. */
  years: YearShares[];
  /** How many cycles (cases) have a service definition for the year. */
  cycles: number;
};

/** How many earlier years the shares go back. */
const YEARS_BACK = 5;

interface DocRow {
  instance_id: string;
  form_key: string;
  data: Record<string, unknown>;
}

/**
 * The price–quality report of the purchaser–provider cycle, from the documents the cycle keeps:
 * for a year, per product group, ordered against delivered; and the orientation shares year on year.
 * For directors and for members of the bodies that take part in the cycle.
 */
@Injectable()
export class PurchasingReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly definitions: DefinitionService,
  ) {}

  async report(actor: Actor, year: number): Promise<PurchasingReport> {
    await this.assertMayRead(actor);
    const rows: DocRow[] = await this.db.query(
      `SELECT fs.instance_id, fs.form_key, fs.data FROM form_submissions fs JOIN instances i ON i.id = fs.instance_id
        WHERE fs.form_key = ANY($1) AND i.state <> 'cancelled' AND (fs.data->>'year')::int BETWEEN $2 AND $3
        ORDER BY fs.submitted_at, fs.id`,
      [[SERVICE_DEFINITION_FORM, SERVICE_ORDER_FORM, QUARTERLY_REPORT_FORM], year - YEARS_BACK, year],
    );
    const byYear = new Map<number, YearDocuments & { cycles: Set<string> }>();
    for (const y of new Set(rows.map((r) => Number(r.data.year)))) byYear.set(y, documentsOf(rows, y));
    const figures = purchasingFigures(byYear.get(year) ?? { year, definition: null, orders: [], reports: [] });
    const years = [...byYear.keys()]
      .sort((a, b) => a - b)
      .map((y) => (y === year ? orientationShares(figures) : orientationShares(purchasingFigures(byYear.get(y)!))));
    return { ...figures, years, cycles: byYear.get(year)?.cycles.size ?? 0 };
  }

  private async assertMayRead(actor: Actor): Promise<void> {
    if (isDirector(actor)) return;
    const cycleBodies = new Set(
      (await this.definitions.latestVersions())
        .filter((d) => d.startFormKey === CYCLE_START_FORM)
        .flatMap((d) => d.userTasks.flatMap((t) => t.candidateGroups)),
    );
    if (!actor.bodies.some((b) => cycleBodies.has(b)))
      throw forbidden('The purchaser–provider report is for directors and the bodies of the purchasing cycle', 'purchasing-report-forbidden');
  }
}

/**
 * One year's documents across cycles: per cycle, the latest service definition of the year, each
 * provider's latest order of the year, and every quarterly report; cycles are added together.
 */
export function documentsOf(rows: DocRow[], year: number): YearDocuments & { cycles: Set<string> } {
  const ofYear = rows.filter((r) => Number(r.data.year) === year);
  const definitions = new Map<string, YearDocuments['definition']>();
  const orders = new Map<string, YearDocuments['orders'][number]>();
  const reports: YearDocuments['reports'] = [];
  for (const r of ofYear) {
    if (r.form_key === SERVICE_DEFINITION_FORM) definitions.set(r.instance_id, r.data as unknown as YearDocuments['definition']);
    else if (r.form_key === SERVICE_ORDER_FORM)
      orders.set(`${r.instance_id}\u0000${String(r.data.provider)}`, r.data as unknown as YearDocuments['orders'][number]);
    else if (r.form_key === QUARTERLY_REPORT_FORM) reports.push(r.data as unknown as YearDocuments['reports'][number]);
  }
  // Several cycles of one year (rare: a restarted cycle) add up; their definitions are merged, the latest tag of a product group winning.
  const services = new Map<string, NonNullable<YearDocuments['definition']>['services'][number]>();
  for (const d of definitions.values()) for (const s of d?.services ?? []) services.set(s.productGroup, s);
  return {
    year,
    definition: definitions.size ? { services: [...services.values()] } : null,
    orders: [...orders.values()],
    reports,
    cycles: new Set(definitions.keys()),
  };
}
