import type { Actor } from './actor.js';
import { AppError } from './errors.js';

/**
 * A domain's policy is data: each verb maps to a rule on the actor (and, where it matters, the thing).
 * Services call `authorize`; responses list `allowedVerbs` so the UI never guesses.
 */
export type Rule<T = undefined> = (actor: Actor, thing: T) => boolean;
export type Policy<Verbs extends string, T = undefined> = Record<Verbs, Rule<T>>;

export function can<V extends string, T>(policy: Policy<V, T>, actor: Actor, verb: V, thing: T): boolean {
  return policy[verb](actor, thing);
}

export function allowedVerbs<V extends string, T>(policy: Policy<V, T>, actor: Actor, thing: T): V[] {
  return (Object.keys(policy) as V[]).filter((v) => policy[v](actor, thing));
}

/** Throws FORBIDDEN (logged as a refusal by the error handler) unless the rule allows it. */
export function authorize<V extends string, T>(policy: Policy<V, T>, actor: Actor, verb: V, thing: T): void {
  if (!policy[verb](actor, thing)) throw new AppError('FORBIDDEN', 'You do not have permission to do that');
}
