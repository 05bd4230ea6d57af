import { DEFAULT_PIPELINE_NAMES, isolatedPipelineNames, pipelineNamesFromEnv, sourceTopics } from './pipeline-names.js';

describe('pipelineNamesFromEnv', () => {
  it('defaults to the manual names', () => {
    expect(pipelineNamesFromEnv({})).toEqual(DEFAULT_PIPELINE_NAMES);
    expect(sourceTopics(DEFAULT_PIPELINE_NAMES).activities).toBe('employee-server.public.employee_activities');
  });

  it('takes overrides', () => {
    expect(pipelineNamesFromEnv({ PIPELINE_SLOT: 'other_slot', PIPELINE_TOPIC_PREFIX: 'p2' })).toMatchObject({ slot: 'other_slot', topicPrefix: 'p2' });
  });

  it.each([
    ['PIPELINE_SLOT', 'Bad-Slot'],
    ['PIPELINE_DATABASE', '1db'],
    ['PIPELINE_TOPIC_PREFIX', 'a b'],
    ['PIPELINE_DLQ_TOPIC', 'x'.repeat(250)],
  ])('rejects %s=%s naming the setting', (name, value) => {
    expect(() => pipelineNamesFromEnv({ [name]: value })).toThrow(new RegExp(`^${name}: `));
  });

  it('derives valid isolated names', () => {
    const n = isolatedPipelineNames('Suite-1');
    const env = { PIPELINE_TOPIC_PREFIX: n.topicPrefix, PIPELINE_SLOT: n.slot, PIPELINE_PUBLICATION: n.publication, PIPELINE_DATABASE: n.database };
    expect(pipelineNamesFromEnv(env)).toMatchObject({ slot: 't_suite_1_slot', database: 't_suite_1_db' });
  });
});
