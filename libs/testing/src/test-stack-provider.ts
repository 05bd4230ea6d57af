import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@eap/pipeline-config';
import { findRepoRoot } from '@eap/stack';
import { embeddedTestStack } from './embedded-test-stack.js';
import type { TestStack } from './test-stack.js';
import { composeTestStack } from './compose-test-stack.js';

export type StackProviderName = 'embedded' | 'testcontainers';

/** `STACK_PROVIDER`: `embedded` (default) or `testcontainers` (needs a Docker engine). */
export const stackProviderFromEnv = (env: Readonly<Record<string, string | undefined>>): StackProviderName => {
  const value = env['STACK_PROVIDER']?.trim() || 'embedded';
  if (value !== 'embedded' && value !== 'testcontainers') {
    throw new ConfigError('STACK_PROVIDER', `"${value}" must be embedded or testcontainers`);
  }
  return value;
};

/** What the jest global setup found: the provider and, when it could not start one, why. */
export type ProvidedStack = { readonly kind: 'ready'; readonly stack: TestStack } | { readonly kind: 'unavailable'; readonly reason: string };

export const providerStateFile = (): string => join(findRepoRoot(), '.stack', 'run', 'test-provider.json');

/** The stack this test run's global setup provided. */
export const providedTestStack = (env: NodeJS.ProcessEnv = process.env): ProvidedStack => {
  const provider = stackProviderFromEnv(env);
  const file = providerStateFile();
  const state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { provider: string; available: boolean; reason?: string }) : undefined;
  if (state && state.provider === provider && !state.available) return { kind: 'unavailable', reason: state.reason ?? 'unknown' };
  return { kind: 'ready', stack: provider === 'embedded' ? embeddedTestStack(env) : composeTestStack() };
};

/**
 * `describe` on the provided stack, or a skipped suite whose name says why there is none.
 * `only` limits a suite to one provider (the embedded stack's own CLI tests).
 */
export const describeOnStack = (name: string, body: (stack: TestStack) => void, { only }: { only?: StackProviderName } = {}): void => {
  const provided = providedTestStack();
  if (provided.kind === 'unavailable') {
    describe.skip(`${name} (skipped: ${provided.reason})`, () => it('needs a stack', () => undefined));
  } else if (only && provided.stack.provider !== only) {
    describe.skip(`${name} (skipped: only on the ${only} stack)`, () => it(`needs the ${only} stack`, () => undefined));
  } else {
    describe(name, () => body(provided.stack));
  }
};
