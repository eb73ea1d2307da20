import type { RequestContext } from '@mastra/core/request-context';
import type { EntityManager, TaskOwner } from '@taskline/core';

/**
 * What the tools of one conversation turn act with: the worker's transaction (so the tools' effects commit with
 * the inbound message record, or not at all), the user, their zone and the message that asked.
 */
export interface TurnContext {
  em: EntityManager;
  owner: TaskOwner;
  timezone: string;
  now: Date;
  sourceWamid?: string;
}

export const TURN_KEY = 'taskline.turn';

export function turnOf(requestContext: RequestContext | undefined): TurnContext {
  const turn = requestContext?.get<string, TurnContext | undefined>(TURN_KEY);
  if (!turn) throw new Error('the assistant tools need a TurnContext in the request context');
  return turn;
}
