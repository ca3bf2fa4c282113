import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import type { ServiceConfig } from '@cc/config';
import { currentCorrelationId } from './correlation';

/**
 * Fields that must never reach a log: credentials, provider signatures and anything that can carry
 * a worker's phone number.
 */
export const REDACTED_PATHS = ['*.authorization', '*.cookie', '*.password', '*.token', '*.secret', '*.phone', '*.msisdn'];

export function createRootLogger(config: ServiceConfig, destination?: pino.DestinationStream): Pino {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: config.SERVICE_NAME },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Every line written while handling a request or an event carries its correlation id.
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    destination,
  );
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino: `new Logger(X.name).log('message', { reportId })` becomes one
 * JSON line with `context: "X"` and `reportId` as a field.
 */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the logger's context as the last argument.
    const context = typeof optional.at(-1) === 'string' ? (optional.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const extra of optional) {
      if (extra instanceof Error) fields.err = extra;
      else if (typeof extra === 'string') fields.stack = extra;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (message && typeof message === 'object') this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
