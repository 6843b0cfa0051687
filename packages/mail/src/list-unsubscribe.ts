import { signToken, type LinkSubject } from './tokens';

const join = (baseUrl: string, path: string, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;

export const confirmUrl = (baseUrl: string, token: string) => join(baseUrl, '/confirm', token);
export const preferencesUrl = (baseUrl: string, token: string) => join(baseUrl, '/preferences', token);
export const unsubscribeUrl = (baseUrl: string, token: string) => join(baseUrl, '/unsubscribe', token);

/**
 * RFC 8058 one-click unsubscribe headers for every digest. The URL must be https in
 * production (mail providers ignore http ones); `PUBLIC_BASE_URL` decides.
 */
export function buildListUnsubscribeHeaders(baseUrl: string, token: string): Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(baseUrl, token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export interface ManageLinks {
  preferencesUrl: string;
  unsubscribeUrl: string;
  /** The RFC 8058 headers for the same unsubscribe link. */
  headers: Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string>;
}

/** The signed links every email to a subscriber carries (preference centre, one-click unsubscribe). */
export function buildManageLinks(baseUrl: string, subscriber: LinkSubject, secret: string, now = new Date()): ManageLinks {
  const unsubscribeToken = signToken(secret, 'unsubscribe', subscriber, { now });
  return {
    preferencesUrl: preferencesUrl(baseUrl, signToken(secret, 'prefs', subscriber, { now })),
    unsubscribeUrl: unsubscribeUrl(baseUrl, unsubscribeToken),
    headers: buildListUnsubscribeHeaders(baseUrl, unsubscribeToken),
  };
}
