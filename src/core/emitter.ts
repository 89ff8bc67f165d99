// A minimal typed event emitter, so the core can notify the editor adapter without vscode.

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribes; returns a function that unsubscribes. */
  on(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing listener must not break the engine or the other listeners.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
