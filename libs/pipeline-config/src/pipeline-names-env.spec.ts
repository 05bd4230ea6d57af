import { isolatedPipelineNames, pipelineNamesFromEnv } from './pipeline-names.js';
import { pipelineNamesEnv } from './pipeline-names-env.js';

describe('pipelineNamesEnv', () => {
  it('gives back every name through the settings an app reads', () => {
    const names = isolatedPipelineNames('env_round_trip');
    expect(pipelineNamesFromEnv(pipelineNamesEnv(names))).toEqual(names);
  });
});
