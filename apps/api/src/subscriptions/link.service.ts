import { Inject, Injectable } from '@nestjs/common';
import { findSubscriber, InjectDatabase, type Database, type Subscriber } from '@pulse/db';
import {
  buildManageLinks,
  confirmUrl,
  signToken,
  verifyToken,
  type LinkSubject,
  type ManageLinks,
  type TokenPurpose,
} from '@pulse/mail';
import { ProblemError } from '../common/problem';
import { API_ENV, type ApiEnv } from '../config/env';

export const LINK_SECRET = Symbol('subscriptions.link-secret');

/** A link that cannot be used: 400 when it was never valid, 410 when it was and no longer is. */
export class LinkProblem extends ProblemError {
  constructor(readonly reason: 'invalid' | 'expired' | 'revoked') {
    super(
      reason === 'invalid' ? 400 : 410,
      reason === 'invalid' ? 'Invalid link' : 'Link no longer valid',
      reason === 'invalid' ? 'The link is incomplete or has been altered.' : 'The link has expired or has been replaced by a newer one.',
      { type: `https://emn-pulse.eu/problems/link-${reason}` },
    );
  }
}

/** Signs the links sent to subscribers and turns a presented token back into its subscriber. */
@Injectable()
export class LinkService {
  constructor(
    @Inject(LINK_SECRET) private readonly secret: string,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @InjectDatabase() private readonly database: Database,
  ) {}

  get confirmTtlSeconds(): number {
    return this.env.PULSE_CONFIRM_TTL_HOURS * 3600;
  }

  sign(purpose: TokenPurpose, subject: LinkSubject): string {
    return signToken(this.secret, purpose, subject, purpose === 'confirm' ? { ttlSeconds: this.confirmTtlSeconds } : {});
  }

  confirmUrl(subject: LinkSubject): string {
    return confirmUrl(this.env.PUBLIC_BASE_URL, this.sign('confirm', subject));
  }

  /** Same-site link for pages (works behind any proxy); emails use absolute ones. */
  preferencesPath(subject: LinkSubject): string {
    return `/preferences?token=${encodeURIComponent(this.sign('prefs', subject))}`;
  }

  manageLinks(subject: LinkSubject): ManageLinks {
    return buildManageLinks(this.env.PUBLIC_BASE_URL, subject, this.secret);
  }

  /**
   * The subscriber a token stands for. A signature that checks out is not enough: the
   * subscriber must still exist and carry the token's version (a bump revokes old links).
   */
  async resolve(token: unknown, purpose: TokenPurpose): Promise<Subscriber> {
    const check = verifyToken(this.secret, token, purpose);
    if (!check.ok) throw new LinkProblem(check.reason);
    const subscriber = await findSubscriber(this.database, check.claims.subscriberId);
    if (!subscriber || subscriber.tokenVersion !== check.claims.tokenVersion) throw new LinkProblem('revoked');
    return subscriber;
  }
}
