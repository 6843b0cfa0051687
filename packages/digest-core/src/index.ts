export * from './digest.schedule';
export * from './digest.strings';
export * from './digest.template';
export * from './digest.env';
export * from './digest.content';
export * from './digest.planner';
export * from './digest.sender';
export * from './window-items.cache';
