import { parsePipelineArgs } from './pipeline-args.js';

describe('parsePipelineArgs', () => {
  it('reads verify with and without --json', () => {
    expect(parsePipelineArgs(['verify'])).toEqual({ kind: 'ok', command: { kind: 'verify', json: false } });
    expect(parsePipelineArgs(['verify', '--json'])).toEqual({ kind: 'ok', command: { kind: 'verify', json: true } });
  });

  it('reads status, doctor --fix and tail with its topic', () => {
    expect(parsePipelineArgs(['status', '--json'])).toEqual({ kind: 'ok', command: { kind: 'status', json: true } });
    expect(parsePipelineArgs(['doctor', '--fix'])).toEqual({ kind: 'ok', command: { kind: 'doctor', json: false, fix: true } });
    expect(parsePipelineArgs(['tail', 'employee-activities-dlq', '--from-beginning'])).toEqual({
      kind: 'ok',
      command: { kind: 'tail', json: false, topic: 'employee-activities-dlq', fromBeginning: true },
    });
  });

  it('reads rebuild with its confirmation and resnapshot', () => {
    expect(parsePipelineArgs(['rebuild'])).toEqual({ kind: 'ok', command: { kind: 'rebuild', yes: false, keepDlq: false } });
    expect(parsePipelineArgs(['rebuild', '--yes', '--keep-dlq'])).toEqual({ kind: 'ok', command: { kind: 'rebuild', yes: true, keepDlq: true } });
    expect(parsePipelineArgs(['resnapshot'])).toEqual({ kind: 'ok', command: { kind: 'resnapshot' } });
    expect(parsePipelineArgs(['resnapshot', '--yes'])).toEqual({ kind: 'usage', message: 'unknown option --yes for resnapshot' });
  });

  it('shows the usage for nothing or help', () => {
    expect(parsePipelineArgs([])).toEqual({ kind: 'ok', command: { kind: 'help' } });
    expect(parsePipelineArgs(['--help'])).toEqual({ kind: 'ok', command: { kind: 'help' } });
  });

  it('names an unknown command or option', () => {
    expect(parsePipelineArgs(['verfy'])).toEqual({ kind: 'usage', message: 'unknown command "verfy"' });
    expect(parsePipelineArgs(['verify', '--jsn'])).toEqual({ kind: 'usage', message: 'unknown option --jsn for verify' });
    expect(parsePipelineArgs(['status', '--fix'])).toEqual({ kind: 'usage', message: 'unknown option --fix for status' });
    expect(parsePipelineArgs(['tail'])).toMatchObject({ kind: 'usage', message: expect.stringMatching(/tail needs one topic/) });
    expect(parsePipelineArgs(['doctor', 'now'])).toEqual({ kind: 'usage', message: 'doctor takes no argument, got "now"' });
  });
});
