import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type ChainRow } from './audit-chain.js';

const row = (id: number, details: unknown = { b: 1, a: [1, { d: 2, c: 3 }] }): ChainRow => ({
  id: String(id),
  at: '2026-11-25T12:00:00.123456Z',
  actor: 'maija.muutos',
  actor_id: null,
  action: 'task.completed',
  entity_type: 'task',
  entity_id: `task-${id}`,
  instance_id: null,
  history_id: String(id),
  before: null,
  after: null,
  details,
  correlation_id: 'c-1',
});

/** A chain as the sealer writes it, served by a fake query over the rows. */
function chain(rows: ChainRow[]) {
  let prev = GENESIS_HASH;
  return rows.map((r, i) => {
    const hash = entryHash(prev, i + 1, r);
    const sealed = { ...r, chain_index: String(i + 1), prev_hash: prev, hash };
    prev = hash;
    return sealed;
  });
}
const query = (sealed: Array<Record<string, unknown>>) => async (sql: string, params: unknown[]) => {
  if (/count\(\*\)/.test(sql)) return [{ n: 0 }];
  const from = Number(params[0]);
  return sealed.filter((r) => Number(r.chain_index) >= from).slice(0, Number(params[1]));
};

describe('the audit hash chain', () => {
  it('writes the same canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(entryHash(GENESIS_HASH, 1, row(1, { a: 1, b: 2 }))).toBe(entryHash(GENESIS_HASH, 1, row(1, { b: 2, a: 1 })));
  });

  it('changes the hash with any field, the previous hash or the place in the chain', () => {
    const base = entryHash(GENESIS_HASH, 1, row(1));
    expect(entryHash(GENESIS_HASH, 1, { ...row(1), actor: 'someone' })).not.toBe(base);
    expect(entryHash(GENESIS_HASH, 1, { ...row(1), at: '2026-11-25T12:00:00.123457Z' })).not.toBe(base);
    expect(entryHash('f'.repeat(64), 1, row(1))).not.toBe(base);
    expect(entryHash(GENESIS_HASH, 2, row(1))).not.toBe(base);
  });

  it('verifies an intact chain and finds the first broken link of an edited, re-hashed or missing entry', async () => {
    const sealed = chain([1, 2, 3, 4, 5].map((i) => row(i)));
    expect(await verifyChain(query(sealed), 2)).toMatchObject({ ok: true, checked: 5, head: { chainIndex: 5, hash: sealed[4].hash } });

    const edited = sealed.map((r) => (r.chain_index === '3' ? { ...r, details: { forged: true } } : r));
    expect(await verifyChain(query(edited), 2)).toMatchObject({ ok: false, checked: 2, firstBrokenAt: { chainIndex: 3, id: '3' } });

    const rehashed = sealed.map((r) =>
      r.chain_index === '3' ? { ...r, details: { forged: true }, hash: entryHash(r.prev_hash, 3, { ...row(3), details: { forged: true } }) } : r,
    );
    expect(await verifyChain(query(rehashed), 2)).toMatchObject({ ok: false, firstBrokenAt: { chainIndex: 4 } });

    const missing = sealed.filter((r) => r.chain_index !== '4');
    expect(await verifyChain(query(missing), 2)).toMatchObject({
      ok: false,
      firstBrokenAt: { chainIndex: 4, id: null, reason: expect.stringMatching(/missing/) },
    });
  });
});
