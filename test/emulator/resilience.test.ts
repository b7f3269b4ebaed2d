import { ANDROID, IOS, iosBody, startTestEmulator, TENANT, TestEmulator, GROUP_A } from "../support/emulator-kit";

describe("throttling (spec 5.3)", () => {
    test("writes: 429 TooManyRequests with Retry-After once the per-app limit is reached; reads still pass", async () => {
        const t = await startTestEmulator({ throttle: { writesPerApp: 3, windowMs: 1000 } });
        try {
            const statuses: number[] = [];
            for (let n = 0; n < 4; n++)
                statuses.push((await t.call("POST", IOS, iosBody({ displayName: `w${n}` }))).status);
            expect(statuses).toEqual([201, 201, 201, 429]);
            const r = await t.call("POST", IOS, iosBody());
            expect(r.status).toBe(429);
            expect(r.json.error.code).toBe("TooManyRequests");
            const retry = Number(r.headers.get("retry-after"));
            expect(retry).toBeGreaterThanOrEqual(1);
            expect(retry).toBeLessThanOrEqual(1);
            expect((await t.call("GET", IOS)).status).toBe(200);
            expect(t.emu.requests.filter((x) => x.throttled)).toHaveLength(2);
            expect(t.emu.policies(TENANT)).toHaveLength(3); // throttled creates did not happen
            await new Promise((res) => setTimeout(res, retry * 1000 + 50));
            expect((await t.call("POST", IOS, iosBody())).status).toBe(201);
        } finally {
            await t.emu.close();
        }
    });

    test("all-request limit per tenant, header-less 429, setThrottle(false)", async () => {
        const t = await startTestEmulator({ throttle: { requestsPerTenant: 2 }, retryAfterHeader: false });
        try {
            expect((await t.call("GET", ANDROID)).status).toBe(200);
            expect((await t.call("GET", ANDROID)).status).toBe(200);
            const r = await t.call("GET", ANDROID);
            expect(r.status).toBe(429);
            expect(r.headers.get("retry-after")).toBeNull();
            t.emu.setThrottle(false);
            expect((await t.call("GET", ANDROID)).status).toBe(200);
        } finally {
            await t.emu.close();
        }
    });
});

describe("fault injection", () => {
    let t: TestEmulator;
    beforeAll(async () => {
        t = await startTestEmulator({ throttle: false });
    });
    afterAll(() => t.emu.close());
    afterEach(() => t.emu.clearFaults());

    test("status on the nth matching request, `times` bounded", async () => {
        const id = t.emu.seedPolicy(TENANT, iosBody()).id;
        t.emu.injectFault({ method: "POST", path: /targetApps$/, nth: 2, times: 1, status: 500 });
        const body = { apps: [], appGroupType: "selectedPublicApps" };
        const s = [];
        for (let n = 0; n < 3; n++) s.push((await t.call("POST", `${IOS}/${id}/targetApps`, body)).status);
        expect(s).toEqual([204, 500, 204]);
    });

    test("429 with and without Retry-After; custom code", async () => {
        t.emu.injectFault({ kind: "list", times: 1, status: 429, retryAfterSeconds: 7 });
        let r = await t.call("GET", IOS);
        expect(r.status).toBe(429);
        expect(r.headers.get("retry-after")).toBe("7");
        t.emu.injectFault({ kind: "list", times: 1, status: 429, retryAfterSeconds: null });
        r = await t.call("GET", IOS);
        expect(r.status).toBe(429);
        expect(r.headers.get("retry-after")).toBeNull();
        expect(r.json.error.code).toBe("TooManyRequests");
        t.emu.injectFault({ kind: "get", tenantId: "someone-else", status: 500 });
        t.emu.injectFault({ kind: "list", times: 1, status: 503, code: "ServiceUnavailable", message: "down" });
        r = await t.call("GET", IOS);
        expect(r.json.error).toMatchObject({ code: "ServiceUnavailable", message: "down" });
    });

    test("dropConnection before processing: nothing is created", async () => {
        const before = t.emu.policies(TENANT).length;
        t.emu.injectFault({ kind: "create", times: 1, dropConnection: true });
        await expect(t.call("POST", IOS, iosBody())).rejects.toThrow();
        expect(t.emu.policies(TENANT)).toHaveLength(before);
        expect(t.emu.requests.at(-1)).toMatchObject({ kind: "create", fault: "drop" });
    });

    test("dropConnectionAfterProcessing: the create succeeds server-side, the client sees a dropped connection", async () => {
        const before = t.emu.policies(TENANT).length;
        t.emu.injectFault({ kind: "create", times: 1, dropConnectionAfterProcessing: true });
        await expect(t.call("POST", IOS, iosBody({ displayName: "ghost" }))).rejects.toThrow();
        expect(t.emu.policies(TENANT)).toHaveLength(before + 1);
        expect(t.emu.policies(TENANT).at(-1).displayName).toBe("ghost");
        expect(t.emu.requests.at(-1)).toMatchObject({ kind: "create", fault: "drop-after", status: 201 });
    });

    test("latency per rule and global latency", async () => {
        t.emu.injectFault({ kind: "list", latencyMs: 150 });
        const started = Date.now();
        await t.call("GET", IOS);
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
        const slow = await startTestEmulator({ latencyMs: 100 });
        try {
            const s = Date.now();
            await slow.call("GET", IOS);
            expect(Date.now() - s).toBeGreaterThanOrEqual(190); // token + list
        } finally {
            await slow.emu.close();
        }
    });
});

