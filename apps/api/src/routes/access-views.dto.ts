import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import type { VerifyResult as ChainVerification } from '@kaari/access/audit-chain.js';
import type * as audit from '@kaari/access/audit.service.js';
import type * as deputies from '@kaari/access/deputy.service.js';
import type * as transfer from '@kaari/access/organisation-transfer.js';
import type { TokenService } from '@kaari/access/token.service.js';
import { LANGUAGES, ROLES, type Language } from '@kaari/access/user.service.js';
import type * as users from '@kaari/access/user.service.js';
import { BodyView, LocalizedName } from './governance-views.dto.js';
import { TaskView } from './engine-views.dto.js';
import type { Expect, Same } from './same-shape.js';

const OBJECT = { type: 'object', additionalProperties: true } as const;
/** Any JSON value, as the audit trail keeps what was there before and after. */
const JSON_VALUE: ApiPropertyOptions = {
  oneOf: [{ type: 'object', additionalProperties: true }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  nullable: true,
};

export class TokenView {
  @ApiProperty({ type: String }) accessToken!: string;
  @ApiProperty({ type: String, enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ type: Number, description: 'Seconds' }) expiresIn!: number;
}

export class Membership {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String, example: 'member', description: 'chair, vice-chair, secretary or member' }) role!: string;
}

/** A demo person's seat in a body, with the body's name. */
export class DemoSeat {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: LocalizedName }) name!: LocalizedName;
  @ApiProperty({ type: String, example: 'member', description: 'chair, vice-chair, secretary, member or substitute' }) role!: string;
}

export class DemoUser {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String, enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [DemoSeat] }) bodies!: DemoSeat[];
}

/** Demo mode only (KAARI_DEMO): who to sign in as, and the one password all demo people share (the README publishes it). */
export class DemoUsersView {
  @ApiProperty({ type: String }) password!: string;
  @ApiProperty({ type: [DemoUser] }) users!: DemoUser[];
}

export class UserView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String, enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [String], description: 'Codes of the bodies the user sits in' }) bodies!: string[];
  @ApiProperty({ type: [Membership], description: 'The role in each body' }) memberships!: Membership[];
  @ApiProperty({ type: Boolean }) disabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class Deputised {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: [String] }) bodies!: string[];
}

export class MeView extends UserView {
  @ApiProperty({ type: String, enum: LANGUAGES, description: 'The language the person reads Kaari in; their e-mails are written in it' })
  language!: Language;
  @ApiProperty({ type: [String], description: 'The bodies the user acts for now: their own and those they deputise for' }) actingFor!: string[];
  @ApiProperty({ type: [Deputised], description: 'The members the user deputises for now, and for which of their bodies' }) deputyFor!: Deputised[];
}

export class DeputyView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) member!: string;
  @ApiProperty({ type: String }) deputy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) from!: string;
  @ApiProperty({ type: String, format: 'date-time' }) until!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Only these of the member’s bodies; all of them when null' }) bodies!: string[] | null;
  @ApiProperty({ type: String }) createdBy!: string;
  @ApiProperty({ type: Boolean }) active!: boolean;
}

/** One entry of the audit trail; `chainIndex` and `hash` once the worker has sealed it into the chain. */
export class AuditView {
  @ApiProperty({ type: Number }) id!: number;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ type: String }) actor!: string;
  @ApiProperty({ type: String, example: 'task.completed' }) action!: string;
  @ApiProperty({ type: String }) entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) instanceId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) historyId!: number | null;
  @ApiProperty({ ...JSON_VALUE, description: 'What was there before: any JSON value, or null' }) before!: unknown;
  @ApiProperty({ ...JSON_VALUE, description: 'What is there after: any JSON value, or null' }) after!: unknown;
  @ApiProperty({ ...OBJECT, nullable: true }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) chainIndex!: number | null;
  @ApiProperty({ type: String, nullable: true }) hash!: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditView] }) items!: AuditView[];
  @ApiProperty({ type: Number }) total!: number;
}

export class ChainHead {
  @ApiProperty({ type: Number }) chainIndex!: number;
  @ApiProperty({ type: String }) hash!: string;
}

export class ChainBreak {
  @ApiProperty({ type: Number }) chainIndex!: number;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ type: String }) reason!: string;
}

export class HistoryBreak {
  @ApiProperty({ type: String }) historyId!: string;
  @ApiProperty({ type: String }) reason!: string;
}

