import rule from '../../rules/require-strong-password-hash.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

ruleTester.run('require-strong-password-hash', rule.eslint!, {
  valid: [
    // strong settings
    { code: "import bcrypt from 'bcrypt';\nawait bcrypt.hash(password, 12);" },
    { code: "import bcrypt from 'bcryptjs';\nconst SALT_ROUNDS = 14;\nbcrypt.hashSync(password, SALT_ROUNDS);" },
    { code: "const bcrypt = require('bcrypt');\nconst salt = await bcrypt.genSalt(12);\nawait bcrypt.hash(password, salt);" },
    { code: "import { genSaltSync } from 'bcryptjs';\ngenSaltSync(13);" },
    { code: "import bcrypt from 'bcrypt';\nawait bcrypt.hash(password, '$2b$12$abcdefghijklmnopqrstuv');" },
    { code: "import bcrypt from 'bcrypt';\nawait bcrypt.hash(password, config.rounds);" },
    { code: "import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, salt, 600000, 64, 'sha512');" },
    { code: "import argon2 from 'argon2';\nawait argon2.hash(password);" },
    { code: "import argon2 from 'argon2';\nawait argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456 });" },
    { code: "import { hash } from '@node-rs/argon2';\nawait hash(password, { memoryCost: 65536 });" },
    // fast digests over non-password data
    { code: "import crypto from 'crypto';\ncrypto.createHash('md5').update(email.toLowerCase()).digest('hex');" },
    { code: "import crypto from 'crypto';\ncrypto.createHash('sha256').update(resetToken).digest('hex');" },
    { code: "import crypto from 'crypto';\ncrypto.createHash('sha256').update(passwordResetToken).digest('hex');" },
    { code: "import crypto from 'crypto';\ncrypto.createHmac('sha256', key).update(body).digest('hex');" },
    // breach lookups hash with SHA-1 by protocol
    { code: "import crypto from 'crypto';\nconst digest = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();\nawait fetch(`https://api.pwnedpasswords.com/range/${digest.slice(0, 5)}`);" },
    // a slow hash named like a fast one is not a digest
    { code: "import crypto from 'crypto';\ncrypto.createHash(algorithm).update(password);" },
    // no crypto import: an unrelated `createHash`
    { code: "createHash('md5').update(password);" },
    // bcrypt-like call on an unrelated object
    { code: "hasher.hash(password, 8);" },
  ],
  invalid: [
    {
      code: "import crypto from 'crypto';\nconst hashed = crypto.createHash('md5').update(password).digest('hex');",
      errors: [
        {
          message:
            "'password' is hashed with MD5 (createHash), a fast digest that offline attackers brute-force at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
          line: 2,
          column: 16,
        },
      ],
    },
    { code: "const { createHash } = require('node:crypto');\ncreateHash('sha256').update(req.body.password).digest('hex');", errors: [{ messageId: 'fastHash', data: { name: 'password', alg: 'SHA256', fn: 'createHash', minCost: 12 } }] },
    { code: "import * as crypto from 'crypto';\nconst h = crypto.createHash('sha1');\nh.update(user.password + salt);", errors: [{ messageId: 'fastHash', line: 3 }] },
    { code: "import crypto from 'crypto';\ncrypto.createHash('sha512').update(salt).update(newPassword).digest();", errors: [{ messageId: 'fastHash', data: { name: 'newPassword', alg: 'SHA512', fn: 'createHash', minCost: 12 } }] },
    { code: "import crypto from 'crypto';\ncrypto.createHmac('sha256', pepper).update(password).digest('hex');", errors: [{ messageId: 'fastHash', data: { name: 'password', alg: 'SHA256', fn: 'createHmac', minCost: 12 } }] },
    // TypeScript-compiled CommonJS
    { code: 'const node_crypto_1 = __importDefault(require("node:crypto"));\nnode_crypto_1.default.createHash("sha256").update(password).digest("hex");', errors: [{ messageId: 'fastHash', line: 2 }] },
    { code: "import md5 from 'md5';\nconst stored = md5(password);", errors: [{ messageId: 'fastHashLibrary', data: { name: 'password', alg: 'MD5', module: 'md5', minCost: 12 } }] },
    { code: "import CryptoJS from 'crypto-js';\nCryptoJS.SHA256(plainPassword).toString();", errors: [{ messageId: 'fastHashLibrary', data: { name: 'plainPassword', alg: 'SHA256', module: 'crypto-js', minCost: 12 } }] },
    // bcrypt cost (literal, const, option object, both libraries, every function)
    {
      code: "import bcrypt from 'bcrypt';\nawait bcrypt.hash(password, 10);",
      errors: [{ message: 'bcrypt cost 10 is below 12: each step down halves the work to crack a hash. Use a cost of at least 12.', line: 2, column: 29 }],
    },
    { code: "const bcrypt = require('bcryptjs');\nconst SALT_ROUNDS = 10;\nbcrypt.hashSync(password, SALT_ROUNDS);", errors: [{ messageId: 'bcryptCost', line: 3, column: 27 }] },
    { code: "import bcrypt from 'bcrypt';\nconst config = { saltRounds: 8 };\nbcrypt.hash(pw, config.saltRounds);", errors: [{ messageId: 'bcryptCost', data: { cost: 8, minCost: 12 } }] },
    { code: "import { genSalt } from 'bcryptjs';\nconst salt = await genSalt(10);", errors: [{ messageId: 'bcryptCost' }] },
    { code: "import bcrypt from 'bcrypt';\nbcrypt.genSaltSync(11);", errors: [{ messageId: 'bcryptCost', data: { cost: 11, minCost: 12 } }] },
    {
      code: "const bcrypt = require('bcryptjs');\nconst salt = await bcrypt.genSalt();",
      errors: [{ message: 'genSalt() without a cost uses the library default of 10, below 12. Pass a cost of at least 12.', line: 2, column: 20 }],
    },
    { code: "const bcrypt = require('bcryptjs');\nbcrypt.genSalt((err, salt) => {});", errors: [{ messageId: 'bcryptDefaultCost' }] },
    { code: "import bcrypt from 'bcrypt';\nawait bcrypt.hash(password, 12);", options: [{ minBcryptCost: 13 }], errors: [{ messageId: 'bcryptCost', data: { cost: 12, minCost: 13 } }] },
    // PBKDF2
    {
      code: "import crypto from 'crypto';\nconst ITERATIONS = 10000;\ncrypto.pbkdf2(password, salt, ITERATIONS, 64, 'sha512', cb);",
      errors: [{ message: 'PBKDF2 with 10000 iterations is below 600000. Raise the iteration count to at least 600000, or use argon2id.', line: 3, column: 31 }],
    },
    { code: "import { pbkdf2Sync } from 'node:crypto';\npbkdf2Sync(password, salt, 100_000, 32, 'sha256');", errors: [{ messageId: 'pbkdf2Iterations' }] },
    // argon2
    {
      code: "import argon2 from 'argon2';\nawait argon2.hash(password, { type: argon2.argon2i });",
      errors: [{ message: "argon2 type 'argon2i' is not recommended for passwords (weaker against GPU/tradeoff attacks than argon2id). Use argon2id (the library default).", column: 37 }],
    },
    { code: "import { hash, argon2d } from 'argon2';\nconst opts = { type: argon2d, memoryCost: 4096 };\nawait hash(password, opts);", errors: [{ messageId: 'argon2Type', data: { type: 'argon2d', why: 'data-dependent memory access leaks timing side channels' } }, { messageId: 'argon2Memory', data: { memory: 4096, min: 19456 } }] },
    { code: "import argon2 from 'argon2';\nawait argon2.hash(password, { type: 1 });", errors: [{ messageId: 'argon2Type' }] },
    { code: "import { hash, Algorithm } from '@node-rs/argon2';\nawait hash(password, { algorithm: Algorithm.Argon2i });", errors: [{ messageId: 'argon2Type' }] },
    { code: "import argon2 from 'argon2';\nconst MEMORY = 2 ** 12;\nawait argon2.hash(password, { memoryCost: MEMORY });", errors: [{ messageId: 'argon2Memory', data: { memory: 4096, min: 19456 } }] },
  ],
});
