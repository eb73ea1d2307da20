import type { MessageContent } from '@taskline/core';

/** The fixed sentences of the worker, formatted for WhatsApp (*bold*, short lines). */
export const text = (body: string): MessageContent => ({ type: 'text', text: { body, preview_url: false } });

export const replies = {
  fallback: 'Sorry, I could not answer that. Please try again in a moment.',
  unreadable: (type: string) =>
    text(
      `Thanks! I can't read ${describeType(type)} yet. Please type what you need, for example: *create a task to* call the client.`,
    ),
  unknownSender: (tenantName: string) =>
    text(
      `Hi! This number is the task assistant of *${tenantName}*, but your WhatsApp isn't linked to an account here yet. Please ask your ${tenantName} administrator to add you.`,
    ),
};

function describeType(type: string): string {
  switch (type) {
    case 'image':
      return 'images';
    case 'audio':
      return 'voice notes';
    case 'video':
      return 'videos';
    case 'sticker':
      return 'stickers';
    case 'document':
      return 'documents';
    case 'location':
      return 'locations';
    case 'contacts':
      return 'contact cards';
    default:
      return 'this kind of message';
  }
}
