import type { Rule } from 'eslint';
import rule from '../../rules/no-insecure-random.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (name: string) =>
  `\`Math.random()\` is predictable, and its value becomes \`${name}\`. Use \`crypto.randomBytes()\`, \`crypto.randomUUID()\` or \`crypto.randomInt()\` for security values.`;

ruleTester.run('no-insecure-random', eslintRule, {
  valid: [
    // jitter, scheduling, sampling: not security values
    `const delay = Math.floor(Math.random() * 1000);`,
    `setTimeout(retry, 1000 + Math.random() * 500);`,
    `if (Math.random() < 0.1) log.debug('sampled');`,
    `const sampled = Math.random() < 0.05;`,
    `const s = Math.floor(Math.random() * 60); const m = Math.floor(Math.random() * 60);`,
    // a name that only contains a security word is not one
    `const tokenLength = Math.floor(Math.random() * 10) + 20;`,
    `const idleTimeout = Math.random() * 1000;`,
    `const codeCoverage = Math.random();`,
    `const width = Math.random() * 100;`,
    // temp file names are not security values
    'const tmpPath = `${target}.tmp.${process.pid}.${Math.random().toString(36).slice(2)}`;',
    // picking an existing element by collection size chooses, it does not mint
    `const userId = users[Math.floor(Math.random() * users.length)].id;`,
    `const userId = Math.floor(Math.random() * this.userCount) + 1;`,
    `function randomChoice(array) { return array[Math.floor(Math.random() * array.length)]; }`,
    `const shuffled = [...posts].sort(() => Math.random() - 0.5);`,
    // one existing element picked from a list (mock data)
    `const errorCode = ERROR_CODES[Math.floor(Math.random() * ERROR_CODES.length)];`,
    // crypto is the right tool
    `import crypto from 'crypto'; const token = crypto.randomBytes(32).toString('hex');`,
    `const sessionId = crypto.randomUUID();`,
    // the random value only decides a branch
    `const code = Math.random() > 0.5 ? 200 : 500;`,
  ],
  invalid: [
    {
      code: `const token = Math.random().toString(36).substring(2);`,
      errors: [{ message: msg('token'), line: 1, column: 15 }],
    },
    {
      // camelCase head noun
      code: `const sessionId = Math.random().toString(36).slice(2) + Date.now();`,
      errors: [{ message: msg('sessionId'), line: 1, column: 19 }],
    },
    {
      // snake_case
      code: `const reset_token = String(Math.random()).slice(2);`,
      errors: [{ message: msg('reset_token'), line: 1, column: 28 }],
    },
    {
      // OTP as an integer range
      code: `const otp = Math.floor(100000 + Math.random() * 900000);`,
      errors: [{ message: msg('otp'), line: 1, column: 33 }],
    },
    {
      // property assignment
      code: `user.passwordResetCode = Math.floor(Math.random() * 1e6).toString().padStart(6, '0');`,
      errors: [{ message: msg('passwordResetCode'), line: 1, column: 37 }],
    },
    {
      // object property
      code: `await db.insert({ userId, nonce: Math.random().toString(16) });`,
      errors: [{ message: msg('nonce'), line: 1, column: 34 }],
    },
    {
      // plural collector
      code: `const backupCodes = [];\nfor (let i = 0; i < 10; i++) backupCodes.push(Math.random().toString(36).slice(2, 10));`,
      errors: [{ message: msg('backupCodes'), line: 2, column: 47 }],
    },
    {
      // charset loop returned from a function named for what it makes
      code: `function generateToken(length) {\n  let result = '';\n  for (let i = 0; i < length; i++) {\n    result += chars.charAt(Math.floor(Math.random() * chars.length));\n  }\n  return result;\n}`,
      errors: [{ message: msg('generateToken'), line: 4, column: 39 }],
    },
    {
      // charset indexing, arrow function
      code: `const makePassword = (n) => Array.from({ length: n }, () => CHARSET[Math.floor(Math.random() * CHARSET.length)]).join('');`,
      errors: [{ message: msg('makePassword'), line: 1, column: 80 }],
    },
    {
      // picks pushed onto an accumulator that the named function returns
      code: `function createApiKey() {\n  const out = [];\n  for (let i = 0; i < 32; i++) out.push(ALPHABET[Math.floor(Math.random() * ALPHABET.length)]);\n  return out.join('');\n}`,
      errors: [{ message: msg('createApiKey'), line: 3, column: 61 }],
    },
    {
      // UUID v4 by replace callback, class method
      code: `class Gen {\n  generateUuid() {\n    return 'xxxxxxxx-xxxx-4xxx'.replace(/[xy]/g, (c) => {\n      const r = (Math.random() * 16) | 0;\n      const v = c === 'x' ? r : (r & 0x3) | 0x8;\n      return v.toString(16);\n    });\n  }\n}`,
      errors: [{ message: msg('generateUuid'), line: 4, column: 18 }],
    },
    {
      // one hop through a local
      code: `const rand = Math.random();\nconst salt = rand.toString(36);`,
      errors: [{ message: msg('salt'), line: 1, column: 14 }],
    },
    {
      // hashed random is still predictable
      code: `import crypto from 'crypto';\nconst apiKey = crypto.createHash('sha256').update(String(Math.random())).digest('hex');`,
      errors: [{ message: msg('apiKey'), line: 2, column: 58 }],
    },
    {
      // template literal into a secret
      code: 'const clientSecret = `cs_${Date.now()}_${Math.random()}`;',
      errors: [{ message: msg('clientSecret'), line: 1, column: 42 }],
    },
    {
      // class field
      code: `class Session {\n  id = Math.random().toString(36);\n}`,
      errors: [{ message: msg('id'), line: 2, column: 8 }],
    },
  ],
});
