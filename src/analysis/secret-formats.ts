/**
 * Provider token formats, as data: what each vendor documents (or what gitleaks' rule list records)
 * about its credentials' fixed prefix, alphabet and length. Facts, not anyone's code.
 *
 * Every pattern is linear: a fixed prefix (or a fixed marker after a bounded run), then bounded
 * character classes separated by fixed characters outside them, and no nested quantifier
 * (test/security/redos.test.ts proves each with recheck). Every pattern must also match
 * `FORMAT_HINTS`, the one cheap test that most literals fail; each format has a test in
 * test/rules/no-hardcoded-secrets.test.ts.
 *
 * Left out on purpose: formats that are only recognisable next to a keyword (Twilio auth tokens,
 * Mailgun keys, Heroku UUID keys, Algolia, Okta…: a bare 32-hex or UUID value is a hash or an id),
 * publishable/public keys (Stripe `pk_`, New Relic browser `NRJS-`), and test-mode keys
 * (`sk_test_`, `shippo_test_`, `FLWSECK_TEST-`): they reach only a sandbox, and vendors print them
 * in their documentation.
 */

export interface ProviderFormat {
  /** Human label used in messages. */
  kind: string;
  re: RegExp;
}

export const PROVIDER_FORMATS: readonly ProviderFormat[] = [
  // Source hosting, registries, CI/CD
  { kind: 'GitLab personal access token', re: /\bglpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  { kind: 'GitLab deploy token', re: /\bgldt-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  { kind: 'GitLab runner token', re: /\bglrt-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  { kind: 'GitLab pipeline trigger token', re: /\bglptt-[0-9a-f]{40}\b/ },
  { kind: 'GitLab runner registration token', re: /\bGR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  { kind: 'PyPI upload token', re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { kind: 'RubyGems API key', re: /\brubygems_[0-9a-f]{48}\b/ },
  { kind: 'Clojars deploy token', re: /\bCLOJARS_[a-z0-9]{60}\b/ },
  { kind: 'Docker Hub personal access token', re: /\bdckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/ },
  { kind: 'Buildkite API token', re: /\bbkua_[a-z0-9]{40}\b/ },
  { kind: 'Postman API key', re: /\bPMAK-[0-9a-f]{24}-[0-9a-f]{34}\b/ },
  { kind: 'Sourcegraph access token', re: /\bsgp_[0-9a-f]{40}\b/ },
  { kind: 'Octopus Deploy API key', re: /\bAPI-[A-Z0-9]{26}\b/ },
  { kind: 'Harness access token', re: /\bpat\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}\b/ },
  { kind: 'Infracost API key', re: /\bico-[A-Za-z0-9]{32}\b/ },
  { kind: 'ReadMe API key', re: /\brdme_[a-z0-9]{70}\b/ },
  { kind: 'Linear API key', re: /\blin_api_[A-Za-z0-9]{40}\b/ },
  { kind: 'Atlassian API token', re: /\bATATT3[A-Za-z0-9_=-]{186}/ },
  { kind: 'Typeform personal access token', re: /\btfp_[A-Za-z0-9_.=-]{59}/ },
  { kind: 'Notion integration token', re: /\bsecret_[A-Za-z0-9]{43}\b/ },
  { kind: 'Notion integration token', re: /\bntn_\d{11}[A-Za-z0-9]{35}\b/ },
  { kind: 'Airtable personal access token', re: /\bpat[A-Za-z0-9]{14}\.[0-9a-f]{64}\b/ },
  { kind: 'Frame.io API token', re: /\bfio-u-[A-Za-z0-9_=-]{64}/ },
  // Cloud and infrastructure
  { kind: 'DigitalOcean token', re: /\bdo[opr]_v1_[0-9a-f]{64}\b/ },
  { kind: 'Doppler token', re: /\bdp\.(?:pt|st|sa|scim|audit|ct)\.[A-Za-z0-9]{40,44}\b/ },
  { kind: 'HashiCorp Vault token', re: /\bhv[sb]\.[A-Za-z0-9_-]{90,300}/ },
  { kind: 'Terraform Cloud API token', re: /\b[a-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/ },
  { kind: 'Pulumi access token', re: /\bpul-[0-9a-f]{40}\b/ },
  { kind: 'Heroku API key', re: /\bHRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/ },
  { kind: 'Databricks access token', re: /\bdapi[0-9a-f]{32}\b/ },
  { kind: 'Alibaba Cloud AccessKey ID', re: /\bLTAI[A-Za-z0-9]{20}\b/ },
  { kind: 'Azure AD client secret', re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/ },
  { kind: 'Azure storage account key', re: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  { kind: 'Cloudflare origin CA key', re: /\bv1\.0-[0-9a-f]{24}-[0-9a-f]{146}\b/ },
  { kind: 'OpenShift user token', re: /\bsha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'PlanetScale token', re: /\bpscale_(?:pw|tkn|oauth)_[A-Za-z0-9_=.-]{32,64}/ },
  { kind: 'Prefect API key', re: /\bpnu_[A-Za-z0-9]{36}\b/ },
  { kind: 'Scalingo API token', re: /\btk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/ },
  { kind: '1Password secret key', re: /\bA3-[A-Z0-9]{6}-[A-Z0-9]{11}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b/ },
  { kind: 'age secret key', re: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/ },
  // Observability
  { kind: 'Grafana service account token', re: /\bglsa_[A-Za-z0-9]{32}_[0-9a-fA-F]{8}\b/ },
  { kind: 'Grafana Cloud API token', re: /\bglc_[A-Za-z0-9+/]{32,400}/ },
  { kind: 'Sentry user auth token', re: /\bsntryu_[0-9a-f]{64}\b/ },
  { kind: 'Sentry organization token', re: /\bsntrys_eyJpYXQiO[A-Za-z0-9+/=_]{50,}/ },
  { kind: 'New Relic user API key', re: /\bNRAK-[A-Z0-9]{27}\b/ },
  { kind: 'New Relic insert key', re: /\bNRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/ },
  { kind: 'Dynatrace API token', re: /\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b/ },
  // Payments and commerce
  { kind: 'Stripe webhook signing secret', re: /\bwhsec_[A-Za-z0-9+/=]{32,}/ },
  { kind: 'Shopify access token', re: /\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\b/ },
  { kind: 'Square access token', re: /\bsq0atp-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/ },
  { kind: 'Square OAuth secret', re: /\bsq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'Shippo live API token', re: /\bshippo_live_[0-9a-f]{40}\b/ },
  { kind: 'Flutterwave secret key', re: /\bFLWSECK-[0-9a-h]{32}-X\b/ },
  { kind: 'Duffel live API token', re: /\bduffel_live_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])/ },
  { kind: 'EasyPost API key', re: /\bEZAK[A-Za-z0-9]{54}\b/ },
  // Messaging and email
  { kind: 'Mailchimp API key', re: /\b[0-9a-f]{32}-us\d{1,2}\b/ },
  { kind: 'Brevo (Sendinblue) API key', re: /\bxkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16}\b/ },
  { kind: 'Slack app-level token', re: /\bxapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-z0-9]{64}\b/ },
  { kind: 'Telegram bot token', re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/ },
  { kind: 'Discord webhook URL', re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,}/ },
  // AI and data platforms
  { kind: 'Hugging Face access token', re: /\bhf_[A-Za-z]{34}\b/ },
  { kind: 'Groq API key', re: /\bgsk_[A-Za-z0-9]{52}\b/ },
  { kind: 'Perplexity API key', re: /\bpplx-[A-Za-z0-9]{48}\b/ },
  { kind: 'Replicate API token', re: /\br8_[A-Za-z0-9]{37}\b/ },
  { kind: 'xAI API key', re: /\bxai-[A-Za-z0-9]{80}\b/ },
  { kind: 'Mapbox secret token', re: /\bsk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/ },
  { kind: 'Adobe client secret', re: /\bp8e-[A-Za-z0-9]{32}\b/ },
  { kind: 'Intra42 client secret', re: /\bs-s4t2(?:ud|af)-[0-9a-f]{64}\b/ },
];

/**
 * One cheap test before the individual patterns: a fixed part of every format above and in
 * secrets.ts (most literals contain none). Grouped by first character, which makes the scan of a
 * literal about twice as fast as a flat list of ~85 alternatives. A new format adds its fixed part
 * here; its test in no-hardcoded-secrets.test.ts fails until it does.
 */
export const FORMAT_HINTS =
  /A(?:KIA|SIA|BIA|CCA|Iza|PI-|TATT3|GE-SECRET|3-|ccountKey=)|S(?:K[0-9a-f]|G\.)|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|rt|ptt|sa|c)[-_]|sk_)|n(?:pm_|tn_)|k_live_|x(?:ox|app-|ai-|keysib-)|hooks\.slack|sk-|sk\.eyJ|PRIVATE KEY|eyJ|GR1348941|p(?:ypi-|ul-|nu_|plx-|scale_|at\.|at[A-Za-z0-9]{14}\.|8e-)|r(?:ubygems_|dme_|8_)|CLOJARS_|d(?:ckr_pat_|p\.|api|t0c01\.|iscord|uffel_live_)|bkua_|PMAK-|s(?:gp_|ecret_|ha256~|ntry|hp(?:at|ca|pa|ss)_|q0|hippo_live_|-s4t2)|ico-|lin_api_|tfp_|fio-u-|_v1_|hv[sb]\.|\.atlasv1\.|HRKU-|LTAI|Q~|v1\.0-|tk-us-|NR(?:AK|II)-|whsec_|FLWSECK-|EZAK|-us\d|:AA|hf_/;
