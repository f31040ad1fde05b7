import type { Rule } from 'eslint';
import rule from '../../rules/no-swallowed-errors.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const catchMsg = (fallback: string) =>
  `This catch block swallows the error${fallback}: it neither rethrows, answers with an error, logs, nor passes it on (\`next(err)\`). Handle it, or document why with \`// intentionally ignored: <reason>\`.`;
const promiseMsg = (fallback: string) =>
  `This \`.catch()\` callback swallows the rejection${fallback}: it neither rethrows, answers with an error, logs, nor passes it on (\`next(err)\`). Handle it, or document why with \`// intentionally ignored: <reason>\`.`;

ruleTester.run('no-swallowed-errors', eslintRule, {
  valid: [
    // rethrow
    `try { a(); } catch (e) { throw new AppError('failed', { cause: e }); }`,
    // respond with an error
    `app.get('/x', async (req, res) => { try { await a(); } catch (err) { res.status(500).json({ error: { code: 'internal' } }); } });`,
    `router.get('/x', async (ctx) => { try { await a(); } catch { ctx.status = 503; } });`,
    // return an error
    `function f() { try { return a(); } catch (e) { return { error: 'unavailable' }; } }`,
    `function f() { try { return a(); } catch (e) { return Promise.reject(new Error('x')); } }`,
    // log
    `try { a(); } catch (e) { console.error('a failed', e); }`,
    `try { a(); } catch (err) { logger.warn({ err }, 'a failed'); return null; }`,
    `try { a(); } catch (err) { logging.error(err); }`,
    `try { a(); } catch (err) { Sentry.captureException(err); }`,
    // next(err)
    `app.get('/x', async (req, res, next) => { try { await a(); } catch (err) { next(err); } });`,
    // documented
    `try { fs.unlinkSync(tmp); } catch { // intentionally ignored: the file may already be gone\n}`,
    `try { a(); }\n// intentionally ignored: best-effort cache warmup\ncatch {}`,
    `p.catch(() => {}); // intentionally ignored: fire-and-forget metrics ping`,
    // selective handling after inspecting the error
    `try { return JSON.parse(s); } catch (e) { if (e instanceof SyntaxError) return null; }`,
    `try { fs.statSync(p); } catch (err) { if (err.code === 'ENOENT') return false; }`,
    // the error is handed to something / stored
    `try { a(); } catch (e) { errors.push(e); }`,
    `try { a(); } catch (e) { this.lastError = e; }`,
    // promise catch with a named handler, or logging
    `p.catch(next);`,
    `p.catch(console.error);`,
    `p.catch((err) => logger.error(err));`,
    `p.catch((err) => { reply.code(500).send({ error: 'x' }); });`,
    `p.catch((e) => { throw new Wrapped(e); });`,
    // retry loop: the try returns on success
    `for (let i = 0; i < n; i++) { try { return await connect(); } catch { await sleep(100); } } throw new Error('unreachable');`,
    // a predicate: the error is the answer "no" (or "yes")
    `function isValid(s) {\n  try { parse(s); return true; }\n  catch { return false; }\n}`,
    `const isValidLocale = (locale) => { try { new Intl.DateTimeFormat(locale); return true; } catch (e) { return false; } };`,
    `class Tokens { _isJWTExpired(t) { try { return verify(t).exp < now(); } catch (error) { return true; } } }`,
    `async function fileExists(p) { try { await fs.stat(p); return true; } catch { return false; } }`,
    `const checks = { hasAccess(user) { try { return acl.allows(user); } catch { return false; } } };`,
  ],
  invalid: [
    {
      code: `try {\n  a();\n} catch (e) {\n}`,
      errors: [{ message: catchMsg(' (the block is empty)'), line: 3, column: 3 }],
    },
    {
      // a comment alone is not handling
      code: `try { a(); } catch (e) {\n  // ignore\n}`,
      errors: [{ message: catchMsg(' (the block is empty)'), line: 1, column: 14 }],
    },
    {
      // a fallback without logging is swallowing outside a predicate
      code: `function loadSettings(s) {\n  try { apply(parse(s)); return true; }\n  catch { return false; }\n}`,
      errors: [{ message: catchMsg(' (it returns `false` instead)'), line: 3, column: 3 }],
    },
    {
      // a predicate whose catch answers something other than a boolean, or does more than answer
      code: `function isValid(s) {\n  try { return parse(s).ok; }\n  catch { return null; }\n}`,
      errors: [{ message: catchMsg(' (it returns `null` instead)'), line: 3, column: 3 }],
    },
    {
      code: `const canEdit = async (user) => {\n  try { return await acl.check(user); }\n  catch (e) { cache.clear(); return false; }\n};`,
      errors: [{ message: catchMsg(' (it returns `false` instead)'), line: 3, column: 3 }],
    },
    {
      code: `const user = await fetchUser(id).catch(() => null);`,
      errors: [{ message: promiseMsg(' (it resolves to `null`)'), line: 1, column: 40 }],
    },
    {
      code: `save(doc).catch((err) => {});`,
      errors: [{ message: promiseMsg(' (the block is empty)'), line: 1, column: 17 }],
    },
    {
      // cleanup without handling
      code: `try { await tx.commit(); } catch (err) { await tx.rollback(); }`,
      errors: [{ messageId: 'swallowedCatch', line: 1, column: 28 }],
    },
    {
      // bookkeeping that drops the error
      code: `try { a(); } catch (error) { counter++; }`,
      errors: [{ messageId: 'swallowedCatch', line: 1, column: 14 }],
    },
    {
      // "ignored" without the documented form
      code: `try { a(); } catch { /* ignored */ }`,
      errors: [{ messageId: 'swallowedCatch', line: 1, column: 14 }],
    },
  ],
});
