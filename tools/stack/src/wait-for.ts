import type { HealthResult } from './stack-component.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` until it returns `{ ok: true }`, the deadline passes, or `abort` says the process
 * died. Resolves with the last failure reason on timeout.
 */
export const waitFor = async (
  check: () => Promise<HealthResult>,
  { timeoutMs, intervalMs = 500, abort }: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<HealthResult> => {
  const deadline = Date.now() + timeoutMs;
  let last: Extract<HealthResult, { ok: false }> = { ok: false, reason: 'not checked yet' };
  while (Date.now() < deadline) {
    const aborted = abort?.();
    if (aborted) return { ok: false, reason: aborted };
    const result: HealthResult = await check().catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));
    if (result.ok || result.fatal) return result;
    last = result;
    await sleep(intervalMs);
  }
  return { ok: false, reason: `not healthy after ${Math.round(timeoutMs / 1000)} s (last check: ${last.reason})` };
};
