import { BaseRpcContext } from '@nestjs/microservices';

type KafkaBatchContextArgs = [topic: string, partition: number];

/** What `@Ctx()` gives a batch handler: where the batch came from. */
export class KafkaBatchContext extends BaseRpcContext<KafkaBatchContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }
}
