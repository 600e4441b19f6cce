import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileOffsetClock, ukToday } from './clock.js';
import { loadConfig } from './config.js';

describe('ukToday', () => {
  it('is the UK date, a day ahead of UTC just after midnight in summer', () => {
    expect(ukToday(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(ukToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01'); // GMT in winter
  });
});

describe('the journeys’ movable clock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-clock-'));
  const file = path.join(dir, 'offset');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs at real time until the file says otherwise, then moves by the offset and back', () => {
    const clock = fileOffsetClock(file);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    const ninetyDays = 90 * 86_400_000;
    writeFileSync(file, String(ninetyDays));
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(ninetyDays - 1000);
    writeFileSync(file, '0');
    // A rewrite within the same millisecond keeps the mtime; make it visibly newer.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('is refused outside NODE_ENV=test', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_FILE: file })).toThrow(
      /only allowed when NODE_ENV is test/,
    );
    expect(loadConfig({ NODE_ENV: 'test', TEST_CLOCK_FILE: file }).testClockFile).toBe(file);
    expect(loadConfig({}).testClockFile).toBeUndefined();
  });
});
