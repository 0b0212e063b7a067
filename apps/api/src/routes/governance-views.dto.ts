import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { BODY_KINDS, MEMBER_ROLES, type BodyKind } from '@kaari/governance/body.service.js';
import type * as bodies from '@kaari/governance/body.service.js';
import type * as cases from '@kaari/governance/cases/case.service.js';
import type * as decisions from '@kaari/governance/decisions/decision.service.js';
import { COURT_RULINGS, type CourtRuling } from '@kaari/governance/decisions/decision.service.js';
import type * as forms from '@kaari/governance/forms/form.service.js';
import { AGE_GROUP_KEYS, PROVIDER_TYPES, SECTORS, TARGETING, type AgeGroup, type ProviderType, type Targeting } from '@kaari/governance/forms/form-labels.js';
import type * as inventory from '@kaari/governance/mapping/service-inventory.service.js';
import type * as notifications from '@kaari/governance/notification.service.js';
import type * as drafts from '@kaari/governance/tasks/task-drafts.js';
import type { AllocationMethod } from '@kaari/governance/reports/children-budget.js';
import type { ChildrenBudgetReport as BudgetReport } from '@kaari/governance/reports/children-budget.service.js';
import type { DecisionOutcome, DecisionStatus } from '@kaari/persistence/governance.entities.js';
import { ProblemItemDto } from './problem.dto.js';
import type { Expect, Same } from './same-shape.js';

const OBJECT = { type: 'object', additionalProperties: true } as const;
const DECISION_OUTCOMES: DecisionOutcome[] = ['approved', 'amended', 'tabled', 'returned', 'rejected'];
const DECISION_STATUSES: DecisionStatus[] = [
  'awaiting-publication',
  'appeal-period',
  'final',
  'under-review',
  'reviewed',
  'no-appeal',
  'under-appeal',
  'overturned',
];
const ALLOCATION_METHODS: AllocationMethod[] = ['users', 'population-within-targets', 'population-share', 'excluded'];
/** Euros or people per age group, every group present. */
const PER_AGE_GROUP: ApiPropertyOptions = {
  type: 'object',
  properties: Object.fromEntries(AGE_GROUP_KEYS.map((g) => [g, { type: 'number' }])),
  required: [...AGE_GROUP_KEYS],
  selfRequired: true,
};

export class LocalizedName {
  @ApiProperty({ type: String }) fi!: string;
  @ApiPropertyOptional({ type: String }) sv?: string;
  @ApiProperty({ type: String }) en!: string;
}

/** A form's title or description in the three languages. */
export class Labels {
  @ApiProperty({ type: String }) fi!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: String }) sv!: string;
}

export class MemberView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String, enum: MEMBER_ROLES, description: 'chair, vice-chair, secretary or member' }) role!: string;
}

export class BodyView {
  @ApiProperty({ type: String, example: 'hyvinvoinnin-johtoryhma' }) code!: string;
  @ApiProperty({ type: LocalizedName }) name!: LocalizedName;
  @ApiProperty({ enum: BODY_KINDS, enumName: 'BodyKind' }) kind!: BodyKind;
  @ApiProperty({ type: String, nullable: true }) escalatesTo!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'P5WD' }) graceDuration!: string | null;
  @ApiProperty({ type: [MemberView] }) members!: MemberView[];
  @ApiProperty({ type: [String], description: 'The bodies an overdue task passes through above this one, nearest first' }) escalationChain!: string[];
}

export class MembershipChange {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String, example: 'joined', description: 'joined, left or role-changed' }) change!: string;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) previousRole!: string | null;
  @ApiProperty({ type: String, nullable: true }) changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class NotificationMessage {
  @ApiProperty({ type: String }) fi!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiPropertyOptional({ type: String }) sv?: string;
}

export class NotificationView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'reminder', description: 'reminder, overdue, escalation or assignment' }) kind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) instanceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: NotificationMessage }) message!: NotificationMessage;
  @ApiProperty({ ...OBJECT, nullable: true }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number, description: 'Unread notifications in all' }) unread!: number;
}

