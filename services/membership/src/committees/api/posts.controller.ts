import { BadRequestException, Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { CommitteePostsService } from '../committee-posts.service';
import { parseAssignPostRequest, parseEndPostRequest } from './post-requests';

/** `POST /v1/members/:memberId/posts` and `…/posts/end`: a member takes up or leaves a post of a committee. */
@Controller('v1/members/:memberId/posts')
@UseGuards(PrincipalGuard)
export class PostsController {
  constructor(private readonly posts: CommitteePostsService) {}

  /** The member's posts after the change; `changed: false` when they already held that post (a retried request). */
  @Post()
  @HttpCode(200)
  async assign(@Param('memberId') memberId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const request = parseAssignPostRequest(body);
    if (!request.ok) throw new BadRequestException({ code: request.code, message: request.reason });
    return this.posts.assign(principal, memberId, request.request);
  }

  @Post('end')
  @HttpCode(200)
  async end(@Param('memberId') memberId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const request = parseEndPostRequest(body);
    if (!request.ok) throw new BadRequestException({ code: request.code, message: request.reason });
    return this.posts.end(principal, memberId, request.request);
  }
}
