import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  WebhookDeliveryRepository,
  WebhookRepository,
  type ClaimedDelivery,
  type DeliveryOutcome,
  type ItemSnapshot,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '@pulse/db';
import { WEBHOOKS_ENV, type WebhooksEnv } from '../config/env';
import { PING_EVENT, itemEventPayload, pingPayload } from './webhook-payload.template';
import { WebhookSenderService, type SendResult } from './webhook-sender.service';
import { activeSecrets, webhookHeaders } from './webhook-signature';
import { WebhookWakeupService } from './webhook-wakeup.service';

/** What one wake-up did; the processor returns it as the job's result. */
export type DeliverResult =
  | { done: 'delivered' | 'retry-scheduled' | 'failed' | 'parked'; statusCode: number | null }
  | { done: 'skipped'; reason: string }
  | { done: 'deferred'; inMs: number };

/** Time a worker may hold a delivery beyond the request timeout before another may take it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends one delivery: claim the row (lease), build the body on the first attempt, sign, POST,
 * then log the attempt and move the row on (delivered / retry / failed / parked) in one
 * statement, and only then queue the retry. A crash anywhere before that statement means the
 * same message is sent again under the same webhook-id: at least once, never lost.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly log = new Logger('webhooks');

  constructor(
    @Inject(WEBHOOKS_ENV) private readonly env: WebhooksEnv,
    private readonly repo: WebhookDeliveryRepository,
    private readonly endpoints: WebhookRepository,
    private readonly sender: WebhookSenderService,
    private readonly wakeups: WebhookWakeupService,
  ) {}

  async deliver(deliveryId: string, jobId?: string): Promise<DeliverResult> {
    const claimed = await this.repo.claimDelivery(deliveryId, this.env.PULSE_WEBHOOK_TIMEOUT + LEASE_MARGIN_MS);
    if (!claimed) return this.onClaimMiss(deliveryId, jobId);
    try {
      return await this.sendClaimed(claimed);
    } catch (err) {
      // Unlogged: the row stays due, so the sweeper (or the job's own retry) sends it again.
      await this.repo.releaseLease(deliveryId).catch(() => undefined);
      throw err;
    }
  }

  private async onClaimMiss(deliveryId: string, jobId?: string): Promise<DeliverResult> {
    const miss = await this.repo.explainClaimMiss(deliveryId);
    switch (miss.kind) {
      case 'vanished':
        return { done: 'skipped', reason: 'delivery no longer exists' };
      case 'settled':
        return { done: 'skipped', reason: `already ${miss.status}` };
      case 'unscheduled':
        return { done: 'skipped', reason: 'parked until the endpoint is enabled' };
      case 'busy':
        // Another worker is sending it; look again when its lease ends in case it died.
        await this.wakeups.at(deliveryId, Date.now() + miss.retryInMs, miss.retryInMs + 100, jobId);
        return { done: 'deferred', inMs: miss.retryInMs };
      case 'not-due':
        await this.wakeups.at(deliveryId, miss.dueAtMs, miss.dueInMs, jobId);
        return { done: 'deferred', inMs: miss.dueInMs };
    }
  }

  private async sendClaimed({ delivery, endpoint, snapshot }: ClaimedDelivery): Promise<DeliverResult> {
    const isPing = delivery.event === PING_EVENT;
    // A ping is how an operator checks a disabled endpoint before enabling it again.
    if (!endpoint.enabled && !isPing) {
      await this.repo.parkDelivery(delivery.id);
      return { done: 'parked', statusCode: null };
    }
    const body = delivery.payload ?? this.buildBody(delivery, snapshot);
    if (body === undefined) {
      await this.repo.releaseLease(delivery.id);
      return { done: 'skipped', reason: 'item no longer exists' };
    }
    const result = await this.sender.send(endpoint.url, webhookHeaders(activeSecrets(endpoint), delivery.id, body), body);
    const outcome = this.decide(delivery, result, isPing);
    const { ok: _ok, ...attempt } = result;
    await this.repo.recordAttempt(delivery, attempt, outcome, {
      payload: delivery.payload === null ? body : undefined,
      endpointSucceeded: result.ok && !isPing,
    });
    if (outcome.kind === 'retry') await this.wakeups.retry(delivery.id, delivery.attempts + 2, outcome.delayMs);
    if (!isPing && !result.ok) await this.recordFailure(endpoint, delivery, result);
    if (!result.ok) this.log.warn(`delivery ${delivery.id} to endpoint ${endpoint.id}: ${result.error} → ${outcome.kind}`);
    const done = outcome.kind === 'retry' ? 'retry-scheduled' : outcome.kind;
    return { done, statusCode: result.statusCode };
  }

  /**
   * The body of the first attempt; it is stored with that attempt's log entry, so every later
   * attempt (retry, resend, replay) sends the same bytes.
   */
  private buildBody(delivery: WebhookDeliveryRow, snapshot?: ItemSnapshot): string | undefined {
    if (delivery.event === PING_EVENT) return JSON.stringify(pingPayload(delivery.endpointId, delivery.createdAt));
    return snapshot ? JSON.stringify(itemEventPayload(delivery.event, delivery.createdAt, snapshot)) : undefined;
  }

  private decide(delivery: WebhookDeliveryRow, result: SendResult, isPing: boolean): DeliveryOutcome {
    if (result.ok) return { kind: 'delivered' };
    if (isPing) return { kind: 'failed' };
    if (result.statusCode === 410) return { kind: 'parked' };
    const schedule = this.env.PULSE_WEBHOOK_RETRY_SCHEDULE;
    const delayMs = schedule[delivery.cycleAttempts];
    return delayMs === undefined ? { kind: 'failed' } : { kind: 'retry', delayMs };
  }

  /** 410 disables at once; any other failure extends the failing streak, which disables after PULSE_WEBHOOK_DISABLE_AFTER. */
  private async recordFailure(endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow, result: SendResult): Promise<void> {
    if (result.statusCode === 410) {
      const reason = `receiver answered 410 Gone at ${new Date().toISOString()} (message ${delivery.id})`;
      if (await this.endpoints.disableEndpoint(endpoint.id, reason)) this.log.warn(`endpoint ${endpoint.id} disabled: ${reason}`);
      return;
    }
    const error = result.error ?? 'failed';
    const since = await this.repo.recordEndpointFailure(endpoint.id, error);
    if (!since) return;
    const limit = this.env.PULSE_WEBHOOK_DISABLE_AFTER;
    const reason = `failing continuously since ${since.toISOString()} (limit ${formatDuration(limit)}); last error: ${error}`;
    if (await this.endpoints.disableEndpoint(endpoint.id, reason, limit)) this.log.warn(`endpoint ${endpoint.id} disabled: ${reason}`);
  }
}

function formatDuration(msTotal: number): string {
  if (msTotal % 86_400_000 === 0) return `${msTotal / 86_400_000} d`;
  if (msTotal % 3_600_000 === 0) return `${msTotal / 3_600_000} h`;
  if (msTotal % 1000 === 0) return `${msTotal / 1000} s`;
  return `${msTotal} ms`;
}
