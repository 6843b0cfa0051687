import { buildListUnsubscribeHeaders, buildManageLinks } from './list-unsubscribe';
import { verifyToken } from './tokens';

const secret = 'a-test-secret-that-is-long-enough';

describe('list-unsubscribe and manage links', () => {
  it('builds the RFC 8058 header pair', () => {
    expect(buildListUnsubscribeHeaders('https://pulse.example.eu/', 'abc.def')).toEqual({
      'List-Unsubscribe': '<https://pulse.example.eu/unsubscribe?token=abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('signs a preferences and an unsubscribe link for the subscriber, each for its purpose', () => {
    const links = buildManageLinks('https://pulse.example.eu/base', { id: 'sub-1', tokenVersion: 2 }, secret);
    expect(links.preferencesUrl).toMatch(/^https:\/\/pulse\.example\.eu\/base\/preferences\?token=/);
    expect(links.unsubscribeUrl).toMatch(/^https:\/\/pulse\.example\.eu\/base\/unsubscribe\?token=/);
    expect(links.headers['List-Unsubscribe']).toBe(`<${links.unsubscribeUrl}>`);
    const prefs = verifyToken(secret, new URL(links.preferencesUrl).searchParams.get('token'), 'prefs');
    const unsub = verifyToken(secret, new URL(links.unsubscribeUrl).searchParams.get('token'), 'unsubscribe');
    expect(prefs.ok && prefs.claims).toMatchObject({ subscriberId: 'sub-1', tokenVersion: 2 });
    expect(unsub.ok && unsub.claims).toMatchObject({ subscriberId: 'sub-1', tokenVersion: 2 });
  });
});
