/**
 * Access tokens for Graph requests, fetched for each attempt (after its pacer wait and any
 * `Retry-After` sleep, so an attempt never carries a token that expired while it waited), and
 * renewed past the credential's cache when Graph refuses one (HTTP 401).
 *
 * @packageDocumentation
 */

import type { TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { RequestState, TokenFailure } from "./request-state";

/** A token and the credential generation that issued it. */
export interface IssuedToken {
    token: string;
    /** Bumped each time the credential is replaced to get past its cache. */
    generation: number;
}

/**
 * Wraps a credential so concurrent `getToken` calls share one token request (the first requests
 * of a parallel `pulumi up` would otherwise each miss MSAL's cache and ask Entra ID separately).
 */
function singleFlight(credential: TokenCredential): TokenCredential {
    const pending = new Map<string, ReturnType<TokenCredential["getToken"]>>();
    return {
        getToken(scopes, options) {
            const key = ([] as string[]).concat(scopes).join(" ");
            const existing = pending.get(key);
            if (existing) return existing;
            const p = credential.getToken(scopes, options).finally(() => pending.delete(key));
            pending.set(key, p);
            return p;
        },
    };
}

/**
 * The session's source of tokens. Tokens come from the credential (which caches and renews them
 * before they expire); after Graph refused a token, {@link TokenSource.get} with that token's
 * generation builds a new credential (an empty cache), so the next token is newly issued by Entra
 * ID. Requests refused at once share one renewal.
 */
export class TokenSource {
    private credential: TokenCredential;
    private generation = 0;

    /**
     * @param makeCredential - builds a new credential (with its own, empty token cache).
     * @param scope - the Graph scope (`https://graph.microsoft.com/.default`).
     */
    constructor(
        private readonly makeCredential: () => TokenCredential,
        private readonly scope: string,
    ) {
        this.credential = singleFlight(makeCredential());
    }

    /**
     * A token for one attempt.
     * @param refusedGeneration - the generation of a token Graph refused for this request: unless
     *   another request already renewed it, the credential is replaced before asking.
     */
    async get(refusedGeneration?: number): Promise<IssuedToken> {
        if (refusedGeneration !== undefined && refusedGeneration === this.generation) {
            this.generation++;
            this.credential = singleFlight(this.makeCredential());
        }
        const generation = this.generation;
        const token = await this.credential.getToken(this.scope);
        if (!token?.token) throw new Error("the credential returned no access token");
        return { token: token.token, generation };
    }
}

/**
 * Graph-client middleware between the retry middleware and the HTTP handler: sets the
 * `Authorization` header of each attempt from a token fetched for that attempt.
 */
export class TokenMiddleware implements Middleware {
    private nextMiddleware: Middleware | undefined;

    constructor(private readonly tokens: TokenSource) {}

    /** Sets the next middleware (Graph client API). */
    setNext(next: Middleware): void {
        this.nextMiddleware = next;
    }

    /** Authorizes one attempt (Graph client API). */
    async execute(context: Context): Promise<void> {
        const state = RequestState.of(context);
        let issued: IssuedToken;
        try {
            issued = await this.tokens.get(state?.refusedTokenGeneration);
        } catch (error) {
            throw new TokenFailure(error);
        }
        if (state) state.tokenGeneration = issued.generation;
        const options = (context.options ?? {}) as RequestInit;
        const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
        headers.set("Authorization", `Bearer ${issued.token}`);
        options.headers = Object.fromEntries(headers.entries());
        context.options = options as typeof context.options;
        await this.nextMiddleware!.execute(context);
    }
}
