/**
 * `pulumi-intune-app-protection review`: turns what the engine produced for a preview into a
 * Markdown review in the Intune admin center's words, for one stack (tenant) or many.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { InputError, parsePreview } from "./events";
import { reviewStack, type RuleEvaluator, type StackReview } from "./model";
import { GITHUB_COMMENT_LIMIT, renderMerged } from "./render";
import { GitHubError, plan, upsertComment, type CommentTarget } from "./github";
import { loadRules } from "./rules";
import { mergeReviews, parseSaved, saveText } from "./saved";

/** Where the command writes; `process` streams in real use, buffers in tests. */
export interface ReviewIo {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
    env?: NodeJS.ProcessEnv;
    /** GitHub's API client (tests give their own). */
    fetch?: typeof fetch;
}

const COMMAND = "pulumi-intune-app-protection review";

export const REVIEW_USAGE = `Usage: ${COMMAND} [options] <file>...

Writes a Markdown review of Intune app protection policy changes, in the admin center's words:
per stack (tenant) and policy what is created, updated, deleted or adopted, each changed setting
with its admin-center label and old and new value, app and assignment changes, drift found by
refresh and the Zero Trust policy pack's findings.

Each <file> is one stack's preview, one of:
  - the engine event log: pulumi preview --event-log <file> [--refresh] [--policy-pack <dir>]
    (has everything, policy pack findings included)
  - pulumi preview --json output (no policy pack findings: the engine leaves them out)
  - a review saved with --save (to merge the reviews of several CI jobs)
Several files make one review with a line per stack and the details below.

Options:
  -o, --out <file>               Write the Markdown to <file> (default: standard output)
  --save <file>                  Also save the review as JSON, for a later merge
  --max-chars <n>                Longest Markdown to write (default ${GITHUB_COMMENT_LIMIT}, a GitHub comment's limit)
  --policy-pack <dir>            The Zero Trust pack's folder: also name the violations a change fixes
  --policy-pack-config <file>    That pack's config (levels per rule), as given to pulumi preview
  -h, --help                     Show this help

  ${COMMAND} comment <review.md> [options]
    Posts the review as one pull-request comment, updated on each run (see comment --help)

Examples:
  pulumi preview --refresh --policy-pack policy-pack --event-log preview.jsonl
  ${COMMAND} preview.jsonl --policy-pack policy-pack --out review.md
  ${COMMAND} contoso.review.json fabrikam.review.json --out review.md
`;

export const COMMENT_USAGE = `Usage: ${COMMAND} comment <review.md> [options]

Posts <review.md> as a comment on a GitHub pull request, or updates the comment an earlier run
posted (found by a hidden marker line), so a pull request carries one review however often it
is pushed. Inside GitHub Actions everything comes from the environment.

Options:
  --repo <owner/name>   Repository                        [GITHUB_REPOSITORY]
  --pr <number>         Pull request       [pull_request.number of GITHUB_EVENT_PATH]
  --api-url <url>       GitHub REST API root                [GITHUB_API_URL]
  --key <name>          Which review comment, when a pull request has several (default: preview)
  --dry-run             Print the requests it would make; send nothing
  -h, --help            Show this help

The token comes from GITHUB_TOKEN (the job needs \`permissions: pull-requests: write\`).
`;

