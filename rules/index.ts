/**
 * Every rule backlint ships. A rule lands in the catalog by being listed here; the plugin, the
 * Spectral ruleset, `backlint rules` and the README table are all built from this list.
 * Keep it sorted by id; one import line and one array entry per rule.
 */
import type { BacklintRule } from '../src/rule.js';
import noDisabledTlsVerification from './no-disabled-tls-verification.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noInvalidStatusCode from './no-invalid-status-code.js';
import noPermissiveCors from './no-permissive-cors.js';

export const allRules: readonly BacklintRule[] = [
  noDisabledTlsVerification,
  noHardcodedSecrets,
  noInvalidStatusCode,
  noPermissiveCors,
];
