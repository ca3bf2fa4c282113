import type { Readable } from 'node:stream';
import {
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  PayloadTooLargeException,
  Post,
  Req,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { SERVICE_CONFIG } from '@cc/config';
import { authorizeUnit } from '../../access/unit-access';
import type { MembershipConfig } from '../../config/membership.config';
import { OrganisationService } from '../../organisation/organisation.service';
import { BODY_TOO_LARGE } from './csv-body';
import { importMembers, MemberImportAbortedError } from '../member-import/member-import';
import { ScopedMemberSink } from '../member-import/scoped-sink';
import { MongoMemberSink } from '../store/mongo-member-sink';
import { MembersRepository } from '../store/members.repository';

/** `POST /v1/members/import` with a CSV body: the onboarding of a whole district, streamed. */
@Controller('v1/members')
@UseGuards(PrincipalGuard)
export class MemberImportController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly members: MembersRepository,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /**
   * Streams the body through the import (never holding the file), rows outside the caller's
   * subtree refused on their lines, and answers the summary: counts and the first errors by line.
   * Re-posting the same file updates what the first post created.
   */
  @Post('import')
  @HttpCode(200)
  async import(@Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal) {
    if (!/^text\/csv\b/.test(request.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeException({ code: 'MEMBERSHIP.CSV_REQUIRED', message: 'send the file as text/csv' });
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > this.config.MEMBERSHIP_IMPORT_MAX_BYTES) throw tooLarge(this.config.MEMBERSHIP_IMPORT_MAX_BYTES);
    const tree = this.organisation.tree;
    const allowed = authorizeUnit(tree, principal, principal.unitCode);
    if (!allowed.ok) throw new ForbiddenException({ code: allowed.code, message: allowed.reason });
    const sink = new ScopedMemberSink(new MongoMemberSink(this.members, tree), tree, allowed.scope);
    try {
      return await importMembers(request.body as Readable, tree, sink);
    } catch (error) {
      if (error instanceof MemberImportAbortedError) {
        throw new ServiceUnavailableException({ code: 'MEMBERSHIP.IMPORT_ABORTED', message: `${error.message}; posting the file again is safe`, summary: error.summary });
      }
      if ((error as { code?: unknown }).code === BODY_TOO_LARGE) throw tooLarge(this.config.MEMBERSHIP_IMPORT_MAX_BYTES);
      throw error;
    }
  }
}

function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException({
    code: BODY_TOO_LARGE,
    message: `the file is larger than ${limit} bytes (MEMBERSHIP_IMPORT_MAX_BYTES); split it — rows already applied are updated, not duplicated, when posted again`,
  });
}
