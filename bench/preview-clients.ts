/**
 * The previews phase's clients (bench/previews.ts), in a process of their own as browsers would
 * be: the parent sends a burst (requests to send at once), this process sends them all, and
 * answers with each request's time and the errors. Keeps the clients' HTTP and JSON work off the
 * server's event loop, so the figures are the server's.
 */
export interface ClientRequest { token: string; query: string; variables: Record<string, unknown>; field: string }
export interface Burst { id: number; url: string; requests: ClientRequest[] }
export interface BurstResult { id: number; times: number[]; errors: number; firstError: string | null }

async function send(url: string, r: ClientRequest): Promise<{ ms: number; error: string | null }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
      body: JSON.stringify({ query: r.query, variables: r.variables }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors || !body.data?.[r.field]) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
    return { ms: performance.now() - t0, error: null };
  } catch (error) {
    return { ms: performance.now() - t0, error: (error as Error).message };
  }
}

process.on('message', (burst: Burst) => {
  void Promise.all(burst.requests.map((r) => send(burst.url, r))).then((done) => {
    const errors = done.filter((d) => d.error !== null);
    const result: BurstResult = { id: burst.id, times: done.map((d) => d.ms), errors: errors.length, firstError: errors[0]?.error ?? null };
    process.send!(result);
  });
});
