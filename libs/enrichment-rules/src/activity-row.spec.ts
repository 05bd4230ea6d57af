import { readActivityRow } from './activity-row.js';

const row = {
  id: 7,
  employee_id: 3,
  activity_type: 'login',
  page_url: '/home',
  duration_seconds: 40,
  ip_address: '10.0.0.1',
  user_agent: 'curl',
  activity_timestamp: 1705311012345678,
};

describe('readActivityRow', () => {
  it('refuses a row without a column the summaries count, naming it (a NULL there would count as no duration, no employee, no time)', () => {
    for (const column of ['employee_id', 'duration_seconds', 'activity_timestamp', 'activity_type', 'id'] as const) {
      const { [column]: _gone, ...image } = row;
      expect(readActivityRow(image, null, 'after')).toEqual({
        kind: 'invalid',
        reason: 'invalid_field',
        detail: `after.${column} is not in the row: the table has no such column (dropped or renamed?)`,
      });
    }
  });

  it('reads a row without a column only carried along as NULL there', () => {
    const { user_agent: _a, page_url: _u, ip_address: _i, ...image } = row;
    expect(readActivityRow(image, null)).toEqual({ kind: 'ok', row: { ...row, user_agent: null, page_url: null, ip_address: null } });
  });
});
