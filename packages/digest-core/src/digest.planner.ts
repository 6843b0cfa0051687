import { insertDueDigests, listActiveScheduleGroups, type Database, type PlannedPeriod, type ScheduleGroup } from '@pulse/db';
import { currentPeriod } from './digest.schedule';

export interface PlanResult {
  /** Ids of the digest rows written by this call (due periods not planned before); empty when `onBatch` took them. */
  created: string[];
  /** How many rows this call wrote. */
  planned: number;
  /** Distinct schedules among active subscribers. */
  schedules: number;
  /** Schedules that cannot be computed (an unknown zone): their subscribers get nothing until fixed. */
  invalid: { schedule: ScheduleGroup; error: string }[];
}

export interface PlanOptions {
  /** Rows written per statement. */
  batch?: number;
  /**
   * Called with each batch of new ids as soon as it is written (the worker queues them there,
   * so 100,000 due digests never sit in memory at once); without it the ids are returned.
   */
  onBatch?: (ids: string[]) => Promise<void>;
}

/**
 * Writes one `digests` row for every active subscriber whose current period is due (or
 * overdue) and not yet planned. The calendar runs once per distinct schedule (zone, hour,
 * frequency, weekday), not per subscriber; the rows are written by set-based statements of at
 * most `batch` rows. Idempotent: a period already planned is left alone (unique row).
 */
export async function planDueDigests(database: Database, at: Date, opts: PlanOptions = {}): Promise<PlanResult> {
  const batch = opts.batch ?? 5_000;
  const groups = await listActiveScheduleGroups(database);
  const periods: PlannedPeriod[] = [];
  const invalid: PlanResult['invalid'] = [];
  for (const g of groups) {
    try {
      const p = currentPeriod({ frequency: g.frequency, timezone: g.timezone, sendHour: g.sendHour, weekday: g.weekday || null }, at);
      periods.push({ ...g, periodKey: p.key, sendAt: p.sendAt });
    } catch (err) {
      invalid.push({ schedule: g, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const created: string[] = [];
  let planned = 0;
  for (;;) {
    const ids = await insertDueDigests(database, periods, batch);
    planned += ids.length;
    if (opts.onBatch) await opts.onBatch(ids);
    else created.push(...ids);
    if (ids.length < batch) break;
  }
  return { created, planned, schedules: groups.length, invalid };
}
