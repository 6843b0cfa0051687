import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE, resolveLinkSecret, type Database } from '@pulse/db';
import { digestTransportFromEnv } from '@pulse/digest-core';
import type { MailTransport } from '@pulse/mail';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';

/** The one SMTP pool (or .eml outbox) of this process: digests and transactional mail share its rate limit. */
export const MAIL_TRANSPORT = Symbol('digest.mail-transport');
/** The secret that signs preference and unsubscribe links (PULSE_SECRET, else the stored one). */
export const LINK_SECRET = Symbol('digest.link-secret');

@Injectable()
class TransportCloser implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}
  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      useFactory: (env: DigestAppEnv) => {
        const logger = new Logger('mail');
        const transport = digestTransportFromEnv(env, (line) => logger.log(line));
        // A send that outlives its lease could be taken over and sent twice.
        if (env.PULSE_DIGEST_LEASE_MS < transport.maxSendMs) {
          logger.warn(`PULSE_DIGEST_LEASE_MS (${env.PULSE_DIGEST_LEASE_MS}) is shorter than the longest send (${transport.maxSendMs} ms)`);
        }
        return transport;
      },
      inject: [DIGEST_ENV],
    },
    {
      provide: LINK_SECRET,
      useFactory: (database: Database, env: DigestAppEnv) => resolveLinkSecret(database, env.PULSE_SECRET),
      inject: [DATABASE, DIGEST_ENV],
    },
    TransportCloser,
  ],
  exports: [MAIL_TRANSPORT, LINK_SECRET],
})
export class MailModule {}
