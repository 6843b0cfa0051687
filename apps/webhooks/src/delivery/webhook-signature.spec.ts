import { Webhook } from 'standardwebhooks';
import { activeSecrets, signatureFor, webhookHeaders } from './webhook-signature';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const other = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

describe('webhook signature', () => {
  it('matches the Standard Webhooks reference implementation', () => {
    const at = new Date(1_674_087_231_000);
    const body = '{"test": 2432232314}';
    expect(signatureFor(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1_674_087_231, body)).toBe(new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, body));
  });

  it('puts every active secret in one header, each verifiable on its own', () => {
    const body = JSON.stringify({ type: 'item.published', data: { id: 'x' } });
    const headers = webhookHeaders([secret, other], 'msg_1', body);
    const [a, b] = headers['webhook-signature']!.split(' ');
    expect(new Webhook(secret).verify(body, { ...headers, 'webhook-signature': a! })).toEqual(JSON.parse(body));
    expect(new Webhook(other).verify(body, { ...headers, 'webhook-signature': b! })).toEqual(JSON.parse(body));
    expect(() => new Webhook(other).verify(body, { ...headers, 'webhook-signature': a! })).toThrow();
  });

  it('signs with the previous secret only while its overlap lasts', () => {
    const now = new Date('2026-09-04T12:00:00Z');
    const ep = (expires: string | null) => ({ secret, previousSecret: other, previousSecretExpiresAt: expires ? new Date(expires) : null });
    expect(activeSecrets(ep('2026-09-05T12:00:00Z'), now)).toEqual([secret, other]);
    expect(activeSecrets(ep('2026-09-04T11:59:59Z'), now)).toEqual([secret]);
    expect(activeSecrets(ep(null), now)).toEqual([secret]);
  });
});
