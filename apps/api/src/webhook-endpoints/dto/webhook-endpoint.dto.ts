import { z } from 'zod';
import { THEME_IDS, WEBHOOK_EVENTS } from '@pulse/contracts';
import { pageQueryShape, pageSchema } from '../../common/pagination';

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const instant = z.string().nullable().describe('UTC ISO 8601');

const endpointFields = {
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }))
    .describe('Where deliveries are POSTed. Private and loopback addresses are refused unless PULSE_ALLOW_PRIVATE_NETWORKS=1.'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .max(WEBHOOK_EVENTS.length * 2)
    .transform(unique)
    .describe('Event types to receive.'),
  themes: z
    .array(z.enum(THEME_IDS))
    .max(THEME_IDS.length * 2)
    .transform(unique)
    .describe('Only items carrying at least one of these themes; empty = every item, themed or not.'),
  description: z.string().trim().max(500).nullable().describe('A note for operators.'),
};

export const WebhookEndpointCreateSchema = z
  .object({
    url: endpointFields.url,
    events: endpointFields.events.default([...WEBHOOK_EVENTS]),
    themes: endpointFields.themes.default([]),
    description: endpointFields.description.optional(),
  })
  .strict()
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.output<typeof WebhookEndpointCreateSchema>;

export const WebhookEndpointUpdateSchema = z
  .object({
    url: endpointFields.url.optional(),
    events: endpointFields.events.optional(),
    themes: endpointFields.themes.optional(),
    description: endpointFields.description.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one of url, events, themes, description' })
  .meta({ id: 'WebhookEndpointUpdate' });
export type WebhookEndpointUpdate = z.output<typeof WebhookEndpointUpdateSchema>;

export const MAX_OVERLAP_SECONDS = 7 * 86_400;
export const RotateSecretSchema = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_OVERLAP_SECONDS)
      .optional()
      .describe('How long the old secret keeps signing beside the new one (default PULSE_WEBHOOK_SECRET_OVERLAP_SECONDS, 24 h); 0 ends it now.'),
  })
  .strict()
  .meta({ id: 'WebhookRotateSecret' });
export type RotateSecret = z.output<typeof RotateSecretSchema>;

export const DisableEndpointSchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional().describe('Shown as the disabled reason.') })
  .strict()
  .meta({ id: 'WebhookEndpointDisable' });
export type DisableEndpoint = z.output<typeof DisableEndpointSchema>;

export const ReplaySchema = z
  .object({ since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).describe('Re-deliver every item event from this time on.') })
  .strict()
  .meta({ id: 'WebhookReplay' });
export type Replay = z.output<typeof ReplaySchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const EndpointListQuerySchema = z
  .object({ ...pageQueryShape('webhook-endpoints'), enabled: booleanQuery.optional().describe('Only enabled (true) or disabled (false) endpoints.') })
  .strict();
export type EndpointListQuery = z.output<typeof EndpointListQuerySchema>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export const DeliveryListQuerySchema = z
  .object({
    ...pageQueryShape('webhook-deliveries'),
    status: z.enum(DELIVERY_STATUSES).optional(),
    event: z.enum([...WEBHOOK_EVENTS, 'ping']).optional(),
  })
  .strict();
export type DeliveryListQuery = z.output<typeof DeliveryListQuerySchema>;

// ---- responses ----

export const EndpointHealthSchema = z
  .object({
    failingSince: instant.describe('Start of the current run of failed attempts; null when the last attempt succeeded.'),
    disabledAt: instant,
    disabledReason: z.string().nullable().describe('Why the endpoint is disabled (410 Gone, failing for days, an operator).'),
    lastSuccessAt: instant,
    lastFailureAt: instant,
    lastError: z.string().nullable(),
    deliveries: z
      .object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int(), cancelled: z.number().int() })
      .optional()
      .describe('Messages by status (detail and health views only).'),
  })
  .meta({ id: 'WebhookEndpointHealth' });

export const EndpointViewSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    themes: z.array(z.string()),
    enabled: z.boolean(),
    previousSecretExpiresAt: instant.describe('Until then deliveries are signed with the new and the previous secret.'),
    health: EndpointHealthSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type EndpointView = z.infer<typeof EndpointViewSchema>;

export const EndpointWithSecretSchema = EndpointViewSchema.extend({
  secret: z.string().describe('`whsec_` + base64: shown only here and on rotation. Verify signatures with it (Standard Webhooks).'),
}).meta({ id: 'WebhookEndpointWithSecret' });

export const AttemptViewSchema = z
  .object({
    attemptedAt: z.string(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable().describe('At most 1 KiB of the response body.'),
    error: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });

export const DeliveryViewSchema = z
  .object({
    id: z.string().describe('The message id, sent as `webhook-id` on every attempt.'),
    event: z.string(),
    itemId: z.string().nullable(),
    itemVersion: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
    attemptCount: z.number().int(),
    nextAttemptAt: instant.describe('When the next attempt is due; null when none is scheduled.'),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: instant,
    attempts: z.array(AttemptViewSchema),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;

export const ReplayResultSchema = z
  .object({
    since: z.string(),
    resent: z.number().int().describe('Messages already written since then, sent again under their own ids.'),
    created: z.number().int().describe('Item events since then this endpoint had no message for; new ids.'),
  })
  .meta({ id: 'WebhookReplayResult' });

export const EndpointPageSchema = pageSchema(EndpointViewSchema, 'WebhookEndpointPage');
export const DeliveryPageSchema = pageSchema(DeliveryViewSchema, 'WebhookDeliveryPage');
