import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log, in one place for the sealer, the verify route and
 * the command-line verifier: entry n covers entry n-1's hash, so editing, deleting or
 * reordering any sealed entry breaks every link from there on.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns an entry's hash covers, read the same way by sealer and verifier (time to the microsecond, in UTC). */
export const CHAIN_COLUMNS = `id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, actor_id, action,
  entity_type, entity_id, instance_id, history_id::text AS history_id, before, after, details, correlation_id`;

export interface ChainRow {
  id: string;
  at: string;
  actor: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  instance_id: string | null;
  history_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  correlation_id: string | null;
}

/** JSON with object keys sorted at every level: the same entry always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function entryHash(prevHash: string, chainIndex: number, row: ChainRow): string {
  const entry = { ...row, chain_index: String(chainIndex) };
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed entries checked. */
  checked: number;
  /** Entries written but not sealed yet (the sealer runs every second). */
  unsealed: number;
  /** The last link: keep it elsewhere to detect a cut-off tail later. */
  head: { chainIndex: number; hash: string } | null;
  firstBrokenAt?: { chainIndex: number; id: string | null; reason: string };
  /** The first instance history row that its (sealed) audit entry does not vouch for. */
  historyBrokenAt?: { historyId: string; reason: string };
}

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, any>>>;

/** Walks the sealed chain in order and reports the first link that does not hold. */
export async function verifyChain(query: Query, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let checked = 0;
  for (;;) {
    const rows = await query(
      `SELECT chain_index::text AS chain_index, prev_hash, hash, ${CHAIN_COLUMNS} FROM audit_log
       WHERE chain_index IS NOT NULL AND chain_index >= $1 ORDER BY audit_log.chain_index LIMIT $2`,
      [expected, batch],
    );
    for (const r of rows) {
      const index = Number(r.chain_index);
      const broken = (reason: string): VerifyResult => ({
        ok: false,
        checked,
        unsealed: 0,
        head: null,
        firstBrokenAt: { chainIndex: expected, id: index === expected ? r.id : null, reason },
      });
      if (index !== expected) return withUnsealed(query, broken(`entry ${expected} is missing (the next one is ${index})`));
      if (r.prev_hash !== prevHash) return withUnsealed(query, broken('it does not cover the previous entry’s hash'));
      const { chain_index: _ci, prev_hash: _ph, hash: _h, ...row } = r;
      if (entryHash(prevHash, index, row as ChainRow) !== r.hash) return withUnsealed(query, broken('its content does not match its hash'));
      prevHash = r.hash;
      expected += 1;
      checked += 1;
    }
    if (rows.length < batch) break;
  }
  return withUnsealed(query, { ok: true, checked, unsealed: 0, head: checked ? { chainIndex: expected - 1, hash: prevHash } : null });
}

async function withUnsealed(query: Query, result: VerifyResult): Promise<VerifyResult> {
  const [{ n }] = await query(`SELECT count(*)::int AS n FROM audit_log WHERE chain_index IS NULL`, []);
  return { ...result, unsealed: n };
}

/**
 * The instance history against the audit trail: every history row must have its audit entry
 * saying the same (what, who, which instance and task, the details), and no audit entry may
 * point to a history row that is gone. An edit of the history shows here; the audit entry
 * itself is vouched for by the chain.
 */
export async function verifyHistory(query: Query): Promise<VerifyResult['historyBrokenAt'] | undefined> {
  const [row] = await query(
    `SELECT h.id::text AS history_id, CASE
        WHEN a.id IS NULL THEN 'it has no audit entry'
        WHEN a.action <> h.type OR a.actor <> COALESCE(h.actor, 'system') OR a.instance_id IS DISTINCT FROM h.instance_id
          OR a.entity_id IS DISTINCT FROM COALESCE(h.task_id::text, h.instance_id::text) THEN 'what, who or which task differs from its audit entry'
        WHEN (COALESCE(a.details, '{}'::jsonb) - 'activityId') IS DISTINCT FROM (COALESCE(h.details, '{}'::jsonb) - 'activityId')
          OR (a.details ? 'activityId' AND a.details->>'activityId' IS DISTINCT FROM h.activity_id) THEN 'its details differ from its audit entry'
        END AS reason
     FROM history h LEFT JOIN audit_log a ON a.history_id = h.id
     WHERE a.id IS NULL OR a.action <> h.type OR a.actor <> COALESCE(h.actor, 'system') OR a.instance_id IS DISTINCT FROM h.instance_id
        OR a.entity_id IS DISTINCT FROM COALESCE(h.task_id::text, h.instance_id::text)
        OR (COALESCE(a.details, '{}'::jsonb) - 'activityId') IS DISTINCT FROM (COALESCE(h.details, '{}'::jsonb) - 'activityId')
        OR (a.details ? 'activityId' AND a.details->>'activityId' IS DISTINCT FROM h.activity_id)
     ORDER BY h.id LIMIT 1`,
    [],
  );
  if (row) return { historyId: row.history_id, reason: row.reason };
  const [gone] = await query(
    `SELECT a.history_id::text AS history_id FROM audit_log a WHERE a.history_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM history h WHERE h.id = a.history_id) ORDER BY a.history_id LIMIT 1`,
    [],
  );
  return gone ? { historyId: gone.history_id, reason: 'the history row is missing' } : undefined;
}

/** The chain, then the history against it: what `GET /api/audit/verify` and `npm run audit:verify` report. */
export async function verifyAll(query: Query): Promise<VerifyResult> {
  const chain = await verifyChain(query);
  const history = await verifyHistory(query);
  return history ? { ...chain, ok: false, historyBrokenAt: history } : chain;
}
