/**
 * The secrets this process knows (webhook code, tokens, client secret, bot token). Everything
 * the logger writes passes through `scrub`, so a secret that slips into an error message or a
 * URL never reaches the log, even where no redaction path names it.
 */
export interface Secrets {
  add(secret: string | undefined): void;
  scrub(text: string): string;
}

const MASK = '[redacted]';
/** A webhook path: /rest/{user_id}/{code}/ — the code is the secret. */
const WEBHOOK_CODE = /(\/rest\/\d+\/)[A-Za-z0-9_-]{6,}/g;
/** Tokens in query strings and form bodies. */
const QUERY_SECRET =
  /\b(auth|access_token|refresh_token|client_secret|application_token|botToken)=[^&\s"']+/g;

export function createSecrets(initial: readonly (string | undefined)[] = []): Secrets {
  const known = new Set<string>();
  let pattern: RegExp | undefined;
  const rebuild = () => {
    const parts = [...known].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = parts.length === 0 ? undefined : new RegExp(parts.join('|'), 'g');
  };
  const secrets: Secrets = {
    add(secret) {
      // Very short values would mask ordinary words and numbers; real secrets are long.
      if (secret === undefined || secret.length < 6 || known.has(secret)) {
        return;
      }
      known.add(secret);
      rebuild();
    },
    scrub(text) {
      let out = text.replace(WEBHOOK_CODE, `$1${MASK}`).replace(QUERY_SECRET, `$1=${MASK}`);
      if (pattern !== undefined) {
        out = out.replace(pattern, MASK);
      }
      return out;
    },
  };
  initial.forEach((secret) => secrets.add(secret));
  return secrets;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
