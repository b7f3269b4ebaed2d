/**
 * A stand-in for GitHub's REST API on loopback HTTP, holding one pull request's comments: list
 * (paginated like GitHub, 100 per page at most), create and edit. It checks the bearer token and
 * records every request, so tests can assert which calls a workflow step made.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface Comment {
    id: number;
    body: string;
    html_url: string;
}

export interface FakeGitHub {
    url: string;
    comments: Comment[];
    requests: { method: string; path: string; authorization?: string }[];
    /** Answer every request with this status from now on (e.g. 403). */
    failWith?: number;
    close(): Promise<void>;
}

export async function startFakeGitHub(repository: string, pullRequest: number, token: string): Promise<FakeGitHub> {
    let nextId = 1000;
    const fake: FakeGitHub = {
        url: "",
        comments: [],
        requests: [],
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
    const send = (res: http.ServerResponse, status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
    };
    const server = http.createServer((req, res) => {
        let text = "";
        req.on("data", (d) => (text += d));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://localhost");
            fake.requests.push({
                method: req.method!,
                path: url.pathname + url.search,
                authorization: req.headers.authorization,
            });
            if (fake.failWith) return send(res, fake.failWith, { message: "Resource not accessible by integration" });
            if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: "Bad credentials" });
            const list = `/repos/${repository}/issues/${pullRequest}/comments`;
            const edit = new RegExp(`^/repos/${repository}/issues/comments/(\\d+)$`).exec(url.pathname);
            if (req.method === "GET" && url.pathname === list) {
                const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
                const page = Number(url.searchParams.get("page") ?? 1);
                return send(res, 200, fake.comments.slice((page - 1) * perPage, page * perPage));
            }
            if (req.method === "POST" && url.pathname === list) {
                const comment = { id: nextId++, body: JSON.parse(text).body, html_url: "" };
                comment.html_url = `https://github.example/${repository}/pull/${pullRequest}#issuecomment-${comment.id}`;
                fake.comments.push(comment);
                return send(res, 201, comment);
            }
            if (req.method === "PATCH" && edit) {
                const comment = fake.comments.find((c) => c.id === Number(edit[1]));
                if (!comment) return send(res, 404, { message: "Not Found" });
                comment.body = JSON.parse(text).body;
                return send(res, 200, comment);
            }
            send(res, 404, { message: "Not Found" });
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
}
