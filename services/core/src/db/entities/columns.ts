import { p } from '@mikro-orm/core';

/** The columns every entity has: a random UUID key, and when the row was created and last changed. */
export const uuidPrimaryKey = () => ({
  id: p
    .uuid()
    .primary()
    .onCreate(() => crypto.randomUUID()),
});

export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});
