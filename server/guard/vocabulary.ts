/**
 * Every finding type and reason code the guard can emit, by detector. The UI shows them through
 * messages/<locale>/guard.json ("types.<type>", "reasons.<reason>": a label and a one-line
 * explanation each); tests/guard/catalogue.test.ts proves that every code used by a rule table is
 * listed here and has both catalogue entries.
 */

import type { DetectorId } from "./types";

// prettier-ignore
export const GUARD_TYPES = {
  injection: ["instruction_override", "system_prompt_extraction", "dan_template", "role_play", "role_tag_spoofing", "obfuscation", "classifier"],
  pii: ["email", "credit_card", "iban", "cn_resident_id", "us_ssn", "phone", "ip_address"],
  secrets: [
    "aws_access_key", "aws_secret_key", "aws_session_token", "aws_mws_token", "aws_appsync_key", "cloud_identifier",
    "gcp_service_account", "google_api_key", "google_oauth_secret", "google_oauth_token", "google_client_id",
    "azure_storage_key", "azure_connection_string", "azure_devops_pat", "azure_client_secret", "azure_teams_webhook",
    "stripe_key", "stripe_webhook_secret", "square_token", "shopify_token", "shopify_domain",
    "github_token", "gitlab_token", "bitbucket_token", "atlassian_token", "npm_token", "pypi_token", "rubygems_token", "crates_token",
    "nuget_key", "docker_token", "artifactory_token", "sonarqube_token", "codeclimate_token", "jenkins_token", "databricks_token",
    "dependency_track_key", "sourcegraph_token", "segment_token", "postman_key", "teamcity_token", "stackhawk_key", "doppler_token",
    "vault_token", "kubernetes_bootstrap_token", "heroku_key", "okta_token",
    "slack_token", "slack_webhook", "sendgrid_key", "mailgun_key", "mailchimp_key", "postmark_token", "twilio_key", "telegram_bot_token",
    "facebook_token", "dropbox_token", "digitalocean_token", "newrelic_key", "mapbox_token", "twitch_stream_key", "figma_token",
    "adafruit_key", "adobe_secret", "salesforce_token", "blynk_token", "thingsboard_token", "truenas_key", "nasa_key", "kagi_key",
    "anthropic_key", "openai_key", "huggingface_token", "groq_key", "tavily_key", "jina_key", "firecrawl_key",
    "private_key", "password_hash", "jwt", "grafana_token", "auth_header", "token_in_url", "connection_string", "generic_secret", "password",
  ],
  harmful: ["weapons", "drugs", "malware", "self_harm", "csam", "hate", "violence", "crime", "misinformation", "offensive", "harmful_request"],
  canary: ["canary"],
  anomaly: ["length_outlier", "language_switch", "url_burst", "code_burst", "refusal_shift"],
} as const satisfies Record<DetectorId, readonly string[]>;

// prettier-ignore
export const GUARD_REASONS = [
  // injection
  "instruction_override", "system_prompt_extraction", "dan_template", "restriction_removal", "unfiltered_persona", "refusal_suppression",
  "role_play_jailbreak", "identity_override", "harmful_compliance", "role_tag_spoofing", "encoded_base64", "encoded_hex", "encoded_rot13",
  "reversed_text", "disguised_text", "classifier", "persona_frame", "rule_waiver", "adversarial_suffix",
  // pii
  "email", "luhn_valid", "iban_checksum", "gb11643_checksum", "ssn_format", "ip_address", "international", "national_us", "national_cn",
  "national_fr", "national_uk", "national_jp", "national_de", "national_in", "phone_context",
  // secrets
  "provider_pattern", "aws_key_pair", "assignment", "stated_password",
  // harmful
  "weapon_synthesis", "drug_synthesis", "malware_creation", "unauthorized_access", "self_harm_method", "self_harm_ideation", "csam", "slur",
  "dehumanization", "violent_hate", "violence_instructions", "criminal_instructions", "misinformation", "incitement", "offensive_language",
  "harmful_model",
  // canary
  "exact", "obfuscated", "reversed",
  // anomaly
  "length_outlier", "language_switch", "url_burst", "code_burst", "refusal_shift",
] as const;

export type GuardType = (typeof GUARD_TYPES)[DetectorId][number];
export type GuardReason = (typeof GUARD_REASONS)[number];
