import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, WebhookDeliveryStatus } from '@pulse/db';
import { iso } from '../../common/pagination';
import type { DeliveryView, EndpointView } from './webhook-endpoint.dto';

/** What an operator sees of an endpoint: never its secret (shown only on create and rotate). */
export function toEndpointView(row: WebhookEndpointRow, counts?: Record<WebhookDeliveryStatus, number>): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    themes: row.themes,
    enabled: row.enabled,
    previousSecretExpiresAt: row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? iso(row.previousSecretExpiresAt) : null,
    health: {
      failingSince: iso(row.failingSince),
      disabledAt: iso(row.disabledAt),
      disabledReason: row.disabledReason,
      lastSuccessAt: iso(row.lastSuccessAt),
      lastFailureAt: iso(row.lastFailureAt),
      lastError: row.lastError,
      ...(counts ? { deliveries: counts } : {}),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDeliveryView(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): DeliveryView {
  return {
    id: row.id,
    event: row.event,
    itemId: row.itemId,
    itemVersion: row.itemVersion,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
    attempts: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  };
}
