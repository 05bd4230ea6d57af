import { cpuBetween, machineBusySeconds, processCpuSeconds, stackClassifier } from './cpu-accounting.js';

describe('cpu accounting', () => {
  it('reads utime + stime from a stat line whose command name holds spaces and parentheses', () => {
    const line = '4242 (java (Connect) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 80 0 1000 1 1';
    expect(processCpuSeconds(line)).toBeCloseTo(18.0);
  });

  it('counts the machine busy without idle and iowait', () => {
    expect(machineBusySeconds('cpu  100 10 50 9000 300 5 5 0 0 0\ncpu0 1 2 3')).toBeCloseTo(1.7);
  });

  it('names the stack’s processes by command line and the caller’s by pid', () => {
    const classify = stackClassifier({ processor: 7, bench: 8 });
    expect(classify(7, 'node\0main.js')).toBe('processor');
    expect(classify(1, 'java\0-cp\0x\0org.apache.kafka.connect.cli.ConnectDistributed\0w.properties')).toBe('connect');
    expect(classify(2, 'java\0-cp\0x\0kafka.Kafka\0server.properties')).toBe('kafka');
    expect(classify(3, 'java\0-jar\0/x/apicurio-registry/quarkus-run.jar')).toBe('registry');
    expect(classify(4, 'postgres: 15/main: walsender postgres 127.0.0.1(4242) START_REPLICATION')).toBe('postgres');
    expect(classify(5, '/usr/lib/postgresql/15/bin/postgres\0-D\0/data')).toBe('postgres');
    expect(classify(6, 'bash\0-c\0sleep 1')).toBeUndefined();
  });

  it('gives each component its CPU between two samples and the rest of the machine’s busy time as other', () => {
    const before = {
      at: 0,
      byComponent: new Map([
        ['connect', 10],
        ['processor', 2],
      ]),
      machineBusy: 100,
    };
    const after = {
      at: 1000,
      byComponent: new Map([
        ['connect', 13],
        ['processor', 3.5],
        ['aggregator', 0.5],
      ]),
      machineBusy: 106,
    };
    expect(cpuBetween(before, after)).toEqual([
      { component: 'connect', seconds: 3 },
      { component: 'processor', seconds: 1.5 },
      { component: 'other', seconds: 1 },
      { component: 'aggregator', seconds: 0.5 },
    ]);
  });
});
