import { withAsyncCommit } from './webhooks.module';

describe('worker database URL', () => {
  it('asks for asynchronous commit in the session options, keeping what was there', () => {
    expect(new URL(withAsyncCommit('postgres://pulse:pw@db:5432/pulse')).searchParams.get('options')).toBe('-c synchronous_commit=off');
    const kept = new URL(withAsyncCommit('postgres://pulse@db/pulse?sslmode=disable&options=-c%20statement_timeout%3D5000'));
    expect(kept.searchParams.get('options')).toBe('-c statement_timeout=5000 -c synchronous_commit=off');
    expect(kept.searchParams.get('sslmode')).toBe('disable');
    expect(kept.username).toBe('pulse');
  });
});
