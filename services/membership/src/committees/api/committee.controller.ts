import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { CommitteePostsService } from '../committee-posts.service';

/** `GET /v1/units/:code/committee`: who sits on a unit's committee now, and who did before. */
@Controller('v1/units/:code/committee')
@UseGuards(PrincipalGuard)
export class CommitteeController {
  constructor(private readonly posts: CommitteePostsService) {}

  @Get()
  committee(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.posts.committee(principal, code.toUpperCase());
  }
}
