export function enrichmentRules(): string {
  return 'enrichment-rules';
}
