import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDatabase, type Database } from '@pulse/db';
import { DigestSender, digestSenderOptions, type SendOutcome } from '@pulse/digest-core';
import type { MailTransport } from '@pulse/mail';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';
import { LINK_SECRET, MAIL_TRANSPORT } from '../mail/mail.module';

/** Sends one planned digest (claim, build, send, mark); the rules live in `@pulse/digest-core`. */
@Injectable()
export class DigestSendService {
  private readonly log = new Logger('digest.send');
  private readonly sender: DigestSender;

  constructor(
    @InjectDatabase() database: Database,
    @Inject(MAIL_TRANSPORT) transport: MailTransport,
    @Inject(LINK_SECRET) secret: string,
    @Inject(DIGEST_ENV) env: DigestAppEnv,
  ) {
    this.sender = new DigestSender(database, transport, digestSenderOptions(env, secret, this.log));
  }

  /** `final`: no retry follows, so a passing failure is recorded as `failed` instead of thrown. */
  async send(digestId: string, final: boolean): Promise<SendOutcome> {
    const outcome = await this.sender.send(digestId, { final });
    if (outcome.status === 'bounced') {
      this.log.warn(`digest ${digestId} bounced (${outcome.responseCode ?? '?'})${outcome.suspended ? '; subscriber suspended' : ''}`);
    } else if (outcome.status === 'failed') {
      this.log.warn(`digest ${digestId} failed for good: ${outcome.error}`);
    }
    return outcome;
  }
}
