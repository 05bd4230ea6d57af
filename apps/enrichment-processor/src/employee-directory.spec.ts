import type { Employee } from '@eap/enrichment-rules';
import { createEmployeeDirectory } from './employee-directory.js';

const employee = (id: number): Employee => ({ id, name: `E${id}`, email: `e${id}@example.com`, department: 'Sales', created_at: null });

describe('createEmployeeDirectory', () => {
  it('asks the database once per id it does not know, remembering misses too', async () => {
    const asked: number[][] = [];
    const directory = createEmployeeDirectory(async (ids) => {
      asked.push([...ids]);
      return ids.filter((id) => id === 7).map(employee);
    });
    await directory.resolve([7, 8, 7]);
    await directory.resolve([7, 8, 9]);
    expect(asked).toEqual([[7, 8], [9]]);
    expect(directory.lookup(7)?.name).toBe('E7');
    expect(directory.lookup(8)).toBeUndefined();
  });
});
