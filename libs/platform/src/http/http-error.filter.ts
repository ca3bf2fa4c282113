import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** An error a service maps to an HTTP answer itself: a stable code and a status. */
export interface HttpMappedError {
  readonly httpStatus: number;
  readonly code: string;
  readonly retryAfterSeconds?: number;
}

function isMapped(error: unknown): error is Error & HttpMappedError {
  return error instanceof Error && typeof (error as Partial<HttpMappedError>).httpStatus === 'number' && typeof (error as Partial<HttpMappedError>).code === 'string';
}

/**
 * Every HTTP error answers `{ statusCode, code, message, correlationId }`: a stable code for
 * machines, a reason for people, and the id to find the logs. Unexpected errors say nothing about
 * their internals. Request bodies are never logged (they carry workers' messages and numbers).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { statusCode, code, message, detail } = this.describe(error);
    const route = request.routeOptions?.url ?? 'unmatched';
    if (statusCode >= 500) this.logger.error(`${request.method} ${route} → ${statusCode} ${code}`, error instanceof Error ? error.stack : String(error));
    else this.logger.warn(`${request.method} ${route} → ${statusCode} ${code}: ${message}`);
    if (isMapped(error) && error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
    // JSON even where the route answers otherwise on success (TwiML, a plain-text challenge).
    void reply
      .status(statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ ...detail, statusCode, code, message, correlationId: request.id });
  }

  /** `detail`: what an HttpException's own body says besides (e.g. terminus' per-dependency status). */
  private describe(error: unknown): { statusCode: number; code: string; message: string; detail: Record<string, unknown> } {
    if (isMapped(error)) return { statusCode: error.httpStatus, code: error.code, message: error.message, detail: {} };
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      return {
        statusCode,
        code: typeof detail.code === 'string' ? detail.code : `HTTP.${HttpStatus[statusCode] ?? statusCode}`,
        message: Array.isArray(detail.message) ? detail.message.join('; ') : String(detail.message ?? error.message),
        detail,
      };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error', detail: {} };
  }
}
