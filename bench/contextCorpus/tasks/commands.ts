import { addDays, daysBetween, formatRelative } from './dates';
import { TaskStore } from './store';
import type { Priority, Task } from './types';

export function snooze(store: TaskStore, id: string, days: number): Task {
  const task = store.getTask(id);
  if (!task) throw new Error(`no task ${id}`);
  const from = task.dueDate ?? new Date();
  return store.updateTask(id, { dueDate: addDays(from, days) });
}

export function complete(store: TaskStore, id: string, now = new Date()): Task {
  return store.updateTask(id, { doneAt: now });
}

export function overdue(store: TaskStore, now = new Date()): Task[] {
  const open = store.queryTasks({ includeDone: false });
  return open.filter((t) => t.dueDate !== undefined && daysBetween(now, t.dueDate) < 0);
}

export function describeTask(task: Task, now = new Date()): string {
  const due = task.dueDate ? ` (due ${formatRelative(task.dueDate, now)})` : '';
  return `[${task.priority}] ${task.title}${due}`;
}

export function escalate(store: TaskStore, assignee: string): Task[] {
  const mine = store.queryTasks({ assignee, includeDone: false });
  const urgent: Priority = 'urgent';
  return mine.map((t) => store.updateTask(t.id, { priority: urgent }));
}

export function plan(store: TaskStore, titles: string[], start: Date): Task[] {
  return titles.map((title, i) => store.createTask(title, { dueDate: addDays(start, i) }));
}
