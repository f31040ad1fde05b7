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
    // a decode passed to a call inside a condition does not decide it by itself
    { code: JWT + 'function show(token) { if (shouldLog(jwt.decode(token))) console.log(token.length); }' },
    // a condition in a file that verifies elsewhere
    { code: JWT + "function check(t) { if (jwt.decode(t).exp < now()) refresh(); return jwt.verify(t, key, { algorithms: ['HS256'] }); }" },
    // jwt-simple verifies in decode unless noVerify is true
    { code: "import jwt from 'jwt-simple';\nfunction auth(req, res, next) { req.user = jwt.decode(req.headers.token, secret); next(); }" },
    { code: "import jwt from 'jwt-simple';\nfunction auth(req, res, next) { req.user = jwt.decode(req.headers.token, secret, false, 'HS256'); next(); }" },
    // noVerify to peek, in a file that also verifies
    { code: "import jwt from 'jwt-simple';\nfunction auth(req, res, next) { const { kid } = jwt.decode(t, null, true); req.user = jwt.decode(t, keys[kid]); next(); }" },
    // noVerify outside any auth decision
    { code: "const jwt = require('jwt-simple');\nfunction expiry(t) { return jwt.decode(t, null, true).exp; }" },
    // jws with the algorithm, and createVerify with algorithm or options we cannot see
    { code: "import jws from 'jws';\nconst ok = jws.verify(signature, 'HS256', secret);" },
    { code: "import jws from 'jws';\njws.createVerify({ signature, algorithm: 'RS256', key: publicKey });" },
    { code: "import jws from 'jws';\njws.createVerify({ ...opts, signature });" },
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
    // decode used directly in a condition, in a function with no auth-looking name or parameters
    {
      code: JWT + "function route(token) {\n  if (jwt.decode(token).role === 'admin') return adminPanel();\n  return home();\n}",
      errors: [{ messageId: 'decodeWithoutVerify', data: { callee: 'jwt.decode' }, line: 3, column: 7 }],
    },
    {
      code: JWT + 'const view = (t) => (jwt.decode(t)?.isAdmin ? renderAdmin() : renderUser());',
      errors: [{ messageId: 'decodeWithoutVerify', line: 2, column: 22 }],
    },
    // jwt-simple with noVerify = true
    {
      code: "import jwt from 'jwt-simple';\nfunction auth(req, res, next) {\n  req.user = jwt.decode(req.headers.token, secret, true);\n  next();\n}",
      errors: [{ message: "`jwt.decode(…, true)` skips the signature check (jwt-simple's `noVerify`), and this file never verifies the token, so its claims are attacker-controlled. Drop the `true` and pass the algorithm: `decode(token, key, false, 'HS256')`.", line: 3, column: 14 }],
    },
    {
      code: "const { decode } = require('jwt-simple');\nconst NO_VERIFY = true;\nfunction user(token) { if (decode(token, KEY, NO_VERIFY).admin) grant(); }",
      errors: [{ messageId: 'decodeNoVerify', data: { callee: 'decode' }, line: 3, column: 28 }],
    },
    // jws: the two-argument verify and createVerify without algorithm; jws.decode trusted alone
    {
      code: "import jws from 'jws';\nif (jws.verify(signature, secret)) grant();",
      errors: [{ message: "jws.verify() without an algorithm lets the token's own header pick it. Pass the algorithm you sign with: `jws.verify(signature, 'HS256', secret)` (`algorithm` in `createVerify` options).", line: 2, column: 5 }],
    },
    {
      code: "const jws = require('jws');\nconst v = jws.createVerify({ signature, key: secret });",
      errors: [{ messageId: 'jwsAlgorithm', data: { callee: 'jws.createVerify' }, line: 2, column: 11 }],
    },
    {
      code: "import jws from 'jws';\nfunction auth(req, res, next) {\n  req.user = jws.decode(req.headers.token).payload;\n  next();\n}",
      errors: [{ messageId: 'decodeWithoutVerify', data: { callee: 'jws.decode' }, line: 3, column: 14 }],
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
