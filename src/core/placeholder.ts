// Built-in false-positive defence: values that are templates, variable references, masks or
// documentation placeholders are not secrets. Rules opt out with `allowPlaceholders: true`.

/** Template / reference syntax: `${X}`, `{{ .Values.x }}`, `<your-key>`, `$(cmd)`, `#{x}`, `%(x)s`, `process.env.X`… */
const TEMPLATE = /\$\{|\{\{|\}\}|\{%|<%|%>|\$\(|#\{|%\([a-z_]+\)s|^<[^<>]+>$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$env:|^%[A-Za-z_]+%$|^\[\[|\]\]$|^@@|@@$/;
const ENV_REFERENCE = /process\.env|os\.environ|getenv|System\.getenv|ENV\[|env\(|secrets\.|\bvars\.|\{\{\s*secrets|ssm:|vault:|keyvault|secretsmanager/i;
/** Masks: `xxxx`, `****`, `....`, `••`, `####`, long runs of one character. */
const MASK = /x{4,}|X{4,}|\*{3,}|\.{3,}|•{2,}|#{4,}|_{5,}|-{5,}|(.)\1{5,}/;
const SEQUENCES = ['0123456789', '123456789', 'abcdefghij', 'abcdefgh12', 'qwertyuiop', 'asdfghjkl', '1234abcd'];
/** Words that mark a value as documentation or a stand-in. Matched case-insensitively as substrings. */
export const PLACEHOLDER_WORDS = [
  'changeme', 'change_me', 'change-me', 'changethis', 'replaceme', 'replace_me', 'replace-me', 'your_', 'your-', 'yourkey',
  'yourtoken', 'yoursecret', 'yourpassword', 'example', 'placeholder', 'dummy', 'redacted', 'notreal', 'not_real',
  'not-a-real', 'notasecret', 'insert_', 'insert-', 'fixme', 'todo_', 'sample_', 'samplekey', 'fake_', 'fakekey',
  'faketoken', 'fakepassword', 'mysecret', 'my_secret', 'mypassword', 'my_password', 'secret_here', 'key_here',
  'token_here', 'password_here', 'enter_', 'put_your', 'lorem', 'ipsum', 'foobar', 'xyzzy',
];

export type PlaceholderReason = 'placeholder' | 'stopword';

/** Why `secret` looks like a placeholder, or undefined when it may be real. */
export function placeholderReason(secret: string): PlaceholderReason | undefined {
  if (TEMPLATE.test(secret) || ENV_REFERENCE.test(secret) || MASK.test(secret)) return 'placeholder';
  const lower = secret.toLowerCase();
  for (const s of SEQUENCES) if (lower.includes(s)) return 'placeholder';
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return 'stopword';
  return undefined;
}
