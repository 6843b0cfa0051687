import { Injectable } from '@nestjs/common';
import { WebhookRepository, type WebhookDeliveryRow } from '@pulse/db';
import { toPage } from '../common/pagination';
import { ConflictProblem, NotFoundProblem } from '../common/problem';
import type { DeliveryListQuery, DeliveryView } from './dto/webhook-endpoint.dto';
import { toDeliveryView } from './dto/webhook-view.dto';
import { WebhookDispatchService } from './webhook-dispatch.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** The delivery log of an endpoint, and the operator's ways to send again. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly repo: WebhookRepository,
    private readonly endpoints: WebhookEndpointsService,
    private readonly dispatch: WebhookDispatchService,
  ) {}

  async list(endpointId: string, query: DeliveryListQuery) {
    await this.endpoints.find(endpointId);
    const rows = await this.repo.listDeliveries(endpointId, { limit: query.limit + 1, after: query.cursor, status: query.status, event: query.event });
    const page = rows.slice(0, query.limit);
    const attempts = await this.repo.attemptsFor(page.map((r) => r.id));
    return toPage(rows, query.limit, 'webhook-deliveries', (r) => toDeliveryView(r, attempts.filter((a) => a.deliveryId === r.id)));
  }

  async get(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    const row = await this.repo.findDelivery(endpointId, deliveryId);
    if (!row) throw new NotFoundProblem(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    return this.view(row);
  }

  /** The same message (same webhook-id, same body) again, now, with a fresh retry cycle. */
  async resend(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    await this.assertEnabled(endpointId);
    const row = await this.repo.resendDelivery(endpointId, deliveryId);
    if (!row) throw new NotFoundProblem(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    await this.dispatch.wake([row.id], 'resend');
    return this.view(row);
  }

  async replay(endpointId: string, since: Date): Promise<{ since: string; resent: number; created: number }> {
    const endpoint = await this.assertEnabled(endpointId);
    const { reused, created } = await this.repo.replaySince(endpoint, since);
    await this.dispatch.wake([...reused, ...created], 'replay');
    return { since: since.toISOString(), resent: reused.length, created: created.length };
  }

  /** A ping goes through the worker like any message, even to a disabled endpoint (to check it first). */
  async test(endpointId: string): Promise<DeliveryView> {
    await this.endpoints.find(endpointId);
    const row = await this.repo.createPing(endpointId);
    await this.dispatch.first(row.id);
    return this.view(row);
  }

  private async assertEnabled(endpointId: string) {
    const endpoint = await this.endpoints.find(endpointId);
    if (!endpoint.enabled) {
      throw new ConflictProblem(`webhook endpoint ${endpointId} is disabled; enable it first (its pending messages are then resumed)`);
    }
    return endpoint;
  }

  private async view(row: WebhookDeliveryRow): Promise<DeliveryView> {
    return toDeliveryView(row, await this.repo.attemptsFor([row.id]));
  }
}
