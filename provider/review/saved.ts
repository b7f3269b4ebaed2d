/**
 * Saved reviews: one CI job per stack saves its review as JSON (`review --save`), a final job
 * merges them into one comment. Saved reviews are told apart from engine output by their format
 * marker; a stack reviewed twice keeps its last review.
 */
import { InputError } from "./events";
import { REVIEW_FORMAT, type StackReview } from "./model";

/** The saved reviews in `text`, or undefined when the text is not a saved review. */
export function parseSaved(text: string, source: string): StackReview[] | undefined {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return undefined;
    }
    const list = Array.isArray(value) ? value : [value];
    const marked = list.filter((r) => r && typeof r === "object" && (r as StackReview).format === REVIEW_FORMAT);
    if (!marked.length) return undefined;
    if (marked.length !== list.length) throw new InputError(`${source} mixes saved reviews with other JSON`);
    return marked as StackReview[];
}

/** Text of saved reviews: one object for one stack, an array for several. */
export function saveText(reviews: StackReview[]): string {
    return JSON.stringify(reviews.length === 1 ? reviews[0] : reviews, null, 2) + "\n";
}

/** Reviews in a fixed order (by stack name), one per stack: a later review of a stack replaces an earlier one. */
export function mergeReviews(reviews: StackReview[]): StackReview[] {
    const byStack = new Map<string, StackReview>();
    for (const review of reviews) byStack.set(review.stack, review);
    return [...byStack.values()].sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}
