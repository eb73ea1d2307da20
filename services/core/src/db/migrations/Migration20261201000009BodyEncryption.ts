import { Migration } from '@mikro-orm/migrations';

/**
 * Message bodies encrypted at rest (services/core/src/crypto/keyring.ts): the body column stays jsonb and holds
 * `{"$enc": "v1:<key id>:..."}`; search reads a blind index of the words instead of the text. Rows written before
 * keep their plain body and no index until `taskline keys rotate` seals and indexes them.
 */
export class Migration20261201000009BodyEncryption extends Migration {
  override name = 'Migration20261201000009BodyEncryption';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add column "body_terms" bigint[] null;`);
    this.addSql(
      `create index "whatsapp_messages_body_terms_index" on "whatsapp_messages" using gin ("body_terms");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "whatsapp_messages_body_terms_index";`);
    this.addSql(`alter table "whatsapp_messages" drop column if exists "body_terms";`);
  }
}
