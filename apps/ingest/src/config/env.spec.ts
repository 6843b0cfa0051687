import { loadIngestEnv } from './env';

describe('ingest env', () => {
  it('defaults to the real sources, 4 polls at a time, a 20 s fetch timeout', () => {
    expect(loadIngestEnv({})).toMatchObject({ PULSE_FEEDS: 'real', PULSE_POLL_CONCURRENCY: 4, PULSE_FETCH_TIMEOUT_MS: 20_000, PULSE_ALLOW_PRIVATE_NETWORKS: false });
    expect(loadIngestEnv({ PULSE_FEEDS: '' }).PULSE_FEEDS).toBe('real');
  });

  it('reads PULSE_FEEDS=demo and PULSE_ALLOW_PRIVATE_NETWORKS=1, and refuses what it does not know', () => {
    expect(loadIngestEnv({ PULSE_FEEDS: 'demo', PULSE_ALLOW_PRIVATE_NETWORKS: '1' })).toMatchObject({ PULSE_FEEDS: 'demo', PULSE_ALLOW_PRIVATE_NETWORKS: true });
    expect(() => loadIngestEnv({ PULSE_FEEDS: 'all' })).toThrow(/PULSE_FEEDS/);
    expect(() => loadIngestEnv({ PULSE_POLL_CONCURRENCY: '0' })).toThrow(/PULSE_POLL_CONCURRENCY/);
  });
});
