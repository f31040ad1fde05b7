import rule from '../../rules/no-unsafe-jwt-verification.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const JWT = "import jwt from 'jsonwebtoken';\n";

ruleTester.run('no-unsafe-jwt-verification', rule.eslint!, {
  valid: [
    { code: JWT + "jwt.verify(token, secret, { algorithms: ['HS256'] });" },
    { code: JWT + "const VERIFY = { algorithms: ['RS256'], issuer: 'me' };\njwt.verify(token, key, VERIFY);" },
    // asymmetric keys: the key type pins the family
    { code: JWT + 'jwt.verify(token, publicKey);' },
    { code: JWT + 'jwt.verify(token, config.jwtPublicKey, (err, claims) => {});' },
    { code: JWT + "const cert = fs.readFileSync('cert.pem');\njwt.verify(token, cert);" },
    { code: JWT + 'jwt.verify(token, getKey, cb);' },
    { code: JWT + 'function getKey(header, cb) {}\njwt.verify(token, getKey, cb);' },
    { code: JWT + "jwt.verify(token, '-----BEGIN PUBLIC KEY-----\\nMIIB...\\n-----END PUBLIC KEY-----');" },
    // options we cannot see
    { code: JWT + 'jwt.verify(token, secret, verifyOptions);' },
    { code: JWT + 'jwt.verify(token, secret, { ...defaults });' },
    { code: JWT + "jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: false });" },
    { code: JWT + "jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '15m' });" },
    // decode with a verify in the same file (peeking at kid)
    { code: JWT + "function auth(req, res, next) { const { header } = jwt.decode(t, { complete: true }); jwt.verify(t, keys[header.kid], { algorithms: ['RS256'] }); }" },
    // decode outside any auth decision (logging, expiry display)
    { code: JWT + 'function tokenExpiry(token) { return jwt.decode(token).exp; }' },
    // express-jwt with algorithms
    { code: "import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret, algorithms: ['HS256'] }));" },
    { code: "import { Strategy } from 'passport-jwt';\nnew Strategy({ secretOrKey: k, algorithms: ['HS256'] }, verify);" },
    // jose verify pins by key type
    { code: "import { jwtVerify } from 'jose';\nawait jwtVerify(token, key);" },
    // not jsonwebtoken
    { code: 'jwt.verify(token, secret);' },
  ],
  invalid: [
    {
      code: JWT + 'jwt.verify(token, process.env.JWT_SECRET);',
      errors: [{ message: "jwt.verify() without an algorithms list lets the token's own header pick the algorithm. Pin it, e.g. { algorithms: ['HS256'] }.", line: 2, column: 1 }],
    },
    { code: "const { verify } = require('jsonwebtoken');\nverify(token, secret, (err, decoded) => next());", errors: [{ messageId: 'missingAlgorithms' }] },
    {
      code: JWT + "jwt.verify(token, secret, { algorithms: ['HS256', 'none'] });",
      errors: [{ message: "algorithms includes 'none': a token with no signature at all will be accepted. Remove 'none' and list only the algorithm you sign with.", column: 41 }],
    },
    { code: JWT + "const ALGS = ['none'];\njwt.verify(token, publicKey, { algorithms: ALGS });", errors: [{ messageId: 'algorithmsNone', line: 3 }] },
    {
      code: JWT + "jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: true });",
      errors: [{ message: 'ignoreExpiration: true accepts expired tokens forever. Remove it and let verification enforce exp.', column: 52 }],
    },
    { code: JWT + "jwt.sign(payload, '', { algorithm: 'none' });", errors: [{ messageId: 'signNone', column: 25 }] },
    { code: JWT + "const opts = { header: { alg: 'none' } };\njwt.sign(payload, k, opts);", errors: [{ messageId: 'signNone', line: 2 }] },
    {
      code: JWT + 'function authenticate(req, res, next) {\n  req.user = jwt.decode(req.headers.authorization.slice(7));\n  next();\n}',
      errors: [{ message: '{{callee}}() only parses the token; it checks no signature. This file never verifies the token, so its claims are attacker-controlled. Use jwt.verify() before trusting them.'.replace('{{callee}}', 'jwt.decode'), line: 3, column: 14 }],
    },
    { code: "import { decodeJwt } from 'jose';\nexport const requireUser = async (c, next) => { const claims = decodeJwt(token); if (claims.role !== 'admin') throw new Error(); };", errors: [{ messageId: 'decodeWithoutVerify', data: { callee: 'decodeJwt' } }] },
    { code: "import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: process.env.SECRET }));", errors: [{ messageId: 'expressJwtAlgorithms', line: 2, column: 9 }] },
    { code: "const jwt = require('express-jwt');\napp.use(jwt({ secret, algorithms: ['none'] }));", errors: [{ messageId: 'algorithmsNone' }] },
    {
      code: "const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');\npassport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, ignoreExpiration: true }, verify));",
      errors: [{ messageId: 'ignoreExpiration', line: 2, column: 127 }],
    },
    { code: "import { UnsecuredJWT } from 'jose';\nconst t = new UnsecuredJWT({ sub: '1' }).encode();", errors: [{ messageId: 'unsecuredJwt' }] },
  ],
});
