import { Initial1764000000000 } from './1764000000000-initial.js';
import { Time1764100000000 } from './1764100000000-time.js';
import { Governance1764200000000 } from './1764200000000-governance.js';
import { Access1764300000000 } from './1764300000000-access.js';
import { Performance1764400000000 } from './1764400000000-performance.js';
import { InstanceList1764500000000 } from './1764500000000-instance-list.js';
import { SystemWaits1764610000000 } from './1764610000000-system-waits.js';
import { IdentityLinks1764620000000 } from './1764620000000-identity-links.js';
import { IdempotencyHash1764630000000 } from './1764630000000-idempotency-hash.js';
import { Constraints1764680000000 } from './1764680000000-constraints.js';
import { Meetings1764690000000 } from './1764690000000-meetings.js';
import { MeetingsWired1764700000000 } from './1764700000000-meetings-wired.js';
import { TaskListIndex1764720000000 } from './1764720000000-task-list-index.js';
import { UserLanguage1764740000000 } from './1764740000000-user-language.js';
import { TaskDrafts1764730000000 } from './1764730000000-task-drafts.js';

export const MIGRATIONS = [
  Initial1764000000000,
  Time1764100000000,
  Governance1764200000000,
  Access1764300000000,
  Performance1764400000000,
  InstanceList1764500000000,
  SystemWaits1764610000000,
  IdentityLinks1764620000000,
  IdempotencyHash1764630000000,
  Constraints1764680000000,
  Meetings1764690000000,
  MeetingsWired1764700000000,
  TaskListIndex1764720000000,
  TaskDrafts1764730000000,
  UserLanguage1764740000000,
];
