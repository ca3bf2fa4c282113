import type { Readable } from 'node:stream';
import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { authorizeUnit } from '../../access/unit-access';
import { BODY_TOO_LARGE } from '../../members/api/csv-body';
import type { OrgTree } from '../org-tree';
import { OrganisationService } from '../organisation.service';
import type { Unit } from '../unit';
import { readBodyText, UNITS_FILE_TOO_LARGE } from './read-body';
import { UnitsImportService } from './units-import.service';

/** A units file is a few thousand lines (Jharkhand's 4,300 panchayats are about 250 KB). */
export const UNITS_IMPORT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * `GET /v1/units/:code`, `GET /v1/units?parent=`: the organisation, readable by anyone with a
 * valid token (unit names are no secret). `POST /v1/units/import` (text/csv): new panchayats,
 * blocks or a new state, within the caller's subtree.
 */
@Controller('v1/units')
@UseGuards(PrincipalGuard)
export class UnitsController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly imports: UnitsImportService,
  ) {}

  /** The children of `parent`; without it, the national unit (the top of the tree). */
  @Get()
  async list(@Query('parent') parent?: string) {
    if (parent === undefined || parent === '') {
      const tree = this.organisation.tree;
      return { units: [unitView(tree.root)] };
    }
    const { tree, unit } = await this.unit(parent);
    return { parent: unit.code, units: tree.childrenOf(unit.code).map(unitView) };
  }

  @Get(':code')
  async get(@Param('code') code: string) {
    const { tree, unit } = await this.unit(code);
    return {
      ...unitView(unit),
      path: (tree.pathOf(unit.code) ?? []).map((each) => unitView(tree.get(each)!)),
      children: tree.childrenOf(unit.code).map(unitView),
    };
  }

  @Post('import')
  @HttpCode(200)
  async import(@Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal) {
    if (!/^text\/csv\b/.test(request.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeException({ code: 'ORG.CSV_REQUIRED', message: 'send the units file as text/csv' });
    }
    if (Number(request.headers['content-length'] ?? 0) > UNITS_IMPORT_MAX_BYTES) throw tooLarge();
    const allowed = authorizeUnit(this.organisation.tree, principal, principal.unitCode);
    if (!allowed.ok) throw new ForbiddenException({ code: allowed.code, message: allowed.reason });
    let text: string;
    try {
      text = await readBodyText(request.body as Readable, UNITS_IMPORT_MAX_BYTES);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === UNITS_FILE_TOO_LARGE || code === BODY_TOO_LARGE) throw tooLarge();
      throw error;
    }
    return this.imports.import(text, allowed.scope);
  }

  private async unit(code: string): Promise<{ tree: OrgTree; unit: Unit }> {
    if (code.length > 32) throw new BadRequestException({ code: 'ORG.INVALID_UNIT', message: 'a unit code is at most 32 characters' });
    const tree = await this.organisation.treeKnowing(code);
    const unit = tree.get(code);
    if (!unit) throw new NotFoundException({ code: 'ORG.UNKNOWN_UNIT', message: `${code} is not a known unit` });
    return { tree, unit };
  }
}

function unitView(unit: Unit) {
  return {
    code: unit.code,
    level: unit.level,
    ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
    nameEn: unit.nameEn,
    ...(unit.nameHi ? { nameHi: unit.nameHi } : {}),
  };
}

function tooLarge(): PayloadTooLargeException {
  return new PayloadTooLargeException({ code: UNITS_FILE_TOO_LARGE, message: `the units file is larger than ${UNITS_IMPORT_MAX_BYTES} bytes; split it` });
}
