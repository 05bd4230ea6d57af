import { openSync, readSync, fstatSync, closeSync } from 'node:fs';

/** The last `lines` lines of a file (reading at most the last 64 KiB), or '' when there is none. */
export const tailFile = (file: string, lines = 20): string => {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
};
