import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { guardDriverSocketWrites } from '@cc/persistence';
import { currentInfraMode, loadLocalInfra, quietly, waitFor } from '@cc/testing';

/**
 * Busy connections through repeated restarts of the store must each come back: with the driver
 * alone (mongodb 7.8) a heartbeat written as the socket dies hangs for good, and within three
 * restarts some of eight connections stay "disconnected" forever (see driver-guards.ts).
 */
describe('store restart', () => {
  const withLocalStore = currentInfraMode() === 'local' ? it : it.skip;
  const CONNECTIONS = 8;
  const RESTARTS = 3;

  withLocalStore(`every one of ${CONNECTIONS} busy connections answers again after each of ${RESTARTS} restarts`, async () => {
    guardDriverSocketWrites();
    const infra = loadLocalInfra();
    const db = `store_restart_${randomUUID().slice(0, 8)}`;
    const connections = await Promise.all(
      Array.from({ length: CONNECTIONS }, () =>
        // The services' settings (libs/persistence): a short server selection, a pool of 20.
        mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db, serverSelectionTimeoutMS: 5000, maxPoolSize: 20 }).asPromise(),
      ),
    );
    const lastAnswer = connections.map(() => 0);
    let running = true;
    // Inserts, reads and pings all the time, so that some are on the wire whenever the store dies.
    const busy = connections.map(async (connection, index) => {
      const docs = connection.db!.collection('docs');
      while (running) {
        try {
          await Promise.all([docs.insertMany(Array.from({ length: 20 }, (_, k) => ({ k }))), docs.findOne({ k: 3 }), connection.db!.command({ ping: 1 })]);
          lastAnswer[index] = Date.now();
        } catch {
          // The store is down: the next round tries again.
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    try {
      for (let restart = 1; restart <= RESTARTS; restart++) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await infra.down(quietly({ components: ['ferretdb'] }));
        await infra.up(quietly({ components: ['ferretdb'] }));
        const upAt = Date.now();
        await waitFor(
          `every connection answering after restart ${restart}`,
          () => {
            const silent = lastAnswer.flatMap((at, index) => (at > upAt ? [] : [`#${index} (readyState ${connections[index]!.readyState})`]));
            if (silent.length > 0) throw new Error(`still silent: ${silent.join(', ')}`);
            return true;
          },
          { timeoutMs: 30000, intervalMs: 200 },
        );
      }
      // Readiness reads mongoose's readyState: it must say connected again too.
      expect(connections.map((connection) => connection.readyState)).toEqual(connections.map(() => mongoose.ConnectionStates.connected));
    } finally {
      running = false;
      await Promise.allSettled(busy);
      await connections[0]!.dropDatabase().catch(() => undefined);
      await Promise.all(connections.map((connection) => connection.close()));
    }
  }, 180000);
});
