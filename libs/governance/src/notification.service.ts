import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { notFound } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';

export type NotificationKind = 'reminder' | 'overdue' | 'escalation' | 'assignment' | 'invitation';

export interface NotificationInput {
  /** Every member of these bodies is notified… */
  bodies: string[];
  /** …and these users by name, once each. */
  users?: string[];
  kind: NotificationKind;
  instanceId: string | null;
  taskId: string | null;
  message: { fi: string; en: string; sv?: string };
  details?: Record<string, unknown>;
}

export interface NotificationView {
  id: string;
  kind: string;
  instanceId: string | null;
  taskId: string | null;
  message: { fi: string; en: string; sv?: string };
  details: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
}

/** Notifications to the members of steering bodies; e-mailed through the outbox when SMTP is configured. Owns `notifications`. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
  ) {}

  /** Writes one notification per member of the bodies and per named user, in the caller's transaction. */
  async notify(em: EntityManager, input: NotificationInput): Promise<number> {
    // One statement for every member (a timer firing's cost is its round trips: see README "Performance"),
    // and with SMTP configured one more for the e-mails of the members who have an address.
    const members: Array<{ id: string; email: string | null }> = await em.query(
      `WITH m AS (SELECT DISTINCT u.id AS user_id, u.email FROM users u
                  WHERE NOT u.disabled AND (u.username = ANY($7) OR EXISTS (SELECT 1 FROM body_members bm WHERE bm.user_id = u.id AND bm.body_code = ANY($1)))),
            n AS (INSERT INTO notifications (id, user_id, kind, instance_id, task_id, message, details)
                  SELECT gen_random_uuid(), m.user_id, $2, $3, $4, $5, $6 FROM m RETURNING id, user_id)
       SELECT n.id, m.email FROM n JOIN m ON m.user_id = n.user_id`,
      [
        input.bodies,
        input.kind,
        input.instanceId,
        input.taskId,
        JSON.stringify(input.message),
        input.details ? JSON.stringify(input.details) : null,
        input.users ?? [],
      ],
    );
    const emailed = this.config.smtpUrl ? members.filter((m) => m.email).map((m) => JSON.stringify({ notificationId: m.id })) : [];
    if (emailed.length) {
      await em.query(
        `WITH queued AS (INSERT INTO outbox (topic, payload) SELECT 'email', p FROM unnest($1::jsonb[]) AS p RETURNING 1)
         SELECT pg_notify('kaari_outbox', '') FROM (SELECT 1) AS once WHERE EXISTS (SELECT 1 FROM queued)`,
        [emailed],
      );
    }
    return members.length;
  }

  /**
   * A task's name in each language for a notification: the Swedish and English the diagram's
   * version of the instance carries (kaari:nameSv, kaari:nameEn), else the diagram's own name.
   */
  async taskNames(em: EntityManager, instanceId: string, activityId: string, name: string): Promise<{ fi: string; sv: string; en: string }> {
    const [row]: Array<{ names: Array<{ id: string; name?: string | null; sv?: string | null; en?: string | null }> | null }> = await em.query(
      `SELECT d.summary -> 'names' AS names FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE i.id = $1`,
      [instanceId],
    );
    // Translations of the name the task has, not of another (as the web app's diagram names: translatedName).
    const own = row?.names?.find((n) => n.id === activityId && (!n.name || n.name === name));
    return { fi: name, sv: own?.sv || name, en: own?.en || name };
  }

  async list(
    userId: string,
    options: { unread?: boolean; limit?: number; offset?: number },
  ): Promise<{ items: NotificationView[]; total: number; unread: number }> {
    const where = options.unread ? 'user_id = $1 AND read_at IS NULL' : 'user_id = $1';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM notifications WHERE ${where}`, [userId]);
    const [{ unread }] = await this.db.query(`SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    const rows = await this.db.query(`SELECT * FROM notifications WHERE ${where} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [
      userId,
      Math.min(options.limit ?? 50, 200),
      options.offset ?? 0,
    ]);
    return { items: rows.map(view), total, unread };
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    // Someone else's notification is as unknown as a missing one.
    if (!isUuid(id)) throw notFound(`Notification ${id}`);
    await this.db.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [id, userId]);
    const rows = await this.db.query(`SELECT * FROM notifications WHERE id = $1 AND user_id = $2`, [id, userId]);
    if (!rows.length) throw notFound(`Notification ${id}`);
    return view(rows[0]);
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await updateReturning(this.db, `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [userId]);
    return rows.length;
  }

  /** What the mailer needs: the recipient, the message and the task, or null when already sent or gone. */
  async forEmail(id: string): Promise<{
    email: string;
    displayName: string;
    /** The recipient's language: the e-mail is written in it. */
    language: 'fi' | 'sv' | 'en';
    message: NotificationView['message'];
    kind: string;
    taskId: string | null;
    instanceId: string | null;
  } | null> {
    const rows = await this.db.query(
      `SELECT n.kind, n.message, n.task_id, n.instance_id, u.email, u.display_name, u.language FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.id = $1 AND n.emailed_at IS NULL AND u.email IS NOT NULL`,
      [id],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      email: r.email,
      displayName: r.display_name,
      language: r.language,
      message: r.message,
      kind: r.kind,
      taskId: r.task_id,
      instanceId: r.instance_id,
    };
  }

  async markEmailed(id: string): Promise<void> {
    await this.db.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [id]);
  }
}

function view(r: any): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    instanceId: r.instance_id,
    taskId: r.task_id,
    message: r.message,
    details: r.details,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}
