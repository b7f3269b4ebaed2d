/**
 * Emulator fidelity against recorded fixtures: the exchanges the live suite recorded
 * (`INTUNE_LIVE_RECORD`, committed under test/live/fixtures) are replayed against a fresh
 * emulator, and every answer must have the recorded status and shape (keys and value types).
 * Fixtures recorded against a real tenant make this the check that the emulator answers as Graph
 * does; the committed ones were recorded against the emulator, so they hold it to its own
 * answers as the suite saw them.
 */
import * as path from "path";
import { randomBytes } from "crypto";
import { startTestEmulator, CLIENT, TENANT, type TestEmulator } from "../support/emulator-kit";
import { readFixtures, type Fixture } from "./record";
import { compareExchange, replay, type Send } from "./replay";

const FIXTURES = path.join(__dirname, "fixtures");
const fixtures = readFixtures(FIXTURES);

let t: TestEmulator;
beforeAll(async () => {
    t = await startTestEmulator();
});
afterAll(() => t.emu.close());

const send: Send = async (method, p, body) => {
    const answer = await t.call(method, `/beta${p}`, body);
    return { status: answer.status, body: answer.json };
};

const fresh = () =>
    new Map([
        ["{{tenant}}", TENANT],
        ["{{client}}", CLIENT],
        ["{{run}}", randomBytes(4).toString("hex")],
        ["{{graph}}", t.emu.url],
    ]);

it("the fixtures cover every scenario and every kind of request the suite sends", () => {
    expect(fixtures.map((f) => f.fixture.scenario)).toEqual(["lifecycle", "drift", "adopt", "export", "destroy"]);
    const kinds = new Set(
        fixtures.flatMap(({ fixture }) =>
            fixture.exchanges.map((e) => `${e.method} ${e.path.includes("/T_") ? "one" : "collection"}`),
        ),
    );
    expect([...kinds].sort()).toEqual(["DELETE one", "GET collection", "GET one", "PATCH one", "POST collection"]);
});

it("the emulator answers every recorded request with the recorded status and shape", async () => {
    const total = fixtures.reduce((n, f) => n + f.fixture.exchanges.length, 0);
    const { differences, replayed } = await replay(fixtures, send, fresh());
    expect(differences).toEqual([]);
    expect(replayed).toBe(total);
});

it("a fixture that differs from the emulator's answers is reported, at the place it differs", async () => {
    const create = fixtures[0].fixture.exchanges.find((e) => e.method === "POST")!;
    const altered: Fixture = {
        ...fixtures[0].fixture,
        exchanges: [
            {
                ...create,
                responseBody: Object.fromEntries(
                    Object.entries(create.responseBody as object).map(([k, v]) => [
                        k === "displayName" ? "name" : k,
                        v,
                    ]),
                ),
            },
            { ...create, status: 200 },
        ],
    };
    const { differences } = await replay([{ file: "altered.json", fixture: altered }], send, fresh());
    expect(differences).toEqual([
        `altered.json#1 (${create.step}) POST ${create.path}: $.name: recorded, missing in the answer`,
        `altered.json#1 (${create.step}) POST ${create.path}: $.displayName: in the answer, not recorded`,
        `altered.json#2 (${create.step}) POST ${create.path}: status 200 recorded, 201 answered`,
    ]);
    expect(compareExchange("x", { ...create, status: 201 }, 201, { ...(create.responseBody as object) })).toEqual([]);
});
