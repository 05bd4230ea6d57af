import type { AgreedWindowSettings } from './window-changelog.js';

/** The environment setting behind each agreed value, for the message an operator acts on. */
const SETTING_NAMES: Readonly<Record<keyof AgreedWindowSettings, string>> = {
  graceSeconds: 'WINDOW_GRACE_SECONDS',
  maxSkewSeconds: 'WINDOW_MAX_SKEW_SECONDS',
  retentionHours: 'WINDOW_RETENTION_HOURS',
  idleAdvanceSeconds: 'WINDOW_IDLE_ADVANCE_SECONDS',
  partitions: 'the processed topic partition count',
};

export interface SettingDisagreement {
  readonly setting: string;
  readonly recorded: number;
  readonly ours: number;
}

/** The agreed settings that differ between what a partition's last committer recorded and this instance. */
export const compareAgreedSettings = (recorded: AgreedWindowSettings | undefined, ours: AgreedWindowSettings): readonly SettingDisagreement[] =>
  recorded === undefined
    ? []
    : (Object.keys(SETTING_NAMES) as (keyof AgreedWindowSettings)[])
        .filter((k) => recorded[k] !== ours[k])
        .map((k) => ({ setting: SETTING_NAMES[k], recorded: recorded[k], ours: ours[k] }));

/** `WINDOW_GRACE_SECONDS is 30 on agg-1 and 60 here, ...`: one line naming both values of each. */
export const describeDisagreement = (differences: readonly SettingDisagreement[], other: string): string =>
  differences.map((d) => `${d.setting} is ${d.recorded} on ${other} and ${d.ours} here`).join('; ');
