import type { MessageContent } from '@taskline/core';

/** The fixed sentences of the worker, in the user's language, formatted for WhatsApp (*bold*, short lines). */
export const text = (body: string): MessageContent => ({ type: 'text', text: { body, preview_url: false } });

export type Lang = 'en' | 'es' | 'pt';

const TYPES: Record<Lang, Record<string, string>> = {
  en: {
    image: 'images',
    audio: 'voice notes',
    video: 'videos',
    sticker: 'stickers',
    document: 'documents',
    location: 'locations',
    contacts: 'contact cards',
    other: 'this kind of message',
  },
  es: {
    image: 'imágenes',
    audio: 'notas de voz',
    video: 'vídeos',
    sticker: 'stickers',
    document: 'documentos',
    location: 'ubicaciones',
    contacts: 'contactos',
    other: 'este tipo de mensaje',
  },
  pt: {
    image: 'imagens',
    audio: 'mensagens de voz',
    video: 'vídeos',
    sticker: 'figurinhas',
    document: 'documentos',
    location: 'localizações',
    contacts: 'contatos',
    other: 'este tipo de mensagem',
  },
};

const SAY: Record<
  Lang,
  {
    fallback: string;
    unreadable: (what: string) => string;
    unknown: (tenant: string) => string;
    slowDown: string;
    busy: string;
  }
> = {
  en: {
    fallback: 'Sorry, I could not answer that. Please try again in a moment.',
    slowDown: "You're sending messages faster than I can keep up with. I'll answer again in a minute.",
    busy: "I'm getting a lot of messages right now and couldn't handle yours. Please send it again in a minute.",
    unreadable: (what) =>
      `Thanks! I can't read ${what} yet. Please type what you need, for example: *create a task to* call the client.`,
    unknown: (t) =>
      `Hi! This number is the task assistant of *${t}*, but your WhatsApp isn't linked to an account here yet. Please ask your ${t} administrator to add you.`,
  },
  es: {
    fallback: 'Lo siento, no pude responder. Inténtalo de nuevo en un momento.',
    slowDown: 'Estás enviando mensajes más rápido de lo que puedo seguir. Volveré a responder en un minuto.',
    busy: 'Estoy recibiendo muchos mensajes ahora mismo y no pude atender el tuyo. Envíalo de nuevo en un minuto.',
    unreadable: (what) =>
      `¡Gracias! Aún no puedo leer ${what}. Escribe lo que necesitas, por ejemplo: *crea una tarea para* llamar al cliente.`,
    unknown: (t) =>
      `¡Hola! Este número es el asistente de tareas de *${t}*, pero tu WhatsApp aún no está vinculado a una cuenta. Pide a tu administrador de ${t} que te añada.`,
  },
  pt: {
    fallback: 'Desculpe, não consegui responder. Tente de novo em instantes.',
    slowDown:
      'Você está enviando mensagens mais rápido do que consigo acompanhar. Volto a responder em um minuto.',
    busy: 'Estou recebendo muitas mensagens agora e não consegui atender a sua. Envie de novo em um minuto.',
    unreadable: (what) =>
      `Obrigado! Ainda não consigo ler ${what}. Escreva o que precisa, por exemplo: *criar tarefa* ligar para o cliente.`,
    unknown: (t) =>
      `Olá! Este número é o assistente de tarefas da *${t}*, mas seu WhatsApp ainda não está vinculado a uma conta. Peça ao administrador da ${t} para incluir você.`,
  },
};

export const replies = {
  fallback: (language: Lang = 'en') => SAY[language].fallback,
  unreadable: (type: string, language: Lang = 'en') =>
    text(SAY[language].unreadable(TYPES[language][type] ?? TYPES[language].other!)),
  unknownSender: (tenantName: string, language: Lang = 'en') => text(SAY[language].unknown(tenantName)),
  slowDown: (language: Lang = 'en') => text(SAY[language].slowDown),
  busy: (language: Lang = 'en') => text(SAY[language].busy),
};
