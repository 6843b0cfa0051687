import { loadWebhooksEnv, parseDuration } from './env';

describe('webhooks env', () => {
  it('parses durations with units', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('5d')).toBe(432_000_000);
    expect(parseDuration('40')).toBe(40);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('defaults to the production retry schedule, 10 s timeout and 5 days before disabling', () => {
    const env = loadWebhooksEnv({});
    expect(env.PULSE_WEBHOOK_RETRY_SCHEDULE).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(env.PULSE_WEBHOOK_TIMEOUT).toBe(10_000);
    expect(env.PULSE_WEBHOOK_DISABLE_AFTER).toBe(5 * 86_400_000);
    expect(env.PULSE_ALLOW_PRIVATE_NETWORKS).toBe(false);
  });

  it('takes a short schedule for tests and names a bad value', () => {
    expect(loadWebhooksEnv({ PULSE_WEBHOOK_RETRY_SCHEDULE: '10ms, 20ms' }).PULSE_WEBHOOK_RETRY_SCHEDULE).toEqual([10, 20]);
    expect(() => loadWebhooksEnv({ PULSE_WEBHOOK_RETRY_SCHEDULE: '5s,later' })).toThrow(/PULSE_WEBHOOK_RETRY_SCHEDULE: not a duration: "later"/);
  });
});
