import { stackProviderFromEnv } from './test-stack-provider.js';
import { composeTestStack } from './compose-test-stack.js';

describe('stack providers', () => {
  it('chooses embedded by default and names STACK_PROVIDER when wrong', () => {
    expect(stackProviderFromEnv({})).toBe('embedded');
    expect(stackProviderFromEnv({ STACK_PROVIDER: 'testcontainers' })).toBe('testcontainers');
    expect(() => stackProviderFromEnv({ STACK_PROVIDER: 'k8s' })).toThrow(/^STACK_PROVIDER: /);
  });

  it('points apps in Docker at the compose database and its mounted secret', () => {
    const s = composeTestStack();
    expect(s.appEnv).toMatchObject({ CONNECT_DB_HOST: 'postgres', CONNECT_DB_PORT: '5432', PIPELINE_DB_PASSWORD_FILE: '/secrets/postgres.properties' });
    expect(s.pg('x')).toMatchObject({ port: 5433, database: 'x' });
  });
});
