import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { RegistrationDecisions } from '../registration-decisions.service';
import { parseApproveBody, parseListQuery, parseRejectBody } from './registration-requests';

/**
 * `GET /v1/registrations?unit=&status=&limit=`, `POST /v1/registrations/:id/approve` and
 * `…/reject`: office-bearers and HQ deciding who joins their units.
 */
@Controller('v1/registrations')
@UseGuards(PrincipalGuard)
export class RegistrationsController {
  constructor(private readonly decisions: RegistrationDecisions) {}

  @Get()
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const parsed = parseListQuery(query);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    const { ok: _ok, ...options } = parsed;
    return { registrations: await this.decisions.list(principal, options) };
  }

  @Post(':id/approve')
  @HttpCode(200)
  async approve(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const parsed = parseApproveBody(body);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    return this.decisions.approve(principal, id, parsed.name !== undefined ? { name: parsed.name } : {});
  }

  @Post(':id/reject')
  @HttpCode(200)
  async reject(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const parsed = parseRejectBody(body);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    return this.decisions.reject(principal, id, parsed.reason);
  }
}
