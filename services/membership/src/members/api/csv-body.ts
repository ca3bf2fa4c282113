import { Transform, type TransformCallback } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SERVICE_CONFIG } from '@cc/config';
import type { MembershipConfig } from '../../config/membership.config';

export const BODY_TOO_LARGE = 'MEMBERSHIP.IMPORT_TOO_LARGE';
/**
 * Hands a `text/csv` body to the handler as a stream instead of buffering it (Fastify's JSON
 * limit is 1 MiB; an onboarding file is tens of megabytes), counting bytes so that a body without
 * a Content-Length still cannot exceed MEMBERSHIP_IMPORT_MAX_BYTES.
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = this.config.MEMBERSHIP_IMPORT_MAX_BYTES;
    fastify.addContentTypeParser('text/csv', { bodyLimit: Number.MAX_SAFE_INTEGER }, (_request, payload, done) => done(null, payload.pipe(byteLimit(limit))));
  }
}

export function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(Object.assign(new Error(`more than ${limit} bytes`), { code: BODY_TOO_LARGE }));
      else callback(null, chunk);
    },
  });
}
