import { e2eRatios, meets, type E2eFigures } from './e2e-figures.js';
import { e2eReportText } from './e2e-report-text.js';

const latency = (p99: number) => ({ p50: p99 / 4, p99, max: p99 * 2 });
const figures = (over: Partial<E2eFigures> = {}): E2eFigures => ({
  capture: [
    { format: 'json', rows: 200_000, seconds: 25, valueBytes: 3_500 },
    { format: 'avro', rows: 200_000, seconds: 10, valueBytes: 400 },
  ],
  drains: [
    { app: 'enrichment-processor', format: 'json', records: 190_000, seconds: 40, startSeconds: 2 },
    { app: 'enrichment-processor', format: 'avro', records: 190_000, seconds: 9.5, startSeconds: 2 },
    { app: 'summary-aggregator', format: 'avro', records: 200_000, seconds: 5, startSeconds: 3 },
  ],
  live: { rows: 200_000, seconds: 12.5, verified: true, rss: { processor: 150e6, aggregator: 120e6 } },
  paced: [0.25, 0.5, 0.9].map((share) => ({
    share,
    rate: share * 20_000,
    rows: 1000,
    enriched: latency(100),
    inProcessor: latency(40),
    summary: latency(share * 800),
    verified: true,
  })),
  ...over,
});

describe('e2eRatios', () => {
  it('divides the rates of one run and judges each against its goal', () => {
    const ratios = Object.fromEntries(e2eRatios(figures()).map((r) => [r.name, { value: r.value, met: meets(r) }]));
    expect(ratios).toEqual({
      'capture avro / capture json': { value: 2.5, met: true }, // 20,000 / 8,000
      'enrichment drain / capture': { value: 1, met: true }, // 20,000 / 20,000: the goal is >=
      'aggregator drain / enrichment drain': { value: 2, met: true },
      'live end-to-end / capture alone': { value: 0.8, met: false }, // 16,000 / 20,000
      'p99 commit -> summary at 50 % of capture': { value: 400, met: true },
    });
  });

  it('leaves a ratio undecided (NaN) when its part is missing, never met', () => {
    const r = e2eRatios(figures({ paced: [], drains: [] }));
    expect(r.filter((x) => Number.isNaN(x.value)).map((x) => x.name)).toEqual([
      'enrichment drain / capture',
      'aggregator drain / enrichment drain',
      'p99 commit -> summary at 50 % of capture',
    ]);
    expect(r.filter((x) => Number.isNaN(x.value)).some(meets)).toBe(false);
  });
});

describe('e2eReportText', () => {
  it('prints where a step’s CPU went, as seconds and the machine’s busy share', () => {
    const cpu = [
      { component: 'connect', seconds: 9 },
      { component: 'kafka', seconds: 5 },
      { component: 'bench', seconds: 0.1 },
    ];
    const text = e2eReportText({ ...figures(), cores: 2, capture: [{ format: 'avro', rows: 200_000, seconds: 10, valueBytes: 400, cpu }] });
    expect(text).toContain('cpu: connect 9.0 s, kafka 5.0 s; busy 71 % of 2 cores');
  });

  it('prints a paced run’s capture share of the latency and its CPU when measured', () => {
    const paced = { share: 0.25, rate: 5_000, rows: 100_000, enriched: latency(100), inProcessor: latency(40), summary: latency(200), verified: true };
    const text = e2eReportText({
      ...figures(),
      cores: 2,
      paced: [{ ...paced, captured: latency(20), seconds: 20, cpu: [{ component: 'processor', seconds: 10 }] }],
    });
    expect(text).toContain('commit -> sent by Connect p50 5 ms p99 20 ms; commit -> in the processor p50 10 ms p99 40 ms;');
    expect(text).toContain('cpu: processor 10.0 s; busy 25 % of 2 cores');
  });

  it('prints every figure and each ratio beside its goal with a mark', () => {
    const text = e2eReportText(figures());
    expect(text).toContain('capture avro  200,000 rows in 10.00 s = 20,000 events/s, 400 bytes per value');
    expect(text).toContain(
      'paced at 50 % of capture (10,000 rows/s, 1,000 rows): commit -> in the processor p50 10 ms p99 40 ms; commit -> enriched p50 25 ms',
    );
    expect(text).toMatch(/live end-to-end \/ capture alone +0\.80 +\(goal >= 0\.9\) ✗/);
    expect(text).toMatch(/p99 commit -> summary at 50 % of capture +400 ms +\(goal < 500 ms\) ✓/);
  });
});
