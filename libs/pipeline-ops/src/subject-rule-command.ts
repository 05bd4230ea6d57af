/**
 * The command that gives one subject of the registry its own compatibility rule, `NONE`, over the
 * global one. Through Apicurio's own API: its ccompat `PUT /config/<subject>` with `NONE` deletes the
 * subject's rule, so the global `BACKWARD` applies again and the schema is still refused.
 */
export const subjectRuleCommand = (registryAddress: string, subject: string, group = 'default'): string =>
  `curl -X POST -H 'Content-Type: application/json' -d '{"ruleType":"COMPATIBILITY","config":"NONE"}' '${rulesUrl(registryAddress, subject, group)}'`;

/** The command that gives the subject back to the global rule, once the refused schema is registered. */
export const subjectRuleRestoreCommand = (registryAddress: string, subject: string, group = 'default'): string =>
  `curl -X DELETE '${rulesUrl(registryAddress, subject, group)}/COMPATIBILITY'`;

const rulesUrl = (registryAddress: string, subject: string, group: string): string => {
  let origin: string;
  try {
    origin = new URL(registryAddress).origin;
  } catch {
    origin = registryAddress;
  }
  return `${origin}/apis/registry/v3/groups/${encodeURIComponent(group)}/artifacts/${encodeURIComponent(subject)}/rules`;
};
