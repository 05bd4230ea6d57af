import { isolatedPipelineNames } from '@eap/pipeline-config';
import { buildConnectorConfig } from './connector-config-builder.js';

describe('buildConnectorConfig', () => {
  const names = isolatedPipelineNames('a.b');
  const config = buildConnectorConfig(
    { 'plugin.name': 'pgoutput' },
    names,
    { host: 'db', port: 5433, user: 'postgres', passwordFile: '/s/pg.properties' },
    { sourcePartitions: 2 },
  );

  it('adds the pipeline names and a password reference, never a password', () => {
    expect(config).toMatchObject({
      'plugin.name': 'pgoutput',
      'topic.prefix': names.topicPrefix,
      'slot.name': names.slot,
      'publication.name': names.publication,
      'database.dbname': names.database,
      'database.hostname': 'db',
      'database.port': '5433',
      'database.password': '${file:/s/pg.properties:password}',
      'topic.creation.default.partitions': '2',
    });
  });

  it('matches exactly the employees topic for compaction', () => {
    const include = new RegExp(`^${config['topic.creation.employees.include']}$`);
    expect(include.test(`${names.topicPrefix}.public.employees`)).toBe(true);
    expect(include.test(`${names.topicPrefix}.public.employee_activities`)).toBe(false);
    expect(include.test(`${names.topicPrefix}Xpublic.employees`)).toBe(false);
  });
});
