import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertPublicUrl } from '@pulse/feeds';
import { WebhookRepository, type WebhookEndpointRow } from '@pulse/db';
import { toPage } from '../common/pagination';
import { NotFoundProblem, ValidationProblem } from '../common/problem';
import { API_ENV, type ApiEnv } from '../config/env';
import type { EndpointListQuery, EndpointView, WebhookEndpointCreate, WebhookEndpointUpdate } from './dto/webhook-endpoint.dto';
import { toEndpointView } from './dto/webhook-view.dto';
import { WebhookDispatchService } from './webhook-dispatch.service';

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export type EndpointWithSecret = EndpointView & { secret: string };

@Injectable()
export class WebhookEndpointsService {
  constructor(
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly repo: WebhookRepository,
    private readonly dispatch: WebhookDispatchService,
  ) {}

  async create(input: WebhookEndpointCreate): Promise<EndpointWithSecret> {
    await this.assertUrlAllowed(input.url);
    const row = await this.repo.createEndpoint({ ...input, secret: newWebhookSecret() });
    return { ...toEndpointView(row), secret: row.secret };
  }

  async list(query: EndpointListQuery) {
    const rows = await this.repo.listEndpoints({ limit: query.limit + 1, after: query.cursor, enabled: query.enabled });
    return toPage(rows, query.limit, 'webhook-endpoints', (r) => toEndpointView(r));
  }

  async get(id: string): Promise<EndpointView> {
    const row = await this.find(id);
    return toEndpointView(row, await this.repo.deliveryCounts(id));
  }

  async update(id: string, patch: WebhookEndpointUpdate): Promise<EndpointView> {
    if (patch.url !== undefined) await this.assertUrlAllowed(patch.url);
    const row = await this.repo.updateEndpoint(id, patch);
    if (!row) throw new NotFoundProblem(`webhook endpoint ${id}`);
    return toEndpointView(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.deleteEndpoint(id))) throw new NotFoundProblem(`webhook endpoint ${id}`);
  }

  /** Clears the disabled reason and the failing streak, and resumes the messages left pending. */
  async enable(id: string): Promise<EndpointView> {
    const row = await this.repo.enableEndpoint(id);
    if (!row) throw new NotFoundProblem(`webhook endpoint ${id}`);
    await this.dispatch.wake(await this.repo.resumePendingDeliveries(id), 'enable');
    return toEndpointView(row, await this.repo.deliveryCounts(id));
  }

  /** Pending messages stay pending (unscheduled) until the endpoint is enabled again. */
  async disable(id: string, reason?: string): Promise<EndpointView> {
    const row = (await this.repo.disableEndpoint(id, reason ?? 'disabled by an operator')) ?? (await this.find(id));
    return toEndpointView(row, await this.repo.deliveryCounts(id));
  }

  async rotateSecret(id: string, overlapSeconds?: number): Promise<EndpointWithSecret> {
    const overlap = overlapSeconds ?? this.env.PULSE_WEBHOOK_SECRET_OVERLAP_SECONDS;
    const row = await this.repo.rotateSecret(id, newWebhookSecret(), overlap * 1000);
    if (!row) throw new NotFoundProblem(`webhook endpoint ${id}`);
    return { ...toEndpointView(row), secret: row.secret };
  }

  async find(id: string): Promise<WebhookEndpointRow> {
    const row = await this.repo.findEndpoint(id);
    if (!row) throw new NotFoundProblem(`webhook endpoint ${id}`);
    return row;
  }

  /**
   * The same guard as feed URLs. A name that does not resolve yet is accepted: the worker
   * checks the address again before every send.
   */
  private async assertUrlAllowed(url: string): Promise<void> {
    try {
      await assertPublicUrl(url, this.env.PULSE_ALLOW_PRIVATE_NETWORKS);
    } catch (err) {
      if ((err as { code?: string }).code === 'network') return;
      const why = err instanceof Error ? err.message : String(err);
      throw new ValidationProblem([
        { field: 'url', message: `${why}; webhook URLs must reach a public address (private networks are allowed only with PULSE_ALLOW_PRIVATE_NETWORKS=1)` },
      ]);
    }
  }
}
