/**
 * Every rule backlint ships, generated from the files in this folder by
 * scripts/generate-rules-index.mjs (run by `npm run build` and `npm run typecheck`): do not edit.
 * The plugin, the Spectral ruleset, `backlint rules` and the README table are all built from it.
 */
import type { BacklintRule } from '../src/rule.js';
import consistentErrorSchema from './consistent-error-schema.js';
import consistentPropertyCasing from './consistent-property-casing.js';
import httpStatusSemantics from './http-status-semantics.js';
import httpsOnly from './https-only.js';
import kebabCasePaths from './kebab-case-paths.js';
import noAmbiguousPaths from './no-ambiguous-paths.js';
import noCodeInjection from './no-code-injection.js';
import noCommandInjection from './no-command-injection.js';
import noDisabledTlsVerification from './no-disabled-tls-verification.js';
import noGetSideEffects from './no-get-side-effects.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noInsecureRandom from './no-insecure-random.js';
import noInvalidStatusCode from './no-invalid-status-code.js';
import noLeakedErrorDetails from './no-leaked-error-details.js';
import noMassAssignment from './no-mass-assignment.js';
import noNosqlInjection from './no-nosql-injection.js';
import noOpenRedirect from './no-open-redirect.js';
import noPathTraversal from './no-path-traversal.js';
import noPermissiveCors from './no-permissive-cors.js';
import noPrototypePollution from './no-prototype-pollution.js';
import noQueryInLoop from './no-query-in-loop.js';
import noSensitiveDataInLogs from './no-sensitive-data-in-logs.js';
import noSsrf from './no-ssrf.js';
import noSuccessStatusOnError from './no-success-status-on-error.js';
import noSwallowedErrors from './no-swallowed-errors.js';
import noSyncIoInHandler from './no-sync-io-in-handler.js';
import noUnsafeDeserialization from './no-unsafe-deserialization.js';
import noUnsafeJwtVerification from './no-unsafe-jwt-verification.js';
import noVerbsInPaths from './no-verbs-in-paths.js';
import noXxe from './no-xxe.js';
import pluralResourceNames from './plural-resource-names.js';
import requireApiVersion from './require-api-version.js';
import requireAuthRateLimit from './require-auth-rate-limit.js';
import requireCacheHeaders from './require-cache-headers.js';
import requireCsrfProtection from './require-csrf-protection.js';
import requireErrorResponses from './require-error-responses.js';
import requireExamples from './require-examples.js';
import requireIdempotencyKey from './require-idempotency-key.js';
import requireInputValidation from './require-input-validation.js';
import requireJwtExpiry from './require-jwt-expiry.js';
import requireOperationDocs from './require-operation-docs.js';
import requireOperationSecurity from './require-operation-security.js';
import requirePagination from './require-pagination.js';
import requireParameterizedQueries from './require-parameterized-queries.js';
import requireQueryTimeout from './require-query-timeout.js';
import requireRateLimitResponses from './require-rate-limit-responses.js';
import requireRequestId from './require-request-id.js';
import requireResponseEnvelope from './require-response-envelope.js';
import requireSecureCookies from './require-secure-cookies.js';
import requireSecurityHeaders from './require-security-headers.js';
import requireSizeLimits from './require-size-limits.js';
import requireStrongPasswordHash from './require-strong-password-hash.js';
import secureAuthSchemes from './secure-auth-schemes.js';
import specDrift from './spec-drift.js';
import validExamples from './valid-examples.js';

export const allRules: readonly BacklintRule[] = [
  consistentErrorSchema,
  consistentPropertyCasing,
  httpStatusSemantics,
  httpsOnly,
  kebabCasePaths,
  noAmbiguousPaths,
  noCodeInjection,
  noCommandInjection,
  noDisabledTlsVerification,
  noGetSideEffects,
  noHardcodedSecrets,
  noInsecureRandom,
  noInvalidStatusCode,
  noLeakedErrorDetails,
  noMassAssignment,
  noNosqlInjection,
  noOpenRedirect,
  noPathTraversal,
  noPermissiveCors,
  noPrototypePollution,
  noQueryInLoop,
  noSensitiveDataInLogs,
  noSsrf,
  noSuccessStatusOnError,
  noSwallowedErrors,
  noSyncIoInHandler,
  noUnsafeDeserialization,
  noUnsafeJwtVerification,
  noVerbsInPaths,
  noXxe,
  pluralResourceNames,
  requireApiVersion,
  requireAuthRateLimit,
  requireCacheHeaders,
  requireCsrfProtection,
  requireErrorResponses,
  requireExamples,
  requireIdempotencyKey,
  requireInputValidation,
  requireJwtExpiry,
  requireOperationDocs,
  requireOperationSecurity,
  requirePagination,
  requireParameterizedQueries,
  requireQueryTimeout,
  requireRateLimitResponses,
  requireRequestId,
  requireResponseEnvelope,
  requireSecureCookies,
  requireSecurityHeaders,
  requireSizeLimits,
  requireStrongPasswordHash,
  secureAuthSchemes,
  specDrift,
  validExamples,
];
