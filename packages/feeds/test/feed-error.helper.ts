import { FeedError } from '../src/feed.error';

/** The FeedError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function feedFailure(p: Promise<unknown>): Promise<FeedError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FeedError) return err;
    throw err;
  }
  throw new Error('expected a FeedError');
}
