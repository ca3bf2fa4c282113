/** The case events grievance publishes (to move into libs/contracts). */
export * from './case-events';