export class MarkedCount {
  @ApiProperty({ type: Number }) marked!: number;
}

export class FormSummary {
  @ApiProperty({ type: String, example: 'kaari:child-impact-assessment' }) key!: string;
  @ApiProperty({ type: Labels }) title!: Labels;
  @ApiProperty({ type: Labels }) description!: Labels;
}

export class FormView extends FormSummary {
  @ApiProperty({ ...OBJECT, description: 'JSON Schema (draft 2020-12) with labels: `x-labels`, `x-enumLabels`' }) schema!: Record<string, unknown>;
  @ApiProperty({ type: Boolean, description: 'Whether completing it records a decision of the task’s body' }) recordsDecisionOfBody!: boolean;
}

export class ScreeningState {
  @ApiProperty({ type: String }) childrenAffected!: string;
  @ApiProperty({ type: String }) signedBy!: string;
  @ApiProperty({ type: String }) signedOn!: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
}

export class AssessmentState {
  @ApiProperty({ type: String }) signedBy!: string;
  @ApiProperty({ type: String }) signedOn!: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
}

/** Whether the council decision may be made: the child impact assessment's state. */
export class ChildImpactState {
  @ApiProperty({ type: Boolean }) open!: boolean;
  @ApiProperty({ type: String, enum: ['assessment', 'screening'], nullable: true }) basis!: 'assessment' | 'screening' | null;
  @ApiProperty({ type: String }) detail!: string;
  @ApiProperty({ type: ScreeningState, nullable: true }) screening!: ScreeningState | null;
  @ApiProperty({ type: AssessmentState, nullable: true }) assessment!: AssessmentState | null;
}

export class CaseView {
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String, example: 'TKU/123/2026' }) diaryNumber!: string;
  @ApiProperty({ type: String, example: '00 01 00' }) classification!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: ChildImpactState }) childImpact!: ChildImpactState;
}

export class DocumentView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) formKey!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty(OBJECT) data!: Record<string, unknown>;
  @ApiProperty({ type: String }) submittedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
}

export class ServiceRowView {
  @ApiProperty({ type: String, format: 'uuid', description: 'The row’s id: the mapping form names the rows it changes or removes by it' }) id!: string;
  @ApiProperty({ type: String }) service!: string;
  @ApiProperty({ enum: Object.keys(PROVIDER_TYPES), enumName: 'ProviderType' }) providerType!: ProviderType;
  @ApiProperty({ type: String }) providerName!: string;
  @ApiProperty({ type: String, enum: Object.keys(SECTORS) }) sector!: string;
  @ApiProperty({ enum: AGE_GROUP_KEYS, enumName: 'AgeGroup', isArray: true }) ageGroups!: AgeGroup[];
  @ApiProperty({ enum: Object.keys(TARGETING), enumName: 'Targeting' }) targeting!: Targeting;
  @ApiProperty({ type: Number }) euros!: number;
  @ApiProperty({ type: Number, nullable: true }) personYears!: number | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: Object.fromEntries(AGE_GROUP_KEYS.map((g) => [g, { type: 'number' }])),
    description: 'Known users by age group',
  })
  users!: Partial<Record<AgeGroup, number>> | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: Number }) position!: number;
}

export class InventoryView {
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: [ServiceRowView] }) services!: ServiceRowView[];
  @ApiProperty({ type: Number }) count!: number;
  @ApiProperty({ type: Number }) totalEuros!: number;
}

/** A problem of one row of an import file, with the form field and the file's column it is about. */
export class ImportRowProblemView extends ProblemItemDto {
  @ApiProperty({ type: String, nullable: true, example: 'euros', description: 'The field of the service row; null for the whole row' }) field!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Euroa', description: 'The column as the file names it' }) column!: string | null;
}

export class ImportRowView {
  @ApiProperty({ type: Number, description: 'The row’s number in the file (the header is a row)' }) rowNumber!: number;
  @ApiProperty({ ...OBJECT, description: 'The service row as read from the file (values as the import would save them; a bad value as it was)' })
  values!: Record<string, unknown>;
  @ApiProperty({ type: [ImportRowProblemView] }) problems!: ImportRowProblemView[];
}

