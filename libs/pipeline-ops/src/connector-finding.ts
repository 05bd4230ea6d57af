import { connectorFailure, type ConnectorFailure } from './connector-failure.js';
import type { DoctorFinding } from './doctor-rules.js';
import type { PipelineSnapshot } from './pipeline-snapshot.js';
import { subjectRuleCommand, subjectRuleRestoreCommand } from './subject-rule-command.js';

const check = 'connector';

/** Doctor's connector check: registered, RUNNING with its tasks, and when not, why and what to do. Null when Connect is down. */
export const connectorFinding = (now: PipelineSnapshot): DoctorFinding | null => {
  const c = now.connector;
  if (c === null) return null;
  if (c.status === 'missing') {
    return {
      check,
      severity: 'fail',
      message: `connector ${c.name} is not registered`,
      fix: 'register it: bash tools/scripts/run-ts.sh apps/connector-registrar/src/main.ts (npm start does)',
    };
  }
  const state = c.status.connector.state;
  const failedTasks = c.status.tasks.filter((t) => t.state !== 'RUNNING');
  if (state === 'STOPPED' || state === 'PAUSED') {
    return {
      check,
      severity: 'fail',
      message: `connector ${c.name} is ${state}: no changes are captured`,
      fix: `npm run pipeline -- doctor --fix (or curl -X PUT ${now.connect.address}/connectors/${c.name}/resume)`,
      action: 'resume_connector',
    };
  }
  if (state === 'RUNNING' && failedTasks.length === 0 && c.status.tasks.length > 0) {
    return { check, severity: 'ok', message: `connector ${c.name} RUNNING with ${c.status.tasks.length} task(s)` };
  }
  const trace = failedTasks.find((t) => t.trace)?.trace;
  const what =
    state !== 'RUNNING'
      ? `connector ${c.name} is ${state}`
      : c.status.tasks.length === 0
        ? `connector ${c.name} has no tasks`
        : `task(s) ${failedTasks.map((t) => `${t.id} ${t.state}`).join(', ')} of ${c.name}`;
  const restart = `npm run pipeline -- doctor --fix (or curl -X POST '${now.connect.address}/connectors/${c.name}/restart?includeTasks=true')`;
  const { message, fix } = explain(what, trace === undefined ? undefined : connectorFailure(trace), restart, now.registry);
  return { check, severity: 'fail', message, fix, action: 'restart_connector' };
};

const explain = (
  what: string,
  failure: ConnectorFailure | undefined,
  restart: string,
  registry: PipelineSnapshot['registry'],
): { readonly message: string; readonly fix: string } => {
  switch (failure?.kind) {
    case undefined:
      return { message: what, fix: restart };
    case 'schema_rule':
      return {
        message:
          `${what}: the registry refused the new schema of ${failure.subject} under its compatibility rule (${failure.detail}). ` +
          'A table change that readers of the old schema cannot follow (a column whose type changed, for example); ' +
          'nothing past it is captured, and the slot keeps the WAL until it is',
        fix:
          `if the change is meant, let this subject take it, then restart: ${subjectRuleCommand(registry.address, failure.subject)}; then ${restart}; ` +
          `once the task runs, give the subject back to the global rule: ${subjectRuleRestoreCommand(registry.address, failure.subject)}. ` +
          'Rows the processor cannot read in the new shape go to the DLQ with their reason (docs/capture-format.md#when-a-table-change-is-refused); reverting the table does not help, the WAL already holds rows of the new shape',
      };
    case 'registry_request':
      return {
        message: `${what}: the Avro converter's request to the registry failed (${failure.cause}: the registry was down or answered an error); nothing is captured until the task restarts, and the slot keeps the WAL`,
        fix: registry.up ? `the registry answers again: ${restart}` : `bring the registry back first (see the registry check), then ${restart}`,
      };
    case 'other':
      return { message: `${what}: ${failure.cause}`, fix: restart };
  }
};
