import { categoryLetter, ticketNumber } from './ticket-number';

describe('queue ticket numbers', () => {
  it('give each category a letter, skipping I and O, then two letters', () => {
    expect([0, 1, 7, 8, 12, 13, 23].map(categoryLetter)).toEqual(['A', 'B', 'H', 'J', 'N', 'P', 'Z']);
    expect(categoryLetter(24)).toBe('AA');
    expect(categoryLetter(25)).toBe('AB');
    expect(() => categoryLetter(24 + 24 * 24)).toThrow(RangeError);
  });

  it('pad the sequence to three digits', () => {
    expect(ticketNumber('A', 23)).toBe('A023');
    expect(ticketNumber('B', 1)).toBe('B001');
    expect(ticketNumber('A', 1000)).toBe('A1000');
    expect(() => ticketNumber('A', 0)).toThrow(RangeError);
  });
});