const COMMENT_OPTIONS = {
    repo: { type: "string" },
    pr: { type: "string" },
    "api-url": { type: "string" },
    key: { type: "string", default: "preview" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

/** The pull request number of the workflow run's event (GITHUB_EVENT_PATH), if any. */
function eventPullRequest(env: NodeJS.ProcessEnv): string | undefined {
    if (!env.GITHUB_EVENT_PATH) return undefined;
    try {
        const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
        const number = event.pull_request?.number ?? event.number;
        return number === undefined ? undefined : String(number);
    } catch {
        return undefined;
    }
}

async function commentCommand(argv: string[], io: ReviewIo): Promise<number> {
    const env = io.env ?? {};
    const { values, positionals } = parseArgs({
        args: argv,
        options: COMMENT_OPTIONS,
        allowPositionals: true,
        strict: true,
    });
    if (values.help) {
        io.stdout.write(COMMENT_USAGE);
        return 0;
    }
    if (positionals.length !== 1) throw new InputError("give one review file (the Markdown `review --out` wrote)");
    const repository = values.repo ?? env.GITHUB_REPOSITORY;
    const pr = values.pr ?? eventPullRequest(env);
    if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository))
        throw new InputError(
            `no repository: give --repo owner/name or set GITHUB_REPOSITORY${repository ? ` (got "${repository}")` : ""}`,
        );
    if (!pr || !/^[1-9]\d*$/.test(pr))
        throw new InputError(
            `no pull request: give --pr <number> or run on a pull_request event${pr ? ` (got "${pr}")` : ""}`,
        );
    const markdown = readText(positionals[0]);
    const target: CommentTarget = {
        apiUrl: values["api-url"] ?? env.GITHUB_API_URL ?? "https://api.github.com",
        repository,
        pullRequest: Number(pr),
        token: env.GITHUB_TOKEN ?? "",
        key: values.key,
    };
    if (values["dry-run"]) {
        io.stdout.write(plan(target, markdown));
        return 0;
    }
    if (!target.token)
        throw new InputError("GITHUB_TOKEN is not set (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})");
    const outcome = await upsertComment(target, markdown, io.fetch ?? fetch);
    io.stdout.write(`${outcome.action} comment ${outcome.id}${outcome.url ? ` ${outcome.url}` : ""}\n`);
    return 0;
}

const OPTIONS = {
    out: { type: "string", short: "o" },
    save: { type: "string" },
    "max-chars": { type: "string" },
    "policy-pack": { type: "string" },
    "policy-pack-config": { type: "string" },
    help: { type: "boolean", short: "h" },
} as const;

function maxChars(value: string | undefined): number {
    if (value === undefined) return GITHUB_COMMENT_LIMIT;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1000)
        throw new InputError(`--max-chars is "${value}"; use a whole number of at least 1000`);
    return n;
}

function readText(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
}

/** The reviews in one input file. */
function readInput(file: string, evaluate: RuleEvaluator | undefined): StackReview[] {
    const text = readText(file);
    const saved = parseSaved(text, file);
    if (saved) return saved;
    const record = parsePreview(text, file);
    if (!record.stack) throw new InputError(`${file} names no stack: it holds no resource of a preview`);
    return [reviewStack(record, evaluate)];
}

/** Runs `review`; returns the exit code (0, or 1 with the reason on stderr). Never throws. */
export async function main(argv: string[], io: ReviewIo): Promise<number> {
    const comment = argv[0] === "comment";
    try {
        if (comment) return await commentCommand(argv.slice(1), io);
        const { values, positionals } = parseArgs({
            args: argv,
            options: OPTIONS,
            allowPositionals: true,
            strict: true,
        });
        if (values.help) {
            io.stdout.write(REVIEW_USAGE);
            return 0;
        }
        if (!positionals.length)
            throw new InputError("no input: give the event log or `pulumi preview --json` output of each stack");
        const limit = maxChars(values["max-chars"]);
        const evaluate = values["policy-pack"]
            ? loadRules(values["policy-pack"], values["policy-pack-config"], (message) =>
                  io.stderr.write(`${COMMAND}: warning: ${message}\n`),
              )
            : undefined;
        if (!evaluate && values["policy-pack-config"]) throw new InputError("--policy-pack-config needs --policy-pack");
        const reviews = mergeReviews(positionals.flatMap((file) => readInput(file, evaluate)));
        const markdown = renderMerged(reviews, { maxChars: limit });
        if (values.save) fs.writeFileSync(values.save, saveText(reviews));
        if (values.out) {
            fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
            fs.writeFileSync(values.out, markdown);
        } else io.stdout.write(markdown);
        return 0;
    } catch (err) {
        const error = err as Error & { code?: string };
        const usage =
            !(err instanceof GitHubError) &&
            (err instanceof InputError || (typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS")));
        const name = comment ? `${COMMAND} comment` : COMMAND;
        io.stderr.write(`${name}: error: ${error.message}${usage ? ` (see ${name} --help)` : ""}\n`);
        return 1;
    }
}
