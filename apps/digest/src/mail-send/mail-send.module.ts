import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import type { MailTransport } from '@pulse/mail';
import { QueueModule } from '@pulse/queue';
import { MailSendProcessor } from './mail-send.processor';
import { MAIL_SEND_OPTIONS, MAIL_SEND_TRANSPORT, MailSendService, type MailSendOptions } from './mail-send.service';

export type MailSendTransport =
  | { useValue: MailTransport }
  | { useExisting: InjectionToken }
  | { useFactory: (...args: never[]) => MailTransport | Promise<MailTransport>; inject?: InjectionToken[] };

/**
 * The `mail-send` worker (confirmation and notice mail from `mail_outbox`). Give it the digest
 * app's transport, so transactional mail shares the one SMTP pool and its rate limit.
 */
@Module({})
export class MailSendModule {
  static register(transport: MailSendTransport, options: MailSendOptions): DynamicModule {
    return {
      module: MailSendModule,
      imports: [QueueModule.register(QUEUES.mailSend)],
      providers: [
        { provide: MAIL_SEND_TRANSPORT, ...transport } as never,
        { provide: MAIL_SEND_OPTIONS, useValue: options },
        MailSendService,
        MailSendProcessor,
      ],
      exports: [MailSendService],
    };
  }
}
