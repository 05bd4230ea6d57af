/** Why a Connect task failed, read from its stack trace. */
export type ConnectorFailure =
  /** The registry refused the schema of a changed table under its compatibility rule. */
  | { readonly kind: 'schema_rule'; readonly subject: string; readonly detail: string }
  /** Apicurio's client failed to talk to the registry (it keeps no reason: down, or an error answer). */
  | { readonly kind: 'registry_request'; readonly cause: string }
  | { readonly kind: 'other'; readonly cause: string };

const RULE_VIOLATION = /RuleViolationException: Incompatible artifact: (\S+)(?: \[\w+\])?,?\s*(.*)$/;
const REGISTRY_CLIENT = /^io\.apicurio\.registry\.rest\.client\.exception\.\w+/;

/**
 * The line of a Java stack trace that says what went wrong: the innermost `Caused by:` (Connect wraps
 * a converter's error in "Tolerance exceeded in error handler", which says nothing), else the first line.
 */
export const rootCauseLine = (trace: string): string => {
  const lines = trace.split('\n');
  const causes = lines.filter((l) => l.startsWith('Caused by: '));
  return (causes.at(-1)?.slice('Caused by: '.length) ?? lines[0] ?? '').trim();
};

export const connectorFailure = (trace: string): ConnectorFailure => {
  const cause = rootCauseLine(trace);
  const rule = RULE_VIOLATION.exec(cause);
  if (rule) return { kind: 'schema_rule', subject: rule[1]!, detail: rule[2]!.trim() };
  if (REGISTRY_CLIENT.test(cause)) return { kind: 'registry_request', cause };
  return { kind: 'other', cause };
};
