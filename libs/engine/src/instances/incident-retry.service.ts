import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, type Actor } from '@kaari/common/actor.js';
import { conflict, notFound } from '@kaari/common/errors.js';
import { TaskService } from '../tasks/task.service.js';
import { TimerService } from '../time/timer.service.js';
import { IncidentService } from './incident.service.js';
import { isUuid } from '@kaari/common/ids.js';

/** An admin's retry of a failed instance: runs the failed event again; a new failure opens a new incident. */
@Injectable()
export class IncidentRetryService {
  constructor(
    private readonly incidents: IncidentService,
    private readonly tasks: TaskService,
    private readonly timers: TimerService,
  ) {}

  async retry(admin: Actor, instanceId: string): Promise<{ retried: 'task' | 'timer'; outcome: string }> {
    if (!isUuid(instanceId)) throw notFound(`Instance ${instanceId}`);
    const incident = await this.incidents.reopen(instanceId, admin);
    if (!incident) throw conflict('The instance has no open incident to retry', 'no-incident');
    if (incident.kind === 'timer' && incident.timerId) {
      const outcome = await this.timers.fire(incident.timerId, { force: true });
      return { retried: 'timer', outcome };
    }
    if (incident.kind === 'task' && incident.taskId) {
      // The completion runs again as the member who made it, with the data they sent.
      await this.tasks.complete(incident.actor ?? SYSTEM_ACTOR, incident.taskId, incident.data ?? {}, { asRecorded: true });
      return { retried: 'task', outcome: 'completed' };
    }
    throw conflict('The incident cannot be retried', 'no-incident');
  }
}
