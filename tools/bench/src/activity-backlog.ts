import { sql, type Kysely, type StreamingDb } from '@eap/pg-io';

/**
 * Commits `rows` activity rows in one INSERT ... SELECT, spread over the seeded employees, four
 * activity types and the last two hours; resolves when the COMMIT has returned, with that time.
 */
export const commitActivities = async (db: Kysely<StreamingDb>, rows: number): Promise<number> => {
  await sql`
    INSERT INTO employee_activities (employee_id, activity_type, page_url, duration_seconds, ip_address, user_agent, activity_timestamp)
    SELECT e.ids[1 + i % array_length(e.ids, 1)],
           (ARRAY['login', 'logout', 'page_view', 'file_download'])[1 + i % 4],
           '/bench/' || (i % 50),
           i % 600,
           '10.1.2.3'::inet,
           'Mozilla/5.0 (X11; Linux x86_64) bench',
           localtimestamp - (i % 7200) * interval '1 second'
    FROM generate_series(1, ${rows}::int) AS i, (SELECT array_agg(id ORDER BY id) AS ids FROM employees) AS e`.execute(db);
  return Date.now();
};
