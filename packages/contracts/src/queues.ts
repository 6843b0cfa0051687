import { z } from 'zod';

/**
 * Every queue, its one job name and its payload. Payloads carry ids only: job data sits in
 * Redis in clear, so never a body, never an email address.
 */
export const QUEUES = {
  feedPoll: 'feed-poll',
  feedSync: 'feed-sync',
  itemClassify: 'item-classify',
  webhookDeliver: 'webhook-deliver',
  digestBuild: 'digest-build',
  digestSend: 'digest-send',
  mailSend: 'mail-send',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  feedPoll: 'feed.poll',
  feedSync: 'feed.sync',
  itemClassify: 'item.classify',
  webhookDeliver: 'webhook.deliver',
  digestBuild: 'digest.build',
  digestSend: 'digest.send',
  mailSend: 'mail.send',
} as const;

export const FeedPollJobSchema = z.object({ feedId: z.string().min(1), manual: z.boolean().optional() });
export type FeedPollJob = z.infer<typeof FeedPollJobSchema>;

/** A feed row changed (created, updated, enabled, disabled, deleted): ingest updates its scheduler. */
export const FeedSyncJobSchema = z.object({ feedId: z.string().min(1) });
export type FeedSyncJob = z.infer<typeof FeedSyncJobSchema>;

export const ItemClassifyJobSchema = z.object({
  itemId: z.string().min(1),
  version: z.number().int().positive(),
});
export type ItemClassifyJob = z.infer<typeof ItemClassifyJobSchema>;

export const WebhookDeliverJobSchema = z.object({ deliveryId: z.string().min(1) });
export type WebhookDeliverJob = z.infer<typeof WebhookDeliverJobSchema>;

/** Ticks the digest planner; `at` lets tests and `digest send --now` pin the clock. */
export const DigestBuildJobSchema = z.object({ at: z.string().datetime().optional() });
export type DigestBuildJob = z.infer<typeof DigestBuildJobSchema>;

/**
 * One digest (`digestId`: retries, requeues, `digest send`) or a batch the planner queued
 * together (`digestIds`): a batch is claimed in one statement and costs one queue round trip.
 */
export const DigestSendJobSchema = z.union([
  z.object({ digestId: z.string().min(1) }).strict(),
  z.object({ digestIds: z.array(z.string().min(1)).min(1).max(1_000) }).strict(),
]);
export type DigestSendJob = z.infer<typeof DigestSendJobSchema>;

/** Transactional mail (confirmation); the row holds the address, the job only its id. */
export const MailSendJobSchema = z.object({ mailId: z.string().min(1) });
export type MailSendJob = z.infer<typeof MailSendJobSchema>;

export const JOB_SCHEMAS = {
  [QUEUES.feedPoll]: FeedPollJobSchema,
  [QUEUES.feedSync]: FeedSyncJobSchema,
  [QUEUES.itemClassify]: ItemClassifyJobSchema,
  [QUEUES.webhookDeliver]: WebhookDeliverJobSchema,
  [QUEUES.digestBuild]: DigestBuildJobSchema,
  [QUEUES.digestSend]: DigestSendJobSchema,
  [QUEUES.mailSend]: MailSendJobSchema,
} as const;

export const JOB_NAMES: Record<QueueName, string> = {
  [QUEUES.feedPoll]: JOBS.feedPoll,
  [QUEUES.feedSync]: JOBS.feedSync,
  [QUEUES.itemClassify]: JOBS.itemClassify,
  [QUEUES.webhookDeliver]: JOBS.webhookDeliver,
  [QUEUES.digestBuild]: JOBS.digestBuild,
  [QUEUES.digestSend]: JOBS.digestSend,
  [QUEUES.mailSend]: JOBS.mailSend,
};

export type JobPayload<Q extends QueueName> = z.infer<(typeof JOB_SCHEMAS)[Q]>;

/** Deterministic job ids: a re-poll or a retry cannot double the work. BullMQ forbids ':' in custom ids. */
export const jobIds = {
  /** Manual polls are not deduplicated against each other beyond the same second. */
  feedPollManual: (feedId: string, at = Date.now()) => `poll-${feedId}-${Math.floor(at / 1000)}`,
  feedSync: (feedId: string, at = Date.now()) => `sync-${feedId}-${at}`,
  itemClassify: (j: ItemClassifyJob) => `classify-${j.itemId}-v${j.version}`,
  webhookDeliver: (j: WebhookDeliverJob) => `deliver-${j.deliveryId}`,
  digestSend: (j: { digestId: string }) => `digest-${j.digestId}`,
  /** A batch is named after its first digest: each digest is planned (and batched) once. */
  digestBatch: (digestIds: readonly string[]) => `digests-${digestIds[0]}-${digestIds.length}`,
  mailSend: (j: MailSendJob) => `mail-${j.mailId}`,
};

export const WEBHOOK_EVENTS = ['item.published', 'item.updated'] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
