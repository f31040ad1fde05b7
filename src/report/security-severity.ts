/**
 * SARIF `security-severity` per rule: the score GitHub code scanning ranks security alerts by
 * (critical above 9.0, high 7.0–8.9, medium 4.0–6.9, low below 4.0) and that a repository's
 * "fail on high or above" check setting compares with. A rule with a score here is also tagged
 * `security` in SARIF, which GitHub requires before it reads the score.
 *
 * How each score is chosen, so rules rank the same way beside other tools' alerts:
 * - Where GitHub's own CodeQL JavaScript query checks the same weakness (same CWE), its score is
 *   used: an alert from backlint and one from CodeQL about the same problem rank alike.
 * - Otherwise the CVSS 3.1 base score of the weakness when the finding is real, with the vector
 *   given (an attacker on the network; AC:H where the attack needs something else first, such as a
 *   network position or a token already stolen).
 * Rules not listed here (design, contract and reliability rules) carry no score: they are not
 * security alerts, and a score would put them in the security view.
 *
 * test/report/sarif.test.ts fails when a rule of the Security category has no entry.
 */
export interface SecuritySeverity {
  /** CVSS-like score, one decimal, as a string (SARIF property values are strings for GitHub). */
  score: string;
  /** CWE(s) the rule checks for. */
  cwe: string[];
  /** Why this level: the precedent or the CVSS vector. */
  why: string;
}

export const SECURITY_SEVERITY: Readonly<Record<string, SecuritySeverity>> = {
  // Critical: a committed credential is usable by anyone who can read the repository or the package.
  'backlint/no-hardcoded-secrets': { score: '9.8', cwe: ['CWE-798'], why: 'CodeQL js/hardcoded-credentials (9.8)' },
  // A deserialiser that runs code is remote code execution for whoever writes the data.
  'backlint/no-unsafe-deserialization': { score: '9.8', cwe: ['CWE-502'], why: 'CodeQL js/unsafe-deserialization (9.8)' },
  'backlint/no-xxe': { score: '9.1', cwe: ['CWE-611', 'CWE-827'], why: 'CodeQL js/xxe (9.1)' },

  'backlint/no-command-injection': { score: '9.8', cwe: ['CWE-78', 'CWE-88'], why: 'CodeQL js/command-line-injection (9.8)' },
  'backlint/no-code-injection': { score: '9.3', cwe: ['CWE-94', 'CWE-95'], why: 'CodeQL js/code-injection (9.3)' },
  'backlint/no-ssrf': { score: '9.1', cwe: ['CWE-918'], why: 'CodeQL js/request-forgery (9.1)' },

  // High.
  // NoSQL operator injection is part of CodeQL's js/sql-injection query (CWE-943).
  'backlint/no-nosql-injection': { score: '8.8', cwe: ['CWE-943'], why: 'CodeQL js/sql-injection (8.8)' },
  'backlint/no-path-traversal': { score: '7.5', cwe: ['CWE-22', 'CWE-23'], why: 'CodeQL js/path-injection (7.5)' },
  'backlint/require-parameterized-queries': { score: '8.8', cwe: ['CWE-89'], why: 'CodeQL js/sql-injection (8.8)' },
  'backlint/require-csrf-protection': { score: '8.8', cwe: ['CWE-352'], why: 'CodeQL js/missing-token-validation (8.8)' },
  'backlint/require-strong-password-hash': { score: '8.1', cwe: ['CWE-916'], why: 'CodeQL js/insufficient-password-hash (8.1)' },
  'backlint/no-insecure-random': { score: '7.8', cwe: ['CWE-338'], why: 'CodeQL js/insecure-randomness (7.8)' },
  // decode() alone or an unpinned algorithm accepts forged tokens: CodeQL scores missing JWT
  // verification 7.0 (js/jwt-missing-verification) to 7.8 (java/missing-jwt-signature-check);
  // the upper one, since a token that is never verified is an authentication bypass outright.
  'backlint/no-unsafe-jwt-verification': { score: '7.8', cwe: ['CWE-347'], why: 'CodeQL java/missing-jwt-signature-check (7.8)' },
  'backlint/no-disabled-tls-verification': { score: '7.5', cwe: ['CWE-295'], why: 'CodeQL js/disabling-certificate-validation (7.5)' },
  'backlint/no-permissive-cors': { score: '7.5', cwe: ['CWE-942', 'CWE-346'], why: 'CodeQL js/cors-misconfiguration-for-credentials (7.5)' },
  'backlint/no-sensitive-data-in-logs': { score: '7.5', cwe: ['CWE-532', 'CWE-312'], why: 'CodeQL js/clear-text-logging (7.5)' },
  'backlint/require-auth-rate-limit': { score: '7.5', cwe: ['CWE-307', 'CWE-770'], why: 'CodeQL js/missing-rate-limiting (7.5)' },

  // Medium: the weakness needs another step before it is exploited.
  'backlint/no-open-redirect': { score: '6.1', cwe: ['CWE-601'], why: 'CodeQL js/server-side-unvalidated-url-redirection (6.1)' },
  'backlint/no-prototype-pollution': { score: '6.1', cwe: ['CWE-1321', 'CWE-915'], why: 'CodeQL js/prototype-pollution (6.1)' },
  // Fields the client must not set (role, owner) are written: integrity, by any signed-in user.
  'backlint/no-mass-assignment': { score: '6.5', cwe: ['CWE-915'], why: 'CVSS AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N (6.5)' },
  // A document's operation without a security requirement: the implementation may still check
  // credentials, so this is the contract publishing an open operation rather than proven missing
  // authentication (which would be 9.1). AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N.
  'backlint/require-operation-security': { score: '5.9', cwe: ['CWE-306'], why: 'CVSS AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N (5.9)' },
  // Credentials sent in cleartext or in URLs (query API keys, Basic, implicit flow) are read by
  // whoever sits on the path or reads the logs: AC:H for that position.
  'backlint/https-only': { score: '5.9', cwe: ['CWE-319'], why: 'CVSS AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N (5.9)' },
  'backlint/secure-auth-schemes': { score: '5.9', cwe: ['CWE-598', 'CWE-522'], why: 'CVSS AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N (5.9)' },
  // A token that never expires keeps working once stolen: AC:H for the theft it needs first.
  'backlint/require-jwt-expiry': { score: '5.9', cwe: ['CWE-613'], why: 'CVSS AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N (5.9)' },
  'backlint/no-leaked-error-details': { score: '5.4', cwe: ['CWE-209'], why: 'CodeQL js/stack-trace-exposure (5.4)' },
  'backlint/require-secure-cookies': { score: '5.0', cwe: ['CWE-614', 'CWE-1004'], why: 'CodeQL js/clear-text-cookie (5.0)' },
  // Missing browser protections (framing, sniffing, downgrade) are a second layer: an attack needs
  // a victim's visit (UI:R) and another flaw or position to exploit (AC:H).
  'backlint/require-security-headers': { score: '4.2', cwe: ['CWE-693', 'CWE-1021'], why: 'CVSS AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N (4.2)' },
};

/** GitHub's level names for a score. */
export function severityLevel(score: string): 'critical' | 'high' | 'medium' | 'low' {
  const n = Number(score);
  return n > 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : 'low';
}
