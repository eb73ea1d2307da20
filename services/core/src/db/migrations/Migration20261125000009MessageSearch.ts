import { Migration } from '@mikro-orm/migrations';

/**
 * Trigram search over messages' text for the console (pg_trgm ships with PostgreSQL and is a trusted extension:
 * the database owner may create it). Note: encrypting bodies at rest would end this index; see docs/security.md.
 */
// The expression is messageTextSql() of the entity as it was when this migration was written.
export class Migration20261125000009MessageSearch extends Migration {
  override name = 'Migration20261125000009MessageSearch';

  override up(): void | Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create index "whatsapp_messages_text_trgm_index" on "whatsapp_messages" using gin ((coalesce(body->'text'->>'body', body->'interactive'->'body'->>'text', body->'interactive'->'button_reply'->>'title', body->'interactive'->'list_reply'->>'title', body->'button'->>'text', body->'template'->>'name', '[' || type || ']')) gin_trgm_ops);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "whatsapp_messages_text_trgm_index";`);
  }
}
