export * from './author-mailer.js';
export * from './endorser-fan-out.service.js';
export { FAN_OUT_EVENTS, FanOutRegistry } from './fan-out.registry.js';
export type { FanOutEvent, FanOutJob, FanOutMessage, FanOutResolver, Subscriber, SubscriberSource } from './fan-out.registry.js';
export * from './mail-opt-outs.service.js';
export * from './mail-preferences.service.js';
export * from './notifications.jobs.js';
export * from './notifications.module.js';
export { isOptedOut } from './notifications.queries.js';
