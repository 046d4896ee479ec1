/**
 * Credential shapes, by provider. Most modern tokens carry a vendor prefix (ghp_, sk-ant-,
 * xoxb-, glpat-…) precisely so that scanners can find them without false positives; those are
 * matched exactly, with the documented length. Older or prefix-less secrets (AWS secret keys,
 * passwords in config) need their surrounding assignment, see secrets.ts.
 *
 * score: 0.9+ for a provider-specific shape; identifiers that are not secrets on their own
 * (client IDs, account IDs, bucket names) are reported at 0.35 — visible, never acted on by the
 * default threshold.
 */

/** hint: a lower-case literal every match contains, checked first so that most rules cost one indexOf. */
export type SecretRule = {
  type: string;
  re: RegExp;
  score: number;
  group?: number;
  hint?: string;
  check?: (m: RegExpMatchArray) => boolean;
};

export const SECRET_RULES: SecretRule[] = [
  // cloud: AWS
  { type: "aws_access_key", re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, score: 0.9 },
  {
    type: "aws_secret_key",
    re: /aws[\w.-]{0,20}?(?:secret|sec)[\w.-]{0,20}?["'`]?\s*(?:[:=]|=>|:=)\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    score: 0.95,
    group: 1,
  },
  {
    type: "aws_session_token",
    hint: "session",
    re: /aws[\w.-]{0,10}session[\w.-]{0,10}token["'`]?\s*(?:[:=]|=>)\s*["'`]?([A-Za-z0-9/+=]{100,})/gi,
    score: 0.9,
    group: 1,
  },
  {
    type: "aws_mws_token",
    hint: "amzn.mws",
    re: /\bamzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
    score: 0.9,
  },
  { type: "aws_appsync_key", hint: "da2-", re: /\bda2-[a-z0-9]{26}\b/g, score: 0.85 },
  { type: "cloud_identifier", hint: "arn:aws", re: /\barn:aws[\w-]{0,20}:[\w-]{1,40}:[\w-]{0,30}:\d{0,12}:[^\s"'`,]+/g, score: 0.35 },
  // bucket names are at most 63 characters: bounded repeats keep inputs like "a.a.a.a…" linear
  {
    type: "cloud_identifier",
    hint: "amazonaws",
    re: /(?<![a-z0-9.-])(?:[a-z0-9][a-z0-9.-]{0,62}\.s3(?:[.-][a-z0-9-]{1,20})?\.amazonaws\.com(?![\w/-]{0,200}\/[\w-])|s3(?:[.-][a-z0-9-]{1,20})?\.amazonaws\.com\/[a-z0-9._-]{3,63}(?![\w/]))/g,
    score: 0.35,
  },
  {
    type: "cloud_identifier",
    hint: "googleapis",
    re: /(?<![a-z0-9.-])(?:[a-z0-9][a-z0-9.-]{0,62}\.storage\.googleapis\.com(?!\/)|storage\.googleapis\.com\/[a-z0-9._-]{3,63}\/?)/g,
    score: 0.35,
  },
  { type: "cloud_identifier", hint: "account", re: /aws_?account_?id["'`]?\s*[:=]\s*["'`]?(\d{12})\b/gi, score: 0.35, group: 1 },

  // cloud: Google
  { type: "gcp_service_account", hint: "service_account", re: /"type"\s*:\s*"service_account"/g, score: 0.9 },
  { type: "google_api_key", hint: "aiza", re: /\bAIza[0-9A-Za-z_-]{35}/g, score: 0.9 },
  { type: "google_oauth_secret", hint: "gocspx", re: /\bGOCSPX-[A-Za-z0-9_-]{28}/g, score: 0.95 },
  { type: "google_oauth_token", hint: "ya29.", re: /\bya29\.[0-9A-Za-z_-]{20,}/g, score: 0.9 },
  { type: "google_client_id", hint: "googleusercontent", re: /\b\d{10,14}-[a-z0-9]{32}\.apps\.googleusercontent\.com\b/g, score: 0.35 },

  // cloud: Azure
  {
    type: "azure_storage_key",
    hint: "key",
    re: /\b(?:AccountKey|SharedAccessKey)\s*=\s*([A-Za-z0-9+/]{30,}={0,2})/g,
    score: 0.95,
    group: 1,
  },
  {
    type: "azure_connection_string",
    hint: "azconfig",
    re: /(?:\bEndpoint=)?https:\/\/[\w.-]+\.azconfig\.io;Id=[^;\s]{4,};Secret=[A-Za-z0-9+/]{20,}={0,2}/g,
    score: 0.95,
  },
  { type: "azure_devops_pat", hint: "azdo", re: /(?<![A-Za-z0-9])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/g, score: 0.9 },
  { type: "azure_client_secret", re: /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g, score: 0.85 },
  {
    type: "azure_teams_webhook",
    hint: "webhook",
    re: /https:\/\/[\w.-]*(?:outlook\.office(?:365)?\.com|webhook\.office\.com)\/webhook(?:b2)?\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/g,
    score: 0.85,
  },

  // payment
  { type: "stripe_key", re: /\b(?:sk|rk)_live_[0-9a-zA-Z]{16,}/g, score: 0.97 },
  { type: "stripe_key", re: /\b(?:sk|rk)_test_[0-9a-zA-Z]{16,}/g, score: 0.7 },
  { type: "stripe_webhook_secret", hint: "whsec_", re: /\bwhsec_[A-Za-z0-9+/]{24,}/g, score: 0.95 },
  { type: "square_token", re: /\b(?:sq0atp|sq0csp|EAAA)-?[0-9A-Za-z_-]{22,60}/g, score: 0.9 },
  { type: "shopify_token", hint: "shp", re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, score: 0.95 },

  // version control & CI
  { type: "github_token", re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,76}\b/g, score: 0.97 },
  { type: "github_token", hint: "github_pat_", re: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g, score: 0.97 },
  { type: "gitlab_token", re: /\b(?:glpat|gldt|glrt|glcbt|glptt|glsoat|glffct)-[A-Za-z0-9_-]{20,64}\b/g, score: 0.95 },
  { type: "gitlab_token", hint: "gr1348941", re: /\bGR1348941[A-Za-z0-9_-]{20}\b/g, score: 0.95 },
  { type: "bitbucket_token", hint: "atbb", re: /\bATBB[A-Za-z0-9_=.-]{28,}/g, score: 0.9 },
  { type: "atlassian_token", hint: "atatt3", re: /\bATATT3[A-Za-z0-9_=-]{150,}/g, score: 0.9 },
  { type: "npm_token", hint: "npm_", re: /\bnpm_[A-Za-z0-9]{36}\b/g, score: 0.95 },
  { type: "pypi_token", hint: "pypi-", re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g, score: 0.97 },
  { type: "rubygems_token", hint: "rubygems_", re: /\brubygems_[a-f0-9]{48}\b/g, score: 0.95 },
  { type: "crates_token", hint: "cio", re: /\bcio[a-zA-Z0-9]{32}\b/g, score: 0.8 },
  { type: "docker_token", hint: "dckr_pat_", re: /\bdckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g, score: 0.95 },
  { type: "artifactory_token", hint: "akc", re: /\bAKC[pP][A-Za-z0-9]{60,}/g, score: 0.9 },
  {
    type: "sonarqube_token",
    hint: "sonar",
    re: /sonar[\w.]*login[\w'"\s,=:-]{0,8}?\b([0-9a-f]{40})\b|\bsonarLogin\s*=\s*["']([0-9a-f]{40})["']/gi,
    score: 0.85,
  },
  {
    type: "codeclimate_token",
    hint: "c",
    re: /\b(?:CODECLIMATE_REPO_TOKEN|CC_TEST_REPORTER_ID)\s*[:=]\s*["']?([0-9a-f]{64})\b/g,
    score: 0.85,
    group: 1,
  },
  {
    type: "jenkins_token",
    hint: "jenkins",
    re: /\bjenkins[\w-]{0,20}?(?:token|crumb|passwd|password|pass)["'`]?\s*[:=]\s*["'`]?([0-9a-f]{34}|[0-9a-f-]{36})\b|\bJenkins-Crumb:\s*([0-9a-f]{32,64})/gi,
    score: 0.85,
  },
  { type: "databricks_token", hint: "dapi", re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g, score: 0.9 },
  { type: "dependency_track_key", hint: "odt_", re: /\bodt_[A-Za-z0-9]{32,40}\b/g, score: 0.9 },
  { type: "sourcegraph_token", hint: "sgp_", re: /\bsgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}\b/g, score: 0.9 },
  { type: "segment_token", hint: "sgp_", re: /\bsgp_[A-Za-z0-9]{64}\b/g, score: 0.9 },
  { type: "postman_key", hint: "pmak-", re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g, score: 0.95 },
  {
    type: "teamcity_token",
    hint: "eyj0exaioiaivenwmij9",
    re: /\beyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g,
    score: 0.9,
  },
  { type: "stackhawk_key", hint: "hawk.", re: /\bhawk\.[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]{20}\b/g, score: 0.9 },
  { type: "doppler_token", hint: "dp.", re: /\bdp\.(?:ct|pt|st(?:\.[a-z0-9_-]{2,35})?|sa|scim|audit)\.[A-Za-z0-9]{40,44}\b/g, score: 0.95 },
  { type: "vault_token", re: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, score: 0.9 },
  { type: "vault_token", re: /vault[\w-]{0,20}token["'`]?(?:\s*[:=]\s*|\s+)["'`]?([sbr]\.[A-Za-z0-9_-]{24,})/gi, score: 0.9, group: 1 },
  {
    type: "vault_token",
    re: /\bUnseal Key \d+:\s*([A-Za-z0-9+/]{40,}={0,2})|\bvault operator unseal\s+([A-Za-z0-9+/]{40,}={0,2})/g,
    score: 0.9,
  },
  {
    type: "kubernetes_bootstrap_token",
    hint: "token",
    re: /\b(?:bootstrap[\w-]{0,10}token["'`]?\s*[:=]?\s*["'`]?|--tls-bootstrap-token\s+)([a-z0-9]{6}\.[a-z0-9]{16})\b|\btoken-id:\s*[a-z0-9]{6}\s+token-secret:\s*[a-z0-9]{16}\b/gi,
    score: 0.9,
  },
  {
    type: "heroku_key",
    hint: "heroku",
    re: /\bheroku[\w-]{0,20}?(?:key|token)["'`]?\s*[:=]\s*["'`]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi,
    score: 0.9,
    group: 1,
  },

  { type: "nuget_key", hint: "oy2", re: /\boy2[a-z0-9]{43}\b/g, score: 0.9 },
  {
    type: "okta_token",
    hint: "00",
    // exactly 42 characters: a longer run is something else (a hash, a padded fake), not an Okta token
    re: /\bSSWS\s+(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])|okta[\w-]{0,20}(?:token|key|secret)["'`]?\s*[:=]\s*["'`]?(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/gi,
    score: 0.9,
  },

  // chat, mail, SaaS
  { type: "slack_token", hint: "xox", re: /\bxox[abposre]-(?:[0-9]+-)+[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]+)*/g, score: 0.95 },
  { type: "slack_token", hint: "xapp-", re: /\bxapp-[0-9]+-[A-Za-z0-9/+_-]{20,}/g, score: 0.95 },
  {
    type: "slack_webhook",
    hint: "hooks.slack.com",
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,}/g,
    score: 0.9,
  },
  { type: "sendgrid_key", hint: "sg.", re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, score: 0.97 },
  { type: "mailgun_key", hint: "key-", re: /\bkey-[0-9a-f]{32}\b/g, score: 0.85 },
  { type: "mailchimp_key", hint: "-us", re: /\b[0-9a-f]{32}-us\d{1,2}\b/g, score: 0.9 },
  {
    type: "postmark_token",
    hint: "postmark",
    re: /postmark[\w-]{0,25}["'`]?\s*[:=]\s*["'`]([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|X-Postmark-Server-Token["']?\s*[:=]\s*["']([0-9a-f-]{36})/gi,
    score: 0.85,
  },
  { type: "twilio_key", re: /\bSK[0-9a-f]{32}\b/g, score: 0.85 },
  { type: "twilio_key", re: /\bAC[0-9a-f]{32}\b/g, score: 0.35 },
  { type: "telegram_bot_token", hint: ":aa", re: /\b\d{8,10}:AA[A-Za-z0-9_-]{32,33}(?![A-Za-z0-9_-])/g, score: 0.9 },
  { type: "facebook_token", re: /\bEAA[CB]EdEose0cBA[0-9A-Za-z]{20,}/g, score: 0.9 },
  {
    type: "facebook_token",
    hint: "f",
    re: /\b(?:fb|facebook)[\w.]{0,20}?(?:key|secret)["'`]?\s*[:=]\s*["'`]([0-9a-f]{32})["'`]/gi,
    score: 0.85,
    group: 1,
  },
  { type: "dropbox_token", hint: "sl.", re: /\bsl\.[A-Za-z0-9_-]{130,}/g, score: 0.9 },
  { type: "digitalocean_token", hint: "_v1_", re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g, score: 0.95 },
  {
    type: "newrelic_key",
    re: /\bNRAK-[A-Z0-9]{27}\b|\bNRAA-[a-f0-9]{27}\b|\bNRI[IQ]-[A-Za-z0-9_-]{32}\b|\bNR(?:RA|JS|SP)-[A-Za-z0-9]{19,42}\b|\b(?:[a-z]{2}\d{2}xx)?[0-9a-f]{30,36}NRAL\b/g,
    score: 0.9,
  },
  { type: "newrelic_key", re: /\bpx-(?:api|dep)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, score: 0.9 },
  {
    type: "newrelic_key",
    hint: "key",
    re: /\b(?:new_?relic|nr)[\w-]{0,20}?(?:license|insert|query|api)?[\w-]{0,10}?key["'`]?\s*[:=]\s*["'`]?((?:[0-9a-f]{36}NRAL)|[0-9a-f]{40}|(?:NRII|NRIQ)-[A-Za-z0-9_-]{32})\b/gi,
    score: 0.85,
    group: 1,
  },
  { type: "mapbox_token", hint: ".eyj", re: /\b[st]k\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g, score: 0.9 },
  { type: "mapbox_token", hint: ".eyj", re: /\bpk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g, score: 0.35 },
  { type: "twitch_stream_key", hint: "live_", re: /\blive_\d{6,12}_[A-Za-z0-9]{30}\b/g, score: 0.9 },
  {
    type: "figma_token",
    hint: "fig",
    re: /\bfigd_[A-Za-z0-9_-]{40}\b|X-Figma-Token:\s*(\d{3,5}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g,
    score: 0.9,
  },
  { type: "adafruit_key", hint: "aio_", re: /\baio_[A-Za-z0-9]{28}\b/g, score: 0.9 },
  { type: "adobe_secret", hint: "p8e-", re: /\bp8e-[A-Za-z0-9_-]{32}\b/g, score: 0.9 },
  { type: "salesforce_token", re: /\b00[A-Za-z0-9]{13}![A-Za-z0-9_.]{80,}/g, score: 0.9 },
  {
    type: "blynk_token",
    hint: "blynk",
    re: /blynk\.cloud\/external\/api\/[\w/]*\?token=([A-Za-z0-9_-]{32})|\boa2-client-id_[A-Za-z0-9_-]{32}:[A-Za-z0-9]{40}/g,
    score: 0.9,
  },
  {
    type: "thingsboard_token",
    hint: "thingsboard",
    re: /thingsboard\.cloud\/api\/v1\/([a-z0-9]{20})\b|"provisionDevice(?:Key|Secret)"\s*:\s*"([a-z0-9]{20})"/g,
    score: 0.85,
  },
  { type: "truenas_key", re: /\b\d{1,4}-[A-Za-z0-9]{64}\b/g, score: 0.85 },
  { type: "nasa_key", hint: "api.nasa.gov", re: /api\.nasa\.gov\/[\w/]*\?(?:[\w=&]*&)?api_key=([A-Za-z0-9]{40})/g, score: 0.85 },
  {
    type: "kagi_key",
    hint: "kagi",
    re: /\b[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{42,43}\b/g,
    score: 0.85,
    check: (m) => /kagi/i.test(m.input!.slice(Math.max(0, m.index! - 60), m.index!)),
  },
  { type: "shopify_domain", hint: "myshopify", re: /\b[a-z0-9][a-z0-9-]*\.myshopify\.com\b/g, score: 0.35 },

  // LLM vendors
  { type: "anthropic_key", hint: "sk-ant-", re: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{80,}/g, score: 0.98 },
  { type: "anthropic_key", hint: "sk-ant-", re: /\bsk-ant-[A-Za-z0-9_-]{32,}/g, score: 0.95 },
  {
    type: "openai_key",
    hint: "sk-",
    re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
    score: 0.98,
  },
  { type: "openai_key", hint: "sk-", re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g, score: 0.95 },
  { type: "openai_key", hint: "sk-", re: /\bsk-[A-Za-z0-9]{48}\b/g, score: 0.9 },
  { type: "huggingface_token", re: /\b(?:hf_|api_org_)[A-Za-z0-9]{34,}\b/g, score: 0.95 },
  { type: "groq_key", hint: "gsk_", re: /\bgsk_[A-Za-z0-9]{52}\b/g, score: 0.95 },
  { type: "tavily_key", hint: "tvly-", re: /\btvly-(?:dev-)?[A-Za-z0-9]{32}\b/g, score: 0.9 },
  { type: "jina_key", hint: "jina_", re: /\bjina_[a-f0-9]{32}[A-Za-z0-9_-]{28}\b/g, score: 0.9 },
  { type: "firecrawl_key", hint: "fc-", re: /\bfc-[a-f0-9]{32}\b/g, score: 0.9 },

  // keys, hashes, tokens
  {
    type: "private_key",
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g,
    score: 0.99,
  },
  {
    type: "private_key",
    re: /\bLS0tLS1CRUdJTi[A-Za-z0-9+/=]{40,}/g,
    score: 0.9,
    check: (m) => /PRIVATE KEY/.test(safeAtob(m[0].slice(0, 80))),
  },
  { type: "private_key", re: /\bPuTTY-User-Key-File-\d: [\s\S]{0,400}?Private-Lines: \d+/g, score: 0.95 },
  { type: "private_key", re: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g, score: 0.97 },
  { type: "private_key", re: /\b(?:PrivateKey|PresharedKey)\s*=\s*([A-Za-z0-9+/]{43}=)/g, score: 0.95, group: 1 },
  {
    type: "password_hash",
    hint: "$",
    re: /\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}|\$1\$[^$\s]{1,8}\$[./A-Za-z0-9]{22}|\$5\$(?:rounds=\d+\$)?[^$\s]{1,16}\$[./A-Za-z0-9]{43}|\$6\$(?:rounds=\d+\$)?[^$\s]{1,16}\$[./A-Za-z0-9]{86}|\$8\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}|\$krb5asrep\$23\$[^\s$]*\$?[0-9a-f]{32}\$[0-9a-f]{64,}/g,
    score: 0.8,
  },
  {
    type: "jwt",
    hint: "eyj",
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/g,
    score: 0.85,
    check: (m) => /"(?:alg|typ)"/.test(safeAtob(m[0].slice(0, m[0].indexOf(".")))),
  },
  {
    type: "grafana_token",
    re: /\beyJrIjoi[A-Za-z0-9+/_-]{50,}={0,2}|\bglc_[A-Za-z0-9+/_-]{32,}={0,2}|\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b/g,
    score: 0.9,
  },
  { type: "auth_header", hint: "basic", re: /\bAuthorization:\s*Basic\s+([A-Za-z0-9+/]{8,}={0,2})/gi, score: 0.85, group: 1 },
  { type: "auth_header", hint: "bearer", re: /\bAuthorization:\s*Bearer\s+([A-Za-z0-9._~+/-]{8,}=*)/gi, score: 0.8, group: 1 },
  { type: "auth_header", hint: "bearer", re: /\bBearer:\s*([A-Za-z0-9._~+/-]{20,}=*)/g, score: 0.8, group: 1 },
  { type: "auth_header", hint: "authorization", re: /\bAuthorization:\s*(?:rubygems_)?([0-9a-f]{48})/g, score: 0.8, group: 1 },
  {
    type: "token_in_url",
    hint: "=",
    re: /[?&](?:access_token|api_key|apikey|token|auth|key)=([A-Za-z0-9._~+/-]{16,})/g,
    score: 0.8,
    group: 1,
    check: (m) => !/^(?:[A-Z_]+|x+|\$\{?\w+\}?)$/i.test(m[1]!),
  },

  // credentials in connection strings and command lines
  {
    type: "connection_string",
    re: /\b(?:mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mariadb|redis|rediss|amqps?|mssql|sqlserver|jdbc:[a-z]+|ftp|sftp|smtp|ldap|git\+https?|https?):\/\/(?!\$|\{|%2F)[^\s:@/'"`]+:(?!\$|\{|\*+@|<)[^\s@/'"`]+@(?![%/])[^\s'"`]+/g,
    score: 0.85,
  },
  { type: "connection_string", re: /\b(?:Password|Pwd)=(?!\$|\{|<|\[|#\{|#+[;'"\s])[^;'"\s<>]{3,}(?=;|'|"|\s|$)/g, score: 0.85 },
  { type: "connection_string", re: /\bmachine\s+\S+\s+login\s+\S+\s+password\s+\S+/g, score: 0.85 },
  { type: "connection_string", re: /\bpsexec(?:\.exe)?\b[^\n]{0,120}?\s-p\s+(\S+)/gi, score: 0.8, group: 1 },
  { type: "connection_string", re: /\bConnect-VIServer\b[^\n]{0,160}?-Password\s+(\S+)/gi, score: 0.8, group: 1 },
  {
    type: "connection_string",
    re: /\b(?:NetworkCredential|DirectoryEntry)\(\s*"[^"]*"\s*,\s*"[^"]*"\s*,\s*"([^"]+)"|\bNetworkCredential\(\s*"[^"]*"\s*,\s*"([^"]+)"/g,
    score: 0.85,
  },
  { type: "connection_string", re: /\bcredentials\s*\{\s*username\s+["'][^"']+["']\s+password\s+["']([^"']+)["']/g, score: 0.8, group: 1 },
];

function safeAtob(s: string): string {
  try {
    const b = s.replace(/-/g, "+").replace(/_/g, "/");
    return atob(b + "===".slice(0, (4 - (b.length % 4)) % 4));
  } catch {
    return "";
  }
}
