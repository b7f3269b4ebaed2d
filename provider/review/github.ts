/**
 * One pull-request comment per review, updated on each push instead of added: the comment is
 * found by a hidden marker line among the pull request's comments (every page), then edited
 * (PATCH) or, the first time, created (POST). GitHub's REST API through `fetch`; the token is only
 * ever sent in the Authorization header, never printed.
 */

/** The hidden first line that identifies the review's comment (`key` tells several workflows apart). */
export const marker = (key: string) => `<!-- pulumi-intune-app-protection review: ${key} -->`;

/** GitHub's limit on a comment's body. */
const COMMENT_LIMIT = 65_536;

export interface CommentTarget {
    /** REST API root, e.g. `https://api.github.com` (`GITHUB_API_URL`). */
    apiUrl: string;
    /** `owner/name` (`GITHUB_REPOSITORY`). */
    repository: string;
    /** Pull request number. */
    pullRequest: number;
    token: string;
    /** Which review comment (default "preview"). */
    key: string;
}

/** What was done: the comment's id and whether it was created or updated. */
export interface CommentOutcome {
    action: "created" | "updated";
    id: number;
    url?: string;
}

type Fetch = typeof fetch;

/** A failed GitHub call, with GitHub's own message and what to check. */
export class GitHubError extends Error {}

async function call(fetchImpl: Fetch, target: CommentTarget, method: string, path: string, body?: unknown) {
    const response = await fetchImpl(`${target.apiUrl.replace(/\/+$/, "")}${path}`, {
        method,
        headers: {
            accept: "application/vnd.github+json",
            authorization: `Bearer ${target.token}`,
            "x-github-api-version": "2022-11-28",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
        let message = text.slice(0, 300);
        try {
            message = JSON.parse(text).message ?? message;
        } catch {
            // not JSON: keep the text
        }
        const hint =
            response.status === 403 || response.status === 404
                ? " (the workflow needs `permissions: pull-requests: write`, and fork pull requests get a read-only token)"
                : "";
        throw new GitHubError(`GitHub ${method} ${path} failed: ${response.status} ${message}${hint}`);
    }
    return text ? JSON.parse(text) : undefined;
}

/** The id of the pull request's comment that carries the marker, if any. */
async function findComment(fetchImpl: Fetch, target: CommentTarget): Promise<number | undefined> {
    const mark = marker(target.key);
    for (let page = 1; ; page++) {
        const comments = (await call(
            fetchImpl,
            target,
            "GET",
            `/repos/${target.repository}/issues/${target.pullRequest}/comments?per_page=100&page=${page}`,
        )) as { id: number; body?: string }[];
        const found = comments.find((c) => c.body?.startsWith(mark));
        if (found) return found.id;
        if (comments.length < 100) return undefined;
    }
}

/** The comment's full body: the marker, then the review. */
export function commentBody(key: string, markdown: string): string {
    const body = `${marker(key)}\n${markdown}`;
    if (body.length > COMMENT_LIMIT)
        throw new GitHubError(
            `the review is ${body.length} characters with its marker; a GitHub comment holds ${COMMENT_LIMIT} (render it with a lower --max-chars)`,
        );
    return body;
}

/** Creates the review comment, or updates the one an earlier run made. */
export async function upsertComment(
    target: CommentTarget,
    markdown: string,
    fetchImpl: Fetch = fetch,
): Promise<CommentOutcome> {
    const body = commentBody(target.key, markdown);
    const id = await findComment(fetchImpl, target);
    if (id !== undefined) {
        const updated = await call(fetchImpl, target, "PATCH", `/repos/${target.repository}/issues/comments/${id}`, {
            body,
        });
        return { action: "updated", id, url: updated?.html_url };
    }
    const created = await call(
        fetchImpl,
        target,
        "POST",
        `/repos/${target.repository}/issues/${target.pullRequest}/comments`,
        {
            body,
        },
    );
    return { action: "created", id: created.id, url: created.html_url };
}

/** The calls `upsertComment` makes, in words, for `--dry-run` (no request is sent). */
export function plan(target: Omit<CommentTarget, "token">, markdown: string): string {
    const body = commentBody(target.key, markdown);
    const repo = `/repos/${target.repository}`;
    return [
        `GET ${target.apiUrl}${repo}/issues/${target.pullRequest}/comments?per_page=100&page=1 (and further pages): look for the comment starting with ${marker(target.key)}`,
        `PATCH ${target.apiUrl}${repo}/issues/comments/<id of that comment>: when found, replace its body`,
        `POST ${target.apiUrl}${repo}/issues/${target.pullRequest}/comments: otherwise, create it`,
        `body: ${body.length} characters`,
        "",
    ].join("\n");
}
