import { median } from './scoreboard.service.js';
import { digestWeek, reminderKind } from '../assignments/index.js';
import { DAY } from '../shared/index.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle values, of unsorted input', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 8])).toBe(6);
  });
});

describe('reminderKind', () => {
  const due = new Date('2026-12-31T04:00:00Z');
  const at = (msBefore: number) => reminderKind(due, new Date(due.getTime() - msBefore));
  it('says nothing more than 14 days ahead, then the 14-day and 3-day reminders', () => {
    expect(at(15 * DAY)).toBeNull();
    expect(at(14 * DAY)).toBe('due_14d');
    expect(at(3 * DAY + 1)).toBe('due_14d');
    expect(at(3 * DAY)).toBe('due_3d');
    expect(at(1)).toBe('due_3d');
  });
  it('waits for the day after the deadline before the overdue notice', () => {
    expect(at(0)).toBeNull();
    expect(at(-DAY + 1)).toBeNull();
    expect(at(-DAY)).toBe('overdue');
    expect(at(-40 * DAY)).toBe('overdue');
  });
});

describe('digestWeek', () => {
  it('names the Monday of the week in Taiwan time', () => {
    // Sunday 2026-11-29 16:00 UTC is Monday 00:00 in Taipei: already the next week.
    expect(digestWeek(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-23');
    expect(digestWeek(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(digestWeek(new Date('2026-12-02T09:00:00Z'))).toBe('2026-11-30');
  });
});
