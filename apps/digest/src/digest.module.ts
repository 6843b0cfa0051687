import { Module, type DynamicModule } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from './config/env';
import { DigestBuildModule } from './digest-build/digest-build.module';
import { DigestSendModule } from './digest-send/digest-send.module';
import { MailSendModule } from './mail-send/mail-send.module';
import { MAIL_TRANSPORT, MailModule } from './mail/mail.module';

/** Right-hand side of Message-IDs: the domain of `MAIL_FROM`. */
export const mailDomain = (from: string): string => /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'emn-pulse.invalid';

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
        MailModule,
        DigestBuildModule,
        DigestSendModule.register(env),
        MailSendModule.register({ useExisting: MAIL_TRANSPORT }, { messageIdDomain: mailDomain(env.MAIL_FROM) }),
      ],
      providers: [{ provide: DIGEST_ENV, useValue: env }],
      exports: [DIGEST_ENV],
    };
  }
}
