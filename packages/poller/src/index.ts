export * from './feed.poller';
export * from './item.store';
export * from './item.identity';
export * from './poll.schedule';
export * from './classify.enqueuer';
