import { Controller, ForbiddenException, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { NotificationsRepository } from '../notifications/notifications.repository';

const NOTIFICATION_ID = /^ntf_[0-9a-f]{32}$/;

/**
 * For operations at AICC: one notification as recorded — its state, every attempt and skipped
 * channel with the reason, each message's delivery history. It holds no address and no text.
 */
@Controller('v1/notifications')
@UseGuards(PrincipalGuard)
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal) {
    if (!caller.roles.includes('aicc-admin')) {
      throw new ForbiddenException({ code: 'ACCESS.FORBIDDEN', message: 'notification records are for AICC operations (role aicc-admin)' });
    }
    const record = NOTIFICATION_ID.test(id) ? await this.notifications.get(id) : null;
    if (!record) throw new NotFoundException({ code: 'NOTIFICATION.NOT_FOUND', message: `no notification ${id}` });
    const { _id, revision: _revision, ...rest } = record;
    return { notificationId: _id, ...rest };
  }
}
