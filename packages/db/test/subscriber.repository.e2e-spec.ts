import {
  claimSubscriptionMailSlot,
  confirmSubscriber,
  eraseSubscriber,
  findSubscriber,
  insertOutboxMail,
  insertSubscriber,
  purgeStalePendingSubscribers,
  recordConsent,
  resolveLinkSecret,
  type Database,
} from '@pulse/db';
import { createTestDatabase } from '@pulse/testing';

/** Written against the `Database` interface: the same checks pass on embedded PGlite (run by hand, ~30 s to create one). */
async function exercise(database: Database): Promise<void> {
  // one secret for every process: concurrent first uses agree, later ones read it back
  const [a, b] = await Promise.all([resolveLinkSecret(database), resolveLinkSecret(database)]);
  expect(a).toHaveLength(43);
  expect(b).toBe(a);
  expect(await resolveLinkSecret(database)).toBe(a);
  expect(await resolveLinkSecret(database, 'configured-secret-value')).toBe('configured-secret-value');

  const s = await insertSubscriber(database, { email: ' Gil@Example.ORG ', frequency: 'daily', timezone: 'UTC', themes: ['integration'] });
  expect(s?.email).toBe('gil@example.org');
  expect(await insertSubscriber(database, { email: 'gil@example.org', frequency: 'daily', timezone: 'UTC' })).toBeNull();
  expect((await findSubscriber(database, 'GIL@example.org'))?.id).toBe(s?.id);
  const id = s!.id;

  // the resend window: one winner, then none until it has passed
  expect(await claimSubscriptionMailSlot(database, id, 600)).toBe(true);
  expect(await claimSubscriptionMailSlot(database, id, 600)).toBe(false);
  expect(await claimSubscriptionMailSlot(database, id, 0)).toBe(true);

  // only the latest unconfirmed consent is kept; confirming marks it
  await recordConsent(database, { subscriberId: id, textVersion: 'v1', text: 'first', source: 'api' });
  await recordConsent(database, { subscriberId: id, textVersion: 'v1', text: 'second', source: 'form' });
  expect(await confirmSubscriber(database, id)).toMatchObject({ status: 'active' });
  expect(await confirmSubscriber(database, id)).toBeNull();
  const consents = await database.sql.query<{ text: string; confirmed_at: Date | null }>('SELECT text, confirmed_at FROM consents WHERE subscriber_id = $1', [id]);
  expect(consents.map((c) => c.text)).toEqual(['second']);
  expect(consents[0]?.confirmed_at).not.toBeNull();

  // stale pending subscriptions go; confirmed ones and fresh ones stay
  const stale = await insertSubscriber(database, { email: 'stale@example.org', frequency: 'daily', timezone: 'UTC' });
  await database.sql.query("UPDATE subscribers SET last_confirmation_sent_at = now() - interval '9 days' WHERE id = $1", [stale!.id]);
  await insertSubscriber(database, { email: 'fresh@example.org', frequency: 'daily', timezone: 'UTC' });
  expect(await purgeStalePendingSubscribers(database, 8 * 24 * 3600)).toBe(1);
  expect(await findSubscriber(database, 'stale@example.org')).toBeNull();
  expect(await findSubscriber(database, 'fresh@example.org')).not.toBeNull();

  const mail = await insertOutboxMail(database, { subscriberId: id, kind: 'confirmation', toAddress: 'gil@example.org', subject: 's', html: 'h', text: 't' });
  const erased = await eraseSubscriber(database, 'gil@example.org');
  expect(erased).toEqual({ subscriberId: id, consents: 1, mails: 1, digests: 0, jobIds: { 'mail-send': [`mail-${mail.id}`], 'digest-send': [] } });
  expect(await eraseSubscriber(database, id)).toBeNull();
}

describe('subscriber repository', () => {
  it('works on PostgreSQL', async () => {
    const t = await createTestDatabase('subrepo');
    try {
      await exercise(t.database);
    } finally {
      await t.drop();
    }
  });
});
