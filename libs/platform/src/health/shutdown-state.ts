import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Flips before shutdown begins, so readiness fails and traffic drains while work finishes. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}
