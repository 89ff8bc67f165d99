import { PRIORITY_ORDER, type Task, type TaskFilter } from './types';

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  private nextId = 1;

  createTask(title: string, fields: Partial<Omit<Task, 'id' | 'title'>> = {}): Task {
    const task: Task = { id: `T-${this.nextId++}`, title, priority: 'normal', labels: [], ...fields };
    this.tasks.set(task.id, task);
    return task;
  }

  getTask(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  updateTask(id: string, changes: Partial<Task>): Task {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    Object.assign(task, changes);
    return task;
  }

  queryTasks(filter: TaskFilter): Task[] {
    return [...this.tasks.values()]
      .filter((t) => filter.includeDone || !t.doneAt)
      .filter((t) => !filter.assignee || t.assignee === filter.assignee)
      .filter((t) => !filter.label || t.labels.includes(filter.label))
      .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
  }
}
