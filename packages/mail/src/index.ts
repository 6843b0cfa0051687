export * from './i18n';
export * from './tokens';
export * from './list-unsubscribe';
export * from './confirmation.template';
export * from './transport';
export * from './mime';
