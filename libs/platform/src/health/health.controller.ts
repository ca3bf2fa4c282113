import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@cc/messaging';
import { ShutdownState } from './shutdown-state';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
    private readonly mongo: MongooseHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is alive and its event loop turns; dependencies are readiness's business. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.shutdown.isDraining) throw new ServiceUnavailableException({ status: 'shutting_down' });
    return this.health.check([() => this.kafka.check('kafka'), () => this.mongo.pingCheck('mongodb').withTimeout(1500)]);
  }
}
