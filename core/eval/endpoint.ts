// Where an evaluation's requests go and which key goes with them. The key stored with
// Set API Key was given for the jobs endpoint (`toolcall.openai.baseUrl`) and goes to no
// other; a model on another endpoint uses the variable it names (`apiKeyEnv`) or no key.
// Secrets written into a base URL (`user:pass@`, `?api_key=`) are kept out of results
// files, messages and logs. Pure: no `vscode`, no network.

/** Where a model's key comes from. */
export type KeySource =
  /** The key stored with Set API Key (then OPENAI_API_KEY): only for the jobs endpoint. */
  | { kind: 'stored' }
  /** The environment variable the model entry names. */
  | { kind: 'env'; name: string }
  /** No key: another endpoint whose entry names no variable. */
  | { kind: 'none' };

/** The key source of a model entry, given the jobs endpoint the stored key belongs to. */
export function keySourceFor(choice: { baseURL: string; apiKeyEnv?: string }, jobsBaseURL: string): KeySource {
  if (choice.apiKeyEnv) return { kind: 'env', name: choice.apiKeyEnv };
  return sameEndpoint(choice.baseURL, jobsBaseURL) ? { kind: 'stored' } : { kind: 'none' };
}

/** True when both URLs name the same endpoint (scheme, host, port, path; case of the host and a final slash ignored). */
export function sameEndpoint(a: string, b: string): boolean {
  const ka = endpointKey(a);
  return ka !== undefined && ka === endpointKey(b);
}

function endpointKey(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** The parts of a base URL that are secrets: user name, password and every query value. */
export function baseURLSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const found = [u.username, u.password, decodeURIComponent(u.username), decodeURIComponent(u.password)];
  for (const [, value] of u.searchParams) found.push(value, encodeURIComponent(value));
  // Short values ("1", "v") would blank out unrelated text; they are no secret worth the noise.
  return [...new Set(found)].filter((s) => s.length >= 4);
}

/**
 * The base URL as it may be shown or stored: user and password replaced by `[redacted]`,
 * every query value too (a query can carry a key under any name). Unparseable text is
 * replaced whole, since it cannot be checked.
 */
export function displayBaseURL(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '[unreadable base URL]';
  }
  const auth = u.username || u.password ? '[redacted]@' : '';
  const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=[redacted]`).join('&');
  return `${u.protocol}//${auth}${u.host}${u.pathname}${query ? `?${query}` : ''}`;
}
