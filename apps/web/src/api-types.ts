/** The shapes Kaari's HTTP API answers with (see README "HTTP API" and /api/docs). */

export type Role = 'admin' | 'director' | string;
export type Localized = { fi: string; sv?: string; en: string };

export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  bodies: Array<{ code: string; role: string } | string>;
}

export interface Task {
  id: string;
  instanceId: string;
  activityId: string;
  name: string | null;
  candidateBodies: string[];
  formKey: string | null;
  /** `system`: a wait Kaari ends itself (an appeal period); nobody claims, moves or completes it. */
  kind?: 'user' | 'system';
  state: 'open' | 'completed' | 'cancelled' | string;
  assignee: string | null;
  dueAt: string | null;
  dueDate: string | null;
  overdue: boolean;
  createdAt?: string;
  endedAt?: string | null;
  completedBy?: string | null;
  definitionKey?: string;
  businessKey?: string | null;
  data: Record<string, unknown> | null;
  /** 0 while with the owner; n after n escalations up the body chain. */
  escalationLevel?: number;
  /** The body whose deadline now runs: the owner, or the last body it escalated to. */
  deadlineBody?: string | null;
  overdueAt?: string | null;
}

export interface TaskSummary {
  id: string;
  activityId: string;
  name: string | null;
  candidateBodies: string[];
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  formKey: string | null;
  kind?: 'user' | 'system';
}

export type InstanceState = 'running' | 'completed' | 'cancelled' | 'failed';

export interface Instance {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  state: InstanceState;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  variables: Record<string, unknown>;
  activeSteps: Array<{ activityId: string; name: string | null }>;
  openTasks: TaskSummary[];
  overdue: boolean;
  incident: Incident | null;
}

/** A step that failed: the instance waits in state `failed` until an admin retries it or it is cancelled. */
export interface Incident {
  kind: 'task' | 'timer';
  message: string;
  activityId: string | null;
  at: string;
  taskId?: string;
  timerId?: string;
  actor?: { username: string };
}

export interface IncidentEntry {
  instanceId: string;
  definitionKey: string;
  businessKey: string | null;
  incident: Incident;
}

export interface HistoryEntry {
  id?: number;
  type: string;
  activityId: string | null;
  taskId: string | null;
  actor: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

export interface UserTaskInfo {
  id: string;
  name: string | null;
  candidateGroups: string[] | string | null;
  dueDate: string | null;
  formKey: string | null;
}

export interface Definition {
  key: string;
  version: number;
  name?: string | null;
  createdAt?: string;
  deployedAt?: string;
  deployedBy?: string;
  userTasks: UserTaskInfo[];
  startFormKey: string | null;
  versions?: number[];
}

export interface Member {
  username: string;
  displayName: string;
  role: string;
}

export interface Body {
  code: string;
  name: Localized;
  kind: string;
  escalatesTo: string | null;
  graceDuration: string | null;
  members?: Member[];
  escalationChain?: Array<string | { code: string }>;
}

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  bodies: Array<{ code: string; role: string }>;
  disabled?: boolean;
}

export interface UserInput extends Omit<User, 'disabled'> {
  password?: string;
}

export interface ValidationProblem {
  elementId: string | null;
  code: string;
  message: string;
}

export interface FormSchema {
  key?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  'x-labels'?: Partial<Localized>;
  [k: string]: unknown;
}

export interface JsonSchema extends FormSchema {
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
  oneOf?: Array<{ const?: unknown; title?: string; 'x-labels'?: Partial<Localized> }>;
  'x-enumLabels'?: Record<string, Partial<Localized>>;
  'x-enum-labels'?: Record<string, Partial<Localized>>;
  'x-multiline'?: boolean;
}

export interface Notification {
  id: string;
  kind: 'reminder' | 'overdue' | 'escalation' | string;
  instanceId: string | null;
  taskId: string | null;
  message: Localized;
  details: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
}

export interface CaseInfo {
  instanceId: string;
  diaryNumber: string;
  classification: string;
  title: string | null;
  openedAt: string;
}

export interface SubmittedForm {
  id: string;
  formKey: string;
  taskId: string | null;
  data: Record<string, unknown>;
  submittedBy: string;
  submittedAt: string;
}

export interface DecisionRecord {
  id: string;
  diaryNumber: string;
  classification: string;
  body: string;
  sectionLabel: string;
  meetingDate: string;
  outcome: string;
  decisionText: string;
  childImpactSummary: string | null;
  status: string;
  publishedAt: string | null;
  informedAt: string | null;
  appealEndsAt: string | null;
  finalAt: string | null;
  recordedBy: string;
  reviewRequests: Array<{ id: string; requester: string; grounds: string; receivedAt: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The task list counts up to a cap; beyond it `total` is the cap and this is true (shown as "1000+"). */
  totalCapped?: boolean;
}

/** One entry of the audit trail; `chainIndex` and `hash` once the worker has sealed it into the chain. */
export interface AuditEntry {
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

export interface AuditVerification {
  ok: boolean;
  checked: number;
  unsealed: number;
  head: { chainIndex: number; hash: string } | null;
  firstBrokenAt?: { chainIndex: number; id: string | null; reason: string };
  historyBrokenAt?: { historyId: string; reason: string };
}

/** A member's deputy for a period: during it the deputy sees and acts on the member's body tasks. */
export interface Deputyship {
  id: string;
  member: string;
  deputy: string;
  from: string;
  until: string;
  /** Only these of the member's bodies; all of them when null. */
  bodies: string[] | null;
  createdBy: string;
  active: boolean;
}
