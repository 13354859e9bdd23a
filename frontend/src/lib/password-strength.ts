/** A small, dependency-free password strength estimate for the meter (the API has the final say). */

const COMMON = [
  'password',
  'passw0rd',
  '123456',
  '12345678',
  '123456789',
  'qwerty',
  'qwertyuiop',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'abc123',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'shadow',
  'superman',
  'trustno1',
  'whatever',
  'starwars',
  'login',
  'changeme',
  'secret',
];

export type StrengthInput = { password: string; username?: string; email?: string };
export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; problems: string[] };

export const PASSWORD_RULE =
  'Use 15 to 128 characters. Any characters are fine; a few unrelated words make a strong password. It must not be a common password, nor contain your username or the name part of your email.';

export function emailName(email: string | undefined): string {
  if (!email) return '';
  return email.split('@')[0]?.trim().toLowerCase() ?? '';
}

/** Rule violations the API would reject with 422 (the checks it is possible to make here). */
export function passwordProblems({ password, username, email }: StrengthInput): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if (password.length < 15) problems.push(`Use at least 15 characters (${password.length} so far).`);
  if (password.length > 128) problems.push('Use at most 128 characters.');
  const u = (username ?? '').trim().toLowerCase();
  if (u.length >= 3 && lower.includes(u)) problems.push('It must not contain your username.');
  const e = emailName(email);
  if (e.length >= 3 && lower.includes(e)) problems.push('It must not contain the name part of your email.');
  if (COMMON.includes(lower) || /^(.)\1+$/.test(password)) problems.push('It is too common.');
  return problems;
}

export function estimateStrength(input: StrengthInput): Strength {
  const { password } = input;
  const problems = passwordProblems(input);
  if (!password) return { score: 0, label: 'Empty', problems };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const unique = new Set(password).size;
  let bits =
    password.length *
    Math.log2(
      Math.max(
        10,
        [26, 26, 10, 33].slice(0, classes).reduce((a, b) => a + b, 0),
      ),
    );
  if (unique < password.length / 3) bits *= 0.5; // lots of repetition
  if (/(0123|1234|2345|abcd|qwer|asdf)/i.test(password)) bits *= 0.8;
  for (const word of COMMON) if (password.toLowerCase().includes(word)) bits *= 0.7;
  let score: Strength['score'];
  if (bits < 40) score = 0;
  else if (bits < 60) score = 1;
  else if (bits < 80) score = 2;
  else if (bits < 100) score = 3;
  else score = 4;
  if (problems.length > 0) score = Math.min(score, 1) as Strength['score'];
  const labels = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'];
  return { score, label: labels[score]!, problems };
}
