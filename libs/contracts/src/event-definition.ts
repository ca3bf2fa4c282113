import type { z } from 'zod';
import type { Topic } from './topics';

/**
 * Everything a producer or consumer needs to know about one event type: its CloudEvents type,
 * schema (the TypeScript type is derived from it), topic, the key that gives ordering, and an
 * example that the schema is tested against.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly topic: Topic;
  readonly schema: S;
  readonly key: (data: z.infer<S>) => string;
  readonly subject: (data: z.infer<S>) => string;
  readonly example: z.infer<S>;
  readonly description: string;
}

export type EventData<D extends EventDefinition> = z.infer<D['schema']>;

export function defineEvent<S extends z.ZodType>(definition: EventDefinition<S>): EventDefinition<S> {
  return Object.freeze(definition);
}
