// The fixed set of playbook ids a rule's `playbook` field may name: provider slugs, then generic
// fallbacks for credentials whose issuer is unknown. Each has a file `rules/playbooks/<id>.yaml`.

/** Provider slugs, one per credential issuer. */
export const PROVIDER_PLAYBOOK_IDS: readonly string[] = [
  'aws', 'gcp', 'azure', 'alibaba', 'github', 'gitlab', 'bitbucket', 'circleci', 'travis-ci', 'buildkite',
  'databricks', 'dynatrace', 'jfrog', 'onepassword',
  'npm', 'pypi', 'rubygems', 'nuget', 'docker', 'crates-io', 'stripe', 'paypal', 'square', 'adyen', 'slack',
  'discord', 'telegram', 'twilio', 'sendgrid', 'mailgun', 'mailchimp', 'postmark', 'openai', 'anthropic',
  'huggingface', 'cohere', 'replicate', 'groq', 'datadog', 'newrelic', 'sentry', 'grafana', 'shopify',
  'atlassian', 'linear', 'notion', 'figma', 'postman', 'airtable', 'hubspot', 'salesforce', 'okta', 'auth0',
  'doppler', 'hashicorp-vault', 'terraform-cloud', 'pulumi', 'digitalocean', 'heroku', 'cloudflare',
  'fastly', 'netlify', 'vercel', 'supabase', 'planetscale', 'kubernetes',
  'tailscale', 'sonarqube', 'pagerduty', 'zendesk', 'twitter',
];

/** Fallbacks for secrets found by generic rules (no known issuer). */
export const GENERIC_PLAYBOOK_IDS: readonly string[] = [
  'password', 'database-credential', 'private-key', 'jwt-secret', 'webhook-url', 'oauth-client-secret',
  'generic-api-token', 'app-secret-key',
];

/** Every built-in playbook id. */
export const PLAYBOOK_IDS: readonly string[] = [...PROVIDER_PLAYBOOK_IDS, ...GENERIC_PLAYBOOK_IDS];
