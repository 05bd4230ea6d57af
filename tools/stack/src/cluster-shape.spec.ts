import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterShapeProblem, existingClusterId } from './cluster-shape.js';
import { createStackController } from './stack-controller.js';
import { stackPaths } from './stack-paths.js';
import { parseStackSettings } from './stack-settings.js';

/** A stack folder whose Kafka storage was formatted for `nodes` (what `StorageTool format` leaves). */
const formatted = (nodes: readonly string[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'eap-shape-'));
  for (const n of nodes) {
    mkdirSync(join(dir, n, 'data'), { recursive: true });
    writeFileSync(join(dir, n, 'data', 'meta.properties'), `cluster.id=abcDEF123\nnode.id=1\nversion=1\n`);
  }
  return dir;
};
const settings = (dir: string, brokers: '1' | '3') => parseStackSettings({ STACK_DIR: dir, STACK_KAFKA_BROKERS: brokers }, '/repo');

describe('switching the cluster shape on an existing stack folder', () => {
  it('is fine on a fresh folder and on one of the same shape', () => {
    for (const [nodes, brokers] of [
      [[], '1'],
      [[], '3'],
      [['kafka'], '1'],
      [['kafka-1', 'kafka-2', 'kafka-3'], '3'],
    ] as const) {
      const s = settings(formatted(nodes), brokers);
      expect(clusterShapeProblem(s, stackPaths(s))).toBeUndefined();
    }
  });

  it('1 -> 3: names the setting and says npm run stack -- reset', () => {
    const s = settings(formatted(['kafka']), '3');
    expect(clusterShapeProblem(s, stackPaths(s))).toMatch(
      /^STACK_KAFKA_BROKERS=3, but .* holds a 1-broker Kafka cluster \(kafka\/data\): .*cannot be reused\. Run with STACK_KAFKA_BROKERS=1, or .*`npm run stack -- reset`/,
    );
  });

  it('3 -> 1: the same, naming the brokers found', () => {
    const s = settings(formatted(['kafka-1', 'kafka-2']), '1');
    expect(clusterShapeProblem(s, stackPaths(s))).toMatch(/^STACK_KAFKA_BROKERS=1, but .* holds a 3-broker Kafka cluster \(kafka-1\/data, kafka-2\/data\)/);
  });

  it('up refuses before it starts or writes anything', async () => {
    const dir = formatted(['kafka']);
    const before = readdirSync(dir);
    const stack = createStackController(settings(dir, '3'), { log: () => undefined });
    await expect(stack.up()).rejects.toThrow(/STACK_KAFKA_BROKERS=3, .*npm run stack -- reset/);
    await expect(stack.restart('kafka-2')).rejects.toThrow(/STACK_KAFKA_BROKERS=3/);
    expect(readdirSync(dir).filter((f) => f !== 'postgres')).toEqual(before);
  });

  it('formats a later node of three with the id of the nodes formatted before', () => {
    const s = settings(formatted(['kafka-2']), '3');
    expect(existingClusterId(stackPaths(s), ['kafka-1', 'kafka-2', 'kafka-3'])).toBe('abcDEF123');
    expect(existingClusterId(stackPaths(s), ['kafka-1'])).toBeUndefined();
  });
});
