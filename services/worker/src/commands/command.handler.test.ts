import { describe, expect, it } from 'vitest';
import { parseCommand } from './command.handler.ts';

describe('parseCommand', () => {
  it.each([
    ['Create a task to review the quarterly reports', 'review the quarterly reports'],
    ['create task: call the bank', 'call the bank'],
    ['Add a new task called Prepare slides.', 'Prepare slides'],
    ['please remind me to call the client', 'call the client'],
  ])('reads "%s" as creating "%s"', (input, title) => {
    expect(parseCommand(input)).toEqual({ kind: 'create', title });
  });

  it.each([
    ['mark the presentation task as complete', 'presentation'],
    ['Mark review the quarterly reports as done', 'review the quarterly reports'],
    ['complete the budget task', 'budget'],
  ])('reads "%s" as completing "%s"', (input, reference) => {
    expect(parseCommand(input)).toEqual({ kind: 'complete', reference });
  });

  it.each(["what's due this week?", 'list my tasks', 'show tasks', 'tasks'])(
    'reads "%s" as listing',
    (input) => {
      expect(parseCommand(input)).toEqual({ kind: 'list' });
    },
  );

  it('answers greetings, thanks and help, and admits what it does not understand', () => {
    expect(parseCommand('Hello there')).toEqual({ kind: 'greeting' });
    expect(parseCommand('thank you!')).toEqual({ kind: 'thanks' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand("what's the weather in Lisbon")).toEqual({ kind: 'unknown' });
  });
});
