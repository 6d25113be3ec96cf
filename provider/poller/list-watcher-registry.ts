import { ListWatcher, type ListWatcherOptions } from "./list-watcher";

/**
 * The watchers of one resource kind for one run, by key. The caller builds the key from everything its list
 * function depends on (client identity + kind + project + scope): the first call for a key creates the
 * watcher with that call's options, later calls share it. One registry per kind keeps the item type exact.
 * Idle watchers hold no timer, so they stay in the map; a run has a handful of keys.
 */
export class ListWatcherRegistry<T> {
  private readonly watchers = new Map<string, ListWatcher<T>>();

  watcher(key: string, create: () => ListWatcherOptions<T>): ListWatcher<T> {
    let watcher = this.watchers.get(key);
    if (!watcher) {
      watcher = new ListWatcher(create());
      this.watchers.set(key, watcher);
    }
    return watcher;
  }

  get size(): number {
    return this.watchers.size;
  }
}
