import { readFileSync, statSync } from 'node:fs';

/** Time comes from a clock so deadline, expiry and lock tests can fix it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and moves only when told. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * Today's calendar date in England ('YYYY-MM-DD'). Every "today" in Assure (due, overdue, this week)
 * is the UK date: a UTC date would be a day behind between midnight and 1 am in summer.
 */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Today's UK date by the given clock. */
export const todayOn = (clock: Clock) => ukToday(clock.now());

/**
 * For browser journeys only (TEST_CLOCK_FILE, refused outside NODE_ENV=test): real time plus an offset in
 * milliseconds read from a file, so a journey can move the server three months on ("the clock moves") and
 * back. The file is re-read when it changes; a missing or unreadable file means no offset.
 */
export function fileOffsetClock(file: string): Clock {
  let seen = -1;
  let offset = 0;
  return {
    now() {
      let mtime = 0;
      try {
        mtime = statSync(file).mtimeMs;
      } catch {
        mtime = 0;
      }
      if (mtime !== seen) {
        seen = mtime;
        try {
          const n = Number(readFileSync(file, 'utf8').trim());
          offset = mtime && Number.isFinite(n) ? n : 0;
        } catch {
          offset = 0;
        }
      }
      return new Date(Date.now() + offset);
    },
  };
}
