import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@kaari/common/clock.js';
import { CHAIN_COLUMNS, entryHash, GENESIS_HASH, verifyAll, type ChainRow, type VerifyResult } from './audit-chain.js';

/** One sealer at a time across every worker: the chain has a single writer. */
const SEAL_LOCK = 727275;
const SEAL_BATCH = 1000;

export interface AuditFilter {
  actor?: string;
  entityType?: string;
  entityId?: string;
  instanceId?: string;
  action?: string;
  correlationId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
}

export interface AuditView {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  instanceId: string | null;
  historyId: number | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
  correlationId: string | null;
  chainIndex: number | null;
  hash: string | null;
}

/** The audit trail: sealing entries into the hash chain, reading them, verifying the chain. Owns `audit_log`. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Seals committed, unsealed entries in id order, one batch per transaction. An entry
   * whose transaction commits late is not visible yet and is simply sealed in a later round.
   * Returns how many entries it sealed; 0 when another sealer holds the lock.
   */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.db.transaction(async (em) => {
        const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
        if (!locked) return 0;
        const [last] = await em.query(
          `SELECT chain_index::text AS chain_index, hash FROM audit_log WHERE chain_index IS NOT NULL ORDER BY audit_log.chain_index DESC LIMIT 1`,
        );
        const rows: ChainRow[] = await em.query(`SELECT ${CHAIN_COLUMNS} FROM audit_log WHERE chain_index IS NULL ORDER BY audit_log.id LIMIT ${SEAL_BATCH}`);
        if (!rows.length) return 0;
        let index = last ? Number(last.chain_index) : 0;
        let prev: string = last?.hash ?? GENESIS_HASH;
        const ids: string[] = [];
        const indexes: number[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const row of rows) {
          index += 1;
          const hash = entryHash(prev, index, row);
          ids.push(row.id);
          indexes.push(index);
          prevs.push(prev);
          hashes.push(hash);
          prev = hash;
        }
        await em.query(
          `UPDATE audit_log a SET chain_index = v.chain_index, prev_hash = v.prev_hash, hash = v.hash, sealed_at = $5
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, chain_index, prev_hash, hash) WHERE a.id = v.id`,
          [ids, indexes, prevs, hashes, this.clock.now()],
        );
        return rows.length;
      });
      total += sealed;
      if (sealed < SEAL_BATCH) return total;
    }
  }

  verify(): Promise<VerifyResult> {
    return verifyAll((sql, params) => this.db.query(sql, params));
  }

  async list(filter: AuditFilter): Promise<{ items: AuditView[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    if (filter.instanceId) add('instance_id = ?::uuid', filter.instanceId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.correlationId) add('correlation_id = ?', filter.correlationId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = Math.min(filter.limit ?? 100, 500);
    const offset = filter.offset ?? 0;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_log ${whereSql}`, params);
    const rows = await this.db.query(
      `SELECT id, at, actor, action, entity_type, entity_id, instance_id, history_id, before, after, details, correlation_id, chain_index, hash
       FROM audit_log ${whereSql} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return {
      total,
      items: rows.map((r: any) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        instanceId: r.instance_id,
        historyId: r.history_id === null ? null : Number(r.history_id),
        before: r.before,
        after: r.after,
        details: r.details,
        correlationId: r.correlation_id,
        chainIndex: r.chain_index === null ? null : Number(r.chain_index),
        hash: r.hash,
      })),
    };
  }
}