/** A dry run of an import (`?dryRun=true`): what it would save, and why it would not; nothing is saved. */
export class ImportPreviewView {
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ enum: ['replace', 'append'] }) mode!: 'replace' | 'append';
  @ApiProperty({ type: Number, description: 'Rows read from the file' }) count!: number;
  @ApiProperty({ type: Number, description: 'Euros of the rows that give a number' }) totalEuros!: number;
  @ApiProperty({ type: Boolean, description: 'The import would save: no problem in the file or any row' }) valid!: boolean;
  @ApiProperty({ type: [ProblemItemDto], description: 'Problems of the file itself: its header, no rows, too many services' }) problems!: ProblemItemDto[];
  @ApiProperty({ type: [ImportRowView] }) rows!: ImportRowView[];
}

export class ReviewRequestView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) requester!: string;
  @ApiProperty({ type: String }) grounds!: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String }) recordedBy!: string;
}

export class CourtAppealView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) appellant!: string;
  @ApiProperty({ type: String, example: 'Turun hallinto-oikeus' }) court!: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: COURT_RULINGS, enumName: 'CourtRuling', nullable: true }) ruling!: CourtRuling | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) ruledOn!: string | null;
  @ApiProperty({ type: String }) recordedBy!: string;
}

export class DecisionView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String }) diaryNumber!: string;
  @ApiProperty({ type: String }) classification!: string;
  @ApiProperty({ type: String, description: 'The code of the body that decided' }) body!: string;
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: Number }) section!: number;
  @ApiProperty({ type: String, example: '§ 272/2023' }) sectionLabel!: string;
  @ApiProperty({ type: String, format: 'date' }) meetingDate!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, enumName: 'DecisionOutcome' }) outcome!: DecisionOutcome;
  @ApiProperty({ type: String }) decisionText!: string;
  @ApiProperty({ type: String, nullable: true }) childImpactSummary!: string | null;
  @ApiProperty({ enum: DECISION_STATUSES, enumName: 'DecisionStatus' }) status!: DecisionStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) informedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appealEndsAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finalAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The decision this one reviewed' }) reviewOf!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The agenda item of the meeting that made the decision' }) meetingItemId!:
    string | null;
  @ApiProperty({ type: Boolean, description: 'The body decided it may be enforced before it is final' }) immediateEnforcement!: boolean;
  @ApiProperty({ type: String }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [CourtAppealView] }) courtAppeals!: CourtAppealView[];
  @ApiProperty({ type: [ReviewRequestView] }) reviewRequests!: ReviewRequestView[];
}

export class DecisionPage {
  @ApiProperty({ type: [DecisionView] }) items!: DecisionView[];
  @ApiProperty({ type: Number }) total!: number;
}

export class PopulationView {
  @ApiProperty({ type: Boolean, description: 'True for the default: a rounded illustration, not a statistic' }) estimate!: boolean;
  @ApiProperty({ type: String }) source!: string;
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty(PER_AGE_GROUP) byAgeGroup!: Record<AgeGroup, number>;
}

export class BudgetTotals {
  @ApiProperty({ type: Number }) services!: number;
  @ApiProperty({ type: Number }) mappedEuros!: number;
  @ApiProperty({ type: Number }) excludedEuros!: number;
  @ApiProperty({ type: Number }) allocatedEuros!: number;
  @ApiProperty({ type: Number }) estimatedEuros!: number;
  @ApiProperty({ type: Number }) notChildrenEuros!: number;
}

export class AgeGroupFigure {
  @ApiProperty({ enum: AGE_GROUP_KEYS, enumName: 'AgeGroup' }) ageGroup!: AgeGroup;
  @ApiProperty({ type: Number }) euros!: number;
  @ApiProperty({ type: Number, description: 'The part of `euros` allocated by population share rather than known users' }) estimatedEuros!: number;
  @ApiProperty({ type: Number, description: 'Of everything mapped (excluded services included)' }) shareOfMapped!: number;
  @ApiProperty({ type: Number }) perCapita!: number;
}

