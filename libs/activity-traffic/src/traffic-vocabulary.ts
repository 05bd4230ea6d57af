/** Activity types with how often each happens (SPEC section 3). */
export const ACTIVITY_TYPES: readonly (readonly [string, number])[] = [
  ['page_view', 40],
  ['click', 25],
  ['search', 10],
  ['login', 6],
  ['logout', 5],
  ['download', 7],
  ['upload', 4],
  ['api_call', 3],
];

export const PAGES: readonly string[] = [
  '/dashboard',
  '/reports/quarterly',
  '/reports/weekly',
  '/projects',
  '/projects/roadmap',
  '/tickets',
  '/tickets/board',
  '/wiki/onboarding',
  '/wiki/security-policy',
  '/settings/profile',
  '/calendar',
  '/expenses/new',
  '/crm/accounts',
  '/analytics/funnels',
];

export const SEARCH_TERMS: readonly string[] = ['invoice', 'vpn', 'holiday+policy', 'q3+revenue', 'onboarding', 'release+notes', 'expense+report', 'org+chart'];

export const FILES: readonly string[] = [
  'report-2026-q3.pdf',
  'budget.xlsx',
  'slides-allhands.pptx',
  'contract-draft.docx',
  'export.csv',
  'logo.svg',
  'dataset.parquet',
];

export const USER_AGENTS: readonly (readonly [string, number])[] = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 35],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 18],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 12],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 12],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 8],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 8],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 5],
  ['python-requests/2.32.3', 2],
];
