import { DEFAULT_PIPELINE_NAMES } from './pipeline-names.js';
import { pipelineTopic } from './pipeline-topics.js';

describe('pipeline topics', () => {
  it('names each topic from the pipeline names, with the settings it is created with', () => {
    expect(pipelineTopic('employees', DEFAULT_PIPELINE_NAMES)).toEqual({
      topic: 'employee-server.public.employees',
      partitions: 1,
      configs: { 'cleanup.policy': 'compact' },
    });
    expect(pipelineTopic('dlq', DEFAULT_PIPELINE_NAMES)).toEqual({
      topic: 'employee-activities-dlq',
      partitions: 1,
      configs: { 'max.message.bytes': '8388608' },
    });
    expect(pipelineTopic('summariesChangelog', DEFAULT_PIPELINE_NAMES, { summariesChangelog: 3 })).toEqual({
      topic: 'employee-activity-summaries-changelog',
      partitions: 3,
      configs: { 'cleanup.policy': 'compact' },
    });
    expect(pipelineTopic('processed', DEFAULT_PIPELINE_NAMES, { processed: 6 })).toMatchObject({ topic: 'processed-employee-activities', partitions: 6 });
  });

  it('refuses to guess a partition count that depends on a setting', () => {
    expect(() => pipelineTopic('summaries', DEFAULT_PIPELINE_NAMES)).toThrow('pipelineTopic(summaries): the partition count is needed');
  });
});
