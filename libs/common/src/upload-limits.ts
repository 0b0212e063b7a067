import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError, type ProblemItem } from './errors.js';

/** What one upload may cost, enforced while it is read (API_UPLOAD_* in the config). */
export interface UploadLimits {
  /** Bytes of an uploaded import file. */
  maxBytes: number;
  /** Rows with content an import reads: service rows of a file, bodies, people and memberships of an organisation file. */
  maxRows: number;
  /** Problems collected before validation stops. */
  maxProblems: number;
  /** Bytes the parts of an .xlsx workbook that are read may unpack to. */
  maxUnzippedBytes: number;
}

export type UploadLimit = 'bytes' | 'rows' | 'problems' | 'unzipped-bytes';

const SETTINGS: Record<UploadLimit, string> = {
  bytes: 'API_UPLOAD_MAX_BYTES',
  rows: 'API_UPLOAD_MAX_ROWS',
  problems: 'API_UPLOAD_MAX_PROBLEMS',
  'unzipped-bytes': 'API_UPLOAD_MAX_UNZIPPED_BYTES',
};

const CODES: Record<UploadLimit, string> = {
  bytes: 'too-large',
  rows: 'too-many-rows',
  problems: 'too-many-problems',
  'unzipped-bytes': 'unzips-too-large',
};

export interface LimitBreach {
  limit: UploadLimit;
  /** The value of the limit. */
  max: number;
  /** What it counts, in words: "bytes of the file", "rows of the file", "people in the file". */
  counts: string;
  /** Where the problem is (`file`, `body`, `users`). */
  path?: string;
  /** The setting that holds the limit, when it is not the one of its kind; null for a fixed limit. */
  setting?: string | null;
}

/** The problem item that names a limit: its value, what it counts and the setting that holds it. */
export function limitProblem(breach: LimitBreach): ProblemItem {
  const setting = breach.setting === undefined ? SETTINGS[breach.limit] : breach.setting;
  return {
    path: breach.path ?? 'file',
    code: CODES[breach.limit],
    message: `more than ${breach.max} ${breach.counts} (the limit${setting ? `, ${setting}` : ''})`,
    params: { limit: breach.max, counts: breach.counts, ...(setting ? { setting } : {}) },
  };
}

/**
 * Refuses an upload at the limit it passed: 413 for bytes, 422 for counts. Nothing read so
 * far is kept; `problems` are those found before the limit stopped the reading.
 */
export function uploadRefused(breach: LimitBreach, problems: ProblemItem[] = []): DomainError {
  const item = limitProblem(breach);
  const detail =
    breach.limit === 'problems' ? `Validation stopped at ${breach.max} problems; nothing was changed` : `The upload has ${item.message}; nothing was changed`;
  return new DomainError(breach.limit === 'bytes' ? 'TOO_LARGE' : 'LIMIT_EXCEEDED', detail, [item, ...problems]);
}

/** Collects problems up to the limit and refuses the upload the moment there are more. */
export class ProblemCollector {
  readonly items: ProblemItem[] = [];

  constructor(
    private readonly max: number,
    private readonly counts = 'problems in the file',
  ) {}

  add(...problems: ProblemItem[]): void {
    for (const p of problems) {
      if (this.items.length >= this.max) throw uploadRefused({ limit: 'problems', max: this.max, counts: this.counts }, this.items);
      this.items.push(p);
    }
  }

  get length(): number {
    return this.items.length;
  }
}

/**
 * Lets the event loop serve others every `every` calls: a long parse or validation loop calls
 * this once per row, so health checks and other requests never wait behind one upload.
 */
export function yielder(every = 250): () => Promise<void> | undefined {
  let n = 0;
  return () => (++n % every === 0 ? nextTurn() : undefined);
}