export class AuditVerification {
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: Number, description: 'Sealed entries checked' }) checked!: number;
  @ApiProperty({ type: Number, description: 'Entries written but not sealed yet (the sealer runs every second)' }) unsealed!: number;
  @ApiProperty({ type: ChainHead, nullable: true, description: 'The last link: keep it elsewhere to detect a cut-off tail later' }) head!: ChainHead | null;
  @ApiPropertyOptional({ type: ChainBreak }) firstBrokenAt?: ChainBreak;
  @ApiPropertyOptional({ type: HistoryBreak, description: 'The first instance history row that its (sealed) audit entry does not vouch for' })
  historyBrokenAt?: HistoryBreak;
}

/** A task a reassignment moved, or only its id when the caller may no longer see it there. */
export class TaskRef {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
}

@ApiExtraModels(TaskView, TaskRef)
export class ReassignResult {
  @ApiProperty({ type: Number }) reassigned!: number;
  @ApiProperty({ type: 'array', items: { oneOf: [{ $ref: getSchemaPath(TaskView) }, { $ref: getSchemaPath(TaskRef) }] } }) tasks!: Array<TaskView | TaskRef>;
}

export class FieldChange {
  @ApiProperty(JSON_VALUE) from!: unknown;
  @ApiProperty(JSON_VALUE) to!: unknown;
}

const FIELD_CHANGES = { type: 'object', additionalProperties: { $ref: getSchemaPath(FieldChange) } } as const;

export class BodyChange {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty(FIELD_CHANGES) fields!: Record<string, FieldChange>;
}

export class UserChange {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty(FIELD_CHANGES) fields!: Record<string, FieldChange>;
}

export class BodyChanges {
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [BodyChange] }) changed!: BodyChange[];
  @ApiProperty({ type: Number }) unchanged!: number;
}

export class UserChanges {
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [UserChange] }) changed!: UserChange[];
  @ApiProperty({ type: Number }) unchanged!: number;
}

export class MembershipPlan {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ enum: ['joined', 'left', 'role-changed'] }) change!: 'joined' | 'left' | 'role-changed';
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) previousRole!: string | null;
}

/** What an organisation import changes (dryRun) or changed. */
@ApiExtraModels(FieldChange)
export class ImportPlan {
  @ApiProperty({ type: Boolean }) dryRun!: boolean;
  @ApiProperty({ type: BodyChanges }) bodies!: BodyChanges;
  @ApiProperty({ type: UserChanges }) users!: UserChanges;
  @ApiProperty({ type: [MembershipPlan] }) memberships!: MembershipPlan[];
}

export class PersonMembership {
  @ApiProperty({ type: String }) code!: string;
  @ApiPropertyOptional({ type: String }) role?: string;
}

export class OrganisationPerson {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [PersonMembership] }) bodies!: PersonMembership[];
}

export class OrganisationBody {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: LocalizedName }) name!: LocalizedName;
  @ApiProperty({ type: String, example: 'board' }) kind!: BodyView['kind'];
  @ApiPropertyOptional({ type: String, nullable: true }) escalatesTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) graceDuration?: string | null;
}

/** The organisation in the format of processes/organisations/*.json, which an import reads back. */
export class OrganisationFile {
  @ApiProperty({ type: String, example: 'turku-2023' }) organisation!: string;
  @ApiProperty({ type: LocalizedName }) name!: LocalizedName;
  @ApiProperty({ type: [OrganisationBody] }) bodies!: OrganisationBody[];
  @ApiPropertyOptional({ type: [OrganisationPerson] }) demoUsers?: OrganisationPerson[];
  @ApiPropertyOptional({ type: [OrganisationPerson] }) users?: OrganisationPerson[];
  @ApiPropertyOptional({ type: String, format: 'date-time' }) exportedAt?: string;
}

type _Checks = [
  Expect<Same<Awaited<ReturnType<TokenService['issue']>>, TokenView>>,
  Expect<Same<users.UserView, UserView>>,
  Expect<Same<deputies.DeputyView, DeputyView>>,
  Expect<Same<audit.AuditView, AuditView>>,
  Expect<Same<ChainVerification, AuditVerification>>,
  Expect<Same<transfer.ImportPlan, ImportPlan>>,
  Expect<Same<transfer.OrganisationFile, OrganisationFile>>,
];

/** Whether the web app offers the city's sign-in (OIDC_CLIENT_ID is set). */
export class CitySignInStatus {
  @ApiProperty({ type: Boolean }) enabled!: boolean;
}
