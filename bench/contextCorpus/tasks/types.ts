export type Priority = 'low' | 'normal' | 'urgent';

export interface Task {
  id: string;
  title: string;
  priority: Priority;
  dueDate?: Date;
  doneAt?: Date;
  assignee?: string;
  labels: string[];
}

export interface TaskFilter {
  assignee?: string;
  label?: string;
  includeDone: boolean;
}

export const PRIORITY_ORDER: Record<Priority, number> = { urgent: 0, normal: 1, low: 2 };
