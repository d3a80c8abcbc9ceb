#pragma once
// Schema version 1: the campaign platform's core. Times are Unix seconds; flags are 0/1
// integers; tokens are stored only as hashes (a leaked database opens no account).
// Never edit a released migration: add version 2 in migrations.cpp instead.

namespace weerbaar::store {

inline constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE organisations (
  id {ID},
  name TEXT NOT NULL UNIQUE,
  created_at {INT} NOT NULL
);
CREATE TABLE users (
  id {ID},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('administrator', 'coordinator', 'helper', 'entrepreneur')),
  organisation_id {INT} REFERENCES organisations(id),
  password_hash TEXT,
  lang TEXT NOT NULL DEFAULT 'nl',
  disabled {INT} NOT NULL DEFAULT 0,
  created_at {INT} NOT NULL
);
CREATE TABLE invitations (
  id {ID},
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id {INT} REFERENCES organisations(id),
  campaign_id {INT},
  invited_by {INT} REFERENCES users(id),
  expires_at {INT} NOT NULL,
  used_at {INT},
  created_at {INT} NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {INT} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at {INT} NOT NULL,
  expires_at {INT} NOT NULL
);
CREATE TABLE api_keys (
  id {ID},
  organisation_id {INT} NOT NULL REFERENCES organisations(id),
  key_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at {INT} NOT NULL,
  revoked_at {INT}
);
CREATE TABLE campaigns (
  id {ID},
  organisation_id {INT} NOT NULL REFERENCES organisations(id),
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  region TEXT NOT NULL,
  sectors TEXT NOT NULL,
  rescan_interval_days {INT} NOT NULL,
  retention_days {INT} NOT NULL,
  round_robin {INT} NOT NULL DEFAULT 0,
  created_by {INT} REFERENCES users(id),
  created_at {INT} NOT NULL
);
CREATE TABLE consent_texts (
  id {ID},
  campaign_id {INT} NOT NULL REFERENCES campaigns(id),
  version {INT} NOT NULL,
  body TEXT NOT NULL,
  created_at {INT} NOT NULL,
  UNIQUE (campaign_id, version)
);
CREATE TABLE campaign_helpers (
  campaign_id {INT} NOT NULL REFERENCES campaigns(id),
  user_id {INT} NOT NULL REFERENCES users(id),
  added_at {INT} NOT NULL,
  PRIMARY KEY (campaign_id, user_id)
);
CREATE TABLE businesses (
  id {ID},
  campaign_id {INT} NOT NULL REFERENCES campaigns(id),
  status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn', 'expired')),
  name TEXT,
  contact_name TEXT,
  email TEXT,
  domain TEXT,
  sector TEXT NOT NULL,
  postcode TEXT,
  postcode_area TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'nl',
  entrepreneur_id {INT} REFERENCES users(id),
  helper_id {INT} REFERENCES users(id),
  email_confirmed_at {INT},
  proof_token TEXT,
  proof_method TEXT,
  proof_verified_at {INT},
  next_scan_at {INT},
  created_at {INT} NOT NULL,
  ended_at {INT}
);
CREATE UNIQUE INDEX businesses_active_domain ON businesses (campaign_id, domain);
CREATE TABLE consents (
  id {ID},
  business_id {INT} NOT NULL REFERENCES businesses(id),
  consent_text_id {INT} NOT NULL REFERENCES consent_texts(id),
  version {INT} NOT NULL,
  body TEXT NOT NULL,
  given_at {INT} NOT NULL,
  withdrawn_at {INT}
);
CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  business_id {INT} NOT NULL REFERENCES businesses(id),
  expires_at {INT} NOT NULL,
  used_at {INT}
);
CREATE TABLE jobs (
  id {ID},
  kind TEXT NOT NULL,
  business_id {INT} REFERENCES businesses(id),
  payload TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  run_after {INT} NOT NULL,
  attempts {INT} NOT NULL DEFAULT 0,
  max_attempts {INT} NOT NULL DEFAULT 3,
  lease_owner TEXT,
  lease_until {INT},
  last_error TEXT,
  created_at {INT} NOT NULL,
  finished_at {INT}
);
CREATE INDEX jobs_ready ON jobs (state, run_after);
CREATE TABLE scans (
  id {ID},
  business_id {INT} NOT NULL REFERENCES businesses(id),
  job_id {INT} NOT NULL UNIQUE REFERENCES jobs(id),
  status TEXT NOT NULL,
  report_json TEXT,
  scanned_at {INT} NOT NULL
);
CREATE TABLE scan_findings (
  scan_id {INT} NOT NULL REFERENCES scans(id),
  finding_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL
);
CREATE INDEX scan_findings_scan ON scan_findings (scan_id);
CREATE TABLE outbox (
  id {ID},
  recipient TEXT,
  subject TEXT,
  body TEXT,
  template TEXT NOT NULL,
  business_id {INT},
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
  created_at {INT} NOT NULL,
  sent_at {INT}
);
CREATE TABLE notes (
  id {ID},
  business_id {INT} NOT NULL REFERENCES businesses(id),
  author_id {INT} NOT NULL REFERENCES users(id),
  discussed TEXT NOT NULL,
  agreed TEXT NOT NULL,
  follow_up TEXT,
  created_at {INT} NOT NULL
);
CREATE TABLE assessments (
  business_id {INT} PRIMARY KEY REFERENCES businesses(id),
  answers TEXT NOT NULL,
  updated_by {INT} REFERENCES users(id),
  updated_at {INT} NOT NULL
);
CREATE TABLE audit_log (
  id {ID},
  at {INT} NOT NULL,
  actor_id {INT},
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id {INT},
  detail TEXT NOT NULL DEFAULT ''
)
)sql";

}  // namespace weerbaar::store
