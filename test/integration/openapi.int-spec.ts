import { randomUUID } from 'node:crypto';
import { httpRoutes } from '@cc/platform';
import { type RunningService, startService } from '@cc/testing';
import { AppModule } from '../../services/intake/src/app.module';
import { intakeConfigSchema } from '../../services/intake/src/config/intake.config';
import { buildIntakeOpenApi } from '../../services/intake/src/openapi/intake-openapi';

/** The OpenAPI document against the routes the running intake really serves: none missing, none invented. */
describe('intake OpenAPI document', () => {
  let intake: RunningService;

  beforeAll(async () => {
    intake = await startService(intakeConfigSchema, (config) => AppModule.register(config), { MONGODB_DB: `intake_openapi_${randomUUID().slice(0, 8)}` });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  it('documents exactly the routes intake serves', () => {
    const served = httpRoutes(intake.app).map(({ method, url }) => `${method} ${url}`);
    const documented = Object.entries(buildIntakeOpenApi('test').paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    expect(served.length).toBeGreaterThan(5);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });
});
