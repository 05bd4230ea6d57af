import { processorConfigFromEnv } from './processor-config.js';

describe('processorConfigFromEnv', () => {
  it('defaults to the embedded stack and the manual names', () => {
    const c = processorConfigFromEnv({});
    expect(c).toMatchObject({
      brokers: ['127.0.0.1:9092'],
      groupId: 'employee-server-enrichment-processor',
      processedPartitions: 3,
      healthPort: 9464,
      maxValueBytes: 1_048_576,
    });
    expect(c.names.processedTopic).toBe('processed-employee-activities');
    expect(c.enrichment.longSessionSeconds).toBe(300);
  });

  it.each([
    ['KAFKA_BROKERS', 'localhost'],
    ['SCHEMA_REGISTRY_URL', 'registry:8081'],
    ['PROCESSED_PARTITIONS', '0'],
    ['PROCESSOR_HEALTH_PORT', 'http'],
    ['LOG_LEVEL', 'loud'],
    ['ENRICH_SHORT_SESSION_SECONDS', 'abc'],
    ['PIPELINE_SLOT', 'Bad Slot'],
  ])('fails naming %s=%s', (setting, value) => {
    expect(() => processorConfigFromEnv({ [setting]: value })).toThrow(new RegExp(`^${setting}: `));
  });
});
