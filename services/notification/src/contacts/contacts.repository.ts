import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Channel } from '../shared/channel';
import type { Contact } from './contact';
import { ContactDocument } from './contact.schema';

@Injectable()
export class ContactsRepository {
  constructor(@InjectModel(ContactDocument.name) private readonly contacts: Model<ContactDocument>) {}

  async find(senderKeys: readonly string[]): Promise<Map<string, Contact>> {
    if (senderKeys.length === 0) return new Map();
    const found = await this.contacts.find({ _id: { $in: [...new Set(senderKeys)] } }).lean<ContactDocument[]>().exec();
    return new Map(found.map((document) => [document._id, contactOf(document)]));
  }

  /** One sender's reports share a partition, so one consumer writes a contact at a time. */
  async save(contact: Contact): Promise<void> {
    const { senderKey, ...fields } = contact;
    await this.contacts.collection.replaceOne({ _id: senderKey } as never, fields, { upsert: true });
  }

  /** A provider said the person opted out (Twilio 21610): nothing else goes that way. */
  async addOptOut(senderKeys: readonly string[], channel: Channel, at: Date): Promise<void> {
    for (const senderKey of new Set(senderKeys)) {
      await this.contacts.collection.updateOne(
        { _id: senderKey } as never,
        { $addToSet: { optedOut: channel }, $setOnInsert: { lastInboundAt: {}, updatedAt: at } } as never,
        { upsert: true },
      );
    }
  }
}

function contactOf(document: ContactDocument): Contact {
  const { _id, lastInboundAt, optedOut, lastChannel, ...rest } = document;
  return {
    ...rest,
    senderKey: _id,
    lastInboundAt: Object.fromEntries(Object.entries(lastInboundAt ?? {}).map(([channel, at]) => [channel, new Date(at)])),
    optedOut: (optedOut ?? []) as Channel[],
    ...(lastChannel ? { lastChannel: lastChannel as Channel } : {}),
  };
}