describe("$batch (spec 5.4)", () => {
    let t: TestEmulator;
    beforeAll(async () => {
        t = await startTestEmulator({ throttle: { writesPerApp: 4 } });
    });
    afterAll(() => t.emu.close());

    test("dependsOn sequencing, 424 on failed dependency, inner requests logged and throttled", async () => {
        t.emu.clearLog();
        const good = t.emu.seedPolicy(TENANT, iosBody());
        const r = await t.call("POST", "/beta/$batch", {
            requests: [
                {
                    id: "1",
                    method: "POST",
                    url: "/deviceAppManagement/iosManagedAppProtections",
                    headers: { "Content-Type": "application/json" },
                    body: iosBody({ displayName: "b1" }),
                },
                {
                    id: "2",
                    method: "PATCH",
                    url: `/deviceAppManagement/iosManagedAppProtections/${good.id}`,
                    headers: { "Content-Type": "application/json" },
                    body: { bogus: 1 },
                    dependsOn: ["1"],
                },
                {
                    id: "3",
                    method: "POST",
                    url: `/deviceAppManagement/iosManagedAppProtections/${good.id}/assign`,
                    headers: { "Content-Type": "application/json" },
                    body: {
                        assignments: [
                            {
                                target: {
                                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                                    groupId: GROUP_A.id,
                                },
                            },
                        ],
                    },
                    dependsOn: ["2"],
                },
                {
                    id: "4",
                    method: "GET",
                    url: `/deviceAppManagement/iosManagedAppProtections/${good.id}?$select=id,displayName`,
                },
                { id: "5", method: "GET", url: "/deviceAppManagement/nope" },
            ],
        });
        expect(r.status).toBe(200);
        const byId = Object.fromEntries(r.json.responses.map((x: { id: string }) => [x.id, x]));
        expect(byId["1"].status).toBe(201);
        expect(byId["1"].body.displayName).toBe("b1");
        expect(byId["2"].status).toBe(400);
        expect(byId["2"].body.error.code).toBe("ModelValidationFailure");
        expect(byId["3"].status).toBe(424);
        expect(byId["4"]).toMatchObject({ status: 200, body: { id: good.id, displayName: good.displayName } });
        expect(byId["5"].status).toBe(400);
        expect(t.emu.policy(TENANT, good.id).assignments).toEqual([]);
        expect(t.emu.count({ kind: "batch" })).toBe(1);
        expect(t.emu.count({ kind: "create" })).toBe(1);
        expect(t.emu.requests.filter((x) => x.viaBatch)).toHaveLength(4); // 424 is not executed
        // throttling applies per inner request: 2 writes so far (create + PATCH); 2 more allowed
        const writes = await t.call("POST", "/beta/$batch", {
            requests: [1, 2, 3].map((n) => ({
                id: `w${n}`,
                method: "POST",
                url: "/deviceAppManagement/iosManagedAppProtections",
                headers: { "Content-Type": "application/json" },
                body: iosBody(),
            })),
        });
        expect(writes.json.responses.map((x: { status: number }) => x.status)).toEqual([201, 201, 429]);
    });

    test("envelope validation: >20 requests, duplicate ids, body without Content-Type", async () => {
        const get = (id: string) => ({ id, method: "GET", url: "/deviceAppManagement/iosManagedAppProtections" });
        let r = await t.call("POST", "/beta/$batch", {
            requests: Array.from({ length: 21 }, (_, n) => get(String(n))),
        });
        expect(r.status).toBe(400);
        r = await t.call("POST", "/beta/$batch", { requests: [get("a"), get("A")] });
        expect(r.status).toBe(400);
        r = await t.call("POST", "/beta/$batch", {
            requests: [
                { id: "1", method: "POST", url: "/deviceAppManagement/iosManagedAppProtections", body: iosBody() },
            ],
        });
        expect(r.status).toBe(400);
        expect(r.json.error.message).toBe("Write request id : 1 does not contain Content-Type header or body.");
    });
});
