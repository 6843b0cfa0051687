import { Injectable, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { mailDomain } from '@pulse/digest-core';
import { QueueModule } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from './config/env';
import { DigestBuildModule } from './digest-build/digest-build.module';
import { DigestSendModule } from './digest-send/digest-send.module';
import { MailSendModule } from './mail-send/mail-send.module';
import { MAIL_TRANSPORT, MailModule } from './mail/mail.module';

/**
 * On shutdown, every worker of this process stops taking jobs and finishes the ones in hand
 * before anything else closes: a send whose "sent" mark could not be written (database
 * already closed) would be sent again by the next attempt.
 */
@Injectable()
class WorkersFirst implements BeforeApplicationShutdown {
  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
    await Promise.all(
      hosts.map((h) => {
        try {
          return h.worker.close();
        } catch {
          return undefined; // never started
        }
      }),
    );
  }
}

/**
 * The digest worker: the planner (a Job Scheduler tick on `digest-build`), the sender
 * (`digest-send`), and transactional mail (`mail-send`), all over one SMTP pool.
 */
@Module({})
export class DigestModule {
  static forRoot(env: DigestAppEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: DigestModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, database: shared.database as Database | undefined }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        DiscoveryModule,
        MailModule,
        DigestBuildModule,
        DigestSendModule.register(env),
        MailSendModule.register({ useExisting: MAIL_TRANSPORT }, { messageIdDomain: mailDomain(env.MAIL_FROM) }),
      ],
      providers: [{ provide: DIGEST_ENV, useValue: env }, WorkersFirst],
      exports: [DIGEST_ENV],
    };
  }
}
