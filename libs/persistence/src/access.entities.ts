import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/*
 * Access and accountability: the audit trail, sign-in throttling, identities from the
 * city's identity provider, deputies and the history of body memberships. Owned by
 * libs/access (membership history is written by libs/governance's BodyService).
 */

/**
 * Append-only and hash-chained. Entries are inserted unsealed in the transaction of the
 * change they record; the worker's sealer later gives each committed entry its place in
 * the chain (`chain_index`) and `hash = sha256(prev_hash || canonical JSON)`. A trigger
 * refuses updates and deletes except setting the seal once (created in the migration).
 */
@Entity('audit_log')
@Index(['instanceId', 'id'])
@Index(['entityType', 'entityId'])
@Index(['actor', 'id'])
@Index('audit_log_unsealed', { synchronize: false })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
  @Column('text') actor!: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('uuid', { name: 'instance_id', nullable: true }) instanceId!: string | null;
  /** The history row this entry mirrors, for instance events. */
  @Column('bigint', { name: 'history_id', nullable: true }) historyId!: string | null;
  @Column('jsonb', { nullable: true }) before!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) after!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) details!: Record<string, unknown> | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Index({ unique: true }) @Column('bigint', { name: 'chain_index', nullable: true }) chainIndex!: string | null;
  @Column('text', { name: 'prev_hash', nullable: true }) prevHash!: string | null;
  @Column('text', { nullable: true }) hash!: string | null;
  @Column('timestamptz', { name: 'sealed_at', nullable: true }) sealedAt!: Date | null;
}

/** Failed sign-ins per account and per client address, in fixed windows. */
@Entity('sign_in_throttle')
export class SignInThrottleEntity {
  @PrimaryColumn('text') key!: string;
  @Column('integer') failures!: number;
  @Column('timestamptz', { name: 'window_started_at' }) windowStartedAt!: Date;
}

/**
 * A user first seen through the city's identity provider: issuer + subject → Kaari user, the
 * only link there is (never the username). One identity per user: a second one claiming the
 * username is refused.
 */
@Entity('external_identities')
export class ExternalIdentityEntity {
  @PrimaryColumn('text') issuer!: string;
  @PrimaryColumn('text') subject!: string;
  @Index({ unique: true }) @Column('uuid', { name: 'user_id' }) userId!: string;
  /** Hash of the mapped claims: roles and memberships are rewritten only when it changes. */
  @Column('text', { name: 'claims_hash' }) claimsHash!: string;
  /** Sign-out: identity-provider tokens issued at or before this are refused. */
  @Column('timestamptz', { name: 'revoked_before', nullable: true }) revokedBefore!: Date | null;
  @Column('timestamptz', { name: 'last_seen_at' }) lastSeenAt!: Date;
}

/**
 * A city sign-in of the web app under way: the browser holds a random cookie, this row its
 * hash with the PKCE verifier, state and nonce; after the callback it holds the outcome until
 * the web app takes its token (once). Short-lived; expired rows are swept.
 */
@Entity('oidc_sign_ins')
export class OidcSignInEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') state!: string;
  @Column('text') nonce!: string;
  @Column('text', { name: 'code_verifier' }) codeVerifier!: string;
  @Column('text', { name: 'return_to' }) returnTo!: string;
  @Index() @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  /** Set by the callback: whom the web app's token is for, or why the sign-in was refused. */
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('jsonb', { nullable: true }) refusal!: { code: string; message: string } | null;
}

/** A member away for a period names a deputy, for all their bodies or some. */
@Entity('deputies')
@Index(['deputyId', 'endsAt'])
export class DeputyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('uuid', { name: 'deputy_id' }) deputyId!: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  /** null: every body the member belongs to. */
  @Column('text', { array: true, nullable: true }) bodies!: string[] | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** Who joined or left which body in which role, when, and by whose change. */
@Entity('body_membership_history')
@Index(['bodyCode', 'id'])
@Index(['userId', 'id'])
@Check('body_membership_history_change_check', `"change" IN ('joined', 'left', 'role-changed')`)
export class BodyMembershipHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'body_code' }) bodyCode!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') username!: string;
  /** joined, left or role-changed. */
  @Column('text') change!: string;
  @Column('text', { nullable: true }) role!: string | null;
  @Column('text', { name: 'previous_role', nullable: true }) previousRole!: string | null;
  @Column('text', { name: 'changed_by', nullable: true }) changedBy!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}

export const ACCESS_ENTITIES = [AuditLogEntity, SignInThrottleEntity, ExternalIdentityEntity, OidcSignInEntity, DeputyEntity, BodyMembershipHistoryEntity];
