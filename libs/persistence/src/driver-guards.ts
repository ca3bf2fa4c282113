/** The driver's connection class, as far as the guard touches it (internal API of mongodb 7.x). */
interface DriverConnection {
  id: number | '<monitor>';
  address: string;
  socket: NodeJS.EventEmitter & { destroyed: boolean };
  onError(error: Error): void;
  writeCommand(command: unknown, options: unknown): Promise<void>;
}

const GUARDED = Symbol.for('connect-center.mongodb.write-guard');

/**
 * Works around a hang in the MongoDB Node driver (seen with 7.8 against a restarted FerretDB):
 * when the server goes away, a socket can be destroyed a moment before the driver's connection
 * learns of it. A command written then gets `false` from `socket.write` and waits for a `drain`
 * that a destroyed socket never emits, and the connection's close handler cannot reject it (it
 * only rejects reads in progress). When that command is the server monitor's heartbeat, the
 * monitor waits forever, the server stays Unknown, and every operation fails server selection
 * with the old error — the service never reconnects (test/integration/store-restart.int-spec.ts
 * reproduces it within three restarts without this guard).
 *
 * The guard makes a write on a destroyed socket fail at once, and a write waiting for `drain` fail
 * when the socket closes, with the network error the driver itself uses, so the monitor records a
 * failed heartbeat and tries again. It patches the driver's prototype once per process; if a
 * driver upgrade moves that method, boot fails here rather than silently losing the guard.
 */
export function guardDriverSocketWrites(): void {
  // One driver in the tree (mongoose's): a plain require, so that jest's module registry patches its own copy too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoNetworkError } = require('mongodb') as { MongoNetworkError: new (message: string) => Error };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Connection } = require('mongodb/lib/cmap/connection.js') as { Connection?: { prototype: DriverConnection } };
  const prototype = Connection?.prototype as (DriverConnection & { [GUARDED]?: true }) | undefined;
  if (typeof prototype?.writeCommand !== 'function') {
    throw new Error('mongodb driver: Connection.prototype.writeCommand not found; review libs/persistence/src/driver-guards.ts for this driver version');
  }
  if (prototype[GUARDED]) return;
  const write = prototype.writeCommand;
  prototype.writeCommand = function guardedWrite(this: DriverConnection, command: unknown, options: unknown): Promise<void> {
    const closedError = () => new MongoNetworkError(`connection ${this.id} to ${this.address} closed`);
    const { socket } = this;
    if (socket.destroyed) {
      const error = closedError();
      this.onError(error);
      return Promise.reject(error);
    }
    let onClose!: () => void;
    const closed = new Promise<never>((_, reject) => {
      onClose = () => reject(closedError());
      socket.once('close', onClose);
    });
    return Promise.race([write.call(this, command, options), closed]).finally(() => socket.off('close', onClose));
  };
  prototype[GUARDED] = true;
}

