export function pgIo(): string {
  return 'pg-io';
}
