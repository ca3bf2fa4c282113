import { Injectable, Logger } from '@nestjs/common';
import { MemberOutboxRelay } from '../../members/store/member.outbox-relay';

/**
 * Publishes a member's pending member-changed events right after a write, instead of waiting for
 * the relay's sweep; a broker that does not answer fails nothing (the sweep publishes them later).
 */
@Injectable()
export class MemberOutbox {
  private readonly logger = new Logger(MemberOutbox.name);

  constructor(private readonly relay: MemberOutboxRelay) {}

  async publishNow(memberId: string): Promise<void> {
    try {
      await this.relay.publishNow(memberId);
    } catch (error) {
      this.logger.warn(`member events not published yet; the outbox sweep will: ${(error as Error).message}`, { memberId });
    }
  }
}
