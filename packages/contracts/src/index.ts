export * from './themes';
export * from './news-item';
export * from './queues';
