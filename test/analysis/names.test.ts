import { describe, expect, it } from 'vitest';
import { endsWithTerm, findTerm, headTerm, isPredicateName, nameWords, shoutedWords, singularWord, vocabulary } from '../../src/analysis/names.js';
import { sensitiveTerm } from '../../src/analysis/logging.js';
import { isPasswordName } from '../../src/analysis/secrets.js';

describe('names', () => {
  it('splits camelCase, snake_case, kebab-case and SCREAMING_CASE into singular words', () => {
    expect(nameWords('backupCodes')).toEqual(['backup', 'code']);
    expect(nameWords('reset_tokens')).toEqual(['reset', 'token']);
    expect(nameWords('X-Api-Keys')).toEqual(['x', 'api', 'key']);
    expect(nameWords('JWT_SECRET')).toEqual(['jwt', 'secret']);
    expect(nameWords('sessionIds')).toEqual(['session', 'id']);
  });

  it('does not singularise short words and -ss/-us endings', () => {
    expect(['has', 'was', 'yes', 'address', 'status', 'ids', 'policies', 'hashes'].map(singularWord)).toEqual([
      'has',
      'was',
      'yes',
      'address',
      'status',
      'id',
      'policy',
      'hash',
    ]);
  });

  const vocab = vocabulary(['token', 'id', 'api key', 'credit card']);

  it('finds words and phrases, also glued phrases', () => {
    expect(findTerm(nameWords('userApiKey'), vocab)).toEqual({ index: 1, length: 2 });
    expect(findTerm(nameWords('apikey'), vocab)).toEqual({ index: 0, length: 1 });
    expect(findTerm(nameWords('creditCardNumber'), vocab)).toEqual({ index: 0, length: 2 });
    expect(findTerm(nameWords('width'), vocab)).toBeNull();
  });

  it('judges a name by its head', () => {
    expect(headTerm(nameWords('passwordResetToken'), vocab)).toBe('token');
    expect(headTerm(nameWords('user_api_key'), vocab)).toBe('api key');
    expect(endsWithTerm(nameWords('tokenLength'), vocab)).toBe(false);
    expect(endsWithTerm(nameWords('idleTimeout'), vocab)).toBe(false);
    expect(endsWithTerm(nameWords('sessionId'), vocab)).toBe(true);
  });

  it('sensitive log names: heads count, predicates and bookkeeping do not', () => {
    expect(sensitiveTerm('newPassword')).toBe('password');
    expect(sensitiveTerm('authorization')).toBe('authorization');
    expect(sensitiveTerm('x_api_key')).toBe('api key');
    expect(sensitiveTerm('hasPassword')).toBeNull();
    expect(sensitiveTerm('deletedTokens')).toBeNull();
    // A logged password hash can be cracked offline (issue 14); talk about one is still fine.
    expect(sensitiveTerm('passwordHash')).toBe('password hash');
    expect(sensitiveTerm('password_hash')).toBe('password hash');
    expect(sensitiveTerm('passwordHashAlgorithm')).toBeNull();
    expect(sensitiveTerm('PASSword')).toBe('password');
    expect(sensitiveTerm('userPw')).toBe('pw');
    expect(sensitiveTerm('pwLength')).toBeNull();
    expect(sensitiveTerm('cookieName')).toBeNull();
  });

  it('reads a shouted word both ways, and only then', () => {
    expect(shoutedWords('PASSword')).toEqual([['password']]);
    expect(shoutedWords('userPASSword_hash')).toEqual([['user', 'password', 'hash']]);
    expect(shoutedWords('HTTPServer')).toEqual([['httpserver']]);
    expect(shoutedWords('apiKey')).toEqual([]);
    expect(shoutedWords('API_KEY')).toEqual([]);
  });

  it('tells predicate names', () => {
    for (const n of ['isValidUrl', 'hasAccess', 'canEdit', 'fileExists', '_isJWTExpired', 'isDirectusJWT', 'valid']) expect(isPredicateName(n)).toBe(true);
    for (const n of ['loadSettings', 'parse', 'issue', 'hashPassword', null]) expect(isPredicateName(n)).toBe(false);
  });

  it('tells names that hold a password from names about one', () => {
    const yes = ['password', 'newPassword', 'user_pwd', 'PASSWORD', 'plainTextPassword', 'passwordPlain', 'rawPw', 'passwd', 'pw', 'PASSword', 'userPASSword', 'plaintextpassword', 'passphrase'];
    const no = ['passwordHash', 'passwordResetToken', 'passwordPolicy', 'user', 'pass', 'bypass', 'compass', 'token', 'hashedPwdField', ''];
    for (const n of yes) expect(isPasswordName(n), n).toBe(true);
    for (const n of no) expect(isPasswordName(n), n).toBe(false);
    // Asked again (the memo): the same answers.
    expect(yes.map(isPasswordName)).toEqual(yes.map(() => true));
  });
});
