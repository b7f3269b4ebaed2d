/**
 * Tokens per attempt: the retry middleware's attempts each get their token from the token
 * middleware after their wait, and a 401 makes the next one come from a new credential (an empty
 * cache). The credential here counts calls and hands out a token per credential instance and call;
 * everything else is the session's real middleware.
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { RequestState } from "../../provider/graph/request-state";
import { RetryMiddleware } from "../../provider/graph/retry";
import { TokenMiddleware, TokenSource } from "../../provider/graph/tokens";

/** Answers with the given statuses in turn, recording the Authorization header of each attempt. */
class Answers implements Middleware {
    readonly authorizations: string[] = [];
    constructor(private readonly statuses: number[]) {}
    setNext(): void {}
    async execute(context: Context): Promise<void> {
        const headers = new Headers(
            (context.options as RequestInit).headers as ConstructorParameters<typeof Headers>[0],
        );
        this.authorizations.push(headers.get("authorization") ?? "");
        const status = this.statuses.shift() ?? 200;
        context.response = new Response(
            status === 200 ? "{}" : JSON.stringify({ error: { code: "x", message: "y" } }),
            {
                status,
                headers: status === 429 ? { "Retry-After": "62" } : {},
            },
        );
    }
}

function setup(statuses: number[]) {
    const events: string[] = [];
    let credentials = 0;
    const make = (): TokenCredential => {
        const n = ++credentials;
        let calls = 0;
        return {
            getToken: async (): Promise<AccessToken> => {
                events.push(`token from credential ${n}`);
                return { token: `c${n}-t${++calls}`, expiresOnTimestamp: Date.now() + 3600_000 };
            },
        };
    };
    const answers = new Answers(statuses);
    const tokens = new TokenMiddleware(new TokenSource(make, "https://graph.microsoft.com/.default"));
    const retry = new RetryMiddleware(
        { maxDurationMs: 1_000_000, initialDelayMs: 10, maxDelayMs: 10, random: () => 0.5 },
        undefined,
        undefined,
        async (ms) => void events.push(`sleep ${ms}`),
    );
    retry.setNext(tokens);
    tokens.setNext(answers);
    const state = new RequestState(false, 0);
    const context = {
        request: "https://graph.microsoft.com/beta/deviceAppManagement/iosManagedAppProtections",
        options: { method: "POST", headers: {} },
        middlewareControl: { getMiddlewareOptions: () => state },
    } as unknown as Context;
    return { events, answers, run: () => retry.execute(context), state, context };
}

describe("a token per attempt", () => {
    it("five Retry-After waits of 62 s: each attempt asks the credential for its token after its wait", async () => {
        const { events, run } = setup([429, 429, 429, 429, 429, 200]);
        await run();
        expect(events).toEqual([
            "token from credential 1",
            ...Array.from({ length: 5 }, () => ["sleep 62000", "token from credential 1"]).flat(),
        ]);
    });

    it("a 401 is repeated once, at once, with a token from a new credential; a second 401 is final", async () => {
        const once = setup([401, 200]);
        await once.run();
        expect(once.events).toEqual(["token from credential 1", "sleep 0", "token from credential 2"]);
        expect(once.answers.authorizations).toEqual(["Bearer c1-t1", "Bearer c2-t1"]);
        expect((once.context.response as Response).status).toBe(200);

        const twice = setup([401, 401, 200]);
        await twice.run();
        expect(twice.answers.authorizations).toHaveLength(2);
        expect((twice.context.response as Response).status).toBe(401);
        expect(twice.state.tokenRenewed).toBe(true);
    });
});
