import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { notFound } from '@kaari/common/errors.js';
import { CaseEntity, FormSubmissionEntity } from '@kaari/persistence/governance.entities.js';
import { DEFAULT_CLASSIFICATION } from '../forms/case-forms.js';
import { finnishYear, formatDiaryNumber, nextNumber } from './number-series.js';

export const SCREENING_FORM = 'kaari:child-impact-screening';
export const ASSESSMENT_FORM = 'kaari:child-impact-assessment';
const CLASSIFICATION = /^\d{2}( \d{2}){1,3}$/;

export interface CaseView {
  instanceId: string;
  diaryNumber: string;
  classification: string;
  title: string | null;
  openedAt: string;
}

export interface DocumentView {
  id: string;
  formKey: string;
  taskId: string | null;
  data: Record<string, unknown>;
  submittedBy: string;
  submittedAt: string;
}

/** Whether the council decision may be made: the child impact assessment's state. */
export interface ChildImpactGate {
  open: boolean;
  basis: 'assessment' | 'screening' | null;
  detail: string;
  /** For the decision record: the assessment's summary for the decision text, or the screening's justification. */
  summary: string | null;
  screening: { childrenAffected: string; signedBy: string; signedOn: string; submittedAt: string } | null;
  assessment: { signedBy: string; signedOn: string; submittedAt: string } | null;
}

/**
 * Cases: every instance is one, with a diary number running per year and a task
 * classification; and the documents (whole form data) that completed its tasks.
 */
@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly instances: InstanceService,
  ) {}

  /** The case of an instance the actor may see, with the state of its child impact assessment. */
  async caseOf(actor: Actor, instanceId: string): Promise<CaseView & { childImpact: Omit<ChildImpactGate, 'summary'> }> {
    await this.instances.get(actor, instanceId);
    const view = await this.get(instanceId);
    if (!view) throw notFound(`The case of instance ${instanceId}`);
    const { summary: _summary, ...childImpact } = await this.childImpactGate(this.db.manager, instanceId);
    return { ...view, childImpact };
  }

  async documentsOf(actor: Actor, instanceId: string, formKey?: string): Promise<DocumentView[]> {
    await this.instances.get(actor, instanceId);
    return this.documents(instanceId, formKey);
  }

  /** Opens the case of a new instance in its start transaction; the diary number is taken under the year's counter lock. */
  async open(em: EntityManager, instanceId: string, input: { classification?: unknown; title?: unknown }): Promise<CaseView> {
    const now = this.clock.now();
    const year = finnishYear(now);
    const sequence = await nextNumber(em, 'diary', year);
    const row: CaseEntity = {
      instanceId,
      diaryNumber: formatDiaryNumber(sequence, year),
      diaryYear: year,
      diarySequence: sequence,
      classification: classificationOf(input.classification),
      title: typeof input.title === 'string' ? input.title.slice(0, 300) : null,
      createdAt: now,
    };
    await em.insert(CaseEntity, row);
    return this.view(row);
  }

  async find(em: EntityManager, instanceId: string): Promise<CaseView | null> {
    const row = await em.findOneBy(CaseEntity, { instanceId });
    return row ? this.view(row) : null;
  }

  async get(instanceId: string): Promise<CaseView | null> {
    return this.find(this.db.manager, instanceId);
  }

  private view(r: CaseEntity): CaseView {
    return { instanceId: r.instanceId, diaryNumber: r.diaryNumber, classification: r.classification, title: r.title, openedAt: r.createdAt.toISOString() };
  }

  /** Keeps the whole data of a completed form with the case, in the completion transaction. */
  async keepDocument(
    em: EntityManager,
    doc: { instanceId: string; taskId: string | null; formKey: string; data: Record<string, unknown>; actor: Actor },
  ): Promise<void> {
    await em.insert(FormSubmissionEntity, {
      id: randomUUID(),
      instanceId: doc.instanceId,
      taskId: doc.taskId,
      formKey: doc.formKey,
      data: doc.data as never,
      submittedBy: doc.actor.username,
      submittedAt: this.clock.now(),
    });
  }

  async documents(instanceId: string, formKey?: string): Promise<DocumentView[]> {
    const rows = await this.db.getRepository(FormSubmissionEntity).find({
      where: formKey ? { instanceId, formKey } : { instanceId },
      order: { submittedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      formKey: r.formKey,
      taskId: r.taskId,
      data: r.data,
      submittedBy: r.submittedBy,
      submittedAt: r.submittedAt.toISOString(),
    }));
  }

  /**
   * The gate before the council decision. Open when the latest full assessment is signed off and
   * no newer screening supersedes it, or when the latest screening (signed off) says children are
   * not affected. A matter returned for new preparation is screened again, and the new screening
   * decides.
   */
  async childImpactGate(em: EntityManager, instanceId: string): Promise<ChildImpactGate> {
    const latest = async (formKey: string) => em.findOne(FormSubmissionEntity, { where: { instanceId, formKey }, order: { submittedAt: 'DESC', id: 'DESC' } });
    const screening = await latest(SCREENING_FORM);
    const assessment = await latest(ASSESSMENT_FORM);
    const signOff = (d: FormSubmissionEntity | null) => {
      const s = d?.data.signOff as { signedBy?: string; signedOn?: string } | undefined;
      return s?.signedBy && s.signedOn ? { signedBy: s.signedBy, signedOn: s.signedOn } : null;
    };
    const screeningView =
      screening && signOff(screening)
        ? { childrenAffected: String(screening.data.childrenAffected), ...signOff(screening)!, submittedAt: screening.submittedAt.toISOString() }
        : null;
    const assessmentView = assessment && signOff(assessment) ? { ...signOff(assessment)!, submittedAt: assessment.submittedAt.toISOString() } : null;
    const base = { screening: screeningView, assessment: assessmentView };
    if (assessment && assessmentView && (!screening || assessment.submittedAt >= screening.submittedAt)) {
      const summary = (assessment.data.conclusion as { decisionSummary?: string } | undefined)?.decisionSummary ?? null;
      return { ...base, open: true, basis: 'assessment', detail: 'The full child impact assessment is signed off', summary };
    }
    if (screeningView?.childrenAffected === 'no') {
      return {
        ...base,
        open: true,
        basis: 'screening',
        detail: 'The signed-off screening found that children are not affected',
        summary: typeof screening!.data.justification === 'string' ? screening!.data.justification : '',
      };
    }
    const detail = screeningView
      ? `The screening found children affected (${screeningView.childrenAffected}), and the full child impact assessment has not been signed off`
      : 'No child impact screening has been signed off';
    return { ...base, open: false, basis: null, detail, summary: null };
  }
}

/** The task classification a case files under: the one given, when well-formed, or the default. */
export function classificationOf(given: unknown): string {
  return typeof given === 'string' && CLASSIFICATION.test(given) ? given : DEFAULT_CLASSIFICATION;
}
