import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectorFailure, rootCauseLine } from './connector-failure.js';
import { subjectRuleCommand, subjectRuleRestoreCommand } from './subject-rule-command.js';

/** A task's trace as Connect 4.1 gave it when the registry refused a changed table's schema (a column bigint -> numeric). */
const refused = readFileSync(join(__dirname, 'fixtures', 'schema-rule-trace.txt'), 'utf8');

describe('connectorFailure', () => {
  it("reads the registry's refusal under Connect's 'Tolerance exceeded' wrapper: the subject and the rule's diffs", () => {
    expect(refused.split('\n')[0]).toContain('Tolerance exceeded in error handler');
    expect(connectorFailure(refused)).toEqual({
      kind: 'schema_rule',
      subject: 'employee-server.public.employee_activities-value',
      detail: expect.stringContaining('reader union lacking writer type: RECORD at /fields/0/type/1'),
    });
  });

  it("reads a failed request of Apicurio's client (which keeps no message) as the registry's", () => {
    const down =
      'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n\tat x\nCaused by: io.apicurio.registry.rest.client.exception.RestClientException\n\tat io.apicurio.registry.rest.client.impl.ErrorHandler.parseError(ErrorHandler.java:95)';
    expect(connectorFailure(down)).toEqual({ kind: 'registry_request', cause: 'io.apicurio.registry.rest.client.exception.RestClientException' });
  });

  it('gives the innermost cause of any other failure, or the first line when there is no cause', () => {
    const nested =
      'a.ConnectException: outer\n\tat x\nCaused by: b.Middle: middle\n\tat y\nCaused by: org.postgresql.util.PSQLException: FATAL: password authentication failed\n\tat z';
    expect(connectorFailure(nested)).toEqual({ kind: 'other', cause: 'org.postgresql.util.PSQLException: FATAL: password authentication failed' });
    expect(rootCauseLine('java.lang.IllegalStateException: boom\n\tat x')).toBe('java.lang.IllegalStateException: boom');
    expect(rootCauseLine('')).toBe('');
  });
});

describe('subjectRuleCommand', () => {
  it("targets the subject's own rule through Apicurio's API on the registry's origin, the subject escaped", () => {
    expect(subjectRuleCommand('http://127.0.0.1:8081/apis/ccompat/v7', 'a.b-value')).toBe(
      `curl -X POST -H 'Content-Type: application/json' -d '{"ruleType":"COMPATIBILITY","config":"NONE"}' 'http://127.0.0.1:8081/apis/registry/v3/groups/default/artifacts/a.b-value/rules'`,
    );
    expect(subjectRuleCommand('http://r:8081', 'x y')).toContain('/artifacts/x%20y/rules');
    expect(subjectRuleRestoreCommand('http://127.0.0.1:8081/apis/ccompat/v7', 'a.b-value')).toBe(
      `curl -X DELETE 'http://127.0.0.1:8081/apis/registry/v3/groups/default/artifacts/a.b-value/rules/COMPATIBILITY'`,
    );
  });
});
