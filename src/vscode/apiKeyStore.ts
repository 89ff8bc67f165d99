// The API key lives only in VS Code's SecretStorage (the OS keychain where available).

import * as vscode from 'vscode';
import { Emitter } from '../core/emitter';

const SECRET_ID = 'ghostComplete.apiKey';

export class ApiKeyStore implements vscode.Disposable {
  readonly onDidChange = new Emitter<void>();
  private cached: string | undefined;
  private loaded = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key !== SECRET_ID) return;
      this.loaded = false;
      this.onDidChange.fire();
    });
  }

  /** The key, read once and then from memory: SecretStorage is slow for every keystroke. */
  async get(): Promise<string | undefined> {
    if (!this.loaded) {
      this.cached = (await this.secrets.get(SECRET_ID)) || undefined;
      this.loaded = true;
    }
    return this.cached;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_ID, key);
    this.cached = key;
    this.loaded = true;
    this.onDidChange.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
    this.cached = undefined;
    this.loaded = true;
    this.onDidChange.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.onDidChange.clear();
  }
}
