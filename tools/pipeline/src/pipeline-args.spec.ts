import { parsePipelineArgs } from './pipeline-args.js';

describe('parsePipelineArgs', () => {
  it('reads verify with and without --json', () => {
    expect(parsePipelineArgs(['verify'])).toEqual({ kind: 'ok', command: { kind: 'verify', json: false } });
    expect(parsePipelineArgs(['verify', '--json'])).toEqual({ kind: 'ok', command: { kind: 'verify', json: true } });
  });

  it('reads status, doctor --fix and tail with its topic', () => {
    expect(parsePipelineArgs(['status', '--json'])).toEqual({ kind: 'ok', command: { kind: 'status', json: true } });
    expect(parsePipelineArgs(['doctor', '--fix'])).toEqual({ kind: 'ok', command: { kind: 'doctor', json: false, fix: true, watch: false } });
    expect(parsePipelineArgs(['doctor', '--watch', '--json'])).toEqual({ kind: 'ok', command: { kind: 'doctor', json: true, fix: false, watch: true } });
    expect(parsePipelineArgs(['explain', '7|login|2024-01-15T09:00:00.000Z', '--json'])).toEqual({
      kind: 'ok',
      command: { kind: 'explain', json: true, key: '7|login|2024-01-15T09:00:00.000Z' },
    });
    expect(parsePipelineArgs(['explain'])).toMatchObject({ kind: 'usage' });
    expect(
      parsePipelineArgs(['dlq', 'redrive', '--reason', 'late,too_large', '--source', 'processed:2', '--since', '2026-12-02T10:00:00Z', '--dry-run']),
    ).toEqual({
      kind: 'ok',
      command: {
        kind: 'dlq',
        action: 'redrive',
        json: false,
        dryRun: true,
        filter: { reasons: ['late', 'too_large'], since: Date.parse('2026-12-02T10:00:00Z'), sourceTopic: 'processed', sourcePartition: 2 },
      },
    });
    expect(parsePipelineArgs(['dlq', 'show', '0@17', '--json'])).toMatchObject({
      kind: 'ok',
      command: { action: 'show', json: true, filter: { ids: ['0@17'] } },
    });
    expect(parsePipelineArgs(['dlq', 'show'])).toMatchObject({ kind: 'usage', message: expect.stringContaining('dlq show needs a record') });
    expect(parsePipelineArgs(['dlq', 'purge'])).toMatchObject({ kind: 'usage', message: 'dlq takes list, show or redrive, got "purge"' });
    expect(parsePipelineArgs(['dlq', 'list', '--since', 'yesterday'])).toMatchObject({
      kind: 'usage',
      message: expect.stringContaining('--since must be an ISO-8601 time'),
    });
    expect(parsePipelineArgs(['dlq', 'list', '--source', 'a:b'])).toMatchObject({ kind: 'usage', message: expect.stringContaining('--source is') });
    expect(parsePipelineArgs(['doctor', '--watch', '--fix'])).toMatchObject({ kind: 'usage', message: expect.stringContaining('--fix and --watch') });
    expect(parsePipelineArgs(['tail', 'employee-activities-dlq', '--from-beginning'])).toEqual({
      kind: 'ok',
      command: { kind: 'tail', json: false, topic: 'employee-activities-dlq', fromBeginning: true },
    });
  });

  it('reads rebuild with its confirmation and resnapshot', () => {
    expect(parsePipelineArgs(['rebuild'])).toEqual({ kind: 'ok', command: { kind: 'rebuild', yes: false, keepDlq: false } });
    expect(parsePipelineArgs(['rebuild', '--yes', '--keep-dlq'])).toEqual({ kind: 'ok', command: { kind: 'rebuild', yes: true, keepDlq: true } });
    expect(parsePipelineArgs(['resnapshot'])).toEqual({ kind: 'ok', command: { kind: 'resnapshot', clean: false } });
    expect(parsePipelineArgs(['resnapshot', '--clean'])).toEqual({ kind: 'ok', command: { kind: 'resnapshot', clean: true } });
    expect(parsePipelineArgs(['resnapshot', '--yes'])).toMatchObject({ kind: 'usage', message: 'Unknown option "--yes" for resnapshot' });
  });

  it('shows the usage for nothing or help', () => {
    expect(parsePipelineArgs([])).toMatchObject({ kind: 'help', text: expect.stringContaining('usage: npm run pipeline -- <command>') });
    expect(parsePipelineArgs(['--help'])).toMatchObject({ kind: 'help' });
    expect(parsePipelineArgs(['rebuild', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('--keep-dlq') });
  });

  it('names an unknown command or option', () => {
    expect(parsePipelineArgs(['verfy'])).toMatchObject({ kind: 'usage', message: 'unknown command "verfy"' });
    expect(parsePipelineArgs(['verify', '--jsn'])).toMatchObject({ kind: 'usage', message: 'Unknown option "--jsn" for verify' });
    expect(parsePipelineArgs(['status', '--fix'])).toMatchObject({ kind: 'usage', message: 'Unknown option "--fix" for status' });
    expect(parsePipelineArgs(['tail'])).toMatchObject({ kind: 'usage', message: 'tail needs <topic>' });
    expect(parsePipelineArgs(['doctor', 'now'])).toMatchObject({ kind: 'usage', message: 'doctor takes no argument, got "now"' });
  });
});
