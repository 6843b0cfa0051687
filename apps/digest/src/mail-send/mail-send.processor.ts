import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type MailSendJob } from '@pulse/contracts';
import { ContractProcessor } from '@pulse/queue';
import { MailSendService } from './mail-send.service';

/** `mail-send` `{mailId}`: one outbox mail per job. */
@Processor(QUEUES.mailSend, { concurrency: 4 })
export class MailSendProcessor extends ContractProcessor<typeof QUEUES.mailSend> {
  protected readonly queueName = QUEUES.mailSend;

  constructor(private readonly mail: MailSendService) {
    super();
  }

  protected handle(data: MailSendJob, job: Job): Promise<unknown> {
    return this.mail.send(data.mailId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
