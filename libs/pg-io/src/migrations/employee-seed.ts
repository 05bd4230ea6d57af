/** Deterministic seed employees: the same names, emails and departments on every machine. */
export const DEPARTMENTS = ['Engineering', 'Marketing', 'Sales', 'Finance', 'Human Resources', 'Support', 'Operations', 'Legal'] as const;

const FIRST = [
  'Alice',
  'Bob',
  'Carmen',
  'Deepak',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jamal',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
];
const LAST = [
  'Anders',
  'Bauer',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nguyen',
  'Okafor',
];

export interface SeedEmployee {
  readonly name: string;
  readonly email: string;
  readonly department: string;
}

export const seedEmployees = (count = 300): readonly SeedEmployee[] =>
  Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
      department: DEPARTMENTS[(i * 7) % DEPARTMENTS.length]!,
    };
  });
