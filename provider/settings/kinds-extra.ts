/**
 * Value kinds that build on `kinds.ts` for the managed-app configuration catalog. A separate file
 * so that `kinds.ts` keeps the kinds every platform shares.
 */
import { pairs, type PairShape, type ValueKind, type ValueShape } from "./kinds";

/**
 * Like {@link pairs}, but each name may appear once: for key/value lists that an app reads as a
 * dictionary (`customSettings`), where two values for one key would leave the app to pick one.
 * The same pair twice is still one pair (order and duplicates do not matter).
 */
export function keyedPairs(shape: PairShape): ValueKind<Record<string, string>[]> {
    const kind = pairs(shape);
    const allowed = `${kind.allowed}, each ${shape.nameField} at most once`;
    return {
        ...kind,
        shape: { ...(kind.shape as Extract<ValueShape, { type: "pairs" }>), uniqueNames: true },
        allowed,
        problem: (value) => {
            const shapeProblem = kind.problem(value);
            // The base kind's reason starts "must be <its allowed>": say the whole rule instead.
            if (shapeProblem !== undefined)
                return shapeProblem.replace(`must be ${kind.allowed}`, `must be ${allowed}`);
            const clash = repeatedName(value as Record<string, string>[], shape);
            return clash ? `must be ${allowed}; ${clash}` : undefined;
        },
    };
}

/** Describes the first name given two different values, or undefined when there is none. */
function repeatedName(
    items: readonly Record<string, string>[],
    { nameField, valueField }: PairShape,
): string | undefined {
    const first = new Map<string, number>();
    for (const [index, item] of items.entries()) {
        const name = item[nameField];
        const earlier = first.get(name);
        if (earlier === undefined) first.set(name, index);
        else if (items[earlier][valueField] !== item[valueField])
            return `${nameField} ${JSON.stringify(name)} has two values (items ${earlier} and ${index})`;
    }
    return undefined;
}
