import { isPrintableText } from './dead-letter-entry.js';
import type { DeadLetterWithState, RedriveResult } from './dlq-redrive.js';
import type { RedriveDecision } from './redrive-plan.js';

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const sourceText = (e: DeadLetterWithState | RedriveResult['outcomes'][number]['entry']) =>
  e.source ? `${e.source.topic}:${e.source.partition}:${e.source.offset}` : '(unknown source)';
const stateText = (e: DeadLetterWithState) =>
  e.redrive === null
    ? 'pending'
    : `redriven ${e.redrive.at.slice(0, 19).replace('T', ' ')}: ${e.redrive.outcome === 'sent' ? `sent to ${e.redrive.detail}` : `failed again (${e.redrive.detail})`}`;

const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
};

/** `dlq list`: one line per record, then what is pending by reason. */
export const formatDeadLetterList = (entries: readonly DeadLetterWithState[]): string => {
  const pending = entries.filter((e) => e.redrive === null);
  return [
    `  ${'record'.padEnd(8)}  ${'dead-lettered (UTC)'.padEnd(19)}  ${'reason'.padEnd(17)}  ${'source'.padEnd(40)}  state`,
    ...entries.map((e) => `  ${e.id.padEnd(8)}  ${when(e.time)}  ${e.reason.padEnd(17)}  ${sourceText(e).padEnd(40)}  ${stateText(e)}`),
    '',
    `${entries.length} record(s); pending ${pending.length}${pending.length ? ` (${countBy(pending, (e) => e.reason)})` : ''}, redriven ${entries.length - pending.length}`,
  ].join('\n');
};

/** `dlq show`: everything about one record. */
export const formatDeadLetter = (e: DeadLetterWithState): string => {
  const value = e.value?.toString('utf8') ?? 'null';
  const printable = e.value === null || isPrintableText(e.value);
  return [
    `record   ${e.id}`,
    `reason   ${e.reason}`,
    `detail   ${e.detail}`,
    `when     ${new Date(e.time).toISOString()}`,
    `source   ${sourceText(e)}${e.image ? ` (the ${e.image} image)` : ''}`,
    `key      ${e.key?.toString('utf8') ?? 'null'}`,
    `value    ${printable ? value.slice(0, 2_000) : `${e.value?.length ?? 0} bytes (binary: Avro through the registry)`}`,
    `state    ${stateText(e)}`,
    ...(e.history.length ? ['history', ...e.history.map((h) => `  ${h.at}  ${h.reason}  ${h.detail}  (was ${h.dlq})`)] : []),
  ].join('\n');
};

const decisionText = (d: RedriveDecision, dryRun: boolean): string => {
  const would = (done: string, would: string) => (dryRun ? would : done);
  switch (d.kind) {
    case 'done_before':
      return `already redriven ${d.ledger.at.slice(0, 19).replace('T', ' ')} (${d.ledger.outcome === 'sent' ? `sent to ${d.ledger.detail}` : 'failed again'}): left alone`;
    case 'enriched':
      return `${would('sent', 'would be sent')}: ${d.records.map((r) => `${r.record.row_kind} of activity ${r.record.id} (employee ${r.key})`).join(', ')}`;
    case 'resend':
      return would('sent again to the aggregator', 'would be sent again to the aggregator');
    case 'fails_again':
      return `${would('fails again', 'would fail again')}: ${d.reason} (${d.detail}); ${would('back in the DLQ with its history', 'it would go back to the DLQ with its history')}`;
    case 'refused':
      return `refused: ${d.why}`;
  }
};

/** `dlq redrive`: what happened (or would) to each record, and the totals. */
export const formatRedrive = (r: RedriveResult): string => {
  const lines = r.outcomes.map((o) => `  ${o.entry.id.padEnd(8)}  ${o.entry.reason.padEnd(17)}  ${decisionText(o.decision, r.dryRun)}`);
  const by = countBy(r.outcomes, (o) => o.decision.kind);
  return [
    ...(r.dryRun ? ['dry run: nothing is written'] : []),
    ...lines,
    '',
    `${r.outcomes.length} record(s)${by ? `: ${by}` : ''}; ${r.seconds.toFixed(2)} s`,
  ].join('\n');
};