export class BudgetBreakdown {
  @ApiProperty({ type: String, description: 'The provider type or the sector' }) key!: string;
  @ApiProperty({ type: Number }) mappedEuros!: number;
  @ApiProperty({ type: Number }) allocatedEuros!: number;
  @ApiProperty({ type: Number }) estimatedEuros!: number;
  @ApiProperty({ type: Number }) excludedEuros!: number;
  @ApiProperty(PER_AGE_GROUP) byAgeGroup!: Record<AgeGroup, number>;
}

export class BudgetService {
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String }) service!: string;
  @ApiProperty({ type: String }) providerType!: string;
  @ApiProperty({ type: String }) providerName!: string;
  @ApiProperty({ type: String }) sector!: string;
  @ApiProperty({ enum: AGE_GROUP_KEYS, enumName: 'AgeGroup', isArray: true }) ageGroups!: AgeGroup[];
  @ApiProperty({ type: String }) targeting!: string;
  @ApiProperty({ type: Number }) euros!: number;
  @ApiProperty({ type: 'object', nullable: true, properties: Object.fromEntries(AGE_GROUP_KEYS.map((g) => [g, { type: 'number' }])) })
  users!: Partial<Record<AgeGroup, number>> | null;
  @ApiProperty({ enum: ALLOCATION_METHODS, enumName: 'AllocationMethod' }) method!: AllocationMethod;
  @ApiProperty({ type: Boolean }) estimate!: boolean;
  @ApiProperty(PER_AGE_GROUP) byAgeGroup!: Record<AgeGroup, number>;
}

export class BudgetScope {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The one case, or null for every case' }) instanceId!: string | null;
  @ApiProperty({ type: Number }) instances!: number;
  @ApiPropertyOptional({ type: Number, description: 'Services mapped in more than one case, counted once across cases' }) sharedServices?: number;
}

/** The children's budget; `?format=csv` gives the same as CSV. */
export class ChildrenBudgetReport {
  @ApiProperty({ type: BudgetScope }) scope!: BudgetScope;
  @ApiProperty({ type: String, enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty({ type: String }) method!: string;
  @ApiProperty({ type: PopulationView }) population!: PopulationView;
  @ApiProperty({ type: BudgetTotals }) totals!: BudgetTotals;
  @ApiProperty({ type: [AgeGroupFigure] }) byAgeGroup!: AgeGroupFigure[];
  @ApiProperty({ type: [BudgetBreakdown] }) byProviderType!: BudgetBreakdown[];
  @ApiProperty({ type: [BudgetBreakdown] }) bySector!: BudgetBreakdown[];
  @ApiProperty({ type: [BudgetService] }) services!: BudgetService[];
}

export class TaskDraftView {
  @ApiProperty({ type: String, format: 'uuid' }) taskId!: string;
  @ApiProperty({ ...OBJECT, nullable: true, description: 'The form as its user left it (any part of it, unchecked); null when there is no draft' })
  data!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

type _Checks = [
  Expect<Same<bodies.BodyView, BodyView>>,
  Expect<Same<notifications.NotificationView, NotificationView>>,
  Expect<Same<forms.FormSummary, FormSummary>>,
  Expect<Same<ReturnType<forms.FormService['get']>, FormView>>,
  Expect<Same<Awaited<ReturnType<cases.CaseService['caseOf']>>, CaseView>>,
  Expect<Same<cases.DocumentView, DocumentView>>,
  Expect<Same<inventory.InventoryView, InventoryView>>,
  Expect<Same<inventory.ImportPreview, ImportPreviewView>>,
  Expect<Same<decisions.DecisionView, DecisionView>>,
  Expect<Same<BudgetReport, ChildrenBudgetReport>>,
  Expect<Same<drafts.TaskDraft, TaskDraftView>>,
  Expect<Same<Awaited<ReturnType<bodies.BodyService['membershipHistory']>>[number], MembershipChange>>,
];
