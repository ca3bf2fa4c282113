import { ConfigError, describeConfig, loadConfig } from './load-config';
import { serviceConfigSchema } from './service-config.schema';

describe(loadConfig.name, () => {
  const sut = serviceConfigSchema('intake', 3001);

  it('fills local defaults when nothing is set', () => {
    const config = loadConfig(sut, {});
    expect(config).toMatchObject({
      SERVICE_NAME: 'intake',
      PORT: 3001,
      KAFKA_BROKERS: ['127.0.0.1:29092'],
      MONGODB_DB: 'connect_center_intake',
      KAFKA_SSL: false,
    });
  });

  it('parses a broker list and booleans', () => {
    const config = loadConfig(sut, { KAFKA_BROKERS: 'k1:9092, k2:9093', KAFKA_SSL: 'true', PORT: '8080' });
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.PORT).toBe(8080);
  });

  it('names the bound a number breaks, not only that it is wrong', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(sut, env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ PORT: '70000' })).toEqual(['PORT: must be at most 65535 (got "70000")']);
    expect(problems({ PORT: '0' })).toEqual(['PORT: must be at least 1 (got "0")']);
    expect(problems({ PORT: '80.5' })).toEqual(['PORT: must be a whole number (got "80.5")']);
    expect(problems({ PORT: 'eighty' })).toEqual(['PORT: must be a whole number (got "eighty")']);
  });

  it('names every bad variable at once', () => {
    const attempt = () => loadConfig(sut, { PORT: 'eighty', KAFKA_BROKERS: 'no-port', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: .*got "eighty"/m);
      expect(problems).toMatch(/^KAFKA_BROKERS.*host:port/m);
      expect(problems).toMatch(/^LOG_LEVEL: /m);
    }
  });

  it('never echoes a secret value in an error', () => {
    try {
      loadConfig(sut, { MONGODB_URI: 'postgres://admin:hunter2@db' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).message).toContain('MONGODB_URI');
      expect((error as ConfigError).message).not.toContain('hunter2');
    }
  });

  it('requires credentials when SASL is switched on', () => {
    expect(() => loadConfig(sut, { KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_PASSWORD/);
  });

  it('masks secrets when the configuration is described for a log line', () => {
    const described = describeConfig(loadConfig(sut, { MONGODB_URI: 'mongodb://u:p@h/db', KAFKA_SASL_PASSWORD: 'x' }));
    expect(described.MONGODB_URI).toBe('***');
    expect(described.KAFKA_SASL_PASSWORD).toBe('***');
    expect(described.PORT).toBe(3001);
  });
});
