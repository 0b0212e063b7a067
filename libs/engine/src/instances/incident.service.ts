import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { StepWriter } from './step-writer.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';

export interface Incident {
  kind: 'task' | 'timer';
  message: string;
  activityId: string | null;
  at: string;
  /** What to run again on retry: the task and the data it was completed with, or the timer. */
  taskId?: string;
  data?: Record<string, unknown>;
  actor?: Actor;
  timerId?: string;
}

/**
 * Records a step that failed (the diagram took no flow, an expression failed at run time,
 * a timer kept failing) on its instance: state `failed`, the incident with the reason, and
 * a history row. Written in a transaction of its own, after the failed step rolled back.
 */
@Injectable()
export class IncidentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: StepWriter,
    private readonly clock: Clock,
    private readonly logger: KaariLogger,
  ) {}

  async open(instanceId: string, incident: Omit<Incident, 'at'>, actor: Actor): Promise<void> {
    // The reason is for an admin to read: its first line, bounded, never a stack or a payload an error message quoted.
    const full: Incident = { ...incident, message: incidentMessage(incident.message), at: this.clock.now().toISOString() };
    await this.db.transaction(async (em) => {
      const rows = await updateReturning(
        em,
        `UPDATE instances SET state = 'failed', incident = $2, version = version + 1, updated_at = now() WHERE id = $1 AND state IN ('running', 'failed') RETURNING id`,
        [instanceId, JSON.stringify(full)],
      );
      if (!rows.length) return;
      await this.writer.history(em, instanceId, actor, [
        { type: 'incident.opened', activityId: incident.activityId, taskId: incident.taskId ?? null, details: { kind: incident.kind, message: full.message } },
      ]);
    });
    this.logger.event('warn', 'incident.opened', { instanceId, kind: incident.kind, activityId: incident.activityId }, 'IncidentService');
  }

  async list(): Promise<Array<{ instanceId: string; definitionKey: string; businessKey: string | null; incident: Incident }>> {
    const rows = await this.db.query(
      `SELECT id, definition_key, business_key, incident FROM instances WHERE incident IS NOT NULL AND state = 'failed' ORDER BY updated_at DESC LIMIT 500`,
    );
    return rows.map((r: any) => ({ instanceId: r.id, definitionKey: r.definition_key, businessKey: r.business_key, incident: publicIncident(r.incident) }));
  }

  /** Takes the incident off a failed instance and returns it, so the caller can run its event again. */
  async reopen(instanceId: string, actor: Actor): Promise<Incident | null> {
    return this.db.transaction(async (em) => {
      const [row] = await em.query(`SELECT state, incident FROM instances WHERE id = $1 FOR UPDATE`, [instanceId]);
      if (!row || row.state !== 'failed' || !row.incident) return null;
      await em.query(`UPDATE instances SET state = 'running', incident = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [instanceId]);
      await this.writer.history(em, instanceId, actor, [
        { type: 'incident.retried', activityId: row.incident.activityId ?? null, details: { kind: row.incident.kind } },
      ]);
      return row.incident as Incident;
    });
  }
}

const MAX_MESSAGE = 500;

function incidentMessage(reason: string): string {
  const line = reason.split('\n')[0];
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

/** What an admin sees: never the data or the actor's roles stored for the retry. */
export function publicIncident(incident: Incident): Incident {
  const { data: _data, actor, ...rest } = incident;
  return { ...rest, ...(actor ? { actor: { userId: actor.userId, username: actor.username, roles: [], bodies: [] } } : {}) };
}
