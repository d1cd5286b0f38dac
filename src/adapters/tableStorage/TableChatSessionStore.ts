import type { TableClient } from '@azure/data-tables';

import type { ChatSession, ChatSessionStore } from '../../app/ports';
import { encodeKey } from './tableKeys';
import { isMissingEntity, TableStorageError } from './TableStorageError';

/** One partition: a session per head, a few hundred at most. */
const PARTITION = 'chat';

interface ChatSessionEntity {
  term: string;
  urn?: string;
  /** The academies offered, as JSON (a table property holds no list). */
  choosing?: string;
  position: number;
  inspected?: boolean;
  owner?: boolean;
  updatedAt: string;
}

/**
 * ChatSessionStore on Azure Table Storage (table `chatsessions` by default): one entity per person, keyed
 * by their roster email. The bot runs on Azure Functions, where one reply's host may not be the next's.
 */
export class TableChatSessionStore implements ChatSessionStore {
  constructor(private readonly table: TableClient) {}

  async get(personEmail: string): Promise<ChatSession | undefined> {
    const rowKey = encodeKey(personEmail);
    try {
      const entity = await this.table.getEntity<ChatSessionEntity>(PARTITION, rowKey);
      return fromEntity(personEmail, entity);
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw this.failure('read chat session', rowKey, error);
    }
  }

  async save(session: ChatSession): Promise<void> {
    const rowKey = encodeKey(session.personEmail);
    const entity: ChatSessionEntity = {
      term: session.term,
      position: session.position,
      updatedAt: session.updatedAt,
      ...(session.urn !== undefined && { urn: session.urn }),
      ...(session.choosing !== undefined && { choosing: JSON.stringify(session.choosing) }),
      ...(session.inspected !== undefined && { inspected: session.inspected }),
      ...(session.owner && { owner: true }),
    };
    try {
      await this.table.upsertEntity({ partitionKey: PARTITION, rowKey, ...entity }, 'Replace');
    } catch (error) {
      throw this.failure('save chat session', rowKey, error);
    }
  }

  async clear(personEmail: string): Promise<void> {
    const rowKey = encodeKey(personEmail);
    try {
      await this.table.deleteEntity(PARTITION, rowKey);
    } catch (error) {
      if (!isMissingEntity(error)) throw this.failure('end chat session', rowKey, error);
    }
  }

  private failure(operation: string, rowKey: string, error: unknown): TableStorageError {
    return new TableStorageError(
      { table: this.table.tableName, operation, partitionKey: PARTITION, rowKey },
      'the chat answers session could not be read or written',
      { cause: error },
    );
  }
}

function fromEntity(personEmail: string, entity: ChatSessionEntity): ChatSession {
  const session: ChatSession = {
    personEmail,
    term: String(entity.term),
    position: Number.isInteger(entity.position) && entity.position >= 0 ? entity.position : 0,
    updatedAt: String(entity.updatedAt),
  };
  if (typeof entity.urn === 'string') session.urn = entity.urn;
  if (typeof entity.inspected === 'boolean') session.inspected = entity.inspected;
  if (entity.owner === true) session.owner = true;
  if (typeof entity.choosing === 'string') session.choosing = urnList(entity.choosing);
  return session;
}

/** The academies offered, as written by save; an unreadable list offers none (the head starts again). */
function urnList(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((urn): urn is string => typeof urn === 'string') : [];
  } catch {
    return [];
  }
}
